//! Connections that fail before or during an answer, and pooled connections.

use super::*;

#[tokio::test]
async fn connection_refused_is_a_connect_error_after_three_attempts() {
    let clock = FastBackoffClock::new();
    let client = builder(&refused_base_url(), &clock).build().unwrap();

    let error = deactivate(&client).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Connect, 3));
    assert!(
        error.to_string().contains(": connection refused"),
        "{error}"
    );
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn reset_before_any_response_is_io_and_retried() {
    let server = RawServer::start([
        Behaviour::reset_after_request(),
        Behaviour::reset_after_request(),
        Behaviour::reset_after_request(),
    ])
    .await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Io, 3));
    assert!(error.to_string().contains(": connection reset"), "{error}");
    assert_eq!((server.connections(), server.request_count()), (3, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn reset_then_an_answer_succeeds_on_the_second_attempt() {
    let server = RawServer::start([Behaviour::reset_after_request(), ok()]).await;
    let clock = FastBackoffClock::new();

    let page = deactivate(&client(&server, &clock)).await.unwrap();

    assert_eq!(page.request_id.as_deref(), Some("req_ok"));
    assert_eq!(page.data[0].id, "cert_a");
    assert_eq!((server.connections(), server.request_count()), (2, 2));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF]);
}

#[tokio::test]
async fn close_right_after_the_status_line_is_io_and_retried() {
    let status_line_only = || Behaviour::write_then_close(&b"HTTP/1.1 200 OK\r\n"[..]);
    let server =
        RawServer::start([status_line_only(), status_line_only(), status_line_only()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Io, 3));
    assert!(
        error
            .to_string()
            .contains(": connection closed before the message was complete"),
        "{error}"
    );
    assert_eq!((server.connections(), server.request_count()), (3, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn body_shorter_than_its_content_length_is_io_and_retried() {
    let truncated = || {
        Behaviour::answer(
            RawResponse::new(200)
                .body(r#"{"object":"organization.certificate.deactivation","#)
                .declared_length(400),
        )
    };
    let server = RawServer::start([truncated(), truncated(), ok()]).await;
    let clock = FastBackoffClock::new();

    let page = deactivate(&client(&server, &clock)).await.unwrap();
    assert_eq!(page.request_id.as_deref(), Some("req_ok"));
    assert_eq!((server.connections(), server.request_count()), (3, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);

    let server = RawServer::start([truncated()]).await;
    let clock = FastBackoffClock::new();
    let once = client(&server, &clock);
    let error = promptly(
        once.organization()
            .certificates()
            .deactivate(["cert_a"])
            .max_retries(0),
    )
    .await
    .unwrap_err();
    assert_eq!(transport_failure(&error), (TransportErrorKind::Io, 1));
    assert!(
        error.to_string().contains("reading the response body"),
        "{error}"
    );
}

#[tokio::test]
async fn pooled_connection_closed_by_the_server_between_calls_is_not_an_error() {
    // The first connection answers with keep-alive, so the client pools it, and is
    // then closed by the server. Retries are off: the second call must not be sent
    // on the dead connection.
    let server =
        RawServer::start([Behaviour::answer_each([deactivated().keep_alive()]), ok()]).await;
    let clock = FastBackoffClock::new();
    let client = client(&server, &clock);
    let call = || {
        client
            .organization()
            .certificates()
            .deactivate(["cert_a"])
            .max_retries(0)
    };

    let first = promptly(call()).await.unwrap();
    let second = promptly(call()).await.unwrap();

    assert_eq!(first.request_id.as_deref(), Some("req_ok"));
    assert_eq!(second.request_id.as_deref(), Some("req_ok"));
    assert_eq!((server.connections(), server.request_count()), (2, 2));
}

#[tokio::test]
async fn pooled_connection_is_reused_while_the_server_keeps_it() {
    let server = RawServer::start([Behaviour::answer_each([
        deactivated().keep_alive(),
        deactivated().keep_alive(),
    ])])
    .await;
    let clock = FastBackoffClock::new();
    let client = client(&server, &clock);

    deactivate(&client).await.unwrap();
    deactivate(&client).await.unwrap();

    assert_eq!((server.connections(), server.request_count()), (1, 2));
}

#[tokio::test]
async fn the_hyper_transport_sends_the_key_only_in_the_authorization_header() {
    let server = RawServer::start([ok()]).await;
    let clock = FastBackoffClock::new();

    deactivate(&client(&server, &clock)).await.unwrap();

    let request = &server.requests()[0];
    assert_eq!(
        request.request_line,
        "POST /v1/organization/certificates/deactivate HTTP/1.1"
    );
    let carrying_key: Vec<&str> = request
        .headers
        .iter()
        .filter(|(_, value)| value.contains(KEY))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(carrying_key, ["authorization"]);
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        r#"{"certificate_ids":["cert_a"]}"#
    );
}
