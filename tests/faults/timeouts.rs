//! Attempts that the per-attempt timeout or the call's deadline cuts off.

use super::*;

#[tokio::test]
async fn body_that_stalls_past_the_timeout_is_a_timeout_for_every_attempt() {
    let stall = || {
        let response = RawResponse::new(200)
            .body(r#"{"object":"#)
            .declared_length(400);
        Behaviour::stall_after(response)
    };
    let server = RawServer::start([stall(), stall(), stall()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Timeout, 3));
    assert!(error.is_timeout());
    assert!(!error.is_deadline());
    assert_eq!((server.connections(), server.request_count()), (3, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn server_that_never_answers_is_a_timeout_for_every_attempt() {
    let server = RawServer::start([
        Behaviour::silent(),
        Behaviour::silent(),
        Behaviour::silent(),
    ])
    .await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    assert_eq!(transport_failure(&error), (TransportErrorKind::Timeout, 3));
    assert_eq!(
        error.to_string(),
        "timed out: no complete answer within 300ms (after 3 attempts)"
    );
    assert_eq!((server.connections(), server.request_count()), (3, 3));
}

#[tokio::test]
async fn deadline_shorter_than_the_timeout_ends_the_first_attempt() {
    let server = RawServer::start([Behaviour::silent()]).await;
    let clock = FastBackoffClock::new();
    let client = builder(&server.base_url(), &clock)
        .timeout(Duration::from_secs(60))
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();

    let error = deactivate(&client).await.unwrap_err();

    let Error::Deadline {
        deadline,
        attempts,
        last,
    } = &error
    else {
        panic!("expected a deadline error, got {error:?}")
    };
    assert_eq!(
        (*deadline, *attempts, last.is_none()),
        (Duration::from_millis(300), 1, true)
    );
    assert_eq!(
        error.to_string(),
        "deadline of 300ms reached after 1 attempt"
    );
    assert!(error.is_deadline());
    assert!(!error.is_timeout());
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
}

/// Limitation: when the deadline cuts off a retry, the error of the attempt before it
/// (here a 500 with its request id) is dropped, although `Error::Deadline::last` is
/// documented as the error of the last finished attempt.
#[tokio::test]
async fn deadline_that_ends_a_retry_keeps_the_error_before_it() {
    let server = RawServer::start([Behaviour::answer(status(500)), Behaviour::silent()]).await;
    let clock = FastBackoffClock::new();
    let client = builder(&server.base_url(), &clock)
        .timeout(Duration::from_secs(60))
        .deadline(Duration::from_secs(1))
        .build()
        .unwrap();

    let error = deactivate(&client).await.unwrap_err();

    assert!(
        matches!(
            &error,
            Error::Deadline {
                attempts: 2,
                last: Some(_),
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("req_500"));
    assert_eq!((server.connections(), server.request_count()), (2, 2));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF]);
}
