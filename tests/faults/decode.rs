//! 2xx answers whose bodies are not what the operation returns.

use super::*;

/// Answers one deactivation with a 200 and `body`, and returns the decode error.
async fn undecodable(body: &str) -> DecodeError {
    let answer = RawResponse::new(200)
        .header("content-type", "application/json")
        .header("x-request-id", "req_decode")
        .body(body);
    let server = RawServer::start([Behaviour::answer(answer), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(error.request_id(), Some("req_decode"));
    assert_eq!(error.attempts(), 1);
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
    decode_failure(&error).clone()
}

#[tokio::test]
async fn body_that_is_not_json_is_a_decode_error_not_retried() {
    let error = undecodable("<html><body>maintenance</body></html>").await;

    assert_eq!(error.status, 200);
    assert_eq!(error.reason, "expected value at line 1 column 1");
    assert_eq!(
        error.snippet.as_deref(),
        Some("<html><body>maintenance</body></html>")
    );
}

#[tokio::test]
async fn empty_body_is_a_decode_error_not_retried() {
    let error = undecodable("").await;

    assert_eq!(error.reason, "EOF while parsing a value at line 1 column 0");
    assert_eq!(error.snippet, None);
    assert_eq!(
        error.to_string(),
        "could not decode the 200 OK answer: EOF while parsing a value at line 1 column 0; \
         body is empty [request id req_decode]"
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_a_decode_error_not_retried() {
    let body = r#"{"object": "list", "data": "cert_a"}"#;
    let error = undecodable(body).await;

    assert_eq!(
        error.reason,
        "invalid type: string \"cert_a\", expected a sequence at line 1 column 35"
    );
    assert_eq!(error.snippet.as_deref(), Some(body));
}
