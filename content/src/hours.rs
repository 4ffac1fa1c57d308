//! Opening hours as content gives them: days of the week, times of day as editors
//! write them, and opening periods.
//!
//! These are part of the content model (`OpeningPeriod` reads into them, validation
//! checks the times); whether a service is open now is a comfort, in
//! `tools::hours`.

use koers_content_derive::Content;
use serde::{Deserialize, Serialize};

/// A day of the week, Monday first (as in Belgium). In content, its Dutch name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Content,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Weekday {
    #[serde(rename = "maandag")]
    Monday,
    #[serde(rename = "dinsdag")]
    Tuesday,
    #[serde(rename = "woensdag")]
    Wednesday,
    #[serde(rename = "donderdag")]
    Thursday,
    #[serde(rename = "vrijdag")]
    Friday,
    #[serde(rename = "zaterdag")]
    Saturday,
    #[serde(rename = "zondag")]
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> u32 {
        self as u32
    }

    pub fn from_index(i: u32) -> Weekday {
        Weekday::ALL[(i % 7) as usize]
    }

    /// From JavaScript's `Date.getDay()`: 0 is Sunday.
    pub fn from_js_day(day: u32) -> Weekday {
        Weekday::from_index((day + 6) % 7)
    }

    /// The Dutch name, in lower case: "maandag".
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "maandag",
            Weekday::Tuesday => "dinsdag",
            Weekday::Wednesday => "woensdag",
            Weekday::Thursday => "donderdag",
            Weekday::Friday => "vrijdag",
            Weekday::Saturday => "zaterdag",
            Weekday::Sunday => "zondag",
        }
    }
}

/// A time of day in minutes after midnight; 24:00 is 1440.
pub type Minutes = u32;

/// "09:00", "9:00" or "9.00" to minutes after midnight; "24:00" is the end of the day.
/// `None` for anything else ("9u", "25:00", "12:60").
pub fn parse_time(text: &str) -> Option<Minutes> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (h, m) = (digits(h, 1..=2)?, digits(m, 2..=2)?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

/// "9.00 uur" style, as Flemish sites write times: 9.00, 13.30.
pub fn format_time(minutes: Minutes) -> String {
    format!("{}.{:02}", minutes / 60, minutes % 60)
}

/// One opening period: on `day` from `opens` to `closes`. A `closes` at or before
/// `opens` runs past midnight into the next day (a night service, 22:00–02:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningHours {
    pub day: Weekday,
    pub opens: Minutes,
    pub closes: Minutes,
}

impl OpeningHours {
    /// `OpeningHours::new(Weekday::Monday, (9, 0), (12, 30))`.
    pub fn new(day: Weekday, opens: (u32, u32), closes: (u32, u32)) -> Self {
        OpeningHours {
            day,
            opens: opens.0 * 60 + opens.1,
            closes: closes.0 * 60 + closes.1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_editors_write_them() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("9:00"), Some(540));
        assert_eq!(parse_time("13.30"), Some(810));
        assert_eq!(parse_time("00:00"), Some(0));
        assert_eq!(parse_time("24:00"), Some(1440));
        assert_eq!(parse_time(" 9:00 "), Some(540), "spaces around are fine");
        for bad in [
            "", "9", "9u", "9:0", "24:01", "25:00", "12:60", "-1:00", "123:00", "9h00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad:?}");
        }
        assert_eq!(format_time(540), "9.00");
        assert_eq!(format_time(810), "13.30");
    }
}
