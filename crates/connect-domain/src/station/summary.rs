//! What a map shows for a station: exactly what a map tile's feature carries about it
//! (speed, status, operator, partner flag, displayed price), without the details a tile
//! does not carry (name, address, EVSEs, price groups).

use chrono::{DateTime, Utc};

use super::{Speed, Station, StationPrice, StationStatus};

/// A station as a map tile describes it (for a cluster: its first station). Each property
/// is optional, as a tile may leave any of them out.
///
/// # Examples
/// ```
/// use connect_domain::station::{StationStatus, StationSummary};
/// let mut summary = StationSummary::default();
/// summary.status = Some(StationStatus::Free);
/// summary.operator = Some("EVA Charge".into());
/// summary.is_partner = Some(true);
/// assert!(summary.speed.is_none() && summary.price.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StationSummary {
    /// Its power class.
    pub speed: Option<Speed>,
    /// Its overall state.
    pub status: Option<StationStatus>,
    /// Its operator's name (the tile's `operator_id`, which is the name the `operators`
    /// filter takes).
    pub operator: Option<String>,
    /// Whether its operator is a Cariqa partner.
    pub is_partner: Option<bool>,
    /// The price a map shows for it.
    pub price: Option<StationPrice>,
}

impl Station {
    /// What a map tile says about the station at `now`: its [speed](Station::speed),
    /// [status](Station::status), operator, partner flag and
    /// [displayed price](Station::displayed_price).
    ///
    /// # Examples
    /// ```
    /// # use connect_domain::station::*;
    /// # use connect_domain::zone::{Coordinates, Tz};
    /// let position = Coordinates { latitude: 49.63, longitude: 8.37 };
    /// let mut station = Station::new(StationId::new("DE*CIQ*E1"), "Example", position,
    ///     Tz::Europe__Berlin, chrono::DateTime::UNIX_EPOCH);
    /// station.operator = Operator::new("EVA Charge");
    /// station.opening_times = OpeningTimes::always();
    /// station.is_partner = true;
    /// let summary = station.summary(chrono::Utc::now());
    /// assert_eq!(summary.operator.as_deref(), Some("EVA Charge"));
    /// assert_eq!(summary.status, Some(StationStatus::StatusUnknown));
    /// assert_eq!((summary.is_partner, summary.speed, summary.price), (Some(true), None, None));
    /// ```
    pub fn summary(&self, now: DateTime<Utc>) -> StationSummary {
        StationSummary {
            speed: self.speed(),
            status: Some(self.status()),
            operator: Some(self.operator.name.clone()),
            is_partner: Some(self.is_partner),
            price: self.displayed_price(now),
        }
    }
}
