//! The bundled stations as the sandbox's EVSE directory.

use connect_domain::session::StationInfo;
use rust_decimal::Decimal;

use super::{StationDirectory, VirtualChargePoint, virtual_charge_point};
use crate::sandbox::{Availability, EvseDirectory, EvseFacts, Progress};

impl EvseDirectory for StationDirectory {
    /// The EVSE's facts: its station as a session shows it, the price group that applies
    /// to it ([`Station::price_group_for`](connect_domain::station::Station::price_group_for);
    /// an EVSE without one is not offered), its most powerful connector, and:
    /// - out of order when its status is `OUTOFORDER`, `INOPERATIVE`, `PLANNED` or
    ///   `REMOVED`, available otherwise (a `CHARGING` status in the data is not a session:
    ///   the sandbox tracks those itself);
    /// - silent (shared) or stepped progress for the virtual charging points, steady
    ///   otherwise.
    fn evse(&self, evse_id: &str) -> Option<EvseFacts> {
        let (station, evse) = self.station_by_evse(evse_id)?;
        let price_group = station.price_group_for(evse_id)?.clone();
        let connector = evse.connectors.iter().max_by(|a, b| {
            a.power_kw
                .unwrap_or(0.0)
                .total_cmp(&b.power_kw.unwrap_or(0.0))
        });
        let power_kw = evse.max_power_kw().unwrap_or(0.0);
        Some(EvseFacts {
            evse_id: evse_id.to_owned(),
            station: {
                let mut value = StationInfo::default();
                value.station_name = Some(station.name.clone());
                value.station_address = Some(station.address.clone());
                value.country = Some(station.country.clone());
                value.station_speed = station.speed().map(|speed| speed.as_str().to_owned());
                value.connector_standard = connector.map(|c| c.standard.as_str().to_owned());
                value.connector_power = connector.and_then(|c| c.power_kw);
                value.support_phone.clone_from(&station.operator.phone);
                value.latitude = Some(station.coordinates.latitude.to_string());
                value.longitude = Some(station.coordinates.longitude.to_string());
                value
            },
            country: station.country.clone(),
            zone: station.zone,
            power_kw: Decimal::try_from(power_kw).unwrap_or_default(),
            is_partner: station.is_partner,
            logo_url: station.logo_url.clone(),
            price_group,
            availability: if evse.status.is_broken() || evse.status.is_absent() {
                Availability::OutOfOrder
            } else {
                Availability::Available
            },
            progress: match virtual_charge_point(evse_id) {
                Some(VirtualChargePoint::Shared) => Progress::Silent,
                Some(VirtualChargePoint::Progress) => Progress::Stepped,
                None => Progress::Steady,
            },
        })
    }
}
