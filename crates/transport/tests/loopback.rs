//! `HyperTransport` against hand-written HTTP/1.1 servers on 127.0.0.1.

mod raw_server;

use std::time::Duration;

use bytes::Bytes;
use openai_admin_transport::{HttpSend, HyperTransport, TransportError, TransportErrorKind};
use raw_server::{Captured, RawServer, Then};

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

/// A transport that never looks at this process's proxy variables.
fn direct() -> HyperTransport {
    HyperTransport::builder()
        .proxy_from_env(false)
        .build()
        .unwrap()
}

fn capped(limit: usize) -> HyperTransport {
    HyperTransport::builder()
        .proxy_from_env(false)
        .max_response_body_bytes(limit)
        .build()
        .unwrap()
}

fn kind_and_message(error: &TransportError) -> (TransportErrorKind, &str) {
    (error.kind(), error.message())
}

#[tokio::test]
async fn a_200_returns_status_headers_and_body_exactly() {
    let answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
        x-request-id: req_123\r\ncontent-length: 11\r\n\r\n{\"ok\":true}";
    let server = RawServer::start(vec![answer.to_vec()], Then::Close).await;

    let response = direct().send(get(&server.url("/v1/x"))).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), http::Version::HTTP_11);
    assert_eq!(response.headers().len(), 3);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req_123");
    assert_eq!(response.headers()["content-length"], "11");
    assert_eq!(response.body(), "{\"ok\":true}");
}

#[tokio::test]
async fn a_404_is_an_ok_response() {
    let answer = b"HTTP/1.1 404 Not Found\r\ncontent-length: 12\r\n\r\n{\"error\":{}}";
    let server = RawServer::start(vec![answer.to_vec()], Then::Close).await;

    let response = direct().send(get(&server.url("/missing"))).await.unwrap();

    assert_eq!(response.status(), 404);
    assert_eq!(response.body(), "{\"error\":{}}");
}

#[tokio::test]
async fn method_path_headers_and_body_arrive_exactly() {
    let answer = b"HTTP/1.1 204 No Content\r\n\r\n";
    let server = RawServer::start(vec![answer.to_vec()], Then::Close).await;
    let body = r#"{"certificate_ids":["cert_abc"]}"#;
    let request = http::Request::post(server.url("/v1/organization/certificates/activate?x=1"))
        .header("authorization", "Bearer sk-admin-test")
        .header("content-type", "application/json")
        .header("openai-organization", "org_1")
        .body(Bytes::from_static(body.as_bytes()))
        .unwrap();
    let port = server.port();

    let response = direct().send(request).await.unwrap();
    let requests = server.requests().await;

    assert_eq!(response.status(), 204);
    assert_eq!(requests.len(), 1);
    let Captured {
        request_line,
        mut headers,
        body: received,
    } = requests[0].clone();
    headers.sort();
    let header = |name: &str, value: &str| (name.to_owned(), value.to_owned());
    assert_eq!(
        request_line,
        "POST /v1/organization/certificates/activate?x=1 HTTP/1.1"
    );
    assert_eq!(
        headers,
        vec![
            header("authorization", "Bearer sk-admin-test"),
            header("content-length", "32"),
            header("content-type", "application/json"),
            header("host", &format!("127.0.0.1:{port}")),
            header("openai-organization", "org_1"),
        ]
    );
    assert_eq!(received, body.as_bytes());
}

#[tokio::test]
async fn a_second_request_reuses_the_pooled_connection() {
    let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_vec();
    let server = RawServer::start(vec![answer.clone(), answer], Then::WaitForClient).await;
    let transport = direct();

    // The server accepts a single connection, so the second request can only
    // succeed over the first one's connection.
    let first = transport.send(get(&server.url("/one"))).await.unwrap();
    let second = transport.send(get(&server.url("/two"))).await.unwrap();
    drop(transport);
    let requests = server.requests().await;

    assert_eq!(
        (first.body().as_ref(), second.body().as_ref()),
        (&b"ok"[..], &b"ok"[..])
    );
    let lines: Vec<_> = requests.iter().map(|r| r.request_line.as_str()).collect();
    assert_eq!(lines, ["GET /one HTTP/1.1", "GET /two HTTP/1.1"]);
}

#[tokio::test]
async fn a_refused_connection_is_connect() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);

    let url = format!("http://127.0.0.1:{port}/v1/x");
    let error = direct().send(get(&url)).await.unwrap_err();

    let message = format!("127.0.0.1:{port}: connection refused");
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::Connect, message.as_str())
    );
}

#[tokio::test]
async fn a_relative_uri_is_other_and_nothing_is_sent() {
    let error = direct().send(get("/v1/x")).await.unwrap_err();

    let message = "request URI is not absolute; it needs a scheme and a host";
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::Other, message)
    );
}

#[tokio::test]
async fn an_http_version_hyper_cannot_send_is_other() {
    let mut request = get("http://127.0.0.1:9/v1/x");
    *request.version_mut() = http::Version::HTTP_09;

    let error = direct().send(request).await.unwrap_err();

    let message = "127.0.0.1:9: request cannot be sent";
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::Other, message)
    );
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_body_too_large() {
    let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n0123456789";
    let server = RawServer::start(vec![answer.to_vec()], Then::WaitForClient).await;
    let port = server.port();

    let error = capped(10).send(get(&server.url("/big"))).await.unwrap_err();

    let message = format!("127.0.0.1:{port}: response declares 11 bytes, over the limit of 10");
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::BodyTooLarge, message.as_str())
    );
}

#[tokio::test]
async fn a_chunked_body_growing_past_the_cap_is_body_too_large() {
    // Four chunks of 4 bytes, and then the body never ends: only stopping at the
    // cap lets the call return at all.
    let answer = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n\
        4\r\naaaa\r\n4\r\nbbbb\r\n4\r\ncccc\r\n4\r\ndddd\r\n";
    let server = RawServer::start(vec![answer.to_vec()], Then::WaitForClient).await;
    let port = server.port();

    let transport = capped(10);
    let sent = transport.send(get(&server.url("/stream")));
    let error = tokio::time::timeout(Duration::from_secs(30), sent)
        .await
        .unwrap()
        .unwrap_err();

    let message = format!("127.0.0.1:{port}: response body exceeds the limit of 10 bytes");
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::BodyTooLarge, message.as_str())
    );
}

#[tokio::test]
async fn a_body_cut_short_by_close_is_io() {
    let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc";
    let server = RawServer::start(vec![answer.to_vec()], Then::Close).await;
    let port = server.port();

    let error = direct().send(get(&server.url("/short"))).await.unwrap_err();

    let message = format!("127.0.0.1:{port}: reading the response body: connection closed early");
    assert_eq!(
        kind_and_message(&error),
        (TransportErrorKind::Io, message.as_str())
    );
}
