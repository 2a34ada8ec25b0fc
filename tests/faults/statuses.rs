//! Statuses that are retried, waited for, or final.

use super::*;

#[tokio::test]
async fn html_502_page_then_an_answer_succeeds_on_the_second_attempt() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body>\r\n</html>\r\n";
    let bad_gateway = status(502).header("content-type", "text/html").body(page);
    let server = RawServer::start([Behaviour::answer(bad_gateway), ok()]).await;
    let clock = FastBackoffClock::new();

    let answer = deactivate(&client(&server, &clock)).await.unwrap();

    assert_eq!(answer.request_id.as_deref(), Some("req_ok"));
    assert_eq!((server.connections(), server.request_count()), (2, 2));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF]);
}

/// Answers a 429 with `header: value`, then a 200; returns the pauses taken.
async fn after_429(header: &str, value: &str) -> Vec<Duration> {
    let limited = status(429).header(header, value);
    let server = RawServer::start([Behaviour::answer(limited), ok()]).await;
    let clock = FastBackoffClock::new();

    deactivate(&client(&server, &clock)).await.unwrap();

    assert_eq!((server.connections(), server.request_count()), (2, 2));
    clock.sleeps()
}

#[tokio::test]
async fn waits_exactly_what_retry_after_ms_asks() {
    let sleeps = after_429("retry-after-ms", "250").await;
    assert_eq!(sleeps, [Duration::from_millis(250)]);
}

#[tokio::test]
async fn waits_exactly_what_retry_after_seconds_asks() {
    let sleeps = after_429("retry-after", "2").await;
    assert_eq!(sleeps, [Duration::from_secs(2)]);
}

#[tokio::test]
async fn waits_exactly_what_a_fractional_retry_after_asks() {
    let sleeps = after_429("retry-after", "0.75").await;
    assert_eq!(sleeps, [Duration::from_millis(750)]);
}

#[tokio::test]
async fn waits_until_a_retry_after_http_date() {
    // An HTTP date has whole seconds, so the wait is 3 s less the fraction of the
    // current second and whatever time passed before the client read it.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));

    let sleeps = after_429("retry-after", &date).await;

    assert_eq!(sleeps.len(), 1, "{sleeps:?}");
    assert!(
        sleeps[0] > Duration::from_secs(1) && sleeps[0] <= Duration::from_secs(3),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn retry_after_over_the_cap_is_returned_not_waited() {
    let limited = status(429).header("retry-after", "120");
    let server = RawServer::start([Behaviour::answer(limited), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    let api = api_failure(&error);
    assert_eq!(
        (api.status.as_u16(), api.kind, api.attempts, api.retry_after),
        (
            429,
            ApiErrorKind::RateLimit,
            1,
            Some(Duration::from_secs(120))
        )
    );
    assert_eq!(error.request_id(), Some("req_429"));
    assert_eq!(
        error.to_string(),
        "429 Too Many Requests (rate limit error) [request id req_429] \
         (server asks to retry after 120s)"
    );
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn three_500s_give_up_after_three_attempts() {
    let failing = || Behaviour::answer(status(500));
    let server = RawServer::start([failing(), failing(), failing(), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    let api = api_failure(&error);
    assert_eq!(
        (api.status.as_u16(), api.kind, api.attempts),
        (500, ApiErrorKind::Server, 3)
    );
    assert_eq!(
        error.to_string(),
        "500 Internal Server Error (server error) [request id req_500] (after 3 attempts)"
    );
    assert_eq!((server.connections(), server.request_count()), (3, 3));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF, SECOND_BACKOFF]);
}

#[tokio::test]
async fn x_should_retry_false_stops_a_500() {
    let refused = status(500).header("x-should-retry", "false");
    let server = RawServer::start([Behaviour::answer(refused), ok()]).await;
    let clock = FastBackoffClock::new();

    let error = deactivate(&client(&server, &clock)).await.unwrap_err();

    let api = api_failure(&error);
    assert_eq!((api.status.as_u16(), api.attempts), (500, 1));
    assert_eq!((server.connections(), server.request_count()), (1, 1));
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn x_should_retry_true_retries_a_400() {
    let retry = status(400).header("x-should-retry", "true");
    let server = RawServer::start([Behaviour::answer(retry), ok()]).await;
    let clock = FastBackoffClock::new();

    let answer = deactivate(&client(&server, &clock)).await.unwrap();

    assert_eq!(answer.request_id.as_deref(), Some("req_ok"));
    assert_eq!((server.connections(), server.request_count()), (2, 2));
    assert_eq!(clock.sleeps(), [FIRST_BACKOFF]);
}
