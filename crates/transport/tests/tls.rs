//! `HyperTransport` over TLS, against a hyper server on 127.0.0.1 with a
//! certificate for `localhost` signed by a CA made in the test.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use openai_admin_transport::{HttpSend, HyperTransport, TransportErrorKind};
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// A CA in PEM, and a server certificate chain and key signed by it.
struct Pki {
    ca_pem: String,
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

fn pki() -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();

    let server_key = KeyPair::generate().unwrap();
    let mut server_params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    server_params
        .subject_alt_names
        .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    let server = server_params.signed_by(&server_key, &ca, &ca_key).unwrap();

    Pki {
        ca_pem: ca.pem(),
        chain: vec![server.der().clone()],
        key: PrivatePkcs8KeyDer::from(server_key.serialize_der()).into(),
    }
}

/// Serves HTTPS on 127.0.0.1, offering HTTP/2 and HTTP/1.1 by ALPN, answering
/// every request with its method, path and HTTP version. Returns the port.
async fn serve(pki: Pki) -> u16 {
    let mut config =
        ServerConfig::builder_with_provider(Arc::new(crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(pki.chain, pki.key)
            .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake here.
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let answer =
                    service_fn(|request: http::Request<hyper::body::Incoming>| async move {
                        let text = format!(
                            "{} {} {:?}",
                            request.method(),
                            request.uri().path(),
                            request.version()
                        );
                        Ok::<_, Infallible>(http::Response::new(Full::new(Bytes::from(text))))
                    });
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), answer)
                    .await;
            });
        }
    });
    port
}

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

#[tokio::test]
async fn https_with_the_test_ca_negotiates_http2_and_returns_the_body() {
    let pki = pki();
    let transport = HyperTransport::builder()
        .add_root_certificates_pem(pki.ca_pem.as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let port = serve(pki).await;

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
    let pki = pki();
    let transport = HyperTransport::builder()
        .tls_built_in_roots(false)
        .add_root_certificates_pem(pki.ca_pem.as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let port = serve(pki).await;

    let url = format!("https://127.0.0.1:{port}/v1/x");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.body(), "GET /v1/x HTTP/2.0");
}

#[tokio::test]
async fn https_without_the_test_ca_is_connect() {
    let port = serve(pki()).await;

    let url = format!("https://localhost:{port}/v1/x");
    let error = HyperTransport::new()
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
