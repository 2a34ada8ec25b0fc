//! Reading the delay a server asks for from `retry-after-ms` and `retry-after`.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

/// The delay the server asked for, if it asked in a form that can be read.
///
/// `retry-after-ms` (milliseconds) is read first, then `retry-after` as seconds
/// (fractions allowed), then `retry-after` as an HTTP date, measured from `now`. A date
/// in the past means no wait. A negative, empty or unreadable value counts as not
/// asked, so the computed backoff applies.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };

    if let Some(millis) = text("retry-after-ms").and_then(seconds) {
        return Some(millis / 1000);
    }
    let retry_after = text("retry-after")?;
    if let Some(delay) = seconds(retry_after) {
        return Some(delay);
    }
    let date = httpdate::parse_http_date(retry_after).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A non-negative decimal number as a duration in (for the caller's unit) seconds.
fn seconds(text: &str) -> Option<Duration> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    Duration::try_from_secs_f64(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap()))
            .collect()
    }

    fn now() -> SystemTime {
        httpdate::parse_http_date("Wed, 02 Dec 2026 10:00:00 GMT").unwrap()
    }

    fn delay(pairs: &[(&'static str, &str)]) -> Option<Duration> {
        server_delay(&headers(pairs), now())
    }

    #[test]
    fn milliseconds_win_over_seconds() {
        let asked = delay(&[("retry-after-ms", "1500"), ("retry-after", "30")]);
        assert_eq!(asked, Some(Duration::from_millis(1500)));
    }

    #[test]
    fn seconds_may_have_fractions() {
        assert_eq!(delay(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(
            delay(&[("retry-after", "0.25")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(delay(&[("retry-after", "0")]), Some(Duration::ZERO));
    }

    #[test]
    fn http_dates_are_measured_from_now() {
        let asked = delay(&[("retry-after", "Wed, 02 Dec 2026 10:00:07 GMT")]);
        assert_eq!(asked, Some(Duration::from_secs(7)));
        let past = delay(&[("retry-after", "Wed, 02 Dec 2026 09:00:00 GMT")]);
        assert_eq!(past, Some(Duration::ZERO));
    }

    #[test]
    fn unreadable_values_fall_back() {
        for value in ["-1", "", " ", "soon", "1e3", "NaN", "inf", "1.2.3"] {
            assert_eq!(delay(&[("retry-after", value)]), None, "{value:?}");
        }
        assert_eq!(
            delay(&[("retry-after-ms", "-5"), ("retry-after", "3")]),
            Some(Duration::from_secs(3))
        );
        assert_eq!(delay(&[]), None);
    }
}
