//! Charging stations: what the API's `ConnectAPIStation` describes, as values.
//!
//! A [`Station`] has an id, a name, one formatted address, its country and coordinates,
//! the IANA zone its tariff bands are local to, an [`Operator`], [`Evse`]s (each with an
//! EVSE id, a status and [`Connector`]s), [`OpeningTimes`], [`Amenity`]s, whether its
//! operator is a Cariqa partner, a logo, its `price_groups` and when it was last updated.
//!
//! Derived from those: [`Station::speed`] (from the most powerful connector),
//! [`Station::status`] (from the EVSE statuses), [`Station::price_group_for`] an EVSE and
//! [`Station::displayed_price`] now, and what a map tile says about it,
//! [`Station::summary`] (a [`StationSummary`]). A [`StationFilter`] holds the API's station filters
//! (`connector_types`, `only_available`, `only_partners`, `operators`, `max_price`,
//! `power_groups`).
//!
//! The enums mirror API (OCPI 2.1.1) values and keep values this version does not know as
//! `Unknown(String)`, written back unchanged.

mod country;
mod filter;
mod opening;
mod summary;
mod values;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

pub use country::country_alpha2;
pub use filter::StationFilter;
pub use opening::{OpeningTimes, RegularHours};
pub use summary::StationSummary;
pub use values::{
    Amenity, ConnectorFormat, ConnectorStandard, EvseStatus, OpeningDay, PowerType, Speed,
    StationPriceKind, StationStatus,
};

use crate::ids::entity_id;
use crate::money::Currency;
use crate::pricing::price_at;
use crate::tariff::{ComponentKind, PriceGroup};
use crate::zone::Coordinates;

entity_id! {
    /// A station (the API's `id`, used with `type=station_id`).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::StationId;
    /// assert_eq!(StationId::new("DE*MVV*E1").as_str(), "DE*MVV*E1");
    /// ```
    StationId
}

entity_id! {
    /// An EVSE (a charge point), such as `DE*CIQ*EELDF6XWZU41P*2`: what a session is started
    /// on. eMI3 style in practice (`<country>*<operator>*E<id>*<n>`), but any string is kept.
    EvseId
}

/// Who runs a station (the API's `operator`: a name and a support phone).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Operator {
    /// The operator's name, as the `operators` filter and the partners list spell it.
    pub name: String,
    /// The support phone number, if published (`contact.phone`).
    pub phone: Option<String>,
}

impl Operator {
    /// An operator with no support phone.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::Operator;
    /// assert_eq!(Operator::new("EVA Charge").phone, None);
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            phone: None,
        }
    }
}

/// One plug or socket of an EVSE.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Connector {
    /// The plug or socket standard.
    pub standard: ConnectorStandard,
    /// Socket or attached cable, if known.
    pub format: Option<ConnectorFormat>,
    /// AC (one or three phases) or DC, if known.
    pub power_type: Option<PowerType>,
    /// The most power the connector delivers, kW, if known.
    pub power_kw: Option<f64>,
}

impl Connector {
    /// A connector of a standard, its format, power type and power unknown.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{Connector, ConnectorStandard};
    /// let mut connector = Connector::new(ConnectorStandard::Iec62196T2);
    /// connector.power_kw = Some(22.0);
    /// assert_eq!(connector.format, None);
    /// ```
    pub fn new(standard: ConnectorStandard) -> Self {
        Self {
            standard,
            format: None,
            power_type: None,
            power_kw: None,
        }
    }
}

/// One EVSE (charge point): what a driver starts a session on. It may have several
/// connectors, of which one is used at a time.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Evse {
    /// The EVSE id.
    pub evse_id: EvseId,
    /// Its current state.
    pub status: EvseStatus,
    /// Its connectors.
    pub connectors: Vec<Connector>,
}

impl Evse {
    /// An EVSE with no connectors yet.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{Evse, EvseId, EvseStatus};
    /// let evse = Evse::new(EvseId::new("DE*CIQ*EELDF6XWZU41P*1"), EvseStatus::Available);
    /// assert!(evse.connectors.is_empty());
    /// ```
    pub fn new(evse_id: EvseId, status: EvseStatus) -> Self {
        Self {
            evse_id,
            status,
            connectors: Vec::new(),
        }
    }
}

impl Evse {
    /// The power of its most powerful connector, kW; `None` if no connector's power is known.
    pub fn max_power_kw(&self) -> Option<f64> {
        max_power(self.connectors.iter())
    }

    /// Whether any connector delivers direct current.
    pub fn is_dc(&self) -> bool {
        self.connectors
            .iter()
            .any(|connector| connector.power_type.as_ref().is_some_and(PowerType::is_dc))
    }
}

/// A charging station (the API's `ConnectAPIStation`).
///
/// # Examples
/// ```
/// use connect_domain::station::*;
/// use connect_domain::zone::Coordinates;
///
/// let position = Coordinates { latitude: 49.630383, longitude: 8.368902 };
/// let mut station = Station::new(StationId::new("worms"), "EVA Charge", position,
///     chrono_tz::Europe::Berlin, chrono::DateTime::UNIX_EPOCH);
/// station.address = "Ludwigstraße, 9, 67547, Worms".into();
/// station.country = "DE".into();
/// station.operator = Operator::new("EVA Charge");
/// station.operator.phone = Some("+4971134214480".into());
/// let mut connector = Connector::new(ConnectorStandard::Iec62196T2);
/// connector.format = Some(ConnectorFormat::Socket);
/// connector.power_type = Some(PowerType::Ac3Phase);
/// connector.power_kw = Some(22.0);
/// let mut evse = Evse::new(EvseId::new("DE*CIQ*EELDF6XWZU41P*2"), EvseStatus::Available);
/// evse.connectors.push(connector);
/// station.evses.push(evse);
/// station.opening_times = OpeningTimes::always();
/// station.is_partner = true;
/// assert_eq!(station.speed(), Some(Speed::Slow));
/// assert_eq!(station.status(), StationStatus::Free);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Station {
    /// The station id.
    pub id: StationId,
    /// Its name.
    pub name: String,
    /// Its address, one formatted string (`"Ludwigstraße, 9, 67547, Worms"`).
    pub address: String,
    /// ISO 3166-1 alpha-2 country code, upper case (`"DE"`), or the feed's text when a feed
    /// gave a code that is not one.
    pub country: String,
    /// WGS 84 position.
    pub coordinates: Coordinates,
    /// The IANA zone its tariff bands and opening times are local to, resolved with
    /// [`crate::zone`].
    pub zone: Tz,
    /// Who runs it.
    pub operator: Operator,
    /// Its EVSEs.
    pub evses: Vec<Evse>,
    /// When it can be used.
    pub opening_times: OpeningTimes,
    /// What is nearby.
    pub amenities: Vec<Amenity>,
    /// Whether its operator is a Cariqa partner (no starting fee; the partners filter).
    pub is_partner: bool,
    /// The operator's logo.
    pub logo_url: Option<String>,
    /// Its price groups, as the API publishes them.
    pub price_groups: Vec<PriceGroup>,
    /// When its data last changed.
    pub last_updated: DateTime<Utc>,
}

impl Station {
    /// A station with a name, a position and the zone its bands are local to: no address,
    /// country, EVSEs, opening times (closed until set), amenities, logo or price groups, not
    /// a partner, its operator unnamed (set the public fields).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{Station, StationId};
    /// use connect_domain::zone::{Coordinates, Tz};
    /// let position = Coordinates { latitude: 49.630383, longitude: 8.368902 };
    /// let mut station = Station::new(StationId::new("DE*CIQ*EELDF6XWZU41P"), "Lutherring",
    ///     position, Tz::Europe__Berlin, "2026-04-02T13:51:18Z".parse()?);
    /// station.country = "DE".into();
    /// assert!(station.evses.is_empty());
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn new(
        id: StationId,
        name: impl Into<String>,
        coordinates: Coordinates,
        zone: Tz,
        last_updated: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            address: String::new(),
            country: String::new(),
            coordinates,
            zone,
            operator: Operator::default(),
            evses: Vec::new(),
            opening_times: OpeningTimes::new(false, Vec::new()),
            amenities: Vec::new(),
            is_partner: false,
            logo_url: None,
            price_groups: Vec::new(),
            last_updated,
        }
    }
}

/// A station's price as a map shows it: the tile's `price_properties`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationPrice {
    /// The displayed price, VAT included (`user_facing_price`): per kWh, or per minute.
    pub price: Decimal,
    /// Per kWh (`charging_price`) or per minute (`time_price`).
    pub kind: StationPriceKind,
    /// The currency of the price group it comes from.
    pub currency: Currency,
}

impl Station {
    /// The power of its most powerful connector, kW; `None` if no connector's power is known.
    pub fn max_power_kw(&self) -> Option<f64> {
        max_power(self.evses.iter().flat_map(|evse| evse.connectors.iter()))
    }

    /// Its power class, from its most powerful connector (see [`Speed`] for the
    /// thresholds); `None` if no connector's power is known.
    pub fn speed(&self) -> Option<Speed> {
        self.max_power_kw().and_then(Speed::from_power_kw)
    }

    /// Its overall state, derived from its EVSEs (the API does not document the rule; this
    /// follows Chargetrip's meanings for the same four values):
    ///
    /// - `free` if any EVSE is `AVAILABLE`;
    /// - otherwise EVSEs that are `PLANNED` or `REMOVED` are left out (they are not there to
    ///   be used), and, of the rest,
    ///   - `error` if all are `OUTOFORDER` or `INOPERATIVE`;
    ///   - `busy` if all are in use (`CHARGING`, `BLOCKED`, `RESERVED`) or broken, with at
    ///     least one in use: nothing can be started, and the reason to wait is that someone
    ///     is charging;
    ///   - `unknown` if any has the status `UNKNOWN` or one this version does not know (it
    ///     might be free), or if no EVSE is left.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{EvseStatus as E, StationStatus as S, Station};
    /// assert_eq!(Station::status_of([E::Charging, E::OutOfOrder].iter()), S::Busy);
    /// assert_eq!(Station::status_of([E::Inoperative, E::Removed].iter()), S::Error);
    /// assert_eq!(Station::status_of([E::Charging, E::StatusUnknown].iter()), S::StatusUnknown);
    /// assert_eq!(Station::status_of([E::Charging, E::Available].iter()), S::Free);
    /// assert_eq!(Station::status_of([].iter()), S::StatusUnknown);
    /// ```
    pub fn status(&self) -> StationStatus {
        Self::status_of(self.evses.iter().map(|evse| &evse.status))
    }

    /// The station status [`Station::status`] derives from these EVSE statuses.
    pub fn status_of<'a>(statuses: impl Iterator<Item = &'a EvseStatus>) -> StationStatus {
        let (mut in_use, mut broken, mut other) = (0_usize, 0_usize, 0_usize);
        for status in statuses {
            if status.is_available() {
                return StationStatus::Free;
            } else if status.is_in_use() {
                in_use += 1;
            } else if status.is_broken() {
                broken += 1;
            } else if !status.is_absent() {
                other += 1;
            }
        }
        if other > 0 || in_use + broken == 0 {
            StationStatus::StatusUnknown
        } else if in_use > 0 {
            StationStatus::Busy
        } else {
            StationStatus::Error
        }
    }

    /// One of its EVSEs, by id.
    pub fn evse(&self, evse_id: &str) -> Option<&Evse> {
        self.evses
            .iter()
            .find(|evse| evse.evse_id.as_str() == evse_id)
    }

    /// The price group that prices a session on an EVSE: the first group whose `evse_ids`
    /// lists it, else the first group that lists no EVSE at all (one that applies to the
    /// whole station); `None` if neither exists.
    pub fn price_group_for(&self, evse_id: &str) -> Option<&PriceGroup> {
        self.price_groups
            .iter()
            .find(|group| group.evse_ids().iter().any(|id| id == evse_id))
            .or_else(|| {
                self.price_groups
                    .iter()
                    .find(|group| group.evse_ids().is_empty())
            })
    }

    /// The price a map shows for the station at `now`: the lowest displayed (VAT included)
    /// kWh price in force across its price groups (`charging_price`), or, if no group has a
    /// kWh price then, the lowest displayed time price per minute (`time_price`); `None` if
    /// neither is in force.
    pub fn displayed_price(&self, now: DateTime<Utc>) -> Option<StationPrice> {
        let mut energy: Option<StationPrice> = None;
        let mut time: Option<StationPrice> = None;
        for group in &self.price_groups {
            for shown in price_at(group.tariff(), self.zone, now) {
                let (slot, kind) = match shown.component {
                    ComponentKind::Energy => (&mut energy, StationPriceKind::ChargingPrice),
                    ComponentKind::Time => (&mut time, StationPriceKind::TimePrice),
                    _ => continue,
                };
                if slot.as_ref().is_none_or(|best| shown.price < best.price) {
                    *slot = Some(StationPrice {
                        price: shown.price,
                        kind,
                        currency: group.tariff().currency().clone(),
                    });
                }
            }
        }
        energy.or(time)
    }
}

fn max_power<'a>(connectors: impl Iterator<Item = &'a Connector>) -> Option<f64> {
    connectors
        .filter_map(|connector| connector.power_kw)
        .filter(|power| power.is_finite())
        .reduce(f64::max)
}
