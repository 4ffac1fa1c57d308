//! Whether a service is open now ("Nu open" / "Nu gesloten"), and its week as
//! residents read it.
//!
//! Content gives hours per contact point (`"hours": [{ "day": "maandag", "opens":
//! "09:00", "closes": "12:00" }]`, see `content::OpeningPeriod`; the types of days,
//! times and periods belong to the content model, in `content::hours`); none of the
//! seeds has any, and none are made up. The contact card lists them, and once the app
//! runs it calls [`opening_status`] with the current time in Belgium: a status written
//! into the pre-rendered page would be frozen at build time.

use crate::content::{format_time, Minutes, OpeningHours, Weekday};

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// Start and end of a period in minutes since Monday 00:00; the end may pass the
/// week's end.
fn span(hours: &OpeningHours) -> (u32, u32) {
    let start = hours.day.index() * DAY + hours.opens.min(DAY);
    let length = if hours.closes > hours.opens {
        hours.closes.min(DAY) - hours.opens.min(DAY)
    } else {
        DAY - hours.opens.min(DAY) + hours.closes
    };
    (start, start + length)
}

/// A moment in the resident's local week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub day: Weekday,
    pub minutes: Minutes,
}

impl LocalTime {
    pub fn new(day: Weekday, hour: u32, minute: u32) -> Self {
        LocalTime {
            day,
            minutes: hour * 60 + minute,
        }
    }

    fn in_week(self) -> u32 {
        self.day.index() * DAY + self.minutes.min(DAY - 1)
    }

    fn from_week(minutes: u32) -> Self {
        let m = minutes % WEEK;
        LocalTime {
            day: Weekday::from_index(m / DAY),
            minutes: m % DAY,
        }
    }
}

/// Whether a service is open at a moment, and until or from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenStatus {
    /// Open now; closes at that moment (periods that touch count as one).
    OpenUntil(LocalTime),
    /// Open every hour of the week (periods that touch all round): it never closes.
    AlwaysOpen,
    /// Closed now; opens next at that moment.
    ClosedUntil(LocalTime),
    /// No opening hours are known: say nothing rather than "gesloten".
    Unknown,
}

impl OpenStatus {
    /// What a resident reads: "Nu open, tot 17.00 uur", "Nu gesloten, opent morgen om
    /// 9.00 uur". `Unknown` says nothing.
    pub fn describe(self, now: LocalTime) -> Option<String> {
        let when = |t: LocalTime| {
            let time = format!("{} uur", format_time(t.minutes));
            if t.day == now.day && t.minutes > now.minutes {
                time
            } else if t.day == now.day {
                format!("volgende {} om {time}", t.day.name())
            } else if t.day.index() == (now.day.index() + 1) % 7 {
                format!("morgen om {time}")
            } else {
                format!("{} om {time}", t.day.name())
            }
        };
        match self {
            // Midnight tonight; a later midnight is named by its day below.
            OpenStatus::OpenUntil(t)
                if t.minutes == 0 && t.day.index() == (now.day.index() + 1) % 7 =>
            {
                Some("Nu open, tot middernacht".into())
            }
            OpenStatus::OpenUntil(t) => Some(format!("Nu open, tot {}", when(t))),
            OpenStatus::AlwaysOpen => Some("Nu open, dag en nacht".into()),
            OpenStatus::ClosedUntil(t) if t.day == now.day && t.minutes > now.minutes => {
                Some(format!("Nu gesloten, opent om {}", when(t)))
            }
            OpenStatus::ClosedUntil(t) => Some(format!("Nu gesloten, opent {}", when(t))),
            OpenStatus::Unknown => None,
        }
    }
}

/// The local time in Belgium at `unix_ms` (milliseconds since 1970, UTC, as
/// `Date.now()` gives it). Opening hours are the office's: a resident abroad, or with
/// a device set to another zone, still learns whether the office is open now. Belgium
/// keeps CET (UTC+1) and EU summer time (UTC+2) from the last Sunday of March to the
/// last Sunday of October, both at 01:00 UTC.
pub fn belgian_time(unix_ms: f64) -> LocalTime {
    const HOUR: i64 = 3600;
    let secs = (unix_ms / 1000.0).floor() as i64;
    let year = year_of(secs.div_euclid(86_400));
    let switch = |month| last_sunday(year, month) * 86_400 + HOUR;
    let offset = if (switch(3)..switch(10)).contains(&secs) {
        2 * HOUR
    } else {
        HOUR
    };
    let local = secs + offset;
    let days = local.div_euclid(86_400);
    LocalTime {
        // 1 January 1970 was a Thursday.
        day: Weekday::from_index((days + 3).rem_euclid(7) as u32),
        minutes: (local.rem_euclid(86_400) / 60) as u32,
    }
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The year of a day counted from 1970-01-01.
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    // Days from 1 March: January and February belong to the next year.
    yoe + era * 400 + i64::from(doy >= 306)
}

/// The last Sunday of a 31-day month (March, October), in days from 1970-01-01.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    last - ((last + 3).rem_euclid(7) + 1) % 7
}

/// The week as residents read it: each day that has hours, in order, with its periods
/// ("9.00–12.00 uur en 13.30–17.00 uur"). Days without hours are left out.
pub fn week_summary(hours: &[OpeningHours]) -> Vec<(Weekday, String)> {
    Weekday::ALL
        .into_iter()
        .filter_map(|day| {
            let mut periods: Vec<&OpeningHours> = hours.iter().filter(|h| h.day == day).collect();
            super::sort_by(&mut periods, |a, b| a.opens.cmp(&b.opens));
            let parts: Vec<String> = periods
                .iter()
                .map(|h| format!("{}–{} uur", format_time(h.opens), format_time(h.closes)))
                .collect();
            (!parts.is_empty()).then(|| (day, parts.join(" en ")))
        })
        .collect()
}

/// Open or closed at `now`, from a week of opening periods.
pub fn opening_status(hours: &[OpeningHours], now: LocalTime) -> OpenStatus {
    let spans: Vec<(u32, u32)> = hours.iter().map(span).filter(|(s, e)| e > s).collect();
    if spans.is_empty() {
        return OpenStatus::Unknown;
    }
    let t = now.in_week();
    // A period from late Sunday may still run on Monday morning: look a week back too.
    let covering = |t: u32| {
        spans.iter().find_map(|&(s, e)| {
            [0, WEEK]
                .into_iter()
                .find(|&shift| s <= t + shift && t + shift < e)
                .map(|shift| e - shift)
        })
    };
    if let Some(mut end) = covering(t) {
        // Periods that touch (12:00–12:00, or 24:00 and 00:00) are one opening.
        for _ in 0..spans.len() {
            if end - t >= WEEK {
                break;
            }
            match covering(end % WEEK).map(|e| e + end - end % WEEK) {
                Some(next) if next > end => end = next,
                _ => break,
            }
        }
        // Touching all round the week: it never closes.
        if end - t >= WEEK {
            return OpenStatus::AlwaysOpen;
        }
        return OpenStatus::OpenUntil(LocalTime::from_week(end));
    }
    let next = spans
        .iter()
        .map(|&(s, _)| (s + WEEK - t) % WEEK)
        .min()
        .unwrap_or(0);
    OpenStatus::ClosedUntil(LocalTime::from_week(t + next))
}

#[cfg(test)]
mod tests {
    use super::Weekday::*;
    use super::*;

    /// Weekdays 9:00–12:00 and 13:30–17:00; Saturday morning; closed on Sunday.
    fn office() -> Vec<OpeningHours> {
        let mut v = Vec::new();
        for d in [Monday, Tuesday, Wednesday, Thursday, Friday] {
            v.push(OpeningHours::new(d, (9, 0), (12, 0)));
            v.push(OpeningHours::new(d, (13, 30), (17, 0)));
        }
        v.push(OpeningHours::new(Saturday, (9, 0), (12, 0)));
        v
    }

    #[test]
    fn open_during_a_period_until_its_end() {
        let now = LocalTime::new(Tuesday, 10, 15);
        let status = opening_status(&office(), now);
        assert_eq!(
            status,
            OpenStatus::OpenUntil(LocalTime::new(Tuesday, 12, 0))
        );
        assert_eq!(status.describe(now).unwrap(), "Nu open, tot 12.00 uur");
        // The first minute counts as open, the closing minute as closed.
        assert_eq!(
            opening_status(&office(), LocalTime::new(Tuesday, 9, 0)),
            OpenStatus::OpenUntil(LocalTime::new(Tuesday, 12, 0))
        );
        assert_eq!(
            opening_status(&office(), LocalTime::new(Tuesday, 17, 0)),
            OpenStatus::ClosedUntil(LocalTime::new(Wednesday, 9, 0))
        );
    }

    #[test]
    fn closed_before_opening_at_lunch_and_after_closing() {
        let before = LocalTime::new(Monday, 8, 59);
        let status = opening_status(&office(), before);
        assert_eq!(
            status,
            OpenStatus::ClosedUntil(LocalTime::new(Monday, 9, 0))
        );
        assert_eq!(
            status.describe(before).unwrap(),
            "Nu gesloten, opent om 9.00 uur"
        );
        let lunch = LocalTime::new(Monday, 12, 30);
        assert_eq!(
            opening_status(&office(), lunch).describe(lunch).unwrap(),
            "Nu gesloten, opent om 13.30 uur"
        );
        let evening = LocalTime::new(Thursday, 20, 0);
        assert_eq!(
            opening_status(&office(), evening)
                .describe(evening)
                .unwrap(),
            "Nu gesloten, opent morgen om 9.00 uur"
        );
    }

    #[test]
    fn the_week_wraps_from_saturday_over_sunday_to_monday() {
        let sat = LocalTime::new(Saturday, 12, 0);
        let status = opening_status(&office(), sat);
        assert_eq!(
            status,
            OpenStatus::ClosedUntil(LocalTime::new(Monday, 9, 0))
        );
        assert_eq!(
            status.describe(sat).unwrap(),
            "Nu gesloten, opent maandag om 9.00 uur"
        );
        let sunday_night = LocalTime::new(Sunday, 23, 59);
        assert_eq!(
            opening_status(&office(), sunday_night)
                .describe(sunday_night)
                .unwrap(),
            "Nu gesloten, opent morgen om 9.00 uur"
        );
    }

    #[test]
    fn periods_past_midnight_and_touching_periods() {
        // A night line: Friday 22:00 to Saturday 02:00, and Sunday 20:00 to Monday 01:00.
        let night = [
            OpeningHours::new(Friday, (22, 0), (2, 0)),
            OpeningHours::new(Sunday, (20, 0), (1, 0)),
        ];
        assert_eq!(
            opening_status(&night, LocalTime::new(Saturday, 1, 30)),
            OpenStatus::OpenUntil(LocalTime::new(Saturday, 2, 0))
        );
        assert_eq!(
            opening_status(&night, LocalTime::new(Monday, 0, 30)),
            OpenStatus::OpenUntil(LocalTime::new(Monday, 1, 0)),
            "Sunday's period runs on into Monday"
        );
        assert_eq!(
            opening_status(&night, LocalTime::new(Monday, 1, 0)),
            OpenStatus::ClosedUntil(LocalTime::new(Friday, 22, 0))
        );
        // Open until midnight, then again from midnight: one opening until 02:00.
        let touching = [
            OpeningHours::new(Monday, (18, 0), (24, 0)),
            OpeningHours::new(Tuesday, (0, 0), (2, 0)),
        ];
        let late = LocalTime::new(Monday, 23, 0);
        let status = opening_status(&touching, late);
        assert_eq!(status, OpenStatus::OpenUntil(LocalTime::new(Tuesday, 2, 0)));
        assert_eq!(
            status.describe(late).unwrap(),
            "Nu open, tot morgen om 2.00 uur"
        );
        let until_midnight = [OpeningHours::new(Monday, (18, 0), (24, 0))];
        assert_eq!(
            opening_status(&until_midnight, late)
                .describe(late)
                .unwrap(),
            "Nu open, tot middernacht"
        );
    }

    #[test]
    fn always_open_and_unknown() {
        let always: Vec<OpeningHours> = Weekday::ALL
            .into_iter()
            .map(|d| OpeningHours::new(d, (0, 0), (24, 0)))
            .collect();
        let now = LocalTime::new(Wednesday, 3, 0);
        // Not "tot middernacht": a week later the same periods still run on.
        assert_eq!(opening_status(&always, now), OpenStatus::AlwaysOpen);
        assert_eq!(
            OpenStatus::AlwaysOpen.describe(now).unwrap(),
            "Nu open, dag en nacht"
        );
        // One day short of the whole week still closes, and says when.
        let all_but_sunday = &always[..6];
        assert_eq!(
            opening_status(all_but_sunday, now).describe(now).unwrap(),
            "Nu open, tot zondag om 0.00 uur"
        );
        let saturday = LocalTime::new(Saturday, 22, 0);
        assert_eq!(
            opening_status(all_but_sunday, saturday)
                .describe(saturday)
                .unwrap(),
            "Nu open, tot middernacht"
        );
        assert_eq!(opening_status(&[], now), OpenStatus::Unknown);
        assert_eq!(OpenStatus::Unknown.describe(now), None);
        // Only on Wednesday morning: after it, the next opening is a week away.
        let weekly = [OpeningHours::new(Wednesday, (9, 0), (11, 0))];
        let after = LocalTime::new(Wednesday, 11, 0);
        assert_eq!(
            opening_status(&weekly, after).describe(after).unwrap(),
            "Nu gesloten, opent volgende woensdag om 9.00 uur"
        );
        assert_eq!(Weekday::from_js_day(0), Sunday);
        assert_eq!(Weekday::from_js_day(1), Monday);
    }

    #[test]
    fn belgian_time_in_winter_summer_and_at_the_switches() {
        let at = |ms: f64| belgian_time(ms);
        // Tuesday 24 November 2026, 09:15 UTC: 10:15 in Brussels (CET).
        assert_eq!(at(1_795_511_700_000.0), LocalTime::new(Tuesday, 10, 15));
        // Wednesday 1 July 2026, 10:00 UTC: 12:00 (CEST).
        assert_eq!(at(1_782_900_000_000.0), LocalTime::new(Wednesday, 12, 0));
        // Sunday 29 March 2026: 00:59 UTC is 01:59 CET, a minute later it is 03:00 CEST.
        assert_eq!(at(1_774_745_940_000.0), LocalTime::new(Sunday, 1, 59));
        assert_eq!(at(1_774_746_000_000.0), LocalTime::new(Sunday, 3, 0));
        // Sunday 25 October 2026: 00:59 UTC is 02:59 CEST, then 02:00 CET again.
        assert_eq!(at(1_792_889_940_000.0), LocalTime::new(Sunday, 2, 59));
        assert_eq!(at(1_792_890_000_000.0), LocalTime::new(Sunday, 2, 0));
        // Across midnight into a leap day's next day, and into a new year.
        assert_eq!(at(1_709_249_400_000.0), LocalTime::new(Friday, 0, 30));
        assert_eq!(at(946_683_000_000.0), LocalTime::new(Saturday, 0, 30));
        assert_eq!(at(0.0), LocalTime::new(Thursday, 1, 0));
    }

    #[test]
    fn the_week_summary_lists_days_in_order_with_their_periods() {
        let summary = week_summary(&office());
        assert_eq!(summary.len(), 6, "Sunday has no hours and is left out");
        assert_eq!(
            summary[0],
            (Monday, "9.00–12.00 uur en 13.30–17.00 uur".into())
        );
        assert_eq!(summary[5], (Saturday, "9.00–12.00 uur".into()));
        let unordered = [
            OpeningHours::new(Thursday, (13, 0), (16, 0)),
            OpeningHours::new(Tuesday, (8, 30), (12, 0)),
            OpeningHours::new(Thursday, (9, 0), (12, 0)),
        ];
        assert_eq!(
            week_summary(&unordered),
            vec![
                (Tuesday, "8.30–12.00 uur".into()),
                (Thursday, "9.00–12.00 uur en 13.00–16.00 uur".into()),
            ]
        );
        assert!(week_summary(&[]).is_empty());
    }
}
