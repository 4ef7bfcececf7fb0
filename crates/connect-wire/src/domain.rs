//! Conversions between the wire types and `connect-domain`'s, both ways: the sandbox server
//! writes domain values as wire JSON, the HTTP client reads wire JSON into domain values.
//!
//! Writing never fails. Reading fails only where the wire value cannot be a domain value
//! (a card-less payment method, a blocking fee that is not a decimal, a station whose
//! tariffs have no time zone), with a [`ConversionError`] naming the field; nothing is
//! dropped silently. Values whose JSON shape is the domain's (enums, cards, opening times,
//! station snapshots, price groups) need no conversion: the wire types hold them.

use chrono::{DateTime, Utc};
use connect_domain::account::{self, AccountType};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice;
use connect_domain::payment;
use connect_domain::pricing::SessionCost;
use connect_domain::session::{self, SessionBill, SessionPrices};
use rust_decimal::Decimal;

use crate::billing::BillingDetails;
use crate::invoices::Invoice;
use crate::payments::{Debt, PaymentMethod, SetupIntent};
use crate::sessions::{ChargingSession, PaygSummary, Rating, UserFacingSessionPrices};
use crate::users::{PatchedUser, User, UserCustomProperties};

/// A wire value that cannot be a domain value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ConversionError {
    /// The wire field.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

// ------------------------------------------------------------------------ users

impl From<&account::User> for User {
    fn from(user: &account::User) -> Self {
        Self {
            id: user.id.to_string(),
            email: user.email.clone(),
            locale: user.locale.clone(),
            custom_properties: Some(UserCustomProperties {
                external_id: user.external_id.clone(),
            }),
        }
    }
}

impl From<&User> for account::User {
    fn from(user: &User) -> Self {
        let mut value = Self::new(UserId::new(user.id.clone()));
        value.email.clone_from(&user.email);
        value.locale.clone_from(&user.locale);
        value.external_id = user.external_id().map(str::to_owned);
        value
    }
}

impl From<&PatchedUser> for account::NewUser {
    fn from(body: &PatchedUser) -> Self {
        Self {
            email: body.email.clone().flatten(),
            locale: body.locale.clone(),
            external_id: body
                .custom_properties
                .clone()
                .flatten()
                .and_then(|properties| properties.external_id),
        }
    }
}

impl From<&PatchedUser> for account::UserPatch {
    fn from(body: &PatchedUser) -> Self {
        Self {
            email: body.email.clone(),
            locale: body.locale.clone(),
            // `custom_properties: null` clears the external id; absent keeps it.
            external_id: body
                .custom_properties
                .clone()
                .map(|properties| properties.and_then(|p| p.external_id)),
        }
    }
}

impl From<&account::NewUser> for PatchedUser {
    fn from(user: &account::NewUser) -> Self {
        Self {
            id: None,
            email: Some(user.email.clone()),
            locale: user.locale.clone(),
            custom_properties: Some(Some(UserCustomProperties {
                external_id: user.external_id.clone(),
            })),
        }
    }
}

impl From<&account::UserPatch> for PatchedUser {
    fn from(patch: &account::UserPatch) -> Self {
        Self {
            id: None,
            email: patch.email.clone(),
            locale: patch.locale.clone(),
            custom_properties: patch
                .external_id
                .clone()
                .map(|external_id| Some(UserCustomProperties { external_id })),
        }
    }
}

// ---------------------------------------------------------------------- billing

impl From<&account::BillingDetails> for BillingDetails {
    fn from(details: &account::BillingDetails) -> Self {
        Self {
            country: details.country.clone(),
            city: details.city.clone(),
            tax_id: details.tax_id.clone(),
            account_type: Some(details.account_type.clone()),
            company_name: details.company_name.clone(),
            vat_id: details.vat_id.clone(),
            line1: details.line1.clone(),
            postal_code: details.postal_code.clone(),
            first_name: details.first_name.clone(),
            last_name: details.last_name.clone(),
        }
    }
}

impl From<&BillingDetails> for account::BillingDetails {
    fn from(details: &BillingDetails) -> Self {
        // Empty strings (the reference client sends them for unused fields) mean "none".
        let text = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
        {
            let mut value = Self::default();
            value.line1 = text(&details.line1);
            value.postal_code = text(&details.postal_code);
            value.country = text(&details.country);
            value.city = text(&details.city);
            value.tax_id = text(&details.tax_id);
            value.account_type = details
                .account_type
                .clone()
                .unwrap_or(AccountType::Personal);
            value.company_name = text(&details.company_name);
            value.vat_id = text(&details.vat_id);
            value.first_name = text(&details.first_name);
            value.last_name = text(&details.last_name);
            value
        }
    }
}

// --------------------------------------------------------------------- payments

fn second_precision(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl From<&payment::PaymentMethod> for PaymentMethod {
    fn from(method: &payment::PaymentMethod) -> Self {
        Self {
            id: method.id.to_string(),
            default: method.is_default,
            kind: method.kind.clone(),
            card: Some(method.card.clone()),
            created_at: second_precision(method.created_at),
        }
    }
}

impl TryFrom<&PaymentMethod> for payment::PaymentMethod {
    type Error = ConversionError;

    fn try_from(method: &PaymentMethod) -> Result<Self, Self::Error> {
        let card = method.card.as_ref().ok_or_else(|| ConversionError {
            field: "card",
            message: "a payment method without card details".into(),
        })?;
        let created_at = method.created_at.parse().map_err(|_| ConversionError {
            field: "created_at",
            message: format!("{:?} is not an RFC 3339 date-time", method.created_at),
        })?;
        Ok({
            let mut value = Self::new(
                PaymentMethodId::new(method.id.clone()),
                method.kind.clone(),
                card.clone(),
                created_at,
            );
            value.is_default = method.default;
            value
        })
    }
}

impl From<&payment::SetupIntent> for SetupIntent {
    fn from(intent: &payment::SetupIntent) -> Self {
        Self {
            setup_intent_client_secret: intent.client_secret.clone(),
        }
    }
}

impl From<&SetupIntent> for payment::SetupIntent {
    fn from(intent: &SetupIntent) -> Self {
        Self::new(intent.setup_intent_client_secret.clone())
    }
}

impl From<&payment::Debt> for Debt {
    fn from(debt: &payment::Debt) -> Self {
        Self {
            session_id: debt.session_id.to_string(),
            payment_intent_client_secret: debt.payment_intent_client_secret.clone(),
            amount: debt.amount,
            currency: debt.currency.clone(),
        }
    }
}

impl From<&Debt> for payment::Debt {
    fn from(debt: &Debt) -> Self {
        Self::new(
            SessionId::new(debt.session_id.clone()),
            debt.payment_intent_client_secret.clone(),
            debt.amount,
            debt.currency.clone(),
        )
    }
}

// --------------------------------------------------------------------- sessions

impl From<session::Rating> for Rating {
    fn from(rating: session::Rating) -> Self {
        Self::from_value(i64::from(rating.get()))
    }
}

/// A wire rating as a domain one: 1–5, or a validation problem naming `rates`.
///
/// # Errors
/// [`ConversionError`] on `rates` for anything but 1–5.
pub fn rating_from_wire(rating: &Rating) -> Result<session::Rating, ConversionError> {
    let value = rating.value().map_or(0, i64::from);
    session::Rating::new(value).map_err(|_| ConversionError {
        field: "rates",
        message: format!("\"{rating}\" is not a valid choice (1 to 5, or null)."),
    })
}

fn prices_to_wire(prices: &SessionPrices) -> UserFacingSessionPrices {
    UserFacingSessionPrices {
        kwh_price: prices.kwh_price,
        time_price: prices.time_price,
        session_fee: prices.session_fee,
        blocking_fee: prices.blocking_fee.map(|fee| fee.to_string()),
        starting_fee: prices.starting_fee,
        grace_period_minutes: prices.grace_period_minutes.map(i64::from),
        blocking_cap: prices.blocking_cap,
        currency: prices.currency.clone(),
    }
}

/// The prices frozen on a session.
///
/// # Errors
/// [`ConversionError`] on `user_facing_session_prices.blocking_fee` when it is not a
/// decimal, on `…grace_period_minutes` when it is negative or too large.
fn prices_from_wire(prices: &UserFacingSessionPrices) -> Result<SessionPrices, ConversionError> {
    let blocking_fee = prices
        .blocking_fee
        .as_deref()
        .map(|fee| {
            fee.trim().parse::<Decimal>().map_err(|_| ConversionError {
                field: "user_facing_session_prices.blocking_fee",
                message: format!("{fee:?} is not a decimal price"),
            })
        })
        .transpose()?;
    let grace_period_minutes = prices
        .grace_period_minutes
        .map(|minutes| {
            u32::try_from(minutes).map_err(|_| ConversionError {
                field: "user_facing_session_prices.grace_period_minutes",
                message: format!("{minutes} is not a number of minutes"),
            })
        })
        .transpose()?;
    Ok({
        let mut value = SessionPrices::default();
        value.kwh_price = prices.kwh_price;
        value.time_price = prices.time_price;
        value.session_fee = prices.session_fee;
        value.blocking_fee = blocking_fee;
        value.starting_fee = prices.starting_fee;
        value.grace_period_minutes = grace_period_minutes;
        value.blocking_cap = prices.blocking_cap;
        value.currency.clone_from(&prices.currency);
        value
    })
}

/// The `session_cost` of a session: its bill, or before the charge detail record arrives,
/// no component costs and zero totals (the API leaves this state undocumented).
fn cost_to_wire(bill: Option<&SessionBill>, currency: Option<&str>) -> PaygSummary {
    let zero = Decimal::new(0, 2);
    match bill {
        Some(bill) => PaygSummary {
            kwh_cost: Some(bill.cost.kwh_cost),
            time_cost: Some(bill.cost.time_cost),
            session_fee_cost: Some(bill.cost.session_fee_cost),
            blocking_fee_cost: Some(bill.cost.blocking_fee_cost),
            starting_fee_cost: Some(bill.cost.starting_fee_cost),
            invoice_view: None,
            invoice_download: bill.invoice_download.clone(),
            invoice_vat: bill.cost.invoice_vat,
            invoice_summary: bill.cost.invoice_summary.to_string(),
            invoice_credits: Some(bill.invoice_credits),
            invoice_discount: Some(bill.invoice_discount),
            currency: Some(bill.cost.currency.clone()),
        },
        None => PaygSummary {
            kwh_cost: None,
            time_cost: None,
            session_fee_cost: None,
            blocking_fee_cost: None,
            starting_fee_cost: None,
            invoice_view: None,
            invoice_download: None,
            invoice_vat: zero,
            invoice_summary: zero.to_string(),
            invoice_credits: Some(zero),
            invoice_discount: Some(zero),
            currency: currency.map(str::to_owned),
        },
    }
}

/// The bill behind a `session_cost`, if the components are there (they are `null` before
/// the charge detail record).
///
/// # Errors
/// [`ConversionError`] on `session_cost.invoice_summary` when a bill's total is not a
/// decimal.
fn cost_from_wire(cost: &PaygSummary) -> Result<Option<SessionBill>, ConversionError> {
    let zero = Decimal::new(0, 2);
    let Some(kwh_cost) = cost.kwh_cost else {
        return Ok(None);
    };
    let invoice_summary = cost.invoice_summary_amount().map_err(|_| ConversionError {
        field: "session_cost.invoice_summary",
        message: format!("{:?} is not a decimal amount", cost.invoice_summary),
    })?;
    Ok(Some({
        let mut bill = SessionBill::new({
            let mut value = SessionCost::zero(cost.currency.clone().unwrap_or_default());
            value.kwh_cost = kwh_cost;
            value.time_cost = cost.time_cost.unwrap_or(zero);
            value.session_fee_cost = cost.session_fee_cost.unwrap_or(zero);
            value.blocking_fee_cost = cost.blocking_fee_cost.unwrap_or(zero);
            value.starting_fee_cost = cost.starting_fee_cost.unwrap_or(zero);
            value.invoice_vat = cost.invoice_vat;
            value.invoice_summary = invoice_summary;
            value
        });
        bill.invoice_download.clone_from(&cost.invoice_download);
        bill.invoice_view.clone_from(&cost.invoice_view);
        bill.invoice_credits = cost.invoice_credits.unwrap_or(zero);
        bill.invoice_discount = cost.invoice_discount.unwrap_or(zero);
        bill
    }))
}

impl From<&session::ChargingSession> for ChargingSession {
    fn from(session: &session::ChargingSession) -> Self {
        let mut energy = session.consumed_energy_kwh;
        if let Some(kwh) = energy.as_mut() {
            kwh.rescale(3);
        }
        Self {
            id: session.id.to_string(),
            start_time: session.start_time,
            end_time: session.end_time,
            duration: session.duration_seconds(),
            consumed_energy: energy,
            is_active: session.is_active,
            evse_id: session.evse_id.clone(),
            station_info: session.station.clone(),
            is_partner: session.is_partner,
            logo_url: session.logo_url.clone(),
            user_facing_session_prices: prices_to_wire(&session.prices),
            session_cost: cost_to_wire(session.bill.as_ref(), session.prices.currency.as_deref()),
            rates: session.rating.map(Rating::from),
        }
    }
}

impl TryFrom<&ChargingSession> for session::ChargingSession {
    type Error = ConversionError;

    fn try_from(session: &ChargingSession) -> Result<Self, Self::Error> {
        Ok({
            let mut value = Self::new(SessionId::new(session.id.clone()), session.evse_id.clone());
            value.start_time = session.start_time;
            value.end_time = session.end_time;
            value.consumed_energy_kwh = session.consumed_energy;
            value.is_active = session.is_active;
            value.station.clone_from(&session.station_info);
            value.is_partner = session.is_partner;
            value.logo_url.clone_from(&session.logo_url);
            value.prices = prices_from_wire(&session.user_facing_session_prices)?;
            value.bill = cost_from_wire(&session.session_cost)?;
            value.rating = session.rates.as_ref().map(rating_from_wire).transpose()?;
            value
        })
    }
}

// --------------------------------------------------------------------- invoices

impl From<&invoice::Invoice> for Invoice {
    fn from(invoice: &invoice::Invoice) -> Self {
        Self {
            view_link: None,
            link: invoice.link.clone(),
            total: invoice.total,
            date: invoice.date,
            refund: invoice.refund,
            charging_session_id: invoice
                .charging_session_id
                .as_ref()
                .map(ToString::to_string),
            currency: invoice.currency.clone(),
        }
    }
}

impl From<&Invoice> for invoice::Invoice {
    fn from(invoice: &Invoice) -> Self {
        let mut value = Self::new(
            invoice.link.clone(),
            invoice.total,
            invoice.date,
            invoice.currency.clone(),
        );
        value.view_link.clone_from(&invoice.view_link);
        value.refund = invoice.refund;
        value.charging_session_id = invoice.charging_session_id.clone().map(SessionId::new);
        value
    }
}

// --------------------------------------------------------------------- stations

/// A station as the API publishes it at `now`: each price group is
/// [`published_at`](connect_domain::tariff::PriceGroup::published_at) the station-local
/// now, with the station's type (`AC`/`DC`), power and EVSE ids where the group leaves
/// them out, as the document requires them.
pub fn station_to_wire(
    station: &connect_domain::station::Station,
    now: DateTime<Utc>,
) -> crate::stations::Station {
    let mut wire = crate::stations::Station::from(station);
    let local_now = now.with_timezone(&station.zone).fixed_offset();
    let kind = if station
        .evses
        .iter()
        .any(connect_domain::station::Evse::is_dc)
    {
        "DC"
    } else {
        "AC"
    };
    let evse_ids: Vec<String> = station
        .evses
        .iter()
        .map(|evse| evse.evse_id.as_str().to_owned())
        .collect();
    for group in &mut wire.price_groups {
        *group = group.published_at(local_now, kind, station.max_power_kw(), &evse_ids);
    }
    wire
}

impl From<&connect_domain::station::Station> for crate::stations::Station {
    /// The station without its price groups' evaluation time: use [`station_to_wire`] to
    /// publish it.
    fn from(station: &connect_domain::station::Station) -> Self {
        use crate::stations::{Contact, Evse, OperatorInfo};
        Self {
            id: Some(station.id.as_str().to_owned()),
            name: station.name.clone(),
            speed: station.speed(),
            address: station.address.clone(),
            status: Some(station.status()),
            coordinates: station.coordinates,
            opening_times: station.opening_times.clone(),
            operator: OperatorInfo {
                name: station.operator.name.clone(),
                contact: station
                    .operator
                    .phone
                    .clone()
                    .map(|phone| Contact { phone: Some(phone) }),
            },
            evses: station
                .evses
                .iter()
                .map(|evse| Evse {
                    evse_id: evse.evse_id.as_str().to_owned(),
                    status: evse.status.clone(),
                })
                .collect(),
            last_updated: station
                .last_updated
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            amenities: Some(station.amenities.clone()),
            is_partner: station.is_partner,
            price_groups: station.price_groups.clone(),
            logo_url: station.logo_url.clone(),
        }
    }
}

// ------------------------------------------------------------ stations, read back

/// The ISO 3166-1 alpha-2 country an eMI3-style id starts with (`"DE*CIQ*E1*2"` → `"DE"`),
/// if its first two characters are one.
fn country_of_id(id: &str) -> Option<&'static str> {
    let prefix = id.get(..2)?;
    if !prefix.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return None;
    }
    connect_domain::station::country_alpha2(prefix)
}

/// The station's country: the API's station has no country property, but its ids follow
/// eMI3 (`<country>*<operator>*E<id>`), so the station id's prefix, else an EVSE id's.
fn station_country(station: &crate::stations::Station) -> Option<&'static str> {
    station
        .id
        .as_deref()
        .into_iter()
        .chain(station.evses.iter().map(|evse| evse.evse_id.as_str()))
        .find_map(country_of_id)
}

/// The zone a station's tariff bands are local to: its country's at its position (from the
/// coordinates where the country has several zones, from the country alone when the
/// coordinates lie outside it).
///
/// A station with nothing to price (`priced` false) gets UTC when its zone cannot be told:
/// the zone would only place opening hours. A priced one is an error instead (on `evses`
/// without a country, on `coordinates` otherwise): its bands are in local time, and a
/// silent UTC would misprice them.
fn station_zone(
    country: Option<&str>,
    coordinates: connect_domain::zone::Coordinates,
    priced: bool,
) -> Result<connect_domain::zone::Tz, ConversionError> {
    use connect_domain::zone::{Tz, zone_for_country};
    let zone = country.map(|country| {
        zone_for_country(country, Some(coordinates)).or_else(|_| zone_for_country(country, None))
    });
    match zone {
        Some(Ok(zone)) => Ok(zone),
        _ if !priced => Ok(Tz::UTC),
        Some(Err(error)) => Err(ConversionError {
            field: "coordinates",
            message: error.to_string(),
        }),
        None => Err(ConversionError {
            field: "evses",
            message: "the station's country cannot be told from its ids (eMI3 prefix), so \
                      neither can the time zone of its tariffs"
                .into(),
        }),
    }
}

/// When a station's data last changed: RFC 3339, or a date-time without offset (read as
/// UTC), as the document gives no format.
fn last_updated(text: &str) -> Result<DateTime<Utc>, ConversionError> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        // The first format that fits; none fitting is the error below.
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
        .ok_or_else(|| ConversionError {
            field: "last_updated",
            message: format!("{text:?} is not a date-time"),
        })
}

/// One connector per EVSE, as far as the station tells: the API publishes no connector
/// standards on a station, only each price group's `power` and `type` (`AC`/`DC`) and the
/// EVSEs it prices. So the connector's standard is `Unknown("")`, its power the group's and
/// its power type `DC` for a `DC` group (unknown otherwise); an EVSE no group prices (or
/// whose group has no usable power) gets no connector.
fn connectors_of(
    evse_id: &str,
    groups: &[connect_domain::tariff::PriceGroup],
) -> Vec<connect_domain::station::Connector> {
    use connect_domain::station::{Connector, ConnectorStandard, PowerType};
    let group = groups
        .iter()
        .find(|group| group.evse_ids().iter().any(|id| id == evse_id))
        .or_else(|| groups.iter().find(|group| group.evse_ids().is_empty()));
    group
        .and_then(|group| {
            let power = group.power_kw().filter(|kw| kw.is_finite() && *kw >= 0.0)?;
            Some({
                let mut connector = Connector::new(ConnectorStandard::Unknown(String::new()));
                connector.power_type = group
                    .kind()
                    .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("DC"))
                    .then_some(PowerType::Dc);
                connector.power_kw = Some(power);
                connector
            })
        })
        .into_iter()
        .collect()
}

impl TryFrom<&crate::stations::Station> for connect_domain::station::Station {
    type Error = ConversionError;

    /// Reads a station of `/stations/around/` or `/stations/details/`.
    ///
    /// The API's station says less than the domain's, so some of it is derived:
    ///
    /// - `country`: from the eMI3 prefix of the station id or of an EVSE id (`"DE*CIQ*…"`),
    ///   empty when they name none;
    /// - `zone`: from the country and the coordinates ([`connect_domain::zone`]). A station
    ///   with price groups whose zone cannot be told is a [`ConversionError`] (on `evses`
    ///   without a country, on `coordinates` otherwise): its tariff bands are in local time,
    ///   and a silent UTC would misprice them. Without price groups there is nothing to
    ///   price, and the zone is then UTC;
    /// - connectors: from the price groups, see below; `speed` and `status` are then
    ///   derived by the domain from the connectors and EVSE statuses, as the API derives
    ///   them;
    /// - a `null` station id reads as an empty id.
    ///
    /// Each EVSE gets one connector from the price group that prices it: its power and
    /// whether it is DC (the API publishes no connector standards on stations, so the
    /// standard is `Unknown("")`). The price groups were read by the domain's reader when
    /// the wire station was; each keeps the reader's warnings
    /// ([`PriceGroup::warnings`](connect_domain::tariff::PriceGroup::warnings)).
    ///
    /// # Errors
    /// [`ConversionError`] naming `last_updated`, or, for a station with price groups whose
    /// zone cannot be told, `evses` (no country) or `coordinates`.
    fn try_from(station: &crate::stations::Station) -> Result<Self, Self::Error> {
        use connect_domain::station::{Evse, EvseId, Operator, StationId};

        let coordinates = station.coordinates;
        let country = station_country(station);
        let zone = station_zone(country, coordinates, !station.price_groups.is_empty())?;
        Ok({
            let mut value = Self::new(
                StationId::new(station.id.clone().unwrap_or_default()),
                station.name.clone(),
                coordinates,
                zone,
                last_updated(&station.last_updated)?,
            );
            value.address.clone_from(&station.address);
            value.country = country.unwrap_or_default().into();
            value.operator = {
                let mut value = Operator::new(station.operator.name.clone());
                value.phone = station
                    .operator
                    .contact
                    .as_ref()
                    .and_then(|contact| contact.phone.clone());
                value
            };
            value.evses = station
                .evses
                .iter()
                .map(|evse| {
                    let mut value =
                        Evse::new(EvseId::new(evse.evse_id.clone()), evse.status.clone());
                    value.connectors = connectors_of(&evse.evse_id, &station.price_groups);
                    value
                })
                .collect();
            value.opening_times.clone_from(&station.opening_times);
            value.amenities = station.amenities.clone().unwrap_or_default();
            value.is_partner = station.is_partner;
            value.logo_url.clone_from(&station.logo_url);
            value.price_groups.clone_from(&station.price_groups);
            value
        })
    }
}
