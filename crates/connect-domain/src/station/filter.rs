//! The API's station filters, as one value.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::{ConnectorStandard, Evse, Speed, Station};

/// The filters of `stations/around/` and `stations/tile/`: every field left at its default
/// lets every station through, and a station must pass all the fields that are set.
///
/// - `connector_standards` (`connector_types`): some EVSE has a connector of one of them.
/// - `only_available`: some EVSE is `AVAILABLE`. With `connector_standards` too, the same
///   EVSE must be available and have such a connector (an available Schuko socket does not
///   make a station with a busy CCS cable pass a CCS filter).
/// - `only_partners`: the operator is a Cariqa partner.
/// - `operators`: the operator's name is one of them, ignoring case and surrounding
///   whitespace.
/// - `max_price`: the station's [displayed price](Station::displayed_price) at the instant
///   given to [`StationFilter::matches`] is at most this: its lowest VAT-inclusive kWh price
///   in force then, or, if it has no kWh price then, its lowest time price per minute. A
///   station without either price does not pass (it cannot be shown to be cheap enough).
/// - `power_groups`: the station's [`Speed`] is one of them (a station whose power is not
///   known does not pass).
///
/// # Examples
/// ```
/// use connect_domain::station::{ConnectorStandard, Speed, StationFilter};
/// let filter = StationFilter {
///     connector_standards: vec![ConnectorStandard::Iec62196T2Combo],
///     power_groups: vec![Speed::Fast, Speed::Turbo],
///     ..StationFilter::default()
/// };
/// assert!(!filter.is_empty());
/// assert!(StationFilter::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StationFilter {
    /// `connector_types`.
    pub connector_standards: Vec<ConnectorStandard>,
    /// `only_available`.
    pub only_available: bool,
    /// `only_partners`.
    pub only_partners: bool,
    /// `operators`: operator names.
    pub operators: Vec<String>,
    /// `max_price`, in the station's currency, VAT included.
    pub max_price: Option<Decimal>,
    /// `power_groups`.
    pub power_groups: Vec<Speed>,
}

impl StationFilter {
    /// Whether the filter lets every station through.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Whether a station passes; `now` is the instant whose prices `max_price` compares.
    pub fn matches(&self, station: &Station, now: DateTime<Utc>) -> bool {
        if self.only_partners && !station.is_partner {
            return false;
        }
        if !self.operators.is_empty() {
            let name = station.operator.name.trim();
            let name = name.to_lowercase();
            let listed = self
                .operators
                .iter()
                .any(|operator| operator.trim().to_lowercase() == name);
            if !listed {
                return false;
            }
        }
        if !self.power_groups.is_empty()
            && !station
                .speed()
                .is_some_and(|speed| self.power_groups.contains(&speed))
        {
            return false;
        }
        if (self.only_available || !self.connector_standards.is_empty())
            && !station.evses.iter().any(|evse| self.evse_passes(evse))
        {
            return false;
        }
        if let Some(max_price) = self.max_price {
            return station
                .displayed_price(now)
                .is_some_and(|shown| shown.price <= max_price);
        }
        true
    }

    fn evse_passes(&self, evse: &Evse) -> bool {
        (!self.only_available || evse.status.is_available())
            && (self.connector_standards.is_empty()
                || evse
                    .connectors
                    .iter()
                    .any(|connector| self.connector_standards.contains(&connector.standard)))
    }
}
