//! The dates of change notes: written `2026-12-02` (ISO 8601, a calendar day), shown
//! to residents as "2 december 2026".

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
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
    fn a_day_is_shown_in_dutch() {
        assert_eq!(long_date("2026-12-02").as_deref(), Some("2 december 2026"));
        assert_eq!(long_date("2025-03-31").as_deref(), Some("31 maart 2025"));
        assert_eq!(long_date("2025-3-31"), None);
    }
}
