//! Payments and debts (OpenAPI tags `Payments` and `Debts`): payment methods, the Stripe
//! setup intent that creates one, and unpaid sessions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use connect_domain::payment::{Card, PaymentMethodKind};

/// A payment method attached to a user (schema `ConnectAPIPM`).
///
/// Wallet methods (Apple Pay, Google Pay) carry a `card` too: the domain's [`Card`], whose
/// JSON shape is the API's `ConnectAPICardPM` (its `expiration_date` read from `MM/YY` or
/// `MM/YYYY`, written `MM/YYYY`). The document requires `card`;
/// it is read as optional so that a method of a kind without a card (the docs mention
/// PayPal) does not make the whole list unreadable, and is left out when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    /// Stripe's id of the payment method (`pm_…`).
    pub id: String,
    /// Whether this is the user's default payment method.
    pub default: bool,
    /// The kind of payment method.
    #[serde(rename = "type")]
    pub kind: PaymentMethodKind,
    /// The card behind the method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// When the method was attached to the user, as sent (`"2026-03-20T11:36:39Z"`); the
    /// document types it as a plain string.
    pub created_at: String,
}

/// The answer of `GET …/setup-intents/` (schema `ConnectAPISetupIntent`): the Stripe
/// SetupIntent client secret the front end confirms to attach a payment method.
///
/// Reads `setup_intent_client_secret` (the document and Cariqa's reference client) or, from
/// older docs pages, `client_secret`; when both are present the official key wins. Always
/// writes `setup_intent_client_secret`.
///
/// # Examples
/// ```
/// use connect_wire::payments::SetupIntent;
/// let legacy: SetupIntent = serde_json::from_str(r#"{"client_secret": "seti_1ABC123_secret_DEF456"}"#)?;
/// assert_eq!(
///     serde_json::to_string(&legacy)?,
///     r#"{"setup_intent_client_secret":"seti_1ABC123_secret_DEF456"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SetupIntentOnTheWire")]
pub struct SetupIntent {
    /// The SetupIntent's client secret (`seti_…_secret_…`).
    pub setup_intent_client_secret: String,
}

#[derive(Deserialize)]
struct SetupIntentOnTheWire {
    setup_intent_client_secret: Option<String>,
    client_secret: Option<String>,
}

impl TryFrom<SetupIntentOnTheWire> for SetupIntent {
    type Error = &'static str;

    fn try_from(wire: SetupIntentOnTheWire) -> Result<Self, Self::Error> {
        wire.setup_intent_client_secret
            .or(wire.client_secret)
            .map(|secret| Self {
                setup_intent_client_secret: secret,
            })
            .ok_or("missing field `setup_intent_client_secret` (or the older `client_secret`)")
    }
}

/// An unpaid charging session (schema `ConnectAPIDebt`), paid by confirming its Stripe
/// PaymentIntent on the front end.
///
/// Reads `payment_intent_client_secret` (the document and Cariqa's reference client) or,
/// from the docs' API reference, `client_secret`; when both are present the official key
/// wins. Always writes `payment_intent_client_secret`.
///
/// # Examples
/// ```
/// use connect_wire::payments::Debt;
/// let debt: Debt = serde_json::from_str(
///     r#"{"session_id": "s1", "client_secret": "pi_1_secret_2", "amount": "5.39", "currency": "eur"}"#,
/// )?;
/// assert_eq!(debt.payment_intent_client_secret, "pi_1_secret_2");
/// assert_eq!(serde_json::to_value(&debt)?["amount"], "5.39");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DebtOnTheWire")]
pub struct Debt {
    /// The charging session that is unpaid.
    pub session_id: String,
    /// The Stripe PaymentIntent client secret to pay the debt with.
    pub payment_intent_client_secret: String,
    /// Amount due, a decimal string on the wire (`"5.39"`).
    pub amount: Decimal,
    /// Currency of the amount; the document's example is `"EUR"`, sessions use `"eur"`.
    pub currency: String,
}

#[derive(Deserialize)]
struct DebtOnTheWire {
    session_id: String,
    payment_intent_client_secret: Option<String>,
    client_secret: Option<String>,
    amount: Decimal,
    currency: String,
}

impl TryFrom<DebtOnTheWire> for Debt {
    type Error = &'static str;

    fn try_from(wire: DebtOnTheWire) -> Result<Self, Self::Error> {
        let secret = wire
            .payment_intent_client_secret
            .or(wire.client_secret)
            .ok_or("missing field `payment_intent_client_secret` (or the older `client_secret`)")?;
        Ok(Self {
            session_id: wire.session_id,
            payment_intent_client_secret: secret,
            amount: wire.amount,
            currency: wire.currency,
        })
    }
}
