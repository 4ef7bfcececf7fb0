//! A band: one price, valid at some local times of day between some dates.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{ComponentKind, DayKey};
use crate::money::round_to;

/// A station-local wall-clock time of day, to the minute, `00:00` … `24:00`.
///
/// # Examples
/// ```
/// use connect_domain::tariff::TimeOfDay;
/// assert_eq!(TimeOfDay::parse("07:30").map(|t| t.minutes()), Some(450));
/// assert_eq!(TimeOfDay::parse("24:00").map(|t| t.minutes()), Some(1440));
/// assert_eq!(TimeOfDay::parse("25:00"), None);
/// assert_eq!(TimeOfDay::parse("7:5"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Midnight at the start of a day.
    pub const MIDNIGHT: Self = Self(0);

    /// Parses strict `HH:MM` (two digits each); `24:00` is the end of the day.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 5 || bytes[2] != b':' {
            return None;
        }
        let digit = |i: usize| {
            bytes[i]
                .is_ascii_digit()
                .then(|| u16::from(bytes[i] - b'0'))
        };
        let hours = digit(0)? * 10 + digit(1)?;
        let minutes = digit(3)? * 10 + digit(4)?;
        match (hours, minutes) {
            (0..=23, 0..=59) | (24, 0) => Some(Self(hours * 60 + minutes)),
            _ => None,
        }
    }

    /// Minutes since midnight, 0 … 1440.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// Builds one from minutes since midnight (at most 1440).
    pub fn from_minutes(minutes: u32) -> Option<Self> {
        (minutes <= 1440).then(|| Self(u16::try_from(minutes).unwrap_or(0)))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Where a band sits in the price group: component, day key and position in the list.
///
/// Its `Display` is the field path of the band in the wire JSON.
///
/// # Examples
/// ```
/// use connect_domain::tariff::{BandId, ComponentKind, DayKey};
/// let id = BandId { component: ComponentKind::Energy, day: DayKey::All, index: 1 };
/// assert_eq!(id.to_string(), "prices.kwh_price.ALL[1]");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct BandId {
    /// The component the band prices.
    pub component: ComponentKind,
    /// The day key the band is listed under.
    pub day: DayKey,
    /// Its position in that day's list.
    pub index: usize,
}

impl fmt::Display for BandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "prices.{}.{}[{}]", self.component, self.day, self.index)
    }
}

/// One price of a component, valid in a window of local times of day (`[time_from,
/// time_to)`) on the local dates `[date_from, date_to)`.
///
/// `gross_price` in the API is the price *without* VAT; here it is [`Band::net_price`].
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub(crate) id: BandId,
    pub(crate) time_from: Option<TimeOfDay>,
    pub(crate) time_to: Option<TimeOfDay>,
    pub(crate) date_from: Option<NaiveDate>,
    pub(crate) date_to: Option<NaiveDate>,
    pub(crate) net_price: Decimal,
    pub(crate) user_facing_price: Decimal,
    pub(crate) tax_percent: Decimal,
    pub(crate) grace_period_minutes: Option<Decimal>,
    pub(crate) blocking_cap: Option<Decimal>,
}

impl Band {
    /// Where the band sits in the price group.
    pub fn id(&self) -> BandId {
        self.id
    }

    /// Net price (the API's `gross_price`, which excludes VAT): per kWh, per hour for
    /// time-based components, or flat for one-off fees.
    pub fn net_price(&self) -> Decimal {
        self.net_price
    }

    /// The API's `user_facing_price`: VAT included, per minute for time-based components.
    pub fn user_facing_price(&self) -> Decimal {
        self.user_facing_price
    }

    /// VAT in percent, 0 … 100.
    pub fn tax_percent(&self) -> Decimal {
        self.tax_percent
    }

    /// Minutes after which a blocking fee starts to apply.
    pub fn grace_period_minutes(&self) -> Option<Decimal> {
        self.grace_period_minutes
    }

    /// Most blocking fee (VAT included) one session can be charged.
    pub fn blocking_cap(&self) -> Option<Decimal> {
        self.blocking_cap
    }

    /// Start of the validity window, as published (`None` = start of day).
    pub fn time_from(&self) -> Option<TimeOfDay> {
        self.time_from
    }

    /// End of the validity window, as published (`None`, `00:00` or `24:00` = end of day).
    pub fn time_to(&self) -> Option<TimeOfDay> {
        self.time_to
    }

    /// First local date the band applies (inclusive).
    pub fn date_from(&self) -> Option<NaiveDate> {
        self.date_from
    }

    /// First local date the band no longer applies (exclusive).
    pub fn date_to(&self) -> Option<NaiveDate> {
        self.date_to
    }

    /// Minute of the day the band starts.
    pub(crate) fn start_minute(&self) -> u32 {
        self.time_from.map_or(0, TimeOfDay::minutes)
    }

    /// Minute the band ends, counted from the start of the day it starts on: up to 1440 for
    /// a same-day band, above 1440 for an overnight band that ends the next day.
    pub(crate) fn end_minute(&self) -> u32 {
        let end = match self.time_to.map(TimeOfDay::minutes) {
            None | Some(0 | 1440) => 1440,
            Some(minutes) => minutes,
        };
        if end <= self.start_minute() {
            end + 1440
        } else {
            end
        }
    }

    /// Whether a band instance starting on `date` is within the band's validity dates.
    pub(crate) fn valid_on(&self, date: NaiveDate) -> bool {
        self.date_from.is_none_or(|from| date >= from) && self.date_to.is_none_or(|to| date < to)
    }

    /// Seconds of grace before blocking time is billed (whole seconds, rounded up).
    pub(crate) fn grace_seconds(&self) -> i64 {
        self.grace_period_minutes.map_or(0, |minutes| {
            let seconds = (minutes * Decimal::from(60)).ceil();
            i64::try_from(seconds).unwrap_or(i64::MAX)
        })
    }

    /// `1 + tax / 100`: the factor from net to VAT-inclusive.
    pub(crate) fn gross_factor(&self) -> Decimal {
        // tax / 100 by moving the decimal point two places: the same value as the division
        // (exact either way), a fifth of its cost, and it is paid for every band read.
        let mut rate = self.tax_percent;
        if rate.set_scale(rate.scale() + 2).is_ok() {
            Decimal::ONE + rate
        } else {
            Decimal::ONE + self.tax_percent / Decimal::ONE_HUNDRED
        }
    }

    /// The price a driver sees, per interpretation 3: VAT included, rounded to the minor
    /// unit; per minute for time-based components.
    ///
    /// # Examples
    /// ```
    /// # use connect_domain::tariff::PriceGroup;
    /// # let json = r#"{"type":"AC","power":22,"evse_ids":[],"currency":"EUR",
    /// #   "pre_authorization_amount":"50.00","local_datetime":"2026-04-02T15:51:18+02:00",
    /// #   "prices":{"blocking_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
    /// #   "date_to":null,"gross_price":"4.02","user_facing_price":"0.08",
    /// #   "grace_period_minutes":0,"tax":19,"blocking_cap":null}]}}}"#;
    /// let group = PriceGroup::from_json(json)?.value;
    /// let band = group.tariff().components().next().unwrap().all_bands().next().unwrap();
    /// // 4.02 €/h net → 4.02 / 60 × 1.19 = 0.0797 €/min → 0.08
    /// assert_eq!(band.displayed_price(2).to_string(), "0.08");
    /// # Ok::<(), connect_domain::tariff::TariffError>(())
    /// ```
    pub fn displayed_price(&self, minor_units: u32) -> Decimal {
        let per_unit = if self.id.component.is_time_based() {
            self.net_price / Decimal::from(60)
        } else {
            self.net_price
        };
        round_to(per_unit * self.gross_factor(), minor_units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_times_are_rejected() {
        for bad in [
            "25:00", "7:5", "07:60", "24:01", "0730", "07:3a", "", "-1:00",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
        assert_eq!(TimeOfDay::parse("00:00"), Some(TimeOfDay::MIDNIGHT));
        assert_eq!(
            TimeOfDay::parse("23:59").map(TimeOfDay::minutes),
            Some(1439)
        );
    }
}
