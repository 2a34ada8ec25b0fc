//! `HyperTransport` over TLS, against a hyper server on 127.0.0.1 with a
//! certificate for `localhost` signed by a CA made in the test.

mod pki;

use bytes::Bytes;
use openai_admin_transport::{HttpSend, HyperTransport, HyperTransportBuilder, TransportErrorKind};
use pki::{serve_https, TestCa};

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

/// A builder that never looks at this process's proxy variables.
fn builder() -> HyperTransportBuilder {
    HyperTransport::builder().proxy_from_env(false)
}

fn trusting(ca: &TestCa) -> HyperTransportBuilder {
    builder()
        .add_root_certificates_pem(ca.pem().as_bytes())
        .unwrap()
}

#[tokio::test]
async fn https_with_the_test_ca_negotiates_http2_and_returns_the_body() {
    let ca = TestCa::new();
    let transport = trusting(&ca).build().unwrap();
    let port = serve_https(ca.server_config(false)).await;

    let url = format!("https://localhost:{port}/v1/organization/certificates");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), http::Version::HTTP_2);
    assert_eq!(
        response.body(),
        "GET /v1/organization/certificates HTTP/2.0"
    );
}

#[tokio::test]
async fn https_with_only_the_test_ca_trusted_also_works() {
    let ca = TestCa::new();
    let transport = trusting(&ca).tls_built_in_roots(false).build().unwrap();
    let port = serve_https(ca.server_config(false)).await;

    let url = format!("https://127.0.0.1:{port}/v1/x");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.body(), "GET /v1/x HTTP/2.0");
}

#[tokio::test]
async fn https_without_the_test_ca_is_connect() {
    let port = serve_https(TestCa::new().server_config(false)).await;

    let url = format!("https://localhost:{port}/v1/x");
    let error = builder()
        .build()
        .unwrap()
        .send(get(&url))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Connect);
    assert_eq!(
        error.message(),
        format!("localhost:{port}: TLS handshake failed")
    );
}

#[tokio::test]
async fn a_client_identity_satisfies_a_server_that_requires_one() {
    let ca = TestCa::new();
    let (certificate, key) = ca.client_identity_pem();
    let transport = trusting(&ca)
        .identity_pem(certificate.as_bytes(), key.as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let port = serve_https(ca.server_config(true)).await;

    let url = format!("https://localhost:{port}/v1/x");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-client-certificate"], "yes");
    assert_eq!(response.body(), "GET /v1/x HTTP/2.0");
}

#[tokio::test]
async fn without_a_client_identity_a_server_that_requires_one_is_connect() {
    let ca = TestCa::new();
    let transport = trusting(&ca).build().unwrap();
    let port = serve_https(ca.server_config(true)).await;

    let url = format!("https://localhost:{port}/v1/x");
    let error = transport.send(get(&url)).await.unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Connect);
    assert_eq!(
        error.message(),
        format!("localhost:{port}: server requires a client certificate")
    );
}

#[tokio::test]
async fn an_identity_from_another_ca_is_refused_as_connect() {
    let ca = TestCa::new();
    let (certificate, key) = TestCa::new().client_identity_pem();
    let transport = trusting(&ca)
        .identity_pem(certificate.as_bytes(), key.as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let port = serve_https(ca.server_config(true)).await;

    let url = format!("https://localhost:{port}/v1/x");
    let error = transport.send(get(&url)).await.unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Connect);
    assert_eq!(
        error.message(),
        format!("localhost:{port}: server refused the client certificate")
    );
}

#[test]
fn debug_says_there_is_an_identity_but_not_what_it_is() {
    let ca = TestCa::new();
    let (certificate, key) = ca.client_identity_pem();
    let builder = builder()
        .identity_pem(certificate.as_bytes(), key.as_bytes())
        .unwrap();
    let transport = builder.clone().build().unwrap();

    let key_body = key.lines().nth(1).unwrap();
    for shown in [format!("{builder:?}"), format!("{transport:?}")] {
        assert!(shown.contains("client_identity: true"), "{shown}");
        assert!(!shown.contains(key_body), "{shown}");
    }
}

#[cfg(feature = "native-roots")]
#[test]
fn native_roots_alone_build_or_say_the_platform_has_none() {
    // The machine may have any number of roots, none included: building must
    // work with them, or fail with an error, and never panic.
    match builder().tls_built_in_roots(false).build() {
        Ok(transport) => assert!(format!("{transport:?}").contains("native_roots: true")),
        Err(error) => {
            assert_eq!(error.kind(), TransportErrorKind::Other);
            assert_eq!(
                error.message(),
                "no trust anchors: built-in roots are off, the platform has none, \
                 and none were added"
            );
        }
    }
}

#[cfg(feature = "native-roots")]
#[test]
fn native_roots_can_be_turned_off_again() {
    let error = builder()
        .tls_built_in_roots(false)
        .tls_native_roots(false)
        .build()
        .unwrap_err();
    assert_eq!(
        error.message(),
        "no trust anchors: built-in roots are off and none were added"
    );
}
