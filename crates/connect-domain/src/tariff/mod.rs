//! Cariqa tariffs: price groups as the API publishes them, validated into a model the pricing
//! engine can trust.
//!
//! A [`PriceGroup`] is one entry of a station's `price_groups[]`. Its [`Tariff`] has up to five
//! [`Component`]s (`kwh_price`, `time_price`, `blocking_fee`, `session_fee`, `starting_fee`),
//! each a map from a [`DayKey`] to [`Band`]s in station-local wall time.
//!
//! Parse one with [`PriceGroup::from_json`] (or [`PriceGroup::from_value`]); problems that make
//! the tariff unusable are a [`TariffError`] naming the field path, the rest are
//! [`TariffWarning`]s returned beside it.

mod band;
mod document;
mod error;
mod overlap;
mod reader;
mod schedule;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use band::{Band, BandId, TimeOfDay};
pub use document::Parsed;
pub use error::{TariffError, TariffErrorKind, TariffWarning, TariffWarningKind};
pub(crate) use schedule::BandInterval;

use crate::money::Currency;

/// One of the five price components of a Cariqa tariff.
///
/// # Examples
/// ```
/// use connect_domain::tariff::ComponentKind;
/// assert_eq!(ComponentKind::Energy.wire_name(), "kwh_price");
/// assert_eq!(ComponentKind::from_wire_name("blocking_fee"), Some(ComponentKind::Blocking));
/// assert!(ComponentKind::Blocking.is_time_based());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// `kwh_price`: per kWh of delivered energy.
    #[serde(rename = "kwh_price")]
    Energy,
    /// `time_price`: per hour of charging time (time while energy flows).
    #[serde(rename = "time_price")]
    Time,
    /// `blocking_fee`: per hour of connected time beyond the grace period.
    #[serde(rename = "blocking_fee")]
    Blocking,
    /// `session_fee`: a flat amount once per session.
    #[serde(rename = "session_fee")]
    SessionFee,
    /// `starting_fee`: Cariqa's own flat fee, once per session that delivered energy.
    #[serde(rename = "starting_fee")]
    StartingFee,
}

impl ComponentKind {
    /// All five, in the order the API lists them in `session_cost`.
    pub const ALL: [Self; 5] = [
        Self::Energy,
        Self::Time,
        Self::SessionFee,
        Self::Blocking,
        Self::StartingFee,
    ];

    /// The key of this component in `prices`.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Energy => "kwh_price",
            Self::Time => "time_price",
            Self::Blocking => "blocking_fee",
            Self::SessionFee => "session_fee",
            Self::StartingFee => "starting_fee",
        }
    }

    /// The component for a key of `prices`.
    pub fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.wire_name() == name)
    }

    /// Whether `gross_price` is per hour and `user_facing_price` per minute.
    pub fn is_time_based(self) -> bool {
        matches!(self, Self::Time | Self::Blocking)
    }

    /// Whether the component is a flat amount charged at most once per session.
    pub fn is_one_off(self) -> bool {
        matches!(self, Self::SessionFee | Self::StartingFee)
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Self::Energy => 0,
            Self::Time => 1,
            Self::Blocking => 2,
            Self::SessionFee => 3,
            Self::StartingFee => 4,
        }
    }
}

impl std::fmt::Display for ComponentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.wire_name())
    }
}

/// A key of a component's day map: one weekday, or `ALL`.
///
/// A weekday key overrides `ALL` for that day (interpretation 4).
///
/// # Examples
/// ```
/// use connect_domain::tariff::DayKey;
/// use chrono::Weekday;
/// assert_eq!(DayKey::parse("FRIDAY"), Some(DayKey::Weekday(Weekday::Fri)));
/// assert_eq!(DayKey::parse("ALL"), Some(DayKey::All));
/// assert_eq!(DayKey::parse("friday"), None);
/// assert_eq!(DayKey::All.to_string(), "ALL");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKey {
    /// One weekday (`MONDAY` … `SUNDAY`).
    Weekday(Weekday),
    /// `ALL`: every day that has no key of its own.
    All,
}

const WEEKDAY_NAMES: [(&str, Weekday); 7] = [
    ("MONDAY", Weekday::Mon),
    ("TUESDAY", Weekday::Tue),
    ("WEDNESDAY", Weekday::Wed),
    ("THURSDAY", Weekday::Thu),
    ("FRIDAY", Weekday::Fri),
    ("SATURDAY", Weekday::Sat),
    ("SUNDAY", Weekday::Sun),
];

impl DayKey {
    /// Parses a key exactly as the API spells it (upper case).
    pub fn parse(key: &str) -> Option<Self> {
        if key == "ALL" {
            return Some(Self::All);
        }
        WEEKDAY_NAMES
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, day)| Self::Weekday(*day))
    }

    /// The key as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::Weekday(day) => WEEKDAY_NAMES[day.num_days_from_monday() as usize].0,
        }
    }
}

impl DayKey {
    /// Monday … Sunday are 0 … 6, `ALL` is 7: the order bands are reported in.
    fn rank(self) -> u32 {
        match self {
            Self::Weekday(day) => day.num_days_from_monday(),
            Self::All => 7,
        }
    }
}

impl PartialOrd for DayKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DayKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl std::fmt::Display for DayKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DayKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One price component: its bands per day key, as published, and the bands that apply on
/// each weekday once `ALL` and weekday keys are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    kind: ComponentKind,
    /// Day keys in the order the API sent them, each with its bands.
    days: Vec<(DayKey, Vec<Band>)>,
    /// For Monday … Sunday: the index into `days` of the key whose bands apply (a weekday
    /// takes all the bands of one key), without a list of its own to allocate.
    by_weekday: [Option<usize>; 7],
}

impl Component {
    /// Which component this is.
    pub fn kind(&self) -> ComponentKind {
        self.kind
    }

    /// The day keys with their bands, in the order the API sent them.
    pub fn days(&self) -> &[(DayKey, Vec<Band>)] {
        &self.days
    }

    /// The bands that apply on a weekday: its own key's bands if it has a key, else `ALL`'s.
    pub fn bands_on(&self, weekday: Weekday) -> impl Iterator<Item = &Band> + '_ {
        self.day_bands(weekday).iter()
    }

    /// The bands that apply on a weekday, as a slice.
    pub(crate) fn day_bands(&self, weekday: Weekday) -> &[Band] {
        self.day_index(weekday)
            .map_or(&[][..], |day| &self.days[day].1[..])
    }

    /// Which day key's bands apply on a weekday: its index into `days`.
    pub(crate) fn day_index(&self, weekday: Weekday) -> Option<usize> {
        self.by_weekday[weekday.num_days_from_monday() as usize]
    }

    /// Every band of the component, whatever its day key.
    pub fn all_bands(&self) -> impl Iterator<Item = &Band> + '_ {
        self.days.iter().flat_map(|(_, bands)| bands.iter())
    }

    pub(crate) fn new(kind: ComponentKind, days: Vec<(DayKey, Vec<Band>)>) -> Self {
        let by_weekday = std::array::from_fn(|i| {
            let weekday = WEEKDAY_NAMES[i].1;
            days.iter()
                .position(|(key, _)| *key == DayKey::Weekday(weekday))
                .or_else(|| days.iter().position(|(key, _)| *key == DayKey::All))
        });
        Self {
            kind,
            days,
            by_weekday,
        }
    }
}

/// The prices of a price group: up to five components and their currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Tariff {
    currency: Currency,
    components: [Option<Component>; 5],
}

impl Tariff {
    /// The currency every price is in.
    pub fn currency(&self) -> &Currency {
        &self.currency
    }

    /// One component, if the tariff has it (`null` components are absent).
    pub fn component(&self, kind: ComponentKind) -> Option<&Component> {
        self.components[kind.index()].as_ref()
    }

    /// The components the tariff has.
    pub fn components(&self) -> impl Iterator<Item = &Component> + '_ {
        self.components.iter().flatten()
    }

    pub(crate) fn new(currency: Currency, components: [Option<Component>; 5]) -> Self {
        Self {
            currency,
            components,
        }
    }
}

/// One entry of a station's `price_groups[]`: a tariff and the facts around it.
///
/// # Examples
/// ```
/// use connect_domain::tariff::{ComponentKind, PriceGroup};
/// let json = r#"{
///   "type": "AC", "power": 22, "evse_ids": ["DE*CIQ*EELDF6XWZU41P*2"],
///   "currency": "eur", "pre_authorization_amount": "50.00", "is_fallback": false,
///   "local_datetime": "2026-04-02T15:51:18+02:00",
///   "prices": {
///     "kwh_price": {"ALL": [{"time_from": "00:00", "time_to": "00:00", "date_from": null,
///       "date_to": null, "gross_price": "0.4529", "user_facing_price": "0.54",
///       "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]},
///     "time_price": null, "blocking_fee": null, "session_fee": null, "starting_fee": null
///   }
/// }"#;
/// let parsed = PriceGroup::from_json(json)?;
/// assert!(parsed.warnings.is_empty());
/// let kwh = parsed.value.tariff().component(ComponentKind::Energy).unwrap();
/// assert_eq!(kwh.all_bands().next().unwrap().net_price().to_string(), "0.4529");
/// # Ok::<(), connect_domain::tariff::TariffError>(())
/// ```
#[derive(Debug, Clone)]
pub struct PriceGroup {
    pub(crate) kind: Option<String>,
    pub(crate) power: Option<serde_json::Number>,
    pub(crate) evse_ids: Option<Vec<String>>,
    pub(crate) local_datetime: Option<DateTime<FixedOffset>>,
    pub(crate) pre_authorization_amount: Decimal,
    pub(crate) is_fallback: bool,
    /// Shared between the groups made with [`PriceGroup::for_evses`]: a sandbox with tens of
    /// thousands of stations holds each distinct tariff once.
    pub(crate) tariff: Arc<Tariff>,
    /// What the reader found odd in the document this group was read from; kept with the
    /// group so that whoever fetched a station sees them.
    pub(crate) warnings: Vec<TariffWarning>,
}

/// Two groups are equal when they price and publish the same; the warnings describe the
/// document a group was read from, not the group, so a group written and read back (which
/// drops unknown fields) equals the one it was written from.
impl PartialEq for PriceGroup {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            kind,
            power,
            evse_ids,
            local_datetime,
            pre_authorization_amount,
            is_fallback,
            tariff,
            warnings: _,
        } = self;
        *kind == other.kind
            && *power == other.power
            && *evse_ids == other.evse_ids
            && *local_datetime == other.local_datetime
            && *pre_authorization_amount == other.pre_authorization_amount
            && *is_fallback == other.is_fallback
            && *tariff == other.tariff
    }
}

impl PriceGroup {
    /// The group's `type` (a free string in the API, e.g. `"AC"`).
    pub fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }

    /// Connector power in kW, as published.
    pub fn power_kw(&self) -> Option<f64> {
        self.power.as_ref().and_then(serde_json::Number::as_f64)
    }

    /// The EVSEs these prices apply to.
    pub fn evse_ids(&self) -> &[String] {
        self.evse_ids.as_deref().unwrap_or_default()
    }

    /// Station-local time at which the API evaluated the prices.
    pub fn local_datetime(&self) -> Option<DateTime<FixedOffset>> {
        self.local_datetime
    }

    /// The hold placed on the driver's card at start.
    pub fn pre_authorization_amount(&self) -> Decimal {
        self.pre_authorization_amount
    }

    /// Whether these are Cariqa's prices because the operator sent none.
    pub fn is_fallback(&self) -> bool {
        self.is_fallback
    }

    /// The prices.
    pub fn tariff(&self) -> &Tariff {
        &self.tariff
    }

    /// The same prices for other EVSEs: this group with `evse_ids`, `power` (kW) and
    /// `pre_authorization_amount` replaced. The tariff is shared with this group, not
    /// copied, and the warnings are kept.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::tariff::PriceGroup;
    /// use rust_decimal::Decimal;
    /// let group = PriceGroup::from_json(r#"{"type": "AC", "power": 22, "evse_ids": ["A*1"],
    ///   "currency": "eur", "pre_authorization_amount": "50.00", "prices": {}}"#)?.value;
    /// let other = group.for_evses(vec!["B*1".into(), "B*2".into()], 11.0, Decimal::new(25, 0));
    /// assert_eq!(other.evse_ids(), ["B*1", "B*2"]);
    /// assert_eq!(other.power_kw(), Some(11.0));
    /// assert_eq!(other.tariff(), group.tariff());
    /// # Ok::<(), connect_domain::tariff::TariffError>(())
    /// ```
    #[must_use]
    pub fn for_evses(
        &self,
        evse_ids: Vec<String>,
        power_kw: f64,
        pre_authorization_amount: Decimal,
    ) -> Self {
        Self {
            evse_ids: Some(evse_ids),
            power: serde_json::Number::from_f64(power_kw),
            pre_authorization_amount,
            ..self.clone()
        }
    }

    /// What the reader found odd in the JSON this group was read from (unknown fields, a
    /// `user_facing_price` that disagrees with `gross_price` and `tax`, …), in document
    /// order; empty for a group built otherwise. The same as [`Parsed::warnings`], kept
    /// with the group so that a station fetched through a client still carries them.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::tariff::PriceGroup;
    /// let group: PriceGroup = serde_json::from_str(r#"{"currency":"EUR",
    ///   "pre_authorization_amount":"50","dayOfWeek":"MONDAY","prices":{}}"#)?;
    /// assert_eq!(group.warnings()[0].path, "dayOfWeek");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn warnings(&self) -> &[TariffWarning] {
        &self.warnings
    }
}
