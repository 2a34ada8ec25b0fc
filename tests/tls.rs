//! The client over TLS: the rustls path of the hyper transport really runs, trusting a
//! certificate authority generated in the test, against the emulator behind TLS.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use openai_admin::{Client, Error, TransportErrorKind};
use openai_admin_testing::Emulator;
use openai_admin_transport::HyperTransport;
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

struct TestCa {
    ca_pem: String,
    server_config: rustls::ServerConfig,
}

fn test_ca() -> TestCa {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();

    let server_key = KeyPair::generate().unwrap();
    let server_params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    let server_cert = server_params.signed_by(&server_key, &ca, &ca_key).unwrap();

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut server_config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![server_cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into()),
        )
        .unwrap();
    server_config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    TestCa {
        ca_pem: ca.pem(),
        server_config,
    }
}

/// Serves `emulator` over TLS on 127.0.0.1, one task per connection, HTTP/1.1 or HTTP/2.
async fn serve_tls(emulator: Emulator, config: rustls::ServerConfig) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, emulator) = (acceptor.clone(), emulator.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let service = service_fn(move |request: http::Request<hyper::body::Incoming>| {
                    let emulator = emulator.clone();
                    async move {
                        let (parts, body) = request.into_parts();
                        let body = body.collect().await?.to_bytes();
                        let answer = emulator.answer(http::Request::from_parts(parts, body));
                        Ok::<_, hyper::Error>(answer.map(Full::<Bytes>::new))
                    }
                });
                let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                let _ = builder.serve_connection(TokioIo::new(tls), service).await;
            });
        }
    });
    port
}

#[tokio::test]
async fn deactivate_over_tls_with_a_custom_root() {
    let ca = test_ca();
    let emulator = Emulator::builder()
        .certificate("cert_abc", "Edge", true)
        .build();
    let port = serve_tls(emulator.clone(), ca.server_config).await;
    let transport = HyperTransport::builder()
        .tls_built_in_roots(false)
        .add_root_certificates_pem(ca.ca_pem.as_bytes())
        .unwrap()
        .build()
        .unwrap();
    let client = Client::builder()
        .admin_key("sk-admin-tls-test")
        .base_url(format!("https://localhost:{port}/v1"))
        .transport(transport)
        .build()
        .unwrap();

    let page = client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap();

    assert_eq!(page.data[0].id, "cert_abc");
    assert_eq!(page.data[0].active, Some(false));
    assert!(!emulator.is_active("cert_abc"));
}

#[tokio::test]
async fn an_untrusted_server_is_a_connect_error() {
    let ca = test_ca();
    let emulator = Emulator::builder()
        .certificate("cert_abc", "Edge", true)
        .build();
    let port = serve_tls(emulator.clone(), ca.server_config).await;
    let client = Client::builder()
        .admin_key("sk-admin-tls-test")
        .base_url(format!("https://localhost:{port}/v1"))
        .max_retries(0)
        .build()
        .unwrap();

    let error = client
        .organization()
        .certificates()
        .deactivate(["cert_abc"])
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::Transport { source, attempts: 1 } if source.kind() == TransportErrorKind::Connect),
        "{error:?}"
    );
    assert!(emulator.is_active("cert_abc"));
}
