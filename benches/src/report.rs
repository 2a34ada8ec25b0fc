//! The result lines a benchmark prints for `cargo xtask bench` to collect.
//!
//! One figure per line, `bench-result <name> <value>`, with names like
//! `overhead.client_median_us`; anything else a benchmark prints is for people.

use std::fmt::Display;

/// What starts every result line.
pub const PREFIX: &str = "bench-result";

/// Prints one figure as a result line.
pub fn figure(name: &str, value: impl Display) {
    println!("{}", line(name, value));
}

fn line(name: &str, value: impl Display) -> String {
    format!("{PREFIX} {name} {value}")
}

/// Rounds to `places` decimals, so figures read cleanly in the report.
pub fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_prefix_name_value() {
        assert_eq!(line("decode.ratio", 1.25), "bench-result decode.ratio 1.25");
    }

    #[test]
    fn rounding_keeps_the_asked_places() {
        assert_eq!(round(1.23456, 2), 1.23);
        assert_eq!(round(41.5, 0), 42.0);
    }
}
