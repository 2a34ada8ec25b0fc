//! Conversions between unix seconds and UTC calendar dates, for certificate validity
//! times. The proleptic Gregorian calendar, no leap seconds, as X.509 uses it.

const SECONDS_PER_DAY: i64 = 86_400;

/// A UTC date and time of day, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateTime {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

impl DateTime {
    /// The date and time at `unix` seconds.
    pub(crate) fn from_unix(unix: i64) -> Self {
        let days = unix.div_euclid(SECONDS_PER_DAY);
        let seconds = unix.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: seconds / 3600,
            minute: seconds / 60 % 60,
            second: seconds % 60,
        }
    }

    /// Unix seconds, or `None` when a field is out of range (such as February 30th).
    pub(crate) fn to_unix(self) -> Option<i64> {
        let valid = (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60;
        if !valid {
            return None;
        }

        let days = days_from_civil(self.year, self.month, self.day);
        let time = i64::from(self.hour * 3600 + self.minute * 60 + self.second);
        Some(days * SECONDS_PER_DAY + time)
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The two conversions below are Howard Hinnant's `days_from_civil` and
// `civil_from_days`, counting eras of 400 years from 0000-03-01.

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> DateTime {
        DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        }
    }

    #[test]
    fn known_instants() {
        for (date, unix) in [
            (at(1970, 1, 1, 0, 0, 0), 0),
            (at(2000, 2, 29, 12, 30, 45), 951_827_445),
            (at(2023, 11, 14, 22, 13, 20), 1_700_000_000),
            (at(1969, 12, 31, 23, 59, 59), -1),
            (at(1950, 1, 1, 0, 0, 0), -631_152_000),
            (at(9999, 12, 31, 23, 59, 59), 253_402_300_799),
        ] {
            assert_eq!(date.to_unix(), Some(unix), "{date:?}");
            assert_eq!(DateTime::from_unix(unix), date, "{unix}");
        }
    }

    #[test]
    fn out_of_range_fields_have_no_instant() {
        for date in [
            at(2023, 2, 29, 0, 0, 0),
            at(2024, 13, 1, 0, 0, 0),
            at(2024, 4, 31, 0, 0, 0),
            at(2024, 1, 1, 24, 0, 0),
            at(2024, 1, 1, 0, 60, 0),
            at(2024, 1, 1, 0, 0, 60),
            at(2024, 1, 0, 0, 0, 0),
        ] {
            assert_eq!(date.to_unix(), None, "{date:?}");
        }
        assert_eq!(at(2024, 2, 29, 0, 0, 0).to_unix(), Some(1_709_164_800));
    }
}
