//! Durations given on the command line as seconds, such as `30` or `2.5`.

use std::time::Duration;

/// Parses `--timeout` and `--deadline`: a positive number of seconds, fractions
/// allowed.
///
/// Zero is refused with negative numbers, NaN and infinity: a zero timeout or
/// deadline would fail every call before it is answered, which is never what was
/// meant. The message is clap's to print, as a usage error (exit 2).
pub fn parse(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("must be more than 0 seconds, got {text}"));
    }
    let duration =
        Duration::try_from_secs_f64(seconds).map_err(|_| format!("{text} seconds is too long"))?;
    if duration.is_zero() {
        return Err(format!("must be at least a nanosecond, got {text}"));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_whole_and_fractional_seconds() {
        assert_eq!(parse("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse("2.5"), Ok(Duration::from_millis(2_500)));
        assert_eq!(parse("0.001"), Ok(Duration::from_millis(1)));
        assert_eq!(parse(" 1e1 "), Ok(Duration::from_secs(10)));
    }

    #[test]
    fn refuses_zero_negative_nan_and_infinity() {
        for text in ["0", "-0", "-1", "-0.5", "NaN", "nan", "-inf"] {
            assert_eq!(
                parse(text),
                Err(format!("must be more than 0 seconds, got {text}")),
                "{text}"
            );
        }
        assert_eq!(parse("inf"), Err("inf seconds is too long".to_owned()));
        assert_eq!(parse("1e300"), Err("1e300 seconds is too long".to_owned()));
    }

    #[test]
    fn refuses_what_rounds_to_nothing() {
        assert_eq!(
            parse("1e-10"),
            Err("must be at least a nanosecond, got 1e-10".to_owned())
        );
        assert_eq!(parse("1e-9"), Ok(Duration::from_nanos(1)));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(
            parse("5s"),
            Err("\"5s\" is not a number of seconds".to_owned())
        );
        assert_eq!(parse(""), Err("\"\" is not a number of seconds".to_owned()));
    }
}
