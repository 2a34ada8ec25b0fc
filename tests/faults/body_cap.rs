//! Bodies over the transport's cap: refused at once, never retried.

use super::*;

fn capped_client(server: &RawServer, clock: &FastBackoffClock, limit: usize) -> Client {
    let transport = HyperTransport::builder()
        .connect_timeout(Duration::from_secs(1))
        .max_response_body_bytes(limit)
        .build()
        .unwrap();
    builder(&server.base_url(), clock)
        .transport(transport)
        .build()
        .unwrap()
}

#[tokio::test]
async fn endless_chunked_body_over_the_cap_is_refused_and_not_retried() {
    let server = RawServer::start([Behaviour::endless_chunked_body(200), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&capped_client(&server, &clock, 4096))
        .await
        .unwrap_err();

    assert_eq!(
        transport_failure(&error),
        (TransportErrorKind::BodyTooLarge, 1)
    );
    assert!(
        error
            .to_string()
            .contains("response body exceeds the limit of 4096 bytes"),
        "{error}"
    );
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn declared_length_over_the_cap_is_refused_before_reading() {
    // The body never comes: only refusing on the declared length ends the call
    // before the timeout.
    let head = RawResponse::new(200).declared_length(10_000_000).head();
    let server = RawServer::start([Behaviour::stall_after(head), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&capped_client(&server, &clock, 4096))
        .await
        .unwrap_err();

    assert_eq!(
        transport_failure(&error),
        (TransportErrorKind::BodyTooLarge, 1)
    );
    assert!(
        error
            .to_string()
            .contains("response declares 10000000 bytes, over the limit of 4096"),
        "{error}"
    );
    assert_eq!((server.connections(), server.request_count()), (1, 1));
}
