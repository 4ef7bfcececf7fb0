//! The prices a driver sees: now, and over a window ("cheaper from 22:00").

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::local_time::supported;
use crate::tariff::{Band, BandId, BandInterval, ComponentKind, Tariff};

/// What a displayed price is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PriceUnit {
    /// Per kWh.
    PerKwh,
    /// Per minute (time-based components).
    PerMinute,
    /// Once per session.
    PerSession,
}

/// One component's price as a driver sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisplayedPrice {
    /// The component.
    pub component: ComponentKind,
    /// The band in force.
    pub band: BandId,
    /// The API's `user_facing_price`: VAT included.
    pub price: Decimal,
    /// What `price` is per.
    pub unit: PriceUnit,
    /// Net price per kWh, per hour or flat (the API's `gross_price`).
    pub net_price: Decimal,
    /// VAT, percent.
    pub tax_percent: Decimal,
    /// Grace period of a blocking fee, minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_period_minutes: Option<Decimal>,
}

impl DisplayedPrice {
    fn of(band: &Band) -> Self {
        let component = band.id().component;
        let unit = if component.is_time_based() {
            PriceUnit::PerMinute
        } else if component.is_one_off() {
            PriceUnit::PerSession
        } else {
            PriceUnit::PerKwh
        };
        Self {
            component,
            band: band.id(),
            price: band.user_facing_price(),
            unit,
            net_price: band.net_price(),
            tax_percent: band.tax_percent(),
            grace_period_minutes: (component == ComponentKind::Blocking)
                .then(|| band.grace_period_minutes())
                .flatten(),
        }
    }

    /// Whether a driver would see the same thing (the band may differ).
    fn looks_like(&self, other: &Self) -> bool {
        self.component == other.component
            && self.price == other.price
            && self.net_price == other.net_price
            && self.tax_percent == other.tax_percent
            && self.grace_period_minutes == other.grace_period_minutes
    }
}

/// The prices in force at an instant, one per component that has a band then (none for an
/// instant outside the years 1900 to 9000).
///
/// # Examples
/// ```
/// use connect_domain::pricing::price_at;
/// use connect_domain::tariff::PriceGroup;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"30",
///   "prices":{"kwh_price":{"ALL":[
///     {"time_from":"06:00","time_to":"22:00","date_from":null,"date_to":null,
///      "gross_price":"0.50","user_facing_price":"0.60","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null},
///     {"time_from":"22:00","time_to":"06:00","date_from":null,"date_to":null,
///      "gross_price":"0.30","user_facing_price":"0.36","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null}]}}}"#)?.value;
/// // 21:30 UTC is 23:30 in Berlin in summer: the night price.
/// let prices = price_at(group.tariff(), chrono_tz::Europe::Berlin, "2026-07-01T21:30:00Z".parse()?);
/// assert_eq!(prices[0].price.to_string(), "0.36");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn price_at(tariff: &Tariff, zone: Tz, instant: DateTime<Utc>) -> Vec<DisplayedPrice> {
    if !supported(instant) {
        return Vec::new();
    }
    tariff
        .components()
        .filter_map(|component| component.band_at(zone, instant))
        .map(DisplayedPrice::of)
        .collect()
}

/// A stretch of time during which the displayed prices do not change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceInterval {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// The prices in force, one per component that has a band then.
    pub prices: Vec<DisplayedPrice>,
}

/// The displayed prices over `[from, to)`, as maximal stretches of constant prices (none for
/// a window reaching outside the years 1900 to 9000).
///
/// # Examples
/// ```
/// use connect_domain::pricing::price_timeline;
/// use connect_domain::tariff::PriceGroup;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"30",
///   "prices":{"kwh_price":{"ALL":[
///     {"time_from":"06:00","time_to":"22:00","date_from":null,"date_to":null,
///      "gross_price":"0.50","user_facing_price":"0.60","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null},
///     {"time_from":"22:00","time_to":"06:00","date_from":null,"date_to":null,
///      "gross_price":"0.30","user_facing_price":"0.36","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let timeline = price_timeline(group.tariff(), chrono_tz::Europe::Berlin,
///     "2026-07-01T12:00:00Z".parse()?, "2026-07-02T12:00:00Z".parse()?);
/// // Day price until 22:00 local (20:00 UTC), night until 06:00 local, day again.
/// assert_eq!(timeline.len(), 3);
/// assert_eq!(timeline[1].from.to_rfc3339(), "2026-07-01T20:00:00+00:00");
/// assert_eq!(timeline[1].prices[0].price.to_string(), "0.36");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn price_timeline(
    tariff: &Tariff,
    zone: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<PriceInterval> {
    if to <= from || !supported(from) || !supported(to) {
        return Vec::new();
    }
    let per_component: Vec<Vec<BandInterval<'_>>> = tariff
        .components()
        .map(|component| {
            let mut intervals = Vec::new();
            component.band_intervals(zone, from, to, &mut intervals);
            intervals
        })
        .collect();
    let mut edges: Vec<DateTime<Utc>> = per_component
        .iter()
        .flatten()
        .flat_map(|interval| [interval.from, interval.to])
        .chain([from, to])
        .collect();
    edges.sort_unstable();
    edges.dedup();

    let mut cursors = vec![0_usize; per_component.len()];
    let mut timeline: Vec<PriceInterval> = Vec::new();
    for pair in edges.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut prices = Vec::new();
        for (intervals, cursor) in per_component.iter().zip(cursors.iter_mut()) {
            while *cursor < intervals.len() && intervals[*cursor].to <= start {
                *cursor += 1;
            }
            if let Some(interval) = intervals.get(*cursor)
                && interval.from <= start
            {
                prices.push(DisplayedPrice::of(interval.band));
            }
        }
        match timeline.last_mut() {
            Some(last) if same_prices(&last.prices, &prices) => last.to = end,
            _ => timeline.push(PriceInterval {
                from: start,
                to: end,
                prices,
            }),
        }
    }
    timeline
}

fn same_prices(a: &[DisplayedPrice], b: &[DisplayedPrice]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.looks_like(y))
}
