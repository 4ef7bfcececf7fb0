//! An OCPI tariff as a Cariqa price group (docs/pricing.md, "OCPI tariffs", lists each
//! interpretation with its test).
//!
//! OCPI prices a moment with the first element whose restrictions all hold, per dimension;
//! a Cariqa component holds bands that never overlap. So, per dimension, the week is cut
//! into minutes and each minute given to the first element that matches it there; runs of
//! minutes become bands, per weekday (`ALL` when every day is the same), per range of dates
//! between the elements' `start_date`s and `end_date`s. Restrictions a price group cannot
//! hold are judged once (power: by the EVSE's power) or approximated, each with a warning.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use connect_domain::json_path::{join, number};
use connect_domain::zone::Tz;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use super::error::{OcpiError, OcpiErrorKind, OcpiWarning, OcpiWarningKind};
use super::tariff::{Dimension, OcpiTariff, Restrictions, WEEKDAYS};
use super::vat::standard_rate;
use crate::stations::tariffs::pre_authorization;

/// The station a tariff is converted for.
pub(super) struct Target<'a> {
    pub(super) power_kw: f64,
    pub(super) dc: bool,
    pub(super) country: &'a str,
    pub(super) zone: Tz,
    /// Cariqa's starting fee, at stations that are not partners.
    pub(super) starting_fee: Option<&'a Value>,
}

/// One element's price for one dimension, once the static restrictions are judged.
struct Candidate<'t> {
    price: Decimal,
    tax: Decimal,
    grace_minutes: Option<u64>,
    restrictions: &'t Restrictions,
}

/// The price group (without `evse_ids`) of a tariff at a station.
///
/// # Errors
/// When the tariff gives no price at all for this station.
pub(super) fn price_group(
    tariff: &OcpiTariff,
    target: &Target<'_>,
    warnings: &mut Vec<OcpiWarning>,
) -> Result<Value, OcpiError> {
    let mut note = |path: String, what: String| {
        warnings.push(OcpiWarning {
            path,
            kind: OcpiWarningKind::TariffApproximated { what },
        });
    };
    if tariff.min_or_max_price {
        note(
            tariff.path.clone(),
            "min_price and max_price are not applied: a price group has no such bounds".into(),
        );
    }
    let default_tax = standard_rate(target.country).unwrap_or_else(|| {
        note(
            tariff.path.clone(),
            format!(
                "no vat and no standard rate known for country {:?}: 0 %",
                target.country
            ),
        );
        Decimal::ZERO
    });
    let validity = validity(tariff, target.zone, &mut note);
    let mut prices = Map::new();
    for (dimension, field) in [
        (Dimension::Energy, "kwh_price"),
        (Dimension::Time, "time_price"),
        (Dimension::ParkingTime, "blocking_fee"),
        (Dimension::Flat, "session_fee"),
    ] {
        let candidates = candidates(tariff, dimension, target, default_tax, &mut note);
        let bands = component(&candidates, dimension, tariff, validity);
        prices.insert(field.into(), bands);
    }
    if prices.values().all(Value::is_null) {
        return Err(OcpiError::new(
            join(&tariff.path, "elements"),
            OcpiErrorKind::Unsupported {
                what: format!("no element applies at a {} kW EVSE", target.power_kw),
            },
        ));
    }
    prices.insert(
        "starting_fee".into(),
        target.starting_fee.cloned().unwrap_or(Value::Null),
    );
    Ok(json!({
        "type": if target.dc { "DC" } else { "AC" },
        "power": number(target.power_kw),
        "currency": tariff.currency.code().to_lowercase(),
        "pre_authorization_amount": pre_authorization(target.power_kw),
        "is_fallback": false,
        "prices": prices,
    }))
}

/// The dates the tariff is in force: from its `start_date_time` (else the date it was last
/// updated, so every band carries a `date_from`) to its `end_date_time`, local dates.
fn validity(
    tariff: &OcpiTariff,
    zone: Tz,
    note: &mut impl FnMut(String, String),
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let local = |time: DateTime<Utc>| time.with_timezone(&zone).naive_local();
    let start = tariff
        .start
        .or(tariff.last_updated)
        .map(|t| local(t).date());
    let end = tariff.end.map(|time| {
        let end = local(time);
        if end.time() == NaiveTime::MIN {
            end.date()
        } else {
            note(
                join(&tariff.path, "end_date_time"),
                format!("ends during {}: in force until that day's end", end.date()),
            );
            end.date() + Duration::days(1)
        }
    });
    (start, end)
}

/// The elements pricing `dimension` at the target, in order, restrictions judged.
fn candidates<'t>(
    tariff: &'t OcpiTariff,
    dimension: Dimension,
    target: &Target<'_>,
    default_tax: Decimal,
    note: &mut impl FnMut(String, String),
) -> Vec<Candidate<'t>> {
    let power = Decimal::try_from(target.power_kw).unwrap_or_default();
    let mut out = Vec::new();
    for (i, element) in tariff.elements.iter().enumerate() {
        let path = format!("{}[{i}]", join(&tariff.path, "elements"));
        let Some(component) = element.components.iter().find(|c| c.dimension == dimension) else {
            continue;
        };
        let r = &element.restrictions;
        if r.reservation.is_some() {
            note(
                path,
                "a reservation element is ignored: the sandbox has no reservations".into(),
            );
            continue;
        }
        // Power is judged by the EVSE's: a session at it charges at that power.
        if r.min_power.is_some_and(|min| power < min) || r.max_power.is_some_and(|max| power >= max)
        {
            continue;
        }
        if r.min_kwh.is_some() || r.max_kwh.is_some() {
            note(
                path.clone(),
                "min_kwh/max_kwh ignored: a price group has no energy thresholds".into(),
            );
        }
        if r.min_current.is_some() || r.max_current.is_some() {
            note(
                path.clone(),
                "min_current/max_current ignored: the station model has no current".into(),
            );
        }
        let mut grace_minutes = None;
        if dimension == Dimension::ParkingTime {
            if let Some(seconds) = r.min_duration {
                if seconds % 60 != 0 {
                    note(
                        path.clone(),
                        format!("min_duration {seconds} s rounded up to whole minutes of grace"),
                    );
                }
                grace_minutes = Some(seconds.div_ceil(60));
            }
            if r.max_duration.is_some() {
                note(
                    path.clone(),
                    "max_duration ignored on parking time: a blocking fee runs until plug-out"
                        .into(),
                );
            }
        } else {
            if r.min_duration.is_some_and(|s| s > 0) {
                note(path.clone(), "an element applying only after min_duration is ignored: a price group prices from the start".into());
                continue;
            }
            if r.max_duration.is_some() {
                note(
                    path.clone(),
                    "max_duration ignored: the element applies to the whole session".into(),
                );
            }
        }
        if component.step_size > 1 && dimension != Dimension::Flat {
            note(
                path.clone(),
                format!(
                    "step_size {} is not applied: the price group bills exactly",
                    component.step_size
                ),
            );
        }
        out.push(Candidate {
            price: component.price,
            tax: component.vat.unwrap_or(default_tax),
            grace_minutes,
            restrictions: r,
        });
    }
    out
}

/// A component's bands, or `null` when no element prices it.
fn component(
    candidates: &[Candidate<'_>],
    dimension: Dimension,
    tariff: &OcpiTariff,
    validity: (Option<NaiveDate>, Option<NaiveDate>),
) -> Value {
    if candidates.is_empty() {
        return Value::Null;
    }
    // Per range of dates, per weekday, the runs of minutes and their element; consecutive
    // ranges with the same runs are one range.
    let mut ranges: Vec<(Option<NaiveDate>, Option<NaiveDate>, WeekRuns)> = Vec::new();
    for (from, to) in date_ranges(candidates) {
        let from = later(from, validity.0);
        let to = earlier(to, validity.1);
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            continue;
        }
        let in_force: Vec<usize> = (0..candidates.len())
            .filter(|&i| covers(candidates[i].restrictions, from, to))
            .collect();
        let week: WeekRuns = std::array::from_fn(|day| runs(candidates, &in_force, day));
        match ranges.last_mut() {
            Some((_, last_to, last)) if *last == week && *last_to == from => *last_to = to,
            _ => ranges.push((from, to, week)),
        }
    }
    let mut days: [Vec<Value>; 7] = Default::default();
    for (from, to, week) in &ranges {
        for (day, day_runs) in week.iter().enumerate() {
            for &(start, end, c) in day_runs {
                days[day].push(band(
                    &candidates[c],
                    dimension,
                    tariff,
                    start,
                    end,
                    *from,
                    *to,
                ));
            }
        }
    }
    if days.iter().all(Vec::is_empty) {
        return Value::Null;
    }
    let mut map = Map::new();
    if days.iter().all(|d| *d == days[0]) {
        map.insert("ALL".into(), Value::Array(days[0].clone()));
    } else {
        for (day, bands) in days.into_iter().enumerate() {
            if !bands.is_empty() {
                map.insert(WEEKDAYS[day].into(), Value::Array(bands));
            }
        }
    }
    Value::Object(map)
}

/// The ranges of dates between every `start_date` and `end_date` of the candidates (open at
/// both ends).
fn date_ranges(candidates: &[Candidate<'_>]) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
    let mut edges: Vec<NaiveDate> = candidates
        .iter()
        .flat_map(|c| [c.restrictions.start_date, c.restrictions.end_date])
        .flatten()
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut ranges = Vec::with_capacity(edges.len() + 1);
    let mut from = None;
    for edge in edges {
        ranges.push((from, Some(edge)));
        from = Some(edge);
    }
    ranges.push((from, None));
    ranges
}

fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    a.max(b)
}

fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether an element's dates cover the whole range.
fn covers(r: &Restrictions, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    let starts = r.start_date.is_none_or(|s| from.is_some_and(|f| f >= s));
    let ends = r.end_date.is_none_or(|e| to.is_some_and(|t| t <= e));
    starts && ends
}

/// Whether an element's times and days hold at `minute` of `day`.
fn holds(r: &Restrictions, day: usize, minute: u32) -> bool {
    if r.days.is_some_and(|days| !days[day]) {
        return false;
    }
    match (r.start_time, r.end_time) {
        (Some(s), Some(e)) if s < e => s <= minute && minute < e,
        // Over midnight: the evening and the early morning of the same day.
        (Some(s), Some(e)) if s > e => minute >= s || minute < e,
        (Some(s), None) => minute >= s,
        (None, Some(e)) => minute < e,
        _ => true,
    }
}

/// Per weekday, runs of minutes `[start, end)` and the candidate pricing them.
type WeekRuns = [Vec<(u32, u32, usize)>; 7];

/// The day's minutes given to the first candidate in force holding there, as runs
/// `[start, end)` with the same candidate (by index into `candidates`).
fn runs(candidates: &[Candidate<'_>], in_force: &[usize], day: usize) -> Vec<(u32, u32, usize)> {
    let mut out: Vec<(u32, u32, usize)> = Vec::new();
    for minute in 0..1440 {
        let Some(&index) = in_force
            .iter()
            .find(|&&i| holds(candidates[i].restrictions, day, minute))
        else {
            continue;
        };
        match out.last_mut() {
            Some((_, end, last)) if *end == minute && *last == index => *end = minute + 1,
            _ => out.push((minute, minute + 1, index)),
        }
    }
    out
}

fn clock(minute: u32) -> String {
    let minute = minute % 1440;
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn band(
    c: &Candidate<'_>,
    dimension: Dimension,
    tariff: &OcpiTariff,
    start: u32,
    end: u32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Value {
    let factor = Decimal::ONE + c.tax / Decimal::ONE_HUNDRED;
    let per_minute = matches!(dimension, Dimension::Time | Dimension::ParkingTime);
    let shown = if per_minute {
        c.price / Decimal::from(60) * factor
    } else {
        c.price * factor
    };
    let date =
        |d: Option<NaiveDate>| d.map_or(Value::Null, |d| d.format("%Y-%m-%d").to_string().into());
    json!({
        "time_from": clock(start),
        "time_to": clock(end),
        "date_from": date(from),
        "date_to": date(to),
        "gross_price": c.price.normalize().to_string(),
        "user_facing_price": tariff.currency.round(shown).to_string(),
        "grace_period_minutes": c.grace_minutes,
        "tax": number(c.tax.to_f64().unwrap_or(0.0)),
        "blocking_cap": null,
    })
}
