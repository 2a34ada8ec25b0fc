//! Upload is not idempotent: retried only when it provably never left.

use super::*;

fn uploaded() -> Behaviour {
    let body = json!({"object": "certificate", "id": "cert_new", "name": null,
                      "created_at": 1_750_000_000, "certificate_details": {}});
    Behaviour::answer(RawResponse::json(200, &body))
}

#[tokio::test]
async fn upload_after_a_500_is_not_retried() {
    let server = RawServer::start([Behaviour::answer(status(500)), uploaded()]).await;
    let clock = FastBackoffClock::new();

    let error = upload(&client(&server, &clock)).await.unwrap_err();

    let api = api_failure(&error);
    assert_eq!((api.status.as_u16(), api.attempts), (500, 1));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].request_line,
        "POST /v1/organization/certificates HTTP/1.1"
    );
    assert_eq!(server.connections(), 1);
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn upload_after_the_connection_dropped_is_not_retried() {
    let server = RawServer::start([Behaviour::close_after_request(), uploaded()]).await;
    let clock = FastBackoffClock::new();

    let error = upload(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Io, 1));
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn upload_after_connection_refused_is_retried() {
    let clock = FastBackoffClock::new();
    let client = builder(&refused_base_url(), &clock).build().unwrap();

    let error = upload(&client).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Connect, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn upload_after_a_reset_is_not_retried() {
    let server = RawServer::start([Behaviour::reset_after_request(), uploaded()]).await;
    let clock = FastBackoffClock::new();

    let error = upload(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Io, 1));
    assert_eq!((server.connections(), server.request_count()), (1, 1));
}
