//! How many times to retry and how long to wait before each retry.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The retry policy of a client.
///
/// The defaults are those of OpenAI's official SDKs: 2 retries (3 attempts); before
/// retry `n` (counting from 0) wait `min(0.5 s × 2ⁿ, 8 s)` times a random factor in
/// `[0.75, 1.0]`. A delay the server asks for (`retry-after-ms`, `retry-after`) wins
/// over the computed one when it is at most [`max_retry_after`](Self::max_retry_after),
/// 60 s by default; when the server asks for longer, the client does not retry early
/// but returns the error with the requested delay in it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retries.
    pub max_retries: u32,
    /// The computed delay before the first retry.
    pub initial_delay: Duration,
    /// The computed delay never exceeds this.
    pub max_delay: Duration,
    /// The longest server-requested delay that is honoured.
    pub max_retry_after: Duration,
    /// Where the random factor comes from.
    pub jitter: Jitter,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            jitter: Jitter::random(),
        }
    }
}

impl RetryPolicy {
    /// The default policy with `max_retries` retries.
    pub fn with_max_retries(max_retries: u32) -> Self {
        Self {
            max_retries,
            ..Self::default()
        }
    }

    /// Sets the longest server-requested delay that is honoured.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Sets the source of the random factor.
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// The computed delay before retry `retry` (0 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        let doubled = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(retry.min(31)));
        let capped = doubled.min(self.max_delay);
        Duration::try_from_secs_f64(capped.as_secs_f64() * self.jitter.factor()).unwrap_or(capped)
    }
}

/// The random factor in `[0.75, 1.0]` that spreads retries of many clients apart.
#[derive(Debug, Clone)]
pub struct Jitter(JitterSource);

#[derive(Debug, Clone)]
enum JitterSource {
    Fixed(f64),
    Random(Arc<AtomicU64>),
}

impl Jitter {
    /// A fresh pseudo-random factor for every delay, seeded from the operating system.
    pub fn random() -> Self {
        let seed = RandomState::new().build_hasher().finish() | 1;
        Self(JitterSource::Random(Arc::new(AtomicU64::new(seed))))
    }

    /// Always the same factor, clamped to `[0.75, 1.0]` (a NaN counts as 1): for tests.
    pub fn fixed(factor: f64) -> Self {
        let factor = if factor.is_nan() {
            1.0
        } else {
            factor.clamp(0.75, 1.0)
        };
        Self(JitterSource::Fixed(factor))
    }

    /// The next factor.
    pub fn factor(&self) -> f64 {
        match &self.0 {
            JitterSource::Fixed(factor) => *factor,
            JitterSource::Random(state) => {
                let next = xorshift(
                    state
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |s| Some(xorshift(s)))
                        .unwrap_or(1),
                );
                let unit = (next >> 11) as f64 / (1u64 << 53) as f64;
                1.0 - 0.25 * unit
            }
        }
    }
}

fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(factor: f64) -> RetryPolicy {
        RetryPolicy::default().jitter(Jitter::fixed(factor))
    }

    #[test]
    fn doubles_from_half_a_second_up_to_eight() {
        let delays: Vec<_> = (0..7).map(|n| policy(1.0).backoff(n)).collect();
        let millis: Vec<_> = delays.iter().map(Duration::as_millis).collect();
        assert_eq!(millis, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(policy(1.0).backoff(u32::MAX), Duration::from_secs(8));
    }

    #[test]
    fn jitter_scales_down_by_at_most_a_quarter() {
        assert_eq!(policy(0.75).backoff(0), Duration::from_millis(375));
        assert_eq!(policy(0.1).backoff(1), Duration::from_millis(750));
        let random = Jitter::random();
        for _ in 0..10_000 {
            let factor = random.factor();
            assert!((0.75..=1.0).contains(&factor), "{factor}");
        }
    }

    #[test]
    fn extreme_settings_never_panic() {
        assert_eq!(policy(f64::NAN).backoff(0), Duration::from_millis(500));
        let huge = RetryPolicy {
            initial_delay: Duration::MAX,
            max_delay: Duration::MAX,
            ..policy(1.0)
        };
        assert_eq!(huge.backoff(3), Duration::MAX);
    }

    #[test]
    fn defaults_match_the_official_sdks() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_retries, 2);
        assert_eq!(policy.max_retry_after, Duration::from_secs(60));
    }
}
