//! Moments as git records them (seconds since 1970, UTC), shown in the time of the
//! organisations: Belgium (Europe/Brussels: UTC+1, and UTC+2 in the EU's summer time,
//! from the last Sunday of March to the last Sunday of October, 01:00 UTC both). The
//! rule is the EU's since 1996; earlier moments are shown by it too.

use serde::{Deserialize, Serialize};

/// A moment: seconds since 1970-01-01 00:00 UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Now, by the system clock.
    pub fn now() -> Timestamp {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Timestamp(since)
    }

    /// Seconds since 1970-01-01 00:00 UTC.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// The offset of Belgian time from UTC at this moment, in seconds.
    pub fn brussels_offset(self) -> i64 {
        let (year, _, _) = civil_from_days(self.0.div_euclid(DAY));
        let start = last_sunday(year, 3) * DAY + HOUR;
        let end = last_sunday(year, 10) * DAY + HOUR;
        if (start..end).contains(&self.0) {
            2 * HOUR
        } else {
            HOUR
        }
    }

    /// RFC 3339 in Belgian time, as `2026-12-03T14:05:09+01:00`.
    pub fn rfc3339(self) -> String {
        let offset = self.brussels_offset();
        let local = self.0 + offset;
        let (year, month, day) = civil_from_days(local.div_euclid(DAY));
        let seconds = local.rem_euclid(DAY);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+{:02}:00",
            seconds / HOUR,
            seconds % HOUR / 60,
            seconds % 60,
            offset / HOUR
        )
    }

    /// The day in Dutch, in Belgian time, as `3 december 2026` (as residents read the
    /// dates of change notes: koers-content's `long_date`).
    pub fn dutch_date(self) -> String {
        let local = self.0 + self.brussels_offset();
        let (year, month, day) = civil_from_days(local.div_euclid(DAY));
        let iso = format!("{year:04}-{month:02}-{day:02}");
        koers_content::long_date(&iso).unwrap_or(iso)
    }

    /// Git's own form of a date with its offset, as `GIT_AUTHOR_DATE` takes it:
    /// `1764770709 +0100`.
    pub(crate) fn git(self) -> String {
        format!("{} +{:02}00", self.0, self.brussels_offset() / HOUR)
    }
}

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// The day number (since 1970-01-01) of the last Sunday of a month with 31 days.
fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 is Sunday.
    let weekday = (last + 4).rem_euclid(7);
    last - weekday
}

// The proleptic Gregorian calendar to and from day numbers, after Howard Hinnant's
// `days_from_civil` and `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn belgian_time_in_winter_and_summer() {
        // 2026-12-03 13:59:19 UTC (checked with `date -u -d @1796306359`).
        let winter = Timestamp(1_796_306_359);
        assert_eq!(winter.rfc3339(), "2026-12-03T14:59:19+01:00");
        assert_eq!(winter.dutch_date(), "3 december 2026");
        assert_eq!(winter.git(), "1796306359 +0100");
        // 2026-07-01 22:30:00 UTC is already 2 July in Brussels.
        let summer = Timestamp(1_782_945_000);
        assert_eq!(summer.rfc3339(), "2026-07-02T00:30:00+02:00");
        assert_eq!(summer.dutch_date(), "2 juli 2026");
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays_at_one_utc() {
        // 2026: 29 March and 25 October.
        let start = days_from_civil(2026, 3, 29) * DAY + HOUR;
        let end = days_from_civil(2026, 10, 25) * DAY + HOUR;
        assert_eq!(Timestamp(start - 1).brussels_offset(), HOUR);
        assert_eq!(Timestamp(start).brussels_offset(), 2 * HOUR);
        assert_eq!(Timestamp(end - 1).brussels_offset(), 2 * HOUR);
        assert_eq!(Timestamp(end).brussels_offset(), HOUR);
        assert_eq!(Timestamp(start).rfc3339(), "2026-03-29T03:00:00+02:00");
        assert_eq!(Timestamp(end).rfc3339(), "2026-10-25T02:00:00+01:00");
    }
}
