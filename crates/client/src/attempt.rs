//! One attempt: send the request, racing the transport against a timer.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use openai_admin_transport::{HttpSend, TransportError, TransportErrorKind};

use crate::clock::Clock;

/// What one attempt produced.
#[derive(Debug)]
pub(crate) enum Exchange {
    /// A response, of any status.
    Response(http::Response<Bytes>),
    /// No response: the transport failed or the attempt's timeout fired.
    Failed(TransportError),
    /// The call's total deadline fired while the attempt was in flight.
    DeadlineReached,
}

/// The limit on one attempt: its own timeout, or what is left of the deadline if that
/// is sooner.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    pub(crate) timeout: Duration,
    pub(crate) deadline_left: Option<Duration>,
}

/// Sends `request`, cutting it off at `limit`. The send is dropped when the timer wins,
/// which closes its connection.
pub(crate) async fn attempt(
    transport: &dyn HttpSend,
    clock: &dyn Clock,
    request: http::Request<Bytes>,
    limit: Limit,
) -> Exchange {
    let deadline_first = limit.deadline_left.is_some_and(|left| left < limit.timeout);
    let wait = match limit.deadline_left {
        Some(left) if deadline_first => left,
        _ => limit.timeout,
    };

    match first(transport.send(request), clock.timer(wait)).await {
        Some(Ok(response)) => Exchange::Response(response),
        Some(Err(error)) => Exchange::Failed(error),
        None if deadline_first => Exchange::DeadlineReached,
        None => Exchange::Failed(TransportError::new(
            TransportErrorKind::Timeout,
            format!("no complete answer within {wait:?}"),
        )),
    }
}

/// Polls `work` and `timer` together: `Some` with the work's output if it finishes
/// first, `None` if the timer does. The work is polled first, so work that is ready at
/// once always wins.
async fn first<W: Future>(work: W, timer: impl Future<Output = ()>) -> Option<W::Output> {
    let mut work = pin!(work);
    let mut timer = pin!(timer);
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::future::pending;

    use super::*;
    use crate::ManualClock;

    #[tokio::test]
    async fn ready_work_beats_a_ready_timer() {
        assert_eq!(first(async { 7 }, async {}).await, Some(7));
    }

    #[tokio::test]
    async fn timer_cuts_off_pending_work() {
        let clock = ManualClock::default();
        let advancer = clock.clone();
        let (outcome, ()) = tokio::join!(
            first(pending::<()>(), clock.timer(Duration::from_secs(3))),
            async move {
                tokio::task::yield_now().await;
                advancer.advance(Duration::from_secs(3));
            }
        );
        assert_eq!(outcome, None);
    }
}
