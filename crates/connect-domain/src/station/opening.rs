//! When a station can be used: always, or in regular weekly periods.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use super::OpeningDay;
use crate::tariff::TimeOfDay;

/// When a station's EVSEs can be reached (the API's `ConnectAPIOpeningTimes`, read and
/// written in its JSON shape).
///
/// # Examples
/// ```
/// use connect_domain::station::{OpeningDay, OpeningTimes, RegularHours};
/// let shop = OpeningTimes::new(false, vec![RegularHours::new(OpeningDay::All, "07:00", "21:00")]);
/// let evening = "2026-04-02T20:59:00".parse()?;
/// assert_eq!(shop.is_open_at(evening), Some(true));
/// assert_eq!(shop.is_open_at("2026-04-02T21:00:00".parse()?), Some(false));
/// assert_eq!(OpeningTimes::always().is_open_at(evening), Some(true));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OpeningTimes {
    /// Open around the clock; `regular_hours` is then usually empty.
    pub twentyfourseven: bool,
    /// The weekly periods when the station is open, if not around the clock.
    pub regular_hours: Vec<RegularHours>,
}

impl OpeningTimes {
    /// Opening times as the API gives them: open around the clock, or the regular hours.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{OpeningDay, OpeningTimes, RegularHours};
    /// let times = OpeningTimes::new(false, vec![RegularHours::new(OpeningDay::All, "06:00", "22:00")]);
    /// assert!(!times.twentyfourseven);
    /// ```
    pub fn new(twentyfourseven: bool, regular_hours: Vec<RegularHours>) -> Self {
        Self {
            twentyfourseven,
            regular_hours,
        }
    }
}

/// One regular opening period (the API's `ConnectAPIRegularHours`).
///
/// The API does not say how `period_begin` and `period_end` are written; OCPI, which the
/// API copies, writes `HH:MM` in station-local time, so that is what
/// [`OpeningTimes::is_open_at`] reads. They are kept as published.
///
/// In JSON, `weekday` is optional (left out when `None`); the two bounds are nullable and
/// always written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegularHours {
    /// The day the period applies to; `None` when the feed gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<OpeningDay>,
    /// Start of the period, local `HH:MM`, inclusive.
    #[serde(default)]
    pub period_begin: Option<String>,
    /// End of the period, local `HH:MM`, exclusive; before `period_begin` for a period
    /// that runs past midnight.
    #[serde(default)]
    pub period_end: Option<String>,
}

impl RegularHours {
    /// A period on a day, from `begin` to `end` (`HH:MM`).
    pub fn new(weekday: OpeningDay, begin: &str, end: &str) -> Self {
        Self {
            weekday: Some(weekday),
            period_begin: Some(begin.to_owned()),
            period_end: Some(end.to_owned()),
        }
    }

    /// Whether the period is for `day` (its own weekday, or `ALL`).
    fn applies_on(&self, day: Weekday) -> bool {
        match &self.weekday {
            Some(OpeningDay::All) => true,
            Some(other) => weekday_of(other) == Some(day),
            None => false,
        }
    }
}

impl OpeningTimes {
    /// Open around the clock.
    pub fn always() -> Self {
        Self {
            twentyfourseven: true,
            regular_hours: Vec::new(),
        }
    }

    /// Whether the station is open at a station-local date and time.
    ///
    /// A period is `[period_begin, period_end)`; an end of `00:00` or `24:00` is the end of
    /// the day, and an end before the beginning runs into the next day (a Friday
    /// `22:00`–`06:00` period covers Saturday 03:00). `None` when a period that could apply
    /// cannot be read (no weekday, or a time other than `HH:MM`): better unknown than wrong.
    pub fn is_open_at(&self, local: NaiveDateTime) -> Option<bool> {
        if self.twentyfourseven {
            return Some(true);
        }
        let minute = local.hour() * 60 + local.minute();
        let today = local.weekday();
        let yesterday = today.pred();
        let mut open = false;
        for period in &self.regular_hours {
            let (on_today, on_yesterday) = match &period.weekday {
                None | Some(OpeningDay::Unknown(_)) => return None,
                Some(_) => (period.applies_on(today), period.applies_on(yesterday)),
            };
            if !on_today && !on_yesterday {
                continue;
            }
            let begin = match period.period_begin.as_deref() {
                None => 0,
                Some(text) => TimeOfDay::parse(text)?.minutes(),
            };
            let end = match period.period_end.as_deref() {
                None => 24 * 60,
                Some(text) => match TimeOfDay::parse(text)?.minutes() {
                    0 => 24 * 60,
                    end => end,
                },
            };
            if begin < end {
                open |= on_today && (begin..end).contains(&minute);
            } else {
                // Runs past midnight: the part after `begin` today, the part before `end`
                // belongs to yesterday's period.
                open |= on_today && minute >= begin;
                open |= on_yesterday && end < 24 * 60 && minute < end;
            }
        }
        Some(open)
    }
}

fn weekday_of(day: &OpeningDay) -> Option<Weekday> {
    Some(match day {
        OpeningDay::Monday => Weekday::Mon,
        OpeningDay::Tuesday => Weekday::Tue,
        OpeningDay::Wednesday => Weekday::Wed,
        OpeningDay::Thursday => Weekday::Thu,
        OpeningDay::Friday => Weekday::Fri,
        OpeningDay::Saturday => Weekday::Sat,
        OpeningDay::Sunday => Weekday::Sun,
        _ => return None,
    })
}
