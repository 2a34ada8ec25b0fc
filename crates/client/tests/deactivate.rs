//! The deactivate call on the wire: the exact request, the decoded answer, and what is
//! refused before anything is sent.

mod support;

use openai_admin::types::CertificateObject;
use openai_admin::{Client, Error, ValidationError};
use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
use support::{client, client_with, deactivation, KEY};

#[tokio::test]
async fn sends_the_exact_request() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(
        200,
        &deactivation(&["cert_abc", "cert_def"]),
    ));
    let (client, _) = client(&transport);

    client
        .organization()
        .certificates()
        .deactivate(["cert_abc", "cert_def"])
        .await
        .unwrap();

    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.uri.to_string(),
        "https://api.openai.com/v1/organization/certificates/deactivate"
    );
    assert_eq!(
        request.body,
        r#"{"certificate_ids":["cert_abc","cert_def"]}"#
    );

    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    let expected = [
        ("accept", "application/json".to_owned()),
        ("authorization", format!("Bearer {KEY}")),
        ("content-type", "application/json".to_owned()),
        (
            "user-agent",
            format!("openai-admin/{}", env!("CARGO_PKG_VERSION")),
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    assert_eq!(headers, expected);
    assert!(request.headers["authorization"].is_sensitive());
}

#[tokio::test]
async fn organization_and_project_headers_only_when_configured() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &deactivation(&["cert_abc"])));
    let builder = Client::builder()
        .organization("org_123")
        .project("proj_456");
    let (client, _) = client_with(&transport, builder);

    client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap();

    let request = &transport.requests()[0];
    assert_eq!(request.header("openai-organization"), Some("org_123"));
    assert_eq!(request.header("openai-project"), Some("proj_456"));
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    for base in [
        "http://127.0.0.1:9/gateway/openai/v1",
        "http://127.0.0.1:9/gateway/openai/v1/",
    ] {
        let transport = ScriptedTransport::new();
        transport.push(ScriptedResponse::json(200, &deactivation(&["cert_abc"])));
        let (client, _) = client_with(&transport, Client::builder().base_url(base));

        client
            .organization()
            .certificates()
            .deactivate(["cert_abc"])
            .await
            .unwrap();

        assert_eq!(
            transport.requests()[0].uri.to_string(),
            "http://127.0.0.1:9/gateway/openai/v1/organization/certificates/deactivate"
        );
    }
}

#[tokio::test]
async fn decodes_the_page_and_the_request_id() {
    let transport = ScriptedTransport::new();
    transport.push(
        ScriptedResponse::json(200, &deactivation(&["cert_abc"])).header("x-request-id", "req_42"),
    );
    let (client, _) = client(&transport);

    let page = client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap();

    assert_eq!(page.request_id.as_deref(), Some("req_42"));
    assert_eq!(page.status, 200);
    assert_eq!(page.object, "organization.certificate.deactivation");
    assert_eq!(page.data.len(), 1);
    let certificate = &page.data[0];
    assert_eq!(
        certificate.object,
        CertificateObject::OrganizationCertificate
    );
    assert_eq!(certificate.id, "cert_abc");
    assert_eq!(certificate.name.as_deref(), Some("My Example Certificate"));
    assert_eq!(certificate.active, Some(false));
    assert_eq!(certificate.created_at, 1_234_567);
    assert_eq!(certificate.certificate_details.valid_at, Some(12_345_667));
    assert_eq!(certificate.certificate_details.expires_at, Some(12_345_678));
}

#[tokio::test]
async fn invalid_ids_are_refused_before_any_io() {
    let eleven: Vec<String> = (0..11).map(|i| format!("cert_{i}")).collect();
    let cases: Vec<(Vec<String>, ValidationError)> = vec![
        (vec![], ValidationError::NoCertificateIds),
        (
            eleven,
            ValidationError::TooManyCertificateIds { count: 11, max: 10 },
        ),
        (
            vec!["cert_a".into(), String::new()],
            ValidationError::EmptyId {
                param: "certificate_ids[1]".into(),
            },
        ),
    ];

    for (ids, expected) in cases {
        let transport = ScriptedTransport::new();
        let (client, _) = client(&transport);

        let error = client
            .organization()
            .certificates()
            .deactivate(ids)
            .await
            .unwrap_err();

        assert!(
            matches!(&error, Error::Validation(found) if *found == expected),
            "{error:?}"
        );
        assert_eq!(error.attempts(), 0);
        assert!(error.is_usage());
        assert!(transport.requests().is_empty());
    }
}

#[tokio::test]
async fn project_scope_uses_the_project_path() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &deactivation(&["cert_abc"])));
    let (client, _) = client(&transport);

    client
        .organization()
        .project("proj/1")
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap();

    assert_eq!(
        transport.requests()[0].path(),
        "/v1/organization/projects/proj%2F1/certificates/deactivate"
    );
}

#[tokio::test]
async fn dot_project_ids_are_refused_before_any_io() {
    let transport = ScriptedTransport::new();
    let (client, _) = client(&transport);

    let error = client
        .organization()
        .project("..")
        .certificates()
        .activate(["cert_a"])
        .await
        .unwrap_err();

    assert!(matches!(
        error,
        Error::Validation(ValidationError::DotSegment {
            param: "project_id",
            ..
        })
    ));
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn extra_headers_and_query_are_sent() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &deactivation(&["cert_abc"])));
    let (client, _) = client(&transport);

    client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .header("x-incident", "INC-42")
        .query("dry run", "yes&no")
        .await
        .unwrap();

    let request = &transport.requests()[0];
    assert_eq!(request.header("x-incident"), Some("INC-42"));
    assert_eq!(request.query(), Some("dry%20run=yes%26no"));
}

#[tokio::test]
async fn blank_organization_and_project_send_no_header() {
    let transport = ScriptedTransport::new();
    transport.push(ScriptedResponse::json(200, &deactivation(&["cert_abc"])));
    let builder = Client::builder().organization("").project("  ");
    let (client, _) = client_with(&transport, builder);

    client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap();

    let request = &transport.requests()[0];
    assert_eq!(request.header("openai-organization"), None);
    assert_eq!(request.header("openai-project"), None);
}

#[test]
fn a_zero_timeout_is_refused() {
    let error = Client::builder()
        .admin_key(KEY)
        .transport(ScriptedTransport::new())
        .timeout(std::time::Duration::ZERO)
        .build()
        .unwrap_err();
    assert_eq!(error, openai_admin::ConfigError::ZeroTimeout);
}
