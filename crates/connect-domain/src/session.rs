//! Charging sessions as the API reports them, the prices frozen on them at start, and their
//! rules (ratings 1–5; duration from the timestamps).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::SessionId;
use crate::pricing::{SessionCost, price_at};
use crate::tariff::{ComponentKind, PriceGroup};

/// A driver's rating of a session, 1 to 5.
///
/// # Examples
/// ```
/// use connect_domain::session::Rating;
/// assert_eq!(Rating::new(5)?.get(), 5);
/// assert!(Rating::new(0).is_err());
/// # Ok::<(), connect_domain::session::RatingError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rating(u8);

/// A rating outside 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rates: {value} is not a valid choice (1 to 5, or null)")]
pub struct RatingError {
    /// The value given.
    pub value: i64,
}

impl Rating {
    /// A rating of 1 to 5.
    ///
    /// # Errors
    /// [`RatingError`] for anything else.
    pub fn new(value: i64) -> Result<Self, RatingError> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(Self)
            .ok_or(RatingError { value })
    }

    /// The rating.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Self::new(value).map_err(serde::de::Error::custom)
    }
}

/// The prices the API freezes onto a session at start ("applied to session and used for
/// billing"): one displayed price per component, VAT included, per kWh, per minute or flat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionPrices {
    /// Per kWh.
    pub kwh_price: Option<Decimal>,
    /// Per minute of charging.
    pub time_price: Option<Decimal>,
    /// Once per session.
    pub session_fee: Option<Decimal>,
    /// Per minute of blocking, after the grace period.
    pub blocking_fee: Option<Decimal>,
    /// Cariqa's starting fee.
    pub starting_fee: Option<Decimal>,
    /// Minutes before blocking is billed.
    pub grace_period_minutes: Option<u32>,
    /// Most blocking fee one session pays.
    pub blocking_cap: Option<Decimal>,
    /// Lower-case currency (`eur`).
    pub currency: Option<String>,
}

impl SessionPrices {
    /// The displayed prices of a price group in force at `start` in the station's zone.
    /// The starting fee is left out at partner stations, which carry none.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::session::SessionPrices;
    /// use connect_domain::tariff::PriceGroup;
    /// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
    ///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
    ///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
    ///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
    /// let prices = SessionPrices::frozen_at(&group, chrono_tz::Europe::Berlin,
    ///     "2026-04-02T13:51:18Z".parse()?, true);
    /// assert_eq!(prices.kwh_price.map(|p| p.to_string()).as_deref(), Some("0.54"));
    /// assert_eq!(prices.time_price, None);
    /// assert_eq!(prices.currency.as_deref(), Some("eur"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frozen_at(group: &PriceGroup, zone: Tz, start: DateTime<Utc>, is_partner: bool) -> Self {
        let mut prices = Self {
            currency: Some(group.tariff().currency().code().to_ascii_lowercase()),
            ..Self::default()
        };
        for shown in price_at(group.tariff(), zone, start) {
            let price = Some(shown.price);
            match shown.component {
                ComponentKind::Energy => prices.kwh_price = price,
                ComponentKind::Time => prices.time_price = price,
                ComponentKind::SessionFee => prices.session_fee = price,
                ComponentKind::StartingFee if !is_partner => prices.starting_fee = price,
                ComponentKind::Blocking => {
                    prices.blocking_fee = price;
                    prices.grace_period_minutes = shown
                        .grace_period_minutes
                        .and_then(|minutes| u32::try_from(minutes.ceil()).ok());
                    prices.blocking_cap = group
                        .tariff()
                        .component(ComponentKind::Blocking)
                        .and_then(|c| c.all_bands().find(|b| b.id() == shown.band))
                        .and_then(crate::tariff::Band::blocking_cap);
                }
                ComponentKind::StartingFee => {}
            }
        }
        prices
    }
}

/// Where a session took place, as shown on the session (a snapshot at start): the API's
/// `StationInfo`, read and written in its JSON shape (every property nullable and always
/// written).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StationInfo {
    /// Station name.
    pub station_name: Option<String>,
    /// One formatted address line.
    pub station_address: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// `slow`, `fast` or `turbo`.
    pub station_speed: Option<String>,
    /// Connector standard, e.g. `IEC_62196_T2`.
    pub connector_standard: Option<String>,
    /// Connector power, kW; written as the API does (`22`, not `22.0`).
    #[serde(default, with = "crate::json_path::optional_number")]
    pub connector_power: Option<f64>,
    /// Operator's support phone.
    pub support_phone: Option<String>,
    /// Latitude as text (`"49.630383"`).
    pub latitude: Option<String>,
    /// Longitude as text.
    pub longitude: Option<String>,
}

/// The bill of a finished session: its cost and the invoice behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionBill {
    /// The cost, per component.
    pub cost: SessionCost,
    /// PDF of the invoice.
    pub invoice_download: Option<String>,
    /// Hosted invoice page (older API revisions only).
    pub invoice_view: Option<String>,
    /// Credits applied (negative for a discount).
    pub invoice_credits: Decimal,
    /// Discount applied.
    pub invoice_discount: Decimal,
}

impl SessionBill {
    /// A bill of `cost` with no invoice links, credits or discount.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::pricing::SessionCost;
    /// use connect_domain::session::SessionBill;
    /// let bill = SessionBill::new(SessionCost::zero("eur"));
    /// assert!(bill.invoice_credits.is_zero());
    /// ```
    pub fn new(cost: SessionCost) -> Self {
        Self {
            cost,
            invoice_download: None,
            invoice_view: None,
            invoice_credits: Decimal::ZERO,
            invoice_discount: Decimal::ZERO,
        }
    }
}

/// A charging session as the API reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChargingSession {
    /// Its id.
    pub id: SessionId,
    /// The EVSE charged at.
    pub evse_id: String,
    /// When it started.
    pub start_time: Option<DateTime<Utc>>,
    /// When it ended (none while active).
    pub end_time: Option<DateTime<Utc>>,
    /// kWh delivered so far (three decimals on the wire).
    pub consumed_energy_kwh: Option<Decimal>,
    /// Whether it is still running.
    pub is_active: bool,
    /// Where.
    pub station: StationInfo,
    /// Whether the station's operator is a Cariqa partner.
    pub is_partner: bool,
    /// The operator's logo.
    pub logo_url: Option<String>,
    /// Prices frozen at start.
    pub prices: SessionPrices,
    /// The bill, once the charge detail record has arrived.
    pub bill: Option<SessionBill>,
    /// The driver's rating.
    pub rating: Option<Rating>,
}

impl ChargingSession {
    /// A session at an EVSE that has not started: no times, energy, station facts, prices,
    /// bill or rating yet (set the public fields).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::ids::SessionId;
    /// use connect_domain::session::ChargingSession;
    /// let mut session = ChargingSession::new(SessionId::new("s1"), "DE*CIQ*EELDF6XWZU41P*1");
    /// session.is_active = true;
    /// assert_eq!(session.bill, None);
    /// ```
    pub fn new(id: SessionId, evse_id: impl Into<String>) -> Self {
        Self {
            id,
            evse_id: evse_id.into(),
            start_time: None,
            end_time: None,
            consumed_energy_kwh: None,
            is_active: false,
            station: StationInfo::default(),
            is_partner: false,
            logo_url: None,
            prices: SessionPrices::default(),
            bill: None,
            rating: None,
        }
    }
}

impl ChargingSession {
    /// Whole seconds from start to end, as the API's `duration` (none while either is
    /// unknown).
    pub fn duration_seconds(&self) -> Option<i64> {
        Some((self.end_time? - self.start_time?).num_seconds())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five_and_read_from_json_numbers() {
        assert!(Rating::new(6).is_err());
        assert!(Rating::new(-1).is_err());
        let rating: Rating = serde_json::from_str("3").unwrap();
        assert_eq!(rating.get(), 3);
        assert!(serde_json::from_str::<Rating>("9").is_err());
    }

    #[test]
    fn the_documented_session_lasted_ten_seconds() {
        let session = ChargingSession {
            id: SessionId::new("ab7ae756-b663-43b9-a025-40c51dd503d9"),
            evse_id: "DE*CIQ*EELDF6XWZU41P*2".into(),
            start_time: Some("2026-04-02T13:51:18.754610Z".parse().unwrap()),
            end_time: Some("2026-04-02T13:51:28.754611Z".parse().unwrap()),
            consumed_energy_kwh: Some(Decimal::new(10_000, 3)),
            is_active: false,
            station: StationInfo::default(),
            is_partner: true,
            logo_url: None,
            prices: SessionPrices::default(),
            bill: None,
            rating: None,
        };
        assert_eq!(session.duration_seconds(), Some(10));
    }

    #[test]
    fn frozen_prices_carry_the_blocking_terms_and_skip_the_partner_starting_fee() {
        let json = r#"{"currency":"EUR","pre_authorization_amount":"50","prices":{
          "blocking_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,"date_to":null,
            "gross_price":"4.02","user_facing_price":"0.08","grace_period_minutes":240,"tax":19,
            "blocking_cap":"12.00"}]},
          "starting_fee":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,"date_to":null,
            "gross_price":"0.4958","user_facing_price":"0.59","grace_period_minutes":null,"tax":19,
            "blocking_cap":null}]}}}"#;
        let group = PriceGroup::from_json(json).unwrap().value;
        let start = "2026-04-02T13:51:18Z".parse().unwrap();
        let elsewhere = SessionPrices::frozen_at(&group, chrono_tz::Europe::Berlin, start, false);
        assert_eq!(elsewhere.blocking_fee, Some(Decimal::new(8, 2)));
        assert_eq!(elsewhere.grace_period_minutes, Some(240));
        assert_eq!(elsewhere.blocking_cap, Some(Decimal::new(1200, 2)));
        assert_eq!(elsewhere.starting_fee, Some(Decimal::new(59, 2)));
        let partner = SessionPrices::frozen_at(&group, chrono_tz::Europe::Berlin, start, true);
        assert_eq!(partner.starting_fee, None);
    }
}
