//! The exact request of every operation: method, path, query and body.

mod support;

use openai_admin::{Client, Error, ListOrder, ListParams, ValidationError};
use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
use serde_json::{json, Value};
use support::client;

fn certificate(object: &str) -> Value {
    json!({"object":object,"id":"cert_abc","name":"My Example Certificate","created_at":1234567,
           "certificate_details":{"valid_at":12345667,"expires_at":12345678}})
}

fn list_page() -> Value {
    json!({"object":"list","data":[certificate("organization.certificate")],
           "first_id":"cert_abc","last_id":"cert_abc","has_more":false})
}

fn toggle_page(object: &str) -> Value {
    json!({"object":object,"data":[certificate("organization.project.certificate")]})
}

/// Runs `call` against a transport answering `answer`, and returns the one request as
/// (method, path and query, body).
async fn request_of<F, Fut>(answer: Value, call: F) -> (String, String, String)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
{
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &answer));
    let (client, _) = client(&transport);

    call(client).await.unwrap();

    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    let target = request.uri.path_and_query().unwrap().to_string();
    let body = String::from_utf8(request.body.to_vec()).unwrap();
    if body.is_empty() {
        assert_eq!(request.header("content-type"), None);
    } else {
        assert_eq!(request.header("content-type"), Some("application/json"));
    }
    (request.method.to_string(), target, body)
}

fn expect(method: &str, target: &str, body: &str) -> (String, String, String) {
    (method.to_owned(), target.to_owned(), body.to_owned())
}

#[tokio::test]
async fn list_without_arguments_sends_no_query() {
    let sent = request_of(list_page(), |c| async move {
        c.organization()
            .certificates()
            .list(ListParams::new())
            .await
            .map(drop)
    })
    .await;
    assert_eq!(sent, expect("GET", "/v1/organization/certificates", ""));
}

#[tokio::test]
async fn list_with_every_argument() {
    let sent = request_of(list_page(), |c| async move {
        let params = ListParams::new()
            .limit(100)
            .after("cert_x y")
            .order(ListOrder::Asc);
        c.organization().certificates().list(params).await.map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "GET",
            "/v1/organization/certificates?limit=100&after=cert_x%20y&order=asc",
            ""
        )
    );
}

#[tokio::test]
async fn upload_sends_pem_and_name() {
    let sent = request_of(certificate("certificate"), |c| async move {
        let certificates = c.organization().certificates();
        certificates
            .upload("-----BEGIN CERTIFICATE-----\nMII\n", Some("edge".into()))
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/certificates",
            r#"{"certificate":"-----BEGIN CERTIFICATE-----\nMII\n","name":"edge"}"#
        )
    );
}

#[tokio::test]
async fn upload_without_name_omits_it() {
    let sent = request_of(certificate("certificate"), |c| async move {
        c.organization()
            .certificates()
            .upload("PEM", None)
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/certificates",
            r#"{"certificate":"PEM"}"#
        )
    );
}

#[tokio::test]
async fn retrieve_with_and_without_content() {
    let sent = request_of(certificate("certificate"), |c| async move {
        c.organization()
            .certificates()
            .retrieve("cert_abc")
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect("GET", "/v1/organization/certificates/cert_abc", "")
    );

    let sent = request_of(certificate("certificate"), |c| async move {
        c.organization()
            .certificates()
            .retrieve_with_content("cert_abc")
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "GET",
            "/v1/organization/certificates/cert_abc?include%5B%5D=content",
            ""
        )
    );
}

#[tokio::test]
async fn modify_sends_the_name() {
    let sent = request_of(certificate("certificate"), |c| async move {
        c.organization()
            .certificates()
            .modify("cert_abc", "Renamed")
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/certificates/cert_abc",
            r#"{"name":"Renamed"}"#
        )
    );
}

#[tokio::test]
async fn delete_decodes_the_deletion() {
    let transport = ScriptedTransport::new();
    transport.push_json(200, json!({"object":"certificate.deleted","id":"cert_abc"}));
    let (client, _) = client(&transport);

    let deleted = client
        .organization()
        .certificates()
        .delete("cert_abc")
        .await
        .unwrap();

    assert_eq!(
        (deleted.object.as_str(), deleted.id.as_str()),
        ("certificate.deleted", "cert_abc")
    );
    let request = &transport.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.path()),
        ("DELETE", "/v1/organization/certificates/cert_abc")
    );
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn organization_activate() {
    let sent = request_of(
        toggle_page("organization.certificate.activation"),
        |c| async move {
            c.organization()
                .certificates()
                .activate(["cert_abc"])
                .await
                .map(drop)
        },
    )
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/certificates/activate",
            r#"{"certificate_ids":["cert_abc"]}"#
        )
    );
}

#[tokio::test]
async fn project_list_activate_and_deactivate() {
    let sent = request_of(list_page(), |c| async move {
        let params = ListParams::new().limit(5);
        c.organization()
            .project("proj_abc")
            .certificates()
            .list(params)
            .await
            .map(drop)
    })
    .await;
    assert_eq!(
        sent,
        expect(
            "GET",
            "/v1/organization/projects/proj_abc/certificates?limit=5",
            ""
        )
    );

    let sent = request_of(
        toggle_page("organization.project.certificate.activation"),
        |c| async move {
            c.organization()
                .project("proj_abc")
                .certificates()
                .activate(["cert_a", "cert_b"])
                .await
                .map(drop)
        },
    )
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/projects/proj_abc/certificates/activate",
            r#"{"certificate_ids":["cert_a","cert_b"]}"#
        )
    );

    let sent = request_of(
        toggle_page("organization.project.certificate.deactivation"),
        |c| async move {
            c.organization()
                .project("proj_abc")
                .certificates()
                .deactivate(["cert_a"])
                .await
                .map(drop)
        },
    )
    .await;
    assert_eq!(
        sent,
        expect(
            "POST",
            "/v1/organization/projects/proj_abc/certificates/deactivate",
            r#"{"certificate_ids":["cert_a"]}"#
        )
    );
}

#[tokio::test]
async fn arguments_are_checked_before_any_io() {
    let transport = ScriptedTransport::new();
    let (client, _) = client(&transport);
    let certificates = client.organization().certificates();

    let errors = [
        certificates
            .list(ListParams::new().limit(0))
            .await
            .map(drop)
            .unwrap_err(),
        certificates
            .list(ListParams::new().limit(101))
            .await
            .map(drop)
            .unwrap_err(),
        certificates
            .list(ListParams::new().after(""))
            .await
            .map(drop)
            .unwrap_err(),
        certificates.upload("", None).await.map(drop).unwrap_err(),
        certificates
            .upload("PEM", Some(" ".into()))
            .await
            .map(drop)
            .unwrap_err(),
        certificates
            .modify("cert_abc", "")
            .await
            .map(drop)
            .unwrap_err(),
        certificates.retrieve("").await.map(drop).unwrap_err(),
        certificates.delete("..").await.map(drop).unwrap_err(),
    ];

    let validation: Vec<ValidationError> = errors
        .into_iter()
        .map(|error| match error {
            Error::Validation(validation) => validation,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        validation
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "limit must be between 1 and 100, got 0",
            "limit must be between 1 and 100, got 101",
            "after must not be empty",
            "certificate must not be empty",
            "name must not be empty",
            "name must not be empty",
            "certificate_id must not be empty",
            "certificate_id must not be \"..\"",
        ]
    );
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn an_id_too_long_for_a_url_is_refused_before_any_io() {
    let transport = ScriptedTransport::new();
    let (client, _) = client(&transport);

    let id = "/".repeat(30_000);
    let error = client
        .organization()
        .certificates()
        .retrieve(&id)
        .await
        .unwrap_err();

    assert!(
        matches!(
            error,
            Error::Validation(ValidationError::UrlTooLong { length: 90_052 })
        ),
        "{error:?}"
    );
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn a_deadline_too_far_away_is_no_deadline() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &list_page()));
    let (client, _) = client(&transport);

    let page = client
        .organization()
        .certificates()
        .list(ListParams::new())
        .deadline(std::time::Duration::MAX)
        .await
        .unwrap();

    assert_eq!(page.data.len(), 1);
}
