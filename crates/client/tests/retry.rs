//! The retry policy over a scripted transport and a manual clock: which failures are
//! retried, how long the client waits, and when it gives up.

mod support;

use std::time::Duration;

use openai_admin::{ApiErrorKind, Error, Jitter, RetryPolicy, TransportErrorKind};
use openai_admin_testing::{NeverAnswers, ScriptedResponse, ScriptedTransport};
use support::{client, deactivation, manual_client};

fn ok() -> ScriptedResponse {
    ScriptedResponse::json(200, &deactivation(&["cert_a"])).header("x-request-id", "req_ok")
}

fn status(code: u16) -> ScriptedResponse {
    ScriptedResponse::new(code).header("x-request-id", &format!("req_{code}"))
}

async fn deactivate(client: &openai_admin::Client) -> Result<(), Error> {
    client
        .organization()
        .certificates()
        .deactivate(["cert_a"])
        .await
        .map(drop)
}

#[tokio::test]
async fn retries_retryable_statuses_with_doubling_backoff() {
    let transport = ScriptedTransport::new();
    transport.push(status(500)).push(status(503)).push(ok());
    let (client, clock) = client(&transport);

    deactivate(&client).await.unwrap();

    assert_eq!(transport.requests().len(), 3);
    assert_eq!(
        clock.sleeps(),
        [Duration::from_millis(500), Duration::from_millis(1000)]
    );
}

#[tokio::test]
async fn gives_up_after_the_configured_attempts_and_says_so() {
    let transport = ScriptedTransport::new();
    transport
        .push(status(500))
        .push(status(500))
        .push(status(500))
        .push(ok());
    let (client, clock) = client(&transport);

    let error = deactivate(&client).await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status.as_u16(), api.kind, api.attempts),
        (500, ApiErrorKind::Server, 3)
    );
    assert_eq!(error.request_id(), Some("req_500"));
    assert!(
        error
            .to_string()
            .ends_with("[request id req_500] (after 3 attempts)"),
        "{error}"
    );
    assert_eq!(transport.remaining(), 1);
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn never_retries_final_statuses() {
    for code in [400, 401, 403, 404, 422] {
        let transport = ScriptedTransport::new();
        transport.push(status(code)).push(ok());
        let (client, clock) = client(&transport);

        let error = deactivate(&client).await.unwrap_err();

        assert_eq!(error.status().map(|s| s.as_u16()), Some(code));
        assert_eq!(error.attempts(), 1);
        assert!(clock.sleeps().is_empty());
    }
}

#[tokio::test]
async fn retries_408_409_and_429() {
    for code in [408, 409, 429] {
        let transport = ScriptedTransport::new();
        transport.push(status(code)).push(ok());
        let (client, _) = client(&transport);

        deactivate(&client).await.unwrap();

        assert_eq!(transport.requests().len(), 2, "{code}");
    }
}

#[tokio::test]
async fn should_retry_header_overrides_the_status() {
    let transport = ScriptedTransport::new();
    transport
        .push(status(500).header("x-should-retry", "false"))
        .push(ok());
    let (first, _) = client(&transport);
    assert_eq!(deactivate(&first).await.unwrap_err().attempts(), 1);

    let transport = ScriptedTransport::new();
    transport
        .push(status(400).header("x-should-retry", "true"))
        .push(ok());
    let (second, _) = client(&transport);
    deactivate(&second).await.unwrap();
    assert_eq!(transport.requests().len(), 2);
}

#[tokio::test]
async fn server_delays_win_over_backoff() {
    let cases = [
        (("retry-after-ms", "1234"), Duration::from_millis(1234)),
        (("retry-after", "3"), Duration::from_secs(3)),
        (("retry-after", "0.5"), Duration::from_millis(500)),
        (
            ("retry-after", "Thu, 01 Jan 2026 00:00:05 GMT"),
            Duration::from_secs(5),
        ),
        (
            ("retry-after", "Wed, 31 Dec 2025 00:00:00 GMT"),
            Duration::ZERO,
        ),
        (("retry-after", "-1"), Duration::from_millis(500)),
        (("retry-after", "later"), Duration::from_millis(500)),
    ];
    for ((name, value), expected) in cases {
        let transport = ScriptedTransport::new();
        transport.push(status(429).header(name, value)).push(ok());
        let (client, clock) = client(&transport);

        deactivate(&client).await.unwrap();

        assert_eq!(clock.sleeps(), [expected], "{name}: {value}");
    }
}

#[tokio::test]
async fn a_server_delay_over_the_cap_is_returned_not_waited() {
    let transport = ScriptedTransport::new();
    transport
        .push(status(429).header("retry-after", "61"))
        .push(ok());
    let (client, clock) = client(&transport);

    let error = deactivate(&client).await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.kind, ApiErrorKind::RateLimit);
    assert_eq!(api.retry_after, Some(Duration::from_secs(61)));
    assert!(clock.sleeps().is_empty());
    assert_eq!(transport.remaining(), 1);
}

#[tokio::test]
async fn the_cap_is_configurable() {
    let transport = ScriptedTransport::new();
    transport
        .push(status(429).header("retry-after", "90"))
        .push(ok());
    let policy = RetryPolicy::default()
        .jitter(Jitter::fixed(1.0))
        .max_retry_after(Duration::from_secs(120));
    let (client, clock) = manual_client(transport.clone(), |builder| builder.retry_policy(policy));

    deactivate(&client).await.unwrap();

    assert_eq!(clock.sleeps(), [Duration::from_secs(90)]);
}

#[tokio::test]
async fn transport_failures_of_idempotent_calls_are_retried() {
    for kind in [
        TransportErrorKind::Connect,
        TransportErrorKind::Io,
        TransportErrorKind::Timeout,
    ] {
        let transport = ScriptedTransport::new();
        transport.push_error(kind, "boom");
        transport.push(ok());
        let (client, _) = client(&transport);

        deactivate(&client).await.unwrap();

        assert_eq!(transport.requests().len(), 2, "{kind:?}");
    }
}

#[tokio::test]
async fn an_oversized_body_is_not_retried() {
    let transport = ScriptedTransport::new();
    transport.push_error(TransportErrorKind::BodyTooLarge, "over 16 MiB");
    transport.push(ok());
    let (client, _) = client(&transport);

    let error = deactivate(&client).await.unwrap_err();

    assert!(
        matches!(&error, Error::Transport { attempts: 1, source } if source.is_body_too_large())
    );
}

#[tokio::test]
async fn max_retries_per_call_overrides_the_client() {
    let transport = ScriptedTransport::new();
    transport.push(status(500)).push(ok());
    let (client, _) = client(&transport);

    let error = client
        .organization()
        .certificates()
        .deactivate(["cert_a"])
        .max_retries(0)
        .await
        .unwrap_err();

    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn an_attempt_that_never_answers_times_out_and_is_retried() {
    let transport = NeverAnswers::new();
    let (client, clock) = manual_client(transport.clone(), |builder| {
        builder.timeout(Duration::from_secs(2)).max_retries(1)
    });

    let ticker = clock.clone();
    let call = deactivate(&client);
    let tick = async move {
        for _ in 0..2 {
            tokio::task::yield_now().await;
            ticker.advance(Duration::from_secs(2));
        }
    };
    let (result, ()) = tokio::join!(call, tick);

    let error = result.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), 2);
    assert_eq!(transport.requests().len(), 2);
    assert_eq!(clock.sleeps(), [Duration::from_millis(500)]);
    assert_eq!(clock.elapsed(), Duration::from_millis(4500));
}

#[tokio::test]
async fn no_sleep_is_taken_that_would_end_past_the_deadline() {
    let transport = ScriptedTransport::new();
    transport
        .push(status(503).header("retry-after", "5"))
        .push(ok());
    let (client, clock) = client(&transport);

    let error = client
        .organization()
        .certificates()
        .deactivate(["cert_a"])
        .deadline(Duration::from_secs(4))
        .await
        .unwrap_err();

    let Error::Deadline {
        deadline,
        attempts,
        last,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*deadline, *attempts), (Duration::from_secs(4), 1));
    assert_eq!(
        last.as_ref()
            .and_then(|last| last.status())
            .map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(error.request_id(), Some("req_503"));
    assert!(clock.sleeps().is_empty());
    assert_eq!(transport.requests().len(), 1);
}

#[tokio::test]
async fn an_attempt_in_flight_is_cut_off_at_the_deadline() {
    let transport = NeverAnswers::new();
    let (client, clock) = manual_client(transport.clone(), |builder| {
        builder.deadline(Duration::from_secs(3))
    });

    let ticker = clock.clone();
    let tick = async move {
        tokio::task::yield_now().await;
        ticker.advance(Duration::from_secs(3));
    };
    let (result, ()) = tokio::join!(deactivate(&client), tick);

    let error = result.unwrap_err();
    assert!(error.is_deadline(), "{error:?}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.to_string(), "deadline of 3s reached after 1 attempt");
}
