//! Sending a prepared call: the retry loop, and turning the answer into a value or an
//! error.

use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use crate::attempt::{attempt, Exchange, Limit};
use crate::attempt_span::AttemptSpan;
use crate::classify::{status_is_retryable, transport_is_retryable};
use crate::client::Inner;
use crate::decode::decode;
use crate::request::{self, Prepared};
use crate::response::{request_id, Response};
use crate::retry_after::server_delay;
use crate::status_error::api_error;
use crate::{Error, RequestOptions};

/// The settings of one call: the client's, overridden by the call's options.
struct Plan {
    timeout: Duration,
    max_retries: u32,
    deadline: Option<Duration>,
    idempotent: bool,
}

impl Plan {
    fn new(client: &Inner, prepared: &Prepared, options: &RequestOptions) -> Self {
        Self {
            timeout: options.timeout.unwrap_or(client.config.timeout),
            max_retries: options
                .max_retries
                .unwrap_or(client.config.retry.max_retries),
            deadline: options.deadline.or(client.config.deadline),
            idempotent: prepared.operation.idempotent || options.retry_non_idempotent,
        }
    }
}

/// A failed attempt, and whether and when it may be retried.
struct Failure {
    error: Error,
    retryable: bool,
    server_delay: Option<Duration>,
}

/// Sends `prepared`, retrying as the client's policy and the call's options allow, and
/// decodes a 2xx answer as `T`.
pub(crate) async fn execute<T: DeserializeOwned>(
    client: &Inner,
    prepared: &Prepared,
    options: &RequestOptions,
) -> Result<Response<T>, Error> {
    let plan = Plan::new(client, prepared, options);
    let uri = request::uri(client, prepared, options)?;
    let clock = &*client.clock;
    // A deadline too far away to represent is no deadline at all.
    let deadline_at = plan
        .deadline
        .and_then(|deadline| clock.now().checked_add(deadline));
    let mut attempts = 0;
    let mut last_error: Option<Error> = None;

    loop {
        let deadline_left = deadline_at.map(|at| at.saturating_duration_since(clock.now()));
        if deadline_left == Some(Duration::ZERO) {
            return Err(deadline_error(&plan, attempts, last_error));
        }
        attempts += 1;

        let span = AttemptSpan::new(prepared, attempts);
        let request = request::build(client, prepared, options, &uri);
        let limit = Limit {
            timeout: plan.timeout,
            deadline_left,
        };
        let exchange = span
            .enter(attempt(&*client.transport, clock, request, limit))
            .await;

        let failure = match exchange {
            Exchange::Response(response) if response.status().is_success() => {
                let response = success(response, attempts);
                if let Ok(response) = &response {
                    span.response(response.status, response.request_id.as_deref());
                }
                return response;
            }
            Exchange::Response(response) => {
                status_failure(client, &plan, &span, response, attempts)
            }
            Exchange::Failed(source) => Failure {
                retryable: transport_is_retryable(&source, plan.idempotent),
                error: Error::Transport { source, attempts },
                server_delay: None,
            },
            Exchange::DeadlineReached => {
                return Err(deadline_error(&plan, attempts, last_error));
            }
        };

        let delay = match next_delay(client, &plan, &failure, attempts) {
            Some(delay) => delay,
            None => return Err(failure.error),
        };
        if deadline_at.is_some_and(|at| ends_past(clock.now(), delay, at)) {
            return Err(deadline_error(&plan, attempts, Some(failure.error)));
        }

        span.retrying(delay, &failure.error);
        clock.sleep(delay).await;
        last_error = Some(failure.error);
    }
}

/// The wait before the next attempt, or `None` when the failure is final: not
/// retryable, out of retries, or the server asked for a longer wait than is honoured.
fn next_delay(client: &Inner, plan: &Plan, failure: &Failure, attempts: u32) -> Option<Duration> {
    let retries_made = attempts - 1;
    if !failure.retryable || retries_made >= plan.max_retries {
        return None;
    }
    let policy = &client.config.retry;
    match failure.server_delay {
        Some(asked) if asked > policy.max_retry_after => None,
        Some(asked) => Some(asked),
        None => Some(policy.backoff(retries_made)),
    }
}

fn ends_past(now: Instant, delay: Duration, deadline: Instant) -> bool {
    now.checked_add(delay).is_none_or(|end| end >= deadline)
}

fn status_failure(
    client: &Inner,
    plan: &Plan,
    span: &AttemptSpan,
    response: http::Response<bytes::Bytes>,
    attempts: u32,
) -> Failure {
    let (parts, body) = response.into_parts();
    let request_id = request_id(&parts.headers);
    span.response(parts.status, request_id.as_deref());

    let delay = server_delay(&parts.headers, client.clock.wall_time());
    let retryable = plan.idempotent && status_is_retryable(parts.status, &parts.headers);
    let mut error = api_error(parts.status, request_id, &body, attempts);
    error.retry_after = delay;

    Failure {
        error: error.into(),
        retryable,
        server_delay: delay,
    }
}

fn success<T: DeserializeOwned>(
    response: http::Response<bytes::Bytes>,
    attempts: u32,
) -> Result<Response<T>, Error> {
    let (parts, body) = response.into_parts();
    let request_id = request_id(&parts.headers);
    let value = decode(parts.status, request_id.as_deref(), &body, attempts)?;
    Ok(Response {
        value,
        request_id,
        status: parts.status,
        headers: parts.headers,
    })
}

fn deadline_error(plan: &Plan, attempts: u32, last: Option<Error>) -> Error {
    Error::Deadline {
        deadline: plan.deadline.unwrap_or_default(),
        attempts,
        last: last.map(Box::new),
    }
}
