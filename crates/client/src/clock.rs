//! Time, injected: what the retry loop asks for "now" and waits on.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant, SystemTime};

/// A future that completes after some time has passed on a [`Clock`].
pub type Wait = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The source of time for retries, timeouts and deadlines.
///
/// Two kinds of waiting are kept apart so tests can treat them differently: a
/// [`sleep`](Clock::sleep) is a pause the client chose to take (backoff before a retry),
/// a [`timer`](Clock::timer) is raced against an attempt in flight and cuts it off (the
/// per-attempt timeout, the total deadline). [`TokioClock`] is the default;
/// [`ManualClock`] lets tests run every retry without waiting.
pub trait Clock: Send + Sync + Debug {
    /// A monotonic "now", for timeouts and deadlines.
    fn now(&self) -> Instant;

    /// The wall-clock time, for `Retry-After` given as an HTTP date.
    fn wall_time(&self) -> SystemTime;

    /// Pauses for `duration` before a retry.
    fn sleep(&self, duration: Duration) -> Wait;

    /// Completes once `duration` has passed; dropped when the attempt finishes first.
    fn timer(&self, duration: Duration) -> Wait;
}

/// Real time, from tokio's timer. Needs a tokio runtime with time enabled.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }

    fn wall_time(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Wait {
        Box::pin(tokio::time::sleep(duration))
    }

    fn timer(&self, duration: Duration) -> Wait {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests that only moves when told to, and never waits for real.
///
/// A [`sleep`](Clock::sleep) moves the clock forward by its duration at once and is
/// recorded, so a test can assert every backoff the client took. A
/// [`timer`](Clock::timer) completes when the clock has been moved past its end, by
/// sleeps or by [`advance`](ManualClock::advance): with a transport that never answers,
/// advance the clock from another task to make the timeout fire.
#[derive(Debug, Clone)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    start: Instant,
    wall_start: SystemTime,
    elapsed: Duration,
    sleeps: Vec<Duration>,
    waiting: Vec<Waker>,
}

impl ManualClock {
    /// How far a manual clock can move: about a thousand years.
    pub const MAX_ELAPSED: Duration = Duration::from_secs(1000 * 365 * 24 * 60 * 60);

    /// A clock standing at the given wall-clock time.
    pub fn new(wall_time: SystemTime) -> Self {
        let state = ManualState {
            start: Instant::now(),
            wall_start: wall_time,
            elapsed: Duration::ZERO,
            sleeps: Vec::new(),
            waiting: Vec::new(),
        };
        Self {
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Moves the clock forward, firing every timer that ends by then. The clock stops
    /// at [`ManualClock::MAX_ELAPSED`] past its start, so that no "now" overflows.
    pub fn advance(&self, duration: Duration) {
        let waiting = {
            let mut state = self.lock();
            state.elapsed = state
                .elapsed
                .saturating_add(duration)
                .min(Self::MAX_ELAPSED);
            std::mem::take(&mut state.waiting)
        };
        waiting.into_iter().for_each(Waker::wake);
    }

    /// How far the clock has moved since it was made.
    pub fn elapsed(&self) -> Duration {
        self.lock().elapsed
    }

    /// Every sleep taken so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let state = self.lock();
        state.start + state.elapsed
    }

    fn wall_time(&self) -> SystemTime {
        let state = self.lock();
        state
            .wall_start
            .checked_add(state.elapsed)
            .unwrap_or(state.wall_start)
    }

    fn sleep(&self, duration: Duration) -> Wait {
        self.lock().sleeps.push(duration);
        self.advance(duration);
        Box::pin(std::future::ready(()))
    }

    fn timer(&self, duration: Duration) -> Wait {
        let end = self.lock().elapsed.saturating_add(duration);
        Box::pin(ManualTimer {
            clock: self.clone(),
            end,
        })
    }
}

struct ManualTimer {
    clock: ManualClock,
    end: Duration,
}

impl Future for ManualTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.clock.lock();
        if state.elapsed >= self.end {
            return Poll::Ready(());
        }
        state.waiting.push(cx.waker().clone());
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn manual_sleep_moves_time_and_is_recorded() {
        let clock = ManualClock::default();
        let before = clock.now();
        clock.sleep(Duration::from_millis(500)).await;
        clock.sleep(Duration::from_secs(1)).await;
        assert_eq!(clock.now() - before, Duration::from_millis(1500));
        assert_eq!(
            clock.sleeps(),
            [Duration::from_millis(500), Duration::from_secs(1)]
        );
    }

    #[test]
    fn manual_time_stops_instead_of_overflowing() {
        let clock = ManualClock::default();
        let start = clock.now();
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        assert_eq!(clock.now() - start, ManualClock::MAX_ELAPSED);
        assert_eq!(clock.elapsed(), ManualClock::MAX_ELAPSED);
    }

    #[tokio::test]
    async fn manual_timer_fires_when_advanced_past_its_end() {
        let clock = ManualClock::default();
        let timer = clock.timer(Duration::from_secs(10));
        let advancer = clock.clone();
        let advance = async move {
            tokio::task::yield_now().await;
            advancer.advance(Duration::from_secs(4));
            tokio::task::yield_now().await;
            advancer.advance(Duration::from_secs(6));
        };
        tokio::join!(timer, advance);
        assert_eq!(clock.elapsed(), Duration::from_secs(10));
        assert!(clock.sleeps().is_empty());
    }
}
