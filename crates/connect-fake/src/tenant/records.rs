//! What a tenant keeps: one record type per repository, each [`Stored`] as JSON in a
//! durable sandbox. Domain values keep their own serde shape; the few without one (a payment
//! method, an EVSE's facts) are stored through a private shape here.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use connect_domain::account::{BillingDetails, User};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Card, Debt, PaymentMethod, PaymentMethodKind};
use connect_domain::session::{ChargingSession, StationInfo};
use connect_domain::tariff::PriceGroup;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cards::CardBehaviour;
use crate::sandbox::{Availability, EvseFacts, Progress};
use crate::store::{Record, Stored};

/// A payment method and what its test card does.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MethodRecord {
    #[serde(with = "stored_method")]
    pub(crate) method: PaymentMethod,
    pub(crate) behaviour: CardBehaviour,
}

/// A user, its billing details and payment methods.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct UserRecord {
    pub(crate) user: User,
    pub(crate) deleted: bool,
    pub(crate) billing: BillingDetails,
    pub(crate) methods: Vec<MethodRecord>,
    /// The client secrets of the user's setup intents, oldest first.
    pub(crate) setup_intents: VecDeque<String>,
}

/// A setup intent handed out and not yet forgotten.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SetupIntentRecord {
    pub(crate) client_secret: String,
    pub(crate) user: UserId,
    pub(crate) used: bool,
}

/// What a payment intent is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Purpose {
    /// The hold at start, for a card that needs 3-D Secure.
    PreAuthorization {
        evse_id: String,
        payment_method: PaymentMethodId,
    },
    /// Paying a debt.
    Debt { session: SessionId },
}

/// A payment intent: a 3-D Secure hold, or a debt to pay.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct PaymentIntentRecord {
    pub(crate) client_secret: String,
    pub(crate) user: UserId,
    pub(crate) purpose: Purpose,
    pub(crate) confirmed: bool,
    pub(crate) used: bool,
}

/// A charging session and what the sandbox needs to progress and bill it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SessionRecord {
    pub(crate) user: UserId,
    pub(crate) session: ChargingSession,
    /// The EVSE as it was at start (its prices are the session's).
    #[serde(with = "stored_facts")]
    pub(crate) facts: EvseFacts,
    pub(crate) payment_method: PaymentMethodId,
    /// What the car will take; charging stops there.
    pub(crate) target_kwh: Decimal,
    pub(crate) cdr_due: Option<DateTime<Utc>>,
    pub(crate) billed: bool,
    pub(crate) debt: Option<Debt>,
    /// Why the pricing engine refused to price the session, if it did: shown to whoever
    /// asks for the session, never swallowed into a bill of 0.00.
    pub(crate) unpriced: Option<String>,
}

impl SessionRecord {
    /// Whether the session still changes with the clock: active, or stopped and awaiting
    /// its charge detail record.
    pub(crate) fn is_open(&self) -> bool {
        self.session.is_active || (!self.billed && self.unpriced.is_none())
    }
}

/// An invoice and the user it was issued to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct InvoiceRecord {
    pub(crate) id: String,
    pub(crate) user: UserId,
    pub(crate) invoice: Invoice,
}

/// An EVSE made busy through the control API.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct OccupiedEvse {
    pub(crate) evse_id: String,
}

macro_rules! stored {
    ($record:ty, $kind:literal, $key:ty, |$this:ident| $field:expr, |$k:ident| $text:expr) => {
        impl Record for $record {
            type Key = $key;
            fn key(&self) -> &$key {
                let $this = self;
                $field
            }
        }
        impl Stored for $record {
            const KIND: &'static str = $kind;
            fn key_text($k: &$key) -> String {
                $text
            }
        }
    };
}

stored!(UserRecord, "user", UserId, |r| &r.user.id, |k| k
    .as_str()
    .to_owned());
stored!(
    SetupIntentRecord,
    "setup_intent",
    String,
    |r| &r.client_secret,
    |k| k.clone()
);
stored!(
    PaymentIntentRecord,
    "payment_intent",
    String,
    |r| &r.client_secret,
    |k| k.clone()
);
stored!(
    SessionRecord,
    "session",
    SessionId,
    |r| &r.session.id,
    |k| k.as_str().to_owned()
);
stored!(InvoiceRecord, "invoice", String, |r| &r.id, |k| k.clone());
stored!(OccupiedEvse, "occupied_evse", String, |r| &r.evse_id, |k| k
    .clone());

/// A payment method as stored (the domain's has no serde shape of its own).
mod stored_method {
    use super::{Card, DateTime, Deserialize, PaymentMethod, PaymentMethodId, PaymentMethodKind};
    use super::{Serialize, Utc};

    #[derive(Serialize, Deserialize)]
    struct Shape {
        id: PaymentMethodId,
        is_default: bool,
        kind: PaymentMethodKind,
        card: Card,
        created_at: DateTime<Utc>,
    }

    pub(super) fn serialize<S: serde::Serializer>(
        method: &PaymentMethod,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Shape {
            id: method.id.clone(),
            is_default: method.is_default,
            kind: method.kind.clone(),
            card: method.card.clone(),
            created_at: method.created_at,
        }
        .serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<PaymentMethod, D::Error> {
        let shape = Shape::deserialize(deserializer)?;
        let mut method = PaymentMethod::new(shape.id, shape.kind, shape.card, shape.created_at);
        method.is_default = shape.is_default;
        Ok(method)
    }
}

/// An EVSE's facts as stored with a session: the zone by its IANA name.
mod stored_facts {
    use super::{Availability, Decimal, Deserialize, EvseFacts, PriceGroup, Progress};
    use super::{Serialize, StationInfo, Tz};

    #[derive(Serialize, Deserialize)]
    struct Shape {
        evse_id: String,
        station: StationInfo,
        country: String,
        zone: String,
        power_kw: Decimal,
        is_partner: bool,
        logo_url: Option<String>,
        price_group: PriceGroup,
        availability: Availability,
        progress: Progress,
    }

    pub(super) fn serialize<S: serde::Serializer>(
        facts: &EvseFacts,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Shape {
            evse_id: facts.evse_id.clone(),
            station: facts.station.clone(),
            country: facts.country.clone(),
            zone: facts.zone.name().to_owned(),
            power_kw: facts.power_kw,
            is_partner: facts.is_partner,
            logo_url: facts.logo_url.clone(),
            price_group: facts.price_group.clone(),
            availability: facts.availability,
            progress: facts.progress,
        }
        .serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<EvseFacts, D::Error> {
        let shape = Shape::deserialize(deserializer)?;
        let zone: Tz = shape.zone.parse().map_err(|_| {
            serde::de::Error::custom(format!("zone: {:?} is not an IANA zone", shape.zone))
        })?;
        Ok(EvseFacts {
            evse_id: shape.evse_id,
            station: shape.station,
            country: shape.country,
            zone,
            power_kw: shape.power_kw,
            is_partner: shape.is_partner,
            logo_url: shape.logo_url,
            price_group: shape.price_group,
            availability: shape.availability,
            progress: shape.progress,
        })
    }
}
