//! A clock for socket tests: backoff is skipped, timeouts are real.

use std::future::ready;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use openai_admin::{Clock, Wait};

/// A [`Clock`] whose backoff pauses return at once, while its timers are real.
///
/// [`ManualClock`](openai_admin::ManualClock) suits scripted transports, where nothing
/// happens unless the test makes it happen. Over a socket the server answers in real
/// time, so an attempt's timeout must be a real timer too; only the pauses the client
/// chooses to take between attempts are worth skipping. Each skipped pause is
/// recorded and moves [`now`](Clock::now) and [`wall_time`](Clock::wall_time) forward
/// by its length, so a deadline still counts the backoff it would have waited.
///
/// Clones share one record.
#[derive(Debug, Clone, Default)]
pub struct FastBackoffClock {
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl FastBackoffClock {
    /// A clock that has skipped nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every backoff pause the client asked for, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().clone()
    }

    fn skipped(&self) -> Duration {
        self.lock().iter().sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Duration>> {
        self.sleeps.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clock for FastBackoffClock {
    fn now(&self) -> Instant {
        Instant::now() + self.skipped()
    }

    fn wall_time(&self) -> SystemTime {
        SystemTime::now() + self.skipped()
    }

    fn sleep(&self, duration: Duration) -> Wait {
        self.lock().push(duration);
        Box::pin(ready(()))
    }

    fn timer(&self, duration: Duration) -> Wait {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sleeps_are_recorded_and_move_now_without_waiting() {
        let clock = FastBackoffClock::new();
        let real = Instant::now();
        let before = clock.now();

        clock.sleep(Duration::from_secs(30)).await;
        clock.sleep(Duration::from_secs(60)).await;

        assert!(real.elapsed() < Duration::from_secs(5));
        assert!(clock.now() - before >= Duration::from_secs(90));
        assert_eq!(
            clock.sleeps(),
            [Duration::from_secs(30), Duration::from_secs(60)]
        );
    }
}
