//! Pricing every station around a user before they pick one: each station's estimate for
//! one planned charge, ranked by total, with the cheapest start in the next day, and the
//! reason for every station left out.
//!
//! Per station, the EVSEs that can serve the charge are those with a compatible connector
//! that are not in use or out of order; each is priced at the power it can deliver (the
//! car's, or less when the connector gives less) with its own price group, and the cheapest
//! one is the station's offer. Stations are independent, so the cost is the sum of what each
//! station's tariff costs to price: no search over all of them at once.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    BandPolicy, BlockingBasis, Estimate, PricingError, PricingOptions, cheapest_start, estimate,
};
use crate::charging::{ChargingPlan, Session};
use crate::station::{Connector, ConnectorStandard, Evse, EvseId, PowerType, Station, StationId};
use crate::tariff::{ComponentKind, PriceGroup};

/// The charge a user plans: how much energy, at most how fast their car charges, when they
/// would plug in, and which plugs their car takes.
///
/// # Examples
/// ```
/// use connect_domain::pricing::PlannedCharge;
/// use connect_domain::station::ConnectorStandard;
/// use rust_decimal::Decimal;
/// let mut charge = PlannedCharge::new(Decimal::from(20), Decimal::from(11),
///     "2026-04-02T13:00:00Z".parse()?);
/// charge.connectors = vec![ConnectorStandard::Iec62196T2];
/// assert_eq!(charge.window.num_hours(), 24);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PlannedCharge {
    /// Energy wanted, kWh.
    pub energy_kwh: Decimal,
    /// The most power the car takes, kW; an EVSE that gives less is priced at its own.
    pub power_kw: Decimal,
    /// When the user would plug in.
    pub start: DateTime<Utc>,
    /// The connector standards the car takes; empty: any. Where a station does not say its
    /// connectors' standards (the API does not), whether they are DC decides.
    pub connectors: Vec<ConnectorStandard>,
    /// How far ahead the cheapest start is searched (24 hours by default).
    pub window: Duration,
    /// Which band prices a moment.
    pub policy: BandPolicy,
    /// From when a blocking grace period counts.
    pub blocking_basis: BlockingBasis,
}

impl PlannedCharge {
    /// A charge of `energy_kwh` at up to `power_kw` from `start`, any connector, the
    /// cheapest start searched over the next 24 hours, default pricing options.
    pub fn new(energy_kwh: Decimal, power_kw: Decimal, start: DateTime<Utc>) -> Self {
        Self {
            energy_kwh,
            power_kw,
            start,
            connectors: Vec::new(),
            window: Duration::hours(24),
            policy: BandPolicy::default(),
            blocking_basis: BlockingBasis::default(),
        }
    }

    fn plan(&self, power_kw: Decimal) -> ChargingPlan {
        ChargingPlan::ConstantPower {
            energy_kwh: self.energy_kwh,
            power_kw,
            plug_out: None,
        }
    }

    /// Whether the car takes a connector. The API publishes no connector standards on a
    /// station (a connector read from it has an unknown standard and, from its price group,
    /// whether it is DC): such a connector is taken when the car takes some plug of the same
    /// current, DC (CHAdeMO, CCS) or AC.
    fn takes(&self, connector: &Connector) -> bool {
        if self.connectors.is_empty() || self.connectors.contains(&connector.standard) {
            return true;
        }
        if connector.standard.is_known() {
            return false;
        }
        let dc = connector.power_type.as_ref().is_some_and(PowerType::is_dc);
        self.connectors
            .iter()
            .any(|standard| !standard.is_known() || dc_plug(standard) == dc)
    }

    /// The power an EVSE charges this car at: the car's, or its compatible connectors' most
    /// when that is less (unknown connector power: the car's).
    fn power_at(&self, evse: &Evse) -> Decimal {
        evse.connectors
            .iter()
            .filter(|connector| self.takes(connector))
            .filter_map(|connector| connector.power_kw)
            .filter(|kw| kw.is_finite() && *kw > 0.0)
            .reduce(f64::max)
            .and_then(|kw| Decimal::try_from(kw).ok())
            .map_or(self.power_kw, |kw| kw.round_dp(3).min(self.power_kw))
    }
}

/// A station's offer: the EVSE to use, what charging there now costs, and the cheapest
/// start in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Offer {
    /// The station.
    pub station_id: StationId,
    /// Its cheapest EVSE for this charge.
    pub evse_id: EvseId,
    /// The power that EVSE charges the car at, kW.
    pub power_kw: Decimal,
    /// The estimate for starting at the planned start.
    pub estimate: Estimate,
    /// The cheapest start in the window, and what it costs.
    pub cheapest: BestStart,
}

impl Offer {
    /// The total for starting at the planned start, VAT included.
    pub fn total(&self) -> Decimal {
        self.estimate.cost.invoice_summary
    }
}

/// The cheapest start found in the window for an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BestStart {
    /// When to plug in (the planned start when waiting would not lower the total).
    pub start: DateTime<Utc>,
    /// The total for that start, VAT included.
    pub total: Decimal,
    /// What it saves against the planned start.
    pub saving: Decimal,
}

/// Why a station gets no offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LeftOutReason {
    /// None of its connectors takes the car's plug.
    NoCompatibleConnector,
    /// Every compatible EVSE is in use (charging, blocked or reserved).
    Occupied,
    /// Every compatible EVSE is out of order, inoperative, planned or removed.
    OutOfService,
    /// No usable EVSE has a price group, or none with an energy or time price in force at
    /// the planned start.
    NoPrice,
    /// The engine could not price it.
    NotPriced {
        /// The engine's words.
        message: String,
    },
}

/// A station without an offer, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeftOut {
    /// The station.
    pub station_id: StationId,
    /// Why.
    #[serde(flatten)]
    pub reason: LeftOutReason,
}

/// Every station's offer, cheapest first, and the stations left out, in input order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Offers {
    /// Ranked by total (ties keep the input order: the API lists nearest first). Totals in
    /// different currencies are compared as numbers.
    pub offers: Vec<Offer>,
    /// The stations with no offer.
    pub left_out: Vec<LeftOut>,
}

/// Prices `charge` at every station of `stations` (as the API returns them around a
/// point), ranked by total, with each offer's cheapest start within `charge.window`.
///
/// # Errors
/// [`PricingError::Charging`] when the charge itself is impossible (a negative energy, no
/// power); a station's own problem leaves it out instead.
///
/// # Examples
/// ```
/// use connect_domain::pricing::{PlannedCharge, offers};
/// use connect_domain::station::*;
/// use connect_domain::tariff::PriceGroup;
/// use connect_domain::zone::Coordinates;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.40","user_facing_price":"0.48",
///   "grace_period_minutes":null,"tax":20,"blocking_cap":null}]}}}"#)?.value;
/// let position = Coordinates { latitude: 48.1, longitude: 11.5 };
/// let mut station = Station::new(StationId::new("S1"), "Market", position,
///     chrono_tz::Europe::Berlin, chrono::DateTime::UNIX_EPOCH);
/// let mut evse = Evse::new(EvseId::new("DE*X*E1*1"), EvseStatus::Available);
/// let mut plug = Connector::new(ConnectorStandard::Iec62196T2);
/// plug.power_kw = Some(11.0);
/// evse.connectors.push(plug);
/// station.evses.push(evse);
/// station.price_groups.push(group);
/// let mut busy = station.clone();
/// busy.id = StationId::new("S2");
/// busy.evses[0].status = EvseStatus::Charging;
///
/// let charge = PlannedCharge::new(Decimal::from(10), Decimal::from(50),
///     "2026-04-02T13:00:00Z".parse()?);
/// let answer = offers(&[station, busy], &charge)?;
/// assert_eq!(answer.offers[0].total().to_string(), "4.80");
/// assert_eq!(answer.offers[0].power_kw, Decimal::from(11));
/// assert_eq!(answer.left_out[0].reason, LeftOutReason::Occupied);
/// # use connect_domain::pricing::LeftOutReason;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn offers(stations: &[Station], charge: &PlannedCharge) -> Result<Offers, PricingError> {
    // The charge is the same everywhere: check it once, at the car's own power.
    Session::new(charge.start, &charge.plan(charge.power_kw))?;
    let mut answer = Offers::default();
    for station in stations {
        match offer(station, charge) {
            Ok(offer) => answer.offers.push(offer),
            Err(reason) => answer.left_out.push(LeftOut {
                station_id: station.id.clone(),
                reason,
            }),
        }
    }
    answer.offers.sort_by_key(Offer::total);
    Ok(answer)
}

/// The station's cheapest EVSE for the charge, or why there is none.
fn offer(station: &Station, charge: &PlannedCharge) -> Result<Offer, LeftOutReason> {
    let compatible: Vec<&Evse> = station
        .evses
        .iter()
        .filter(|evse| evse.connectors.iter().any(|c| charge.takes(c)))
        .collect();
    if compatible.is_empty() {
        return Err(LeftOutReason::NoCompatibleConnector);
    }
    let usable: Vec<&Evse> = compatible
        .iter()
        .copied()
        .filter(|evse| !evse.status.is_in_use() && !evse.status.is_broken())
        .filter(|evse| !evse.status.is_absent())
        .collect();
    if usable.is_empty() {
        let occupied = compatible.iter().any(|evse| evse.status.is_in_use());
        return Err(if occupied {
            LeftOutReason::Occupied
        } else {
            LeftOutReason::OutOfService
        });
    }
    let options = PricingOptions::new(charge.policy, charge.blocking_basis, station.is_partner);
    // EVSEs of a station mostly share a price group and a power: each pair is priced once.
    let mut candidates: Vec<(&PriceGroup, Decimal, &Evse)> = Vec::new();
    for evse in usable {
        let Some(group) = station.price_group_for(evse.evse_id.as_str()) else {
            continue;
        };
        let power = charge.power_at(evse);
        let seen = candidates
            .iter()
            .any(|(other, kw, _)| std::ptr::eq(*other, group) && *kw == power);
        if !seen && priced_at(group, station, charge.start) {
            candidates.push((group, power, evse));
        }
    }
    let not_priced = |error: PricingError| LeftOutReason::NotPriced {
        message: error.to_string(),
    };
    let chosen = match candidates[..] {
        [] => return Err(LeftOutReason::NoPrice),
        // The usual station: one price group and power, priced by the search below.
        [only] => only,
        _ => {
            let mut cheapest: Option<((&PriceGroup, Decimal, &Evse), Decimal)> = None;
            for candidate @ (group, power, _) in candidates {
                let plan = charge.plan(power);
                let exact = estimate(group, station.zone, charge.start, &plan, &options)
                    .map_err(not_priced)?
                    .exact_total;
                if cheapest.as_ref().is_none_or(|(_, best)| exact < *best) {
                    cheapest = Some((candidate, exact));
                }
            }
            cheapest
                .map(|(candidate, _)| candidate)
                .ok_or(LeftOutReason::NoPrice)?
        }
    };
    let (group, power, evse) = chosen;
    let best = cheapest_start(
        group,
        station.zone,
        charge.start,
        charge.start + charge.window,
        &charge.plan(power),
        &options,
    )
    .map_err(not_priced)?;
    Ok(Offer {
        station_id: station.id.clone(),
        evse_id: evse.evse_id.clone(),
        power_kw: power,
        cheapest: BestStart {
            start: best.start,
            total: best.estimate.cost.invoice_summary,
            saving: best.saving,
        },
        estimate: best.now,
    })
}

/// Whether a plug standard carries direct current.
fn dc_plug(standard: &ConnectorStandard) -> bool {
    matches!(
        standard,
        ConnectorStandard::Chademo
            | ConnectorStandard::Iec62196T1Combo
            | ConnectorStandard::Iec62196T2Combo
    )
}

/// Whether the group prices energy or time at `at` (a tariff of fees alone always does).
fn priced_at(group: &PriceGroup, station: &Station, at: DateTime<Utc>) -> bool {
    let tariff = group.tariff();
    let metered = [ComponentKind::Energy, ComponentKind::Time];
    if metered.iter().all(|kind| tariff.component(*kind).is_none()) {
        return tariff.components().next().is_some();
    }
    metered.iter().any(|kind| {
        tariff
            .component(*kind)
            .is_some_and(|component| component.band_at(station.zone, at).is_some())
    })
}

#[cfg(test)]
mod tests;
