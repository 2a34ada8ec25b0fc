//! Medians and percentiles of timing samples.

use std::time::Duration;

/// The order statistics of a set of samples, in the samples' unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// How many samples there were.
    pub count: usize,
    /// The 50th percentile.
    pub median: f64,
    /// The 90th percentile.
    pub p90: f64,
    /// The 99th percentile.
    pub p99: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
    /// The arithmetic mean.
    pub mean: f64,
}

impl Summary {
    /// Summarises `samples`, which are sorted in place.
    ///
    /// # Panics
    ///
    /// If `samples` is empty or holds a NaN.
    pub fn of(samples: &mut [f64]) -> Self {
        assert!(!samples.is_empty(), "no samples to summarise");
        samples.sort_by(|a, b| a.partial_cmp(b).expect("no NaN among samples"));
        Self {
            count: samples.len(),
            median: percentile(samples, 50.0),
            p90: percentile(samples, 90.0),
            p99: percentile(samples, 99.0),
            min: samples[0],
            max: samples[samples.len() - 1],
            mean: samples.iter().sum::<f64>() / samples.len() as f64,
        }
    }

    /// Summarises durations in microseconds.
    pub fn of_micros(durations: &[Duration]) -> Self {
        let mut micros: Vec<f64> = durations.iter().map(|d| d.as_secs_f64() * 1e6).collect();
        Self::of(&mut micros)
    }
}

/// The nearest-rank percentile of sorted `samples`: the smallest sample with at
/// least `pct` percent of the samples at or below it.
fn percentile(sorted: &[f64], pct: f64) -> f64 {
    let rank = (pct / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut samples: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        let summary = Summary::of(&mut samples);
        assert_eq!(
            (summary.median, summary.p90, summary.p99),
            (50.0, 90.0, 99.0)
        );
        assert_eq!((summary.min, summary.max, summary.mean), (1.0, 100.0, 50.5));
        assert_eq!(summary.count, 100);
    }

    #[test]
    fn one_sample_is_every_percentile() {
        let summary = Summary::of(&mut [7.0]);
        assert_eq!((summary.median, summary.p99, summary.min), (7.0, 7.0, 7.0));
    }

    #[test]
    fn durations_are_summarised_in_microseconds() {
        let summary = Summary::of_micros(&[Duration::from_micros(3), Duration::from_nanos(1500)]);
        assert_eq!((summary.min, summary.max), (1.5, 3.0));
    }
}
