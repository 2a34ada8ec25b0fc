//! Unix seconds as UTC calendar time, without a date-time dependency.

/// Formats unix seconds as `YYYY-MM-DD HH:MM:SS` in UTC.
///
/// Every `i64` is accepted: years before 1 or after 9999 are printed with as many
/// digits as they need (and a `-` sign before year 0), so a wild timestamp from the
/// API shows up as an odd date rather than a panic.
pub fn format(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(SECONDS_PER_DAY);
    let second_of_day = unix_seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);

    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

const SECONDS_PER_DAY: i64 = 86_400;

/// The proleptic Gregorian date `days` after 1970-01-01, as (year, month, day).
///
/// Howard Hinnant's `civil_from_days`: shift the epoch to 0000-03-01 so that leap
/// days fall at the end of a year, split into 400-year eras of 146 097 days, then
/// find the year of the era, the day of that March-based year and its month.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);

    // Both fit: day is 1..=31 and month is 1..=12 by construction.
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_epoch_and_known_instants() {
        assert_eq!(format(0), "1970-01-01 00:00:00");
        assert_eq!(format(1_234_567), "1970-01-15 06:56:07");
        assert_eq!(format(1_700_000_000), "2023-11-14 22:13:20");
        assert_eq!(format(4_102_444_800), "2100-01-01 00:00:00");
        assert_eq!(format(253_402_300_799), "9999-12-31 23:59:59");
    }

    #[test]
    fn handles_leap_days_and_century_rules() {
        assert_eq!(format(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(format(1_709_164_800), "2024-02-29 00:00:00");
        assert_eq!(format(1_709_251_199), "2024-02-29 23:59:59");
        assert_eq!(format(1_709_251_200), "2024-03-01 00:00:00");
        // 2100 is not a leap year: February 28 is followed by March 1.
        assert_eq!(format(4_107_456_000), "2100-02-28 00:00:00");
        assert_eq!(format(4_107_542_400), "2100-03-01 00:00:00");
    }

    #[test]
    fn counts_back_before_the_epoch() {
        assert_eq!(format(-1), "1969-12-31 23:59:59");
        assert_eq!(format(-86_400), "1969-12-31 00:00:00");
        assert_eq!(format(-62_135_596_800), "0001-01-01 00:00:00");
        assert_eq!(format(-62_135_596_801), "0000-12-31 23:59:59");
    }

    #[test]
    fn civil_from_days_matches_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(10_957), (2000, 1, 1));
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
    }

    #[test]
    fn extreme_timestamps_do_not_panic() {
        assert_eq!(format(i64::MAX), "292277026596-12-04 15:30:07");
        assert_eq!(format(i64::MIN), "-292277022657-01-27 08:29:52");
    }
}
