//! Payments and debts (OpenAPI tags `Payments` and `Debts`): payment methods, the Stripe
//! setup intent that creates one, and unpaid sessions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::api_enum::api_enum;

api_enum! {
    /// The kind of a payment method (schema `ConnectAPIPMTypeEnum`). The docs also mention
    /// PayPal; it would read as `Unknown("paypal")` until the document lists it.
    pub enum PaymentMethodType {
        Card = "card",
        ApplePay = "apple_pay",
        GooglePay = "google_pay",
    }
}

/// A payment method attached to a user (schema `ConnectAPIPM`).
///
/// Wallet methods (Apple Pay, Google Pay) carry a `card` too. The document requires `card`;
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
    pub kind: PaymentMethodType,
    /// The card behind the method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// When the method was attached to the user, as sent (`"2026-03-20T11:36:39Z"`); the
    /// document types it as a plain string.
    pub created_at: String,
}

/// The card behind a payment method (schema `ConnectAPICardPM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Card brand, e.g. `"visa"`.
    pub brand: String,
    /// Last four digits of the card number.
    pub last4: String,
    /// Expiry as sent: the document says `MM/YY`, every example is `MM/YYYY`. See
    /// [`Card::expiry`].
    pub expiration_date: String,
    /// Cardholder name, if the card has one. Written as `null` when `None`.
    pub cardholder_name: Option<String>,
}

impl Card {
    /// Parses [`Card::expiration_date`], in either `MM/YY` (years 2000–2099) or `MM/YYYY`.
    ///
    /// # Errors
    /// An [`ExpirationDateError`] when the text is not `MM/YY` or `MM/YYYY` with a month
    /// from 1 to 12.
    ///
    /// # Examples
    /// ```
    /// use connect_wire::payments::{Card, CardExpiry};
    /// let card = Card {
    ///     brand: "visa".into(),
    ///     last4: "4242".into(),
    ///     expiration_date: "04/44".into(),
    ///     cardholder_name: None,
    /// };
    /// assert_eq!(card.expiry()?, CardExpiry { year: 2044, month: 4 });
    /// assert_eq!(CardExpiry::parse("12/2027")?, CardExpiry { year: 2027, month: 12 });
    /// assert!(CardExpiry::parse("13/2027").is_err());
    /// # Ok::<(), connect_wire::payments::ExpirationDateError>(())
    /// ```
    pub fn expiry(&self) -> Result<CardExpiry, ExpirationDateError> {
        CardExpiry::parse(&self.expiration_date)
    }
}

/// A card's expiry month, parsed from `MM/YY` or `MM/YYYY`. Orders in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardExpiry {
    /// Four-digit year (declared first, so that the derived order is chronological).
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
}

impl CardExpiry {
    /// Parses `MM/YY` (years 2000–2099) or `MM/YYYY`; surrounding whitespace is ignored.
    ///
    /// # Errors
    /// [`ExpirationDateError::Format`] when the text is not two digits, a slash and two or
    /// four digits; [`ExpirationDateError::Month`] when the month is not 1–12.
    pub fn parse(text: &str) -> Result<Self, ExpirationDateError> {
        let format = || ExpirationDateError::Format {
            value: text.to_owned(),
        };
        let (month, year) = text.trim().split_once('/').ok_or_else(format)?;
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if month.len() != 2 || !all_digits(month) || !all_digits(year) {
            return Err(format());
        }
        let month: u8 = month.parse().map_err(|_| format())?;
        let year: u16 = match year.len() {
            2 => 2000 + year.parse::<u16>().map_err(|_| format())?,
            4 => year.parse().map_err(|_| format())?,
            _ => return Err(format()),
        };
        if !(1..=12).contains(&month) {
            return Err(ExpirationDateError::Month {
                value: text.to_owned(),
            });
        }
        Ok(Self { year, month })
    }
}

/// Why a card's `expiration_date` could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExpirationDateError {
    /// Not `MM/YY` or `MM/YYYY`.
    #[error("card expiration date {value:?} is neither MM/YY nor MM/YYYY")]
    Format {
        /// The text as sent.
        value: String,
    },
    /// The month is not 1–12.
    #[error("card expiration date {value:?} has a month outside 01–12")]
    Month {
        /// The text as sent.
        value: String,
    },
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
