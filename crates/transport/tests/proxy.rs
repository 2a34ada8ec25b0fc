//! `HyperTransport` through an http proxy, with the proxy and its targets all
//! on 127.0.0.1 and the environment always injected, never read.

mod pki;
mod proxy_server;
mod raw_server;

use std::collections::HashMap;

use bytes::Bytes;
use openai_admin_transport::{HttpSend, HyperTransport, HyperTransportBuilder, TransportErrorKind};
use pki::{serve_https, TestCa};
use proxy_server::{Asked, ProxyServer};
use raw_server::{RawServer, Then};

const OK: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

/// A builder whose environment is exactly `pairs`.
fn with_env(pairs: &[(&str, &str)]) -> HyperTransportBuilder {
    let env: HashMap<String, String> = pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    HyperTransport::builder().proxy_env(move |name| env.get(name).cloned())
}

fn asked(request_line: &str, proxy_authorization: Option<&str>) -> Asked {
    Asked {
        request_line: request_line.to_owned(),
        proxy_authorization: proxy_authorization.map(str::to_owned),
    }
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel_with_tls_to_the_target_inside() {
    let ca = TestCa::new();
    let target = serve_https(ca.server_config(false)).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[])
        .add_root_certificates_pem(ca.pem().as_bytes())
        .unwrap()
        .proxy(&proxy.url_with_credentials("user", "pass"))
        .unwrap()
        .build()
        .unwrap();

    let url = format!("https://localhost:{target}/v1/organization/certificates");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), http::Version::HTTP_2);
    assert_eq!(
        response.body(),
        "GET /v1/organization/certificates HTTP/2.0"
    );
    // The credentials went to the proxy in the CONNECT, never to the target.
    assert_eq!(response.headers().get("x-proxy-authorization"), None);
    assert_eq!(
        proxy.asked(),
        [asked(
            &format!("CONNECT localhost:{target} HTTP/1.1"),
            Some("Basic dXNlcjpwYXNz"),
        )]
    );
}

#[tokio::test]
async fn a_client_identity_is_presented_to_the_target_through_the_tunnel() {
    let ca = TestCa::new();
    let (certificate, key) = ca.client_identity_pem();
    let target = serve_https(ca.server_config(true)).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[])
        .add_root_certificates_pem(ca.pem().as_bytes())
        .unwrap()
        .identity_pem(certificate.as_bytes(), key.as_bytes())
        .unwrap()
        .proxy(&proxy.url())
        .unwrap()
        .build()
        .unwrap();

    let url = format!("https://127.0.0.1:{target}/v1/x");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.headers()["x-client-certificate"], "yes");
    assert_eq!(
        proxy.asked(),
        [asked(&format!("CONNECT 127.0.0.1:{target} HTTP/1.1"), None)]
    );
}

#[tokio::test]
async fn http_goes_to_the_proxy_in_absolute_form_with_its_credentials() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[])
        .proxy(&proxy.url_with_credentials("user", "pass"))
        .unwrap()
        .build()
        .unwrap();

    let response = transport.send(get(&target.url("/v1/x?a=1"))).await.unwrap();

    assert_eq!(response.body(), "ok");
    let port = target.port();
    assert_eq!(
        proxy.asked(),
        [asked(
            &format!("GET http://127.0.0.1:{port}/v1/x?a=1 HTTP/1.1"),
            Some("Basic dXNlcjpwYXNz"),
        )]
    );
    let requests = target.requests().await;
    assert_eq!(requests[0].request_line, "GET /v1/x?a=1 HTTP/1.1");
    assert_eq!(
        requests[0].headers,
        [("host".to_owned(), format!("127.0.0.1:{port}"))]
    );
}

#[tokio::test]
async fn a_target_in_no_proxy_goes_direct_and_the_proxy_sees_nothing() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[])
        .proxy(&proxy.url())
        .unwrap()
        .no_proxy("example.com, 127.0.0.0/8")
        .build()
        .unwrap();

    let response = transport.send(get(&target.url("/v1/x"))).await.unwrap();

    assert_eq!(response.body(), "ok");
    assert_eq!(proxy.asked(), []);
    let requests = target.requests().await;
    assert_eq!(requests[0].request_line, "GET /v1/x HTTP/1.1");
}

#[tokio::test]
async fn a_no_proxy_entry_for_another_port_still_uses_the_proxy() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[])
        .proxy(&proxy.url())
        .unwrap()
        .no_proxy(&format!("127.0.0.1:{}", closed_port()))
        .build()
        .unwrap();

    transport.send(get(&target.url("/v1/x"))).await.unwrap();

    let url = target.url("/v1/x");
    assert_eq!(proxy.asked(), [asked(&format!("GET {url} HTTP/1.1"), None)]);
}

#[tokio::test]
async fn an_explicit_proxy_overrides_the_environment() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let from_env = ProxyServer::start().await;
    let explicit = ProxyServer::start().await;
    let env_url = from_env.url();
    let transport = with_env(&[("HTTP_PROXY", &env_url), ("ALL_PROXY", &env_url)])
        .proxy(&explicit.url())
        .unwrap()
        .build()
        .unwrap();

    transport.send(get(&target.url("/v1/x"))).await.unwrap();

    assert_eq!(from_env.asked(), []);
    let url = target.url("/v1/x");
    assert_eq!(
        explicit.asked(),
        [asked(&format!("GET {url} HTTP/1.1"), None)]
    );
}

#[tokio::test]
async fn the_environment_proxy_is_used_without_an_explicit_one() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[("http_proxy", &proxy.url_with_credentials("env", "pass"))])
        .build()
        .unwrap();

    // Loopback targets never use a proxy from the environment, so the target
    // is named 0.0.0.0, which is not loopback; the proxy connects to
    // 127.0.0.1 whatever the name, and were the request to go direct by
    // mistake, a connection to 0.0.0.0 would stay on this machine too.
    let port = target.port();
    let url = format!("http://0.0.0.0:{port}/v1/x");
    let response = transport.send(get(&url)).await.unwrap();

    assert_eq!(response.body(), "ok");
    assert_eq!(
        proxy.asked(),
        [asked(
            &format!("GET {url} HTTP/1.1"),
            Some("Basic ZW52OnBhc3M=")
        )]
    );
}

#[tokio::test]
async fn loopback_targets_skip_the_environment_proxy() {
    let target = RawServer::start(vec![OK.to_vec()], Then::Close).await;
    let proxy = ProxyServer::start().await;
    let transport = with_env(&[("ALL_PROXY", &proxy.url())]).build().unwrap();

    let response = transport.send(get(&target.url("/v1/x"))).await.unwrap();

    assert_eq!(response.body(), "ok");
    assert_eq!(proxy.asked(), []);
}

#[tokio::test]
async fn a_tunnel_refused_with_407_is_connect_and_says_so() {
    let proxy = ProxyServer::refusing("407 Proxy Authentication Required").await;
    let proxy_port = proxy.url().rsplit_once(':').unwrap().1.to_owned();
    let transport = with_env(&[])
        .proxy(&proxy.url_with_credentials("user", "wrong"))
        .unwrap()
        .build()
        .unwrap();

    let error = transport
        .send(get("https://localhost:8443/v1/x"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Connect);
    assert_eq!(
        error.message(),
        format!(
            "localhost:8443 via proxy 127.0.0.1:{proxy_port}: proxy requires authentication (407)"
        )
    );
    assert_eq!(
        proxy.asked(),
        [asked(
            "CONNECT localhost:8443 HTTP/1.1",
            Some("Basic dXNlcjp3cm9uZw=="),
        )]
    );
}

#[tokio::test]
async fn an_unreachable_proxy_is_connect_and_its_password_is_never_shown() {
    let proxy_port = closed_port();
    let builder = with_env(&[])
        .proxy(&format!("http://user:pass@127.0.0.1:{proxy_port}"))
        .unwrap();
    let transport = builder.clone().build().unwrap();

    let error = transport
        .send(get("https://localhost:8443/v1/x"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Connect);
    assert_eq!(
        error.to_string(),
        format!(
            "could not connect: localhost:8443 via proxy 127.0.0.1:{proxy_port}: \
             connection refused"
        )
    );
    for shown in [
        format!("{builder:?}"),
        format!("{transport:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ] {
        assert!(!shown.contains("pass"), "{shown}");
    }
    assert!(format!("{transport:?}").contains(&format!("http://127.0.0.1:{proxy_port}")));
}

#[tokio::test]
async fn a_socks_proxy_from_the_environment_fails_before_anything_is_sent() {
    let socks = format!("socks5://127.0.0.1:{}", closed_port());
    let transport = with_env(&[("ALL_PROXY", &socks)]).build().unwrap();

    let error = transport
        .send(get("http://0.0.0.0:9/v1/x"))
        .await
        .unwrap_err();

    assert_eq!(error.kind(), TransportErrorKind::Other);
    assert_eq!(
        error.message(),
        "0.0.0.0:9: the proxy for it has scheme socks5; only http:// proxies are supported"
    );
}

#[test]
fn an_explicit_socks_or_https_proxy_is_refused_when_set() {
    for url in ["socks5://127.0.0.1:1080", "https://user:pass@127.0.0.1:443"] {
        let error = HyperTransport::builder().proxy(url).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(
            error.message(),
            "unsupported proxy scheme; only http:// proxies are supported"
        );
    }
}
