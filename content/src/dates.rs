//! The dates of change notes: written `2026-12-02` (ISO 8601, a calendar day), shown
//! to residents as "2 december 2026".

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// The day `days` after 1 January 1970 (the proleptic Gregorian calendar's civil
    /// date of a day count, as in Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: u64) -> Day {
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        Day {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: month as u8,
            day: day as u8,
        }
    }
}

/// The Dutch month names, January first.
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `text` as a day, when it is written `YYYY-MM-DD` and that day exists.
pub fn parse_day(text: &str) -> Option<Day> {
    let digits = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())
            .flatten()
    };
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let day = Day {
        year: digits(year, 4)?,
        month: u8::try_from(digits(month, 2)?).ok()?,
        day: u8::try_from(digits(day, 2)?).ok()?,
    };
    (day.year >= 1
        && (1..=12).contains(&day.month)
        && (1..=days_in(day.year, day.month)).contains(&day.day))
    .then_some(day)
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// "2 december 2026"; `None` for a text that is not a day (the build refuses it).
pub fn long_date(text: &str) -> Option<String> {
    let d = parse_day(text)?;
    Some(format!(
        "{} {} {}",
        d.day,
        MONTHS[usize::from(d.month - 1)],
        d.year
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_only_as_written_and_when_they_exist() {
        assert_eq!(
            parse_day("2026-12-02"),
            Some(Day {
                year: 2026,
                month: 12,
                day: 2
            })
        );
        for day in ["2024-02-29", "2000-02-29", "2026-01-31", "2026-04-30"] {
            assert!(parse_day(day).is_some(), "{day}");
        }
        for not in [
            "",
            "2026-12",
            "2026-12-2",
            "26-12-02",
            "2026-13-01",
            "2026-00-10",
            "2026-12-00",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-12-02T10:00",
            "2026/12/02",
            "0000-01-01",
            "2026-12-+2",
            " 2026-12-02",
        ] {
            assert_eq!(parse_day(not), None, "{not}");
        }
    }

    #[test]
    fn day_counts_become_calendar_days() {
        let day = |days| {
            let d = Day::from_days_since_epoch(days);
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        };
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(59), "1970-03-01");
        assert_eq!(day(11_016), "2000-02-29");
        assert_eq!(day(20_789), "2026-12-02");
        // Every day of four centuries is one that parses, each the day after the last.
        let mut before = parse_day("1969-12-31").unwrap();
        for days in 0..146_097 {
            let today = parse_day(&day(days)).expect("a real day");
            assert!(today > before, "{}", day(days));
            before = today;
        }
        assert_eq!(day(146_096), "2369-12-31", "and none skipped");
    }

    #[test]
    fn a_day_is_shown_in_dutch() {
        assert_eq!(long_date("2026-12-02").as_deref(), Some("2 december 2026"));
        assert_eq!(long_date("2025-03-31").as_deref(), Some("31 maart 2025"));
        assert_eq!(long_date("2025-3-31"), None);
    }
}
