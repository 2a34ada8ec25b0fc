//! The client against OpenAI's published spec, served by the Stoplight Prism mock server.
//!
//! Prism answers each documented operation with the example from
//! `certificates.examples.yaml` and refuses, with a 4xx, any request the spec does not
//! allow: a missing or mistyped body field, too few or too many ids, a query value of
//! the wrong type, no bearer key. Every client operation is called here through the
//! real hyper transport and must get a 200 whose example decodes to exactly the
//! documented values; a few hand-made requests prove that the validator is really on.
//!
//! The tests are ignored by default because they need the server. `cargo xtask
//! conformance` installs and starts Prism on 127.0.0.1, runs them with
//! `OPENAI_ADMIN_CONFORMANCE_URL` set to its base URL, and stops it. Prism serves the
//! paths without the `/v1` prefix, so that URL is the base URL as it stands.
//!
//! Limitation: Prism checks the certificate query parameter `include` only in the form
//! the spec writes (`include=content`). The client sends `include[]=content`, as the
//! official SDKs and the documented curl example do, and Prism ignores that name as an
//! unknown parameter, so the conformance run cannot tell a right `include[]` value from
//! a wrong one. `prism_checks_include_only_in_the_form_the_spec_writes` pins this down.

use std::collections::BTreeSet;

use bytes::Bytes;
use http::{header, Method, StatusCode};
use openai_admin::types::{
    Certificate, CertificateDetails, CertificateObject, CursorPage, Extra, Page,
};
use openai_admin::{operations, Client, ListOrder, ListParams, Response};
use openai_admin_testing::{fake_certificate_pem, RecordingTransport};
use openai_admin_transport::{HttpSend, HyperTransport};
use serde_json::{json, Value};

const URL_ENV: &str = "OPENAI_ADMIN_CONFORMANCE_URL";

/// Made up: Prism checks only that a bearer key is there.
const KEY: &str = "sk-admin-conformance-test";

const PROJECT: &str = "proj_abc";

/// The PEM content in the documented example of a retrieve.
const EXAMPLE_CONTENT: &str = "-----BEGIN CERTIFICATE-----MIIDeT...-----END CERTIFICATE-----";

/// Prism's base URL, from `OPENAI_ADMIN_CONFORMANCE_URL`.
///
/// # Panics
///
/// When it is unset, so that running these tests with `--ignored` but without the
/// server fails loudly; and when it is not plain HTTP on 127.0.0.1, because these tests
/// send a made-up key that only a local mock should ever see.
fn prism_url() -> String {
    let url = std::env::var(URL_ENV).unwrap_or_else(|_| {
        panic!(
            "{URL_ENV} is not set: the conformance tests need the Prism mock server; run \
             `cargo xtask conformance`, which starts it and sets the variable"
        )
    });
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "{URL_ENV}={url:?}: the conformance tests only talk to a mock on http://127.0.0.1"
    );
    url
}

fn client() -> Client {
    Client::builder()
        .admin_key(KEY)
        .base_url(prism_url())
        .max_retries(0)
        .build()
        .unwrap()
}

/// A certificate as the documented examples show it: created at 1234567, valid from
/// 12345667 to 12345678, no PEM content, nothing beyond the known fields.
fn example(object: CertificateObject, id: &str, name: &str, active: Option<bool>) -> Certificate {
    Certificate {
        object,
        id: id.to_owned(),
        name: Some(name.to_owned()),
        active,
        created_at: 1_234_567,
        certificate_details: CertificateDetails {
            valid_at: Some(12_345_667),
            expires_at: Some(12_345_678),
            content: None,
            extra: Extra::new(),
        },
        extra: Extra::new(),
    }
}

/// `cert_abc` and `cert_def`, both `active`, as the toggle examples list them.
fn toggled(object: CertificateObject, active: bool) -> Vec<Certificate> {
    vec![
        example(
            object.clone(),
            "cert_abc",
            "My Example Certificate",
            Some(active),
        ),
        example(object, "cert_def", "My Example Certificate 2", Some(active)),
    ]
}

/// Checks a list page: the documented single certificate, `object` and cursors.
fn assert_list_example(page: &Response<CursorPage<Certificate>>, object: CertificateObject) {
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.object, "list");
    assert_eq!(
        page.data,
        [example(
            object,
            "cert_abc",
            "My Example Certificate",
            Some(true)
        )]
    );
    assert_eq!(page.first_id.as_deref(), Some("cert_abc"));
    assert_eq!(page.last_id.as_deref(), Some("cert_abc"));
    assert!(!page.has_more);
    assert!(page.extra.is_empty());
}

fn assert_toggle_example(page: &Response<Page<Certificate>>, object: &str, active: bool) {
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.object, object);
    let tag = if object.starts_with("organization.project.") {
        CertificateObject::OrganizationProjectCertificate
    } else {
        CertificateObject::OrganizationCertificate
    };
    assert_eq!(page.data, toggled(tag, active));
    assert!(page.extra.is_empty());
}

// One check per client operation. Each is run by a test of its own and, all together,
// by `every_operation_in_the_table_is_exercised`.

async fn list_organization(client: &Client) {
    let page = client
        .organization()
        .certificates()
        .list(ListParams::new())
        .await
        .unwrap();
    assert_list_example(&page, CertificateObject::OrganizationCertificate);
}

async fn list_organization_with_every_parameter(client: &Client) {
    let params = ListParams::new()
        .limit(1)
        .after("cert_abc")
        .order(ListOrder::Asc);
    let page = client
        .organization()
        .certificates()
        .list(params)
        .await
        .unwrap();
    assert_list_example(&page, CertificateObject::OrganizationCertificate);
}

async fn list_all_organization(client: &Client) {
    let mut pager = client
        .organization()
        .certificates()
        .list_all(ListParams::new().limit(100));
    let mut all = Vec::new();
    while let Some(certificate) = pager.next().await {
        all.push(certificate.unwrap());
    }
    assert_eq!(
        all,
        [example(
            CertificateObject::OrganizationCertificate,
            "cert_abc",
            "My Example Certificate",
            Some(true)
        )]
    );
    assert_eq!(pager.pages_fetched(), 1);
}

async fn upload(client: &Client) {
    let pem = fake_certificate_pem(12_345_667, 12_345_678);
    let certificate = client
        .organization()
        .certificates()
        .upload(pem, Some("My Example Certificate".to_owned()))
        .await
        .unwrap();
    assert_eq!(certificate.status, StatusCode::OK);
    assert_eq!(
        certificate.value,
        example(
            CertificateObject::Certificate,
            "cert_abc",
            "My Example Certificate",
            None
        )
    );
}

/// The retrieve example, which differs from the others: it is valid from 1234567 and
/// carries the PEM content. Prism gives it with or without `include[]=content`.
fn retrieve_example() -> Certificate {
    let mut certificate = example(
        CertificateObject::Certificate,
        "cert_abc",
        "My Example Certificate",
        None,
    );
    certificate.certificate_details.valid_at = Some(1_234_567);
    certificate.certificate_details.content = Some(EXAMPLE_CONTENT.to_owned());
    certificate
}

async fn retrieve(client: &Client) {
    let certificate = client
        .organization()
        .certificates()
        .retrieve("cert_abc")
        .await
        .unwrap();
    assert_eq!(certificate.status, StatusCode::OK);
    assert_eq!(certificate.value, retrieve_example());
}

async fn retrieve_with_content(client: &Client) {
    let certificate = client
        .organization()
        .certificates()
        .retrieve_with_content("cert_abc")
        .await
        .unwrap();
    assert_eq!(certificate.status, StatusCode::OK);
    assert_eq!(certificate.value, retrieve_example());
}

async fn modify(client: &Client) {
    let certificate = client
        .organization()
        .certificates()
        .modify("cert_abc", "Renamed Certificate")
        .await
        .unwrap();
    assert_eq!(certificate.status, StatusCode::OK);
    assert_eq!(
        certificate.value,
        example(
            CertificateObject::Certificate,
            "cert_abc",
            "Renamed Certificate",
            None
        )
    );
}

async fn delete(client: &Client) {
    let deleted = client
        .organization()
        .certificates()
        .delete("cert_abc")
        .await
        .unwrap();
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(
        (deleted.object.as_str(), deleted.id.as_str()),
        ("certificate.deleted", "cert_abc")
    );
    assert!(deleted.extra.is_empty());
}

async fn activate_organization(client: &Client) {
    let page = client
        .organization()
        .certificates()
        .activate(["cert_abc", "cert_def"])
        .await
        .unwrap();
    assert_toggle_example(&page, "organization.certificate.activation", true);
}

async fn deactivate_organization(client: &Client) {
    let page = client
        .organization()
        .certificates()
        .deactivate(["cert_abc", "cert_def"])
        .await
        .unwrap();
    assert_toggle_example(&page, "organization.certificate.deactivation", false);
}

/// Twelve ids: a batch of ten and one of two, both within the spec's limit.
async fn bulk_deactivate_organization(client: &Client) {
    let ids: Vec<String> = (1..=12).map(|n| format!("cert_{n:02}")).collect();
    let outcomes = client
        .organization()
        .certificates()
        .bulk_deactivate(ids.clone())
        .await
        .unwrap();

    let sizes: Vec<usize> = outcomes.iter().map(|outcome| outcome.ids.len()).collect();
    assert_eq!(sizes, [10, 2]);
    for outcome in &outcomes {
        let page = outcome.result.as_ref().unwrap();
        assert_toggle_example(page, "organization.certificate.deactivation", false);
    }
}

async fn list_project(client: &Client) {
    let page = client
        .organization()
        .project(PROJECT)
        .certificates()
        .list(ListParams::new().limit(20).order(ListOrder::Desc))
        .await
        .unwrap();
    assert_list_example(&page, CertificateObject::OrganizationProjectCertificate);
}

async fn list_all_project(client: &Client) {
    let all = client
        .organization()
        .project(PROJECT)
        .certificates()
        .list_all(ListParams::new())
        .collect()
        .await
        .unwrap();
    assert_eq!(
        all,
        [example(
            CertificateObject::OrganizationProjectCertificate,
            "cert_abc",
            "My Example Certificate",
            Some(true)
        )]
    );
}

async fn activate_project(client: &Client) {
    let page = client
        .organization()
        .project(PROJECT)
        .certificates()
        .activate(["cert_abc", "cert_def"])
        .await
        .unwrap();
    assert_toggle_example(&page, "organization.project.certificate.activation", true);
}

async fn deactivate_project(client: &Client) {
    let page = client
        .organization()
        .project(PROJECT)
        .certificates()
        .deactivate(["cert_abc", "cert_def"])
        .await
        .unwrap();
    assert_toggle_example(
        &page,
        "organization.project.certificate.deactivation",
        false,
    );
}

async fn every_check(client: &Client) {
    list_organization(client).await;
    list_organization_with_every_parameter(client).await;
    list_all_organization(client).await;
    upload(client).await;
    retrieve(client).await;
    retrieve_with_content(client).await;
    modify(client).await;
    delete(client).await;
    activate_organization(client).await;
    deactivate_organization(client).await;
    bulk_deactivate_organization(client).await;
    list_project(client).await;
    list_all_project(client).await;
    activate_project(client).await;
    deactivate_project(client).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_list_gets_the_documented_example() {
    list_organization(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_list_with_limit_after_and_order_is_accepted() {
    list_organization_with_every_parameter(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_list_all_walks_the_documented_page() {
    list_all_organization(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn upload_gets_the_documented_example() {
    upload(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn retrieve_gets_the_documented_example() {
    retrieve(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn retrieve_with_content_gets_the_documented_example() {
    retrieve_with_content(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn modify_gets_the_documented_example() {
    modify(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn delete_gets_the_documented_example() {
    delete(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_activate_gets_the_documented_example() {
    activate_organization(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_deactivate_gets_the_documented_example() {
    deactivate_organization(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn organization_bulk_deactivate_sends_batches_the_spec_allows() {
    bulk_deactivate_organization(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn project_list_gets_the_documented_example() {
    list_project(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn project_list_all_walks_the_documented_page() {
    list_all_project(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn project_activate_gets_the_documented_example() {
    activate_project(&client()).await;
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn project_deactivate_gets_the_documented_example() {
    deactivate_project(&client()).await;
}

/// The operation a request was for: among the operations with its method whose path
/// template fits, the one with the fewest placeholders, so that
/// `/organization/certificates/activate` is an activation and not a modify of a
/// certificate called `activate`.
fn operation_of(method: &Method, path: &str) -> Option<&'static str> {
    operations()
        .iter()
        .filter(|operation| operation.method == *method && fits(operation.path, path))
        .min_by_key(|operation| operation.path.matches('{').count())
        .map(|operation| operation.id)
}

fn fits(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template.iter().zip(&path).all(|(want, got)| {
            want == got || (want.starts_with('{') && want.ends_with('}') && !got.is_empty())
        })
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn every_operation_in_the_table_is_exercised() {
    let transport = RecordingTransport::new(HyperTransport::new().unwrap());
    let client = Client::builder()
        .admin_key(KEY)
        .base_url(prism_url())
        .max_retries(0)
        .transport(transport.clone())
        .build()
        .unwrap();

    every_check(&client).await;

    let mut exercised = BTreeSet::new();
    for request in transport.requests() {
        let operation = operation_of(&request.method, request.path());
        let operation = operation.unwrap_or_else(|| panic!("no operation for {request:?}"));
        exercised.insert(operation);
    }
    let table: BTreeSet<&str> = operations().iter().map(|operation| operation.id).collect();
    assert_eq!(exercised, table);
}

#[test]
fn operation_of_prefers_the_literal_route() {
    let post = Method::POST;
    assert_eq!(
        operation_of(&post, "/organization/certificates/activate"),
        Some("activateOrganizationCertificates")
    );
    assert_eq!(
        operation_of(&post, "/organization/certificates/cert_abc"),
        Some("modifyCertificate")
    );
    assert_eq!(
        operation_of(&Method::GET, "/organization/projects/p/certificates"),
        Some("listProjectCertificates")
    );
    assert_eq!(operation_of(&Method::GET, "/organization/projects"), None);
}

// Hand-made requests, which the client would refuse to send, proving that Prism
// checks what it is sent.

/// What Prism answered: status, content type and the body as JSON.
struct Answer {
    status: StatusCode,
    content_type: Option<String>,
    body: Value,
}

impl Answer {
    /// The `code` of the first problem Prism found, such as `minItems`.
    fn violation(&self) -> &str {
        self.body["validation"][0]["code"].as_str().unwrap_or("")
    }
}

async fn send_raw(
    method: Method,
    path_and_query: &str,
    authorization: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let mut request = http::Request::builder()
        .method(method)
        .uri(format!("{}{path_and_query}", prism_url()))
        .header(header::ACCEPT, "application/json");
    if let Some(authorization) = authorization {
        request = request.header(header::AUTHORIZATION, authorization);
    }
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Bytes::from(body.to_string())
        }
        None => Bytes::new(),
    };

    let transport = HyperTransport::new().unwrap();
    let response = transport.send(request.body(body).unwrap()).await.unwrap();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    Answer {
        status: response.status(),
        content_type,
        body: serde_json::from_slice(response.body()).unwrap_or(Value::Null),
    }
}

async fn deactivate_raw(body: Value) -> Answer {
    let bearer = format!("Bearer {KEY}");
    send_raw(
        Method::POST,
        "/organization/certificates/deactivate",
        Some(&bearer),
        Some(body),
    )
    .await
}

fn assert_refused(answer: &Answer, violation: &str) {
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.content_type.as_deref(),
        Some("application/problem+json")
    );
    assert_eq!(answer.violation(), violation, "{}", answer.body);
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn a_hand_made_deactivate_with_a_valid_body_gets_200() {
    let answer = deactivate_raw(json!({"certificate_ids": ["cert_abc"]})).await;

    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.body["object"],
        "organization.certificate.deactivation"
    );
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn deactivate_with_no_ids_gets_422() {
    let answer = deactivate_raw(json!({"certificate_ids": []})).await;

    assert_refused(&answer, "minItems");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn deactivate_with_eleven_ids_gets_422() {
    let ids: Vec<String> = (1..=11).map(|n| format!("cert_{n:02}")).collect();

    let answer = deactivate_raw(json!({ "certificate_ids": ids })).await;

    assert_refused(&answer, "maxItems");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn deactivate_with_the_ids_under_another_name_gets_422() {
    let answer = deactivate_raw(json!({"ids": ["x"]})).await;

    assert_refused(&answer, "required");
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn a_request_without_a_bearer_key_gets_401() {
    for authorization in [None, Some("Basic c2stYWRtaW4tY29uZm9ybWFuY2UtdGVzdA==")] {
        let answer = send_raw(
            Method::GET,
            "/organization/certificates",
            authorization,
            None,
        )
        .await;

        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{authorization:?}");
    }
}

#[tokio::test]
#[ignore = "needs the Prism mock server: run cargo xtask conformance"]
async fn prism_checks_include_only_in_the_form_the_spec_writes() {
    let bearer = format!("Bearer {KEY}");
    let path = "/organization/certificates/cert_abc";

    let spec_form = send_raw(
        Method::GET,
        &format!("{path}?include=bogus"),
        Some(&bearer),
        None,
    )
    .await;
    let bracket_form = send_raw(
        Method::GET,
        &format!("{path}?include%5B%5D=bogus"),
        Some(&bearer),
        None,
    )
    .await;

    assert_refused(&spec_form, "enum");
    assert_eq!(bracket_form.status, StatusCode::OK);
}
