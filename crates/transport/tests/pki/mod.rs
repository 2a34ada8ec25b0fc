//! A certificate authority made in the test, certificates it signs, and an
//! HTTPS server on 127.0.0.1 that answers every request with what it saw.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, SanType,
};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{crypto, RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// A self-signed CA, named apart from every other one in the test binary so
/// that a certificate from another is refused as unknown, not as forged.
pub struct TestCa {
    certificate: Certificate,
    key: KeyPair,
}

impl TestCa {
    pub fn new() -> Self {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let name = format!("test CA {}", MADE.fetch_add(1, Ordering::Relaxed));
        params.distinguished_name.push(DnType::CommonName, name);
        let certificate = params.self_signed(&key).unwrap();
        Self { certificate, key }
    }

    /// The CA certificate in PEM, for `add_root_certificates_pem`.
    pub fn pem(&self) -> String {
        self.certificate.pem()
    }

    /// A server configuration with a certificate for `localhost` and 127.0.0.1
    /// signed by this CA, offering HTTP/2 and HTTP/1.1 by ALPN. With
    /// `require_client_certificate`, clients must present a certificate this CA
    /// signed.
    pub fn server_config(&self, require_client_certificate: bool) -> ServerConfig {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params
            .subject_alt_names
            .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        let certificate = params
            .signed_by(&key, &self.certificate, &self.key)
            .unwrap();
        let chain = vec![certificate.der().clone()];
        let key = PrivateKeyDer::from(PrivatePkcs8KeyDer::from(key.serialize_der()));

        let provider = Arc::new(crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .unwrap();
        let builder = if require_client_certificate {
            let mut roots = RootCertStore::empty();
            roots.add(self.certificate.der().clone()).unwrap();
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let mut config = builder.with_single_cert(chain, key).unwrap();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        config
    }

    /// A client certificate signed by this CA and its key, both in PEM.
    pub fn client_identity_pem(&self) -> (String, String) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec!["client.test".to_owned()]).unwrap();
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let certificate = params
            .signed_by(&key, &self.certificate, &self.key)
            .unwrap();
        (certificate.pem(), key.serialize_pem())
    }
}

/// Serves HTTPS on 127.0.0.1 until the test ends. Every answer is a 200 whose
/// body is `METHOD path version`, with a `x-client-certificate: yes|no`
/// header and, when the request had one, an `x-proxy-authorization` header
/// echoing it. Returns the port.
pub async fn serve_https(config: ServerConfig) -> u16 {
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate, or is refused, ends
                // the handshake here.
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let client_certificate = tls.get_ref().1.peer_certificates().is_some();
                let answer = service_fn(move |request: http::Request<hyper::body::Incoming>| {
                    let response = echo(&request, client_certificate);
                    async move { Ok::<_, Infallible>(response) }
                });
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), answer)
                    .await;
            });
        }
    });
    port
}

fn echo<B>(request: &http::Request<B>, client_certificate: bool) -> http::Response<Full<Bytes>> {
    let text = format!(
        "{} {} {:?}",
        request.method(),
        request.uri().path(),
        request.version()
    );
    let mut response = http::Response::builder().header(
        "x-client-certificate",
        if client_certificate { "yes" } else { "no" },
    );
    if let Some(value) = request.headers().get("proxy-authorization") {
        response = response.header("x-proxy-authorization", value);
    }
    response.body(Full::new(Bytes::from(text))).unwrap()
}
