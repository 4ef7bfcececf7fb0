//! Payment methods (Stripe, attached through setup intents), and debts: sessions whose
//! charge failed and that the user must pay before charging again.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::{PaymentMethodId, SessionId};

crate::api_value! {
    /// What kind of payment method a user attached.
    pub enum PaymentMethodKind {
        /// A card entered directly.
        Card = "card",
        /// Apple Pay (still carries card details).
        ApplePay = "apple_pay",
        /// Google Pay (still carries card details).
        GooglePay = "google_pay",
    }
}

crate::api_value! {
    /// The kind of payment method a setup intent is for (`pm_type`).
    pub enum SetupKind {
        /// A card (the API's only documented value, and its default).
        Card = "card",
        /// PayPal, which the getting-started guide mentions.
        Paypal = "paypal",
    }
}

/// A card's expiry, read from the API's `MM/YY` or `MM/YYYY`. Orders in time.
///
/// # Examples
/// ```
/// use connect_domain::payment::CardExpiry;
/// assert_eq!(CardExpiry::parse("12/2027")?, CardExpiry { month: 12, year: 2027 });
/// assert_eq!(CardExpiry::parse("04/44")?, CardExpiry { month: 4, year: 2044 });
/// assert!(CardExpiry::parse("13/27").is_err());
/// assert_eq!(CardExpiry { month: 4, year: 2044 }.to_string(), "04/2044");
/// # Ok::<(), connect_domain::payment::CardExpiryError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardExpiry {
    /// Four digits (declared first, so that the derived order is chronological).
    pub year: u16,
    /// 1 … 12.
    pub month: u8,
}

/// An expiry that is not `MM/YY` or `MM/YYYY`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expiration_date: {value:?} is not MM/YY or MM/YYYY")]
pub struct CardExpiryError {
    /// The value as sent.
    pub value: String,
}

impl CardExpiry {
    /// Reads `MM/YY` (as 20YY) or `MM/YYYY`.
    ///
    /// # Errors
    /// [`CardExpiryError`] for anything else, or a month outside 1–12.
    pub fn parse(text: &str) -> Result<Self, CardExpiryError> {
        let error = || CardExpiryError {
            value: text.to_owned(),
        };
        let (month, year) = text.trim().split_once('/').ok_or_else(error)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if month.len() != 2 || !all_digits(month) || !all_digits(year) {
            return Err(error());
        }
        let month: u8 = month.parse().map_err(|_| error())?;
        let year: u16 = match year.len() {
            2 => 2000 + year.parse::<u16>().map_err(|_| error())?,
            4 => year.parse().map_err(|_| error())?,
            _ => return Err(error()),
        };
        if !(1..=12).contains(&month) {
            return Err(error());
        }
        Ok(Self { year, month })
    }
}

impl std::fmt::Display for CardExpiry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

/// Written `MM/YYYY`, the form of every example the API gives.
impl Serialize for CardExpiry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Read from `MM/YY` or `MM/YYYY` (the document says the first, every example shows the
/// second); anything else is an error naming the value.
impl<'de> Deserialize<'de> for CardExpiry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The card behind a payment method (wallets carry one too): the API's `ConnectAPICardPM`,
/// read and written in its JSON shape.
///
/// # Examples
/// ```
/// use connect_domain::payment::{Card, CardExpiry};
/// let card: Card = serde_json::from_str(
///     r#"{"brand": "visa", "last4": "4242", "expiration_date": "04/44", "cardholder_name": null}"#,
/// )?;
/// assert_eq!(card.expiry, CardExpiry { month: 4, year: 2044 });
/// assert_eq!(serde_json::to_value(&card)?["expiration_date"], "04/2044");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Card {
    /// `visa`, `mastercard`, …
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry (`expiration_date` on the wire).
    #[serde(rename = "expiration_date")]
    pub expiry: CardExpiry,
    /// Name on the card, if known; written as `null` when `None`.
    #[serde(default)]
    pub cardholder_name: Option<String>,
}

impl Card {
    /// A card without a cardholder name.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::payment::{Card, CardExpiry};
    /// let card = Card::new("visa", "4242", CardExpiry { month: 4, year: 2044 });
    /// assert_eq!(card.cardholder_name, None);
    /// ```
    pub fn new(brand: impl Into<String>, last4: impl Into<String>, expiry: CardExpiry) -> Self {
        Self {
            brand: brand.into(),
            last4: last4.into(),
            expiry,
            cardholder_name: None,
        }
    }
}

/// A payment method attached to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaymentMethod {
    /// Stripe's id (`pm_…`).
    pub id: PaymentMethodId,
    /// Whether it is the user's default.
    pub is_default: bool,
    /// Card or wallet.
    pub kind: PaymentMethodKind,
    /// The card details.
    pub card: Card,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
}

impl PaymentMethod {
    /// A payment method that is not (yet) the user's default.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::ids::PaymentMethodId;
    /// use connect_domain::payment::{Card, CardExpiry, PaymentMethod, PaymentMethodKind};
    /// let card = Card::new("visa", "4242", CardExpiry { month: 4, year: 2044 });
    /// let method = PaymentMethod::new(PaymentMethodId::new("pm_1"), PaymentMethodKind::Card,
    ///     card, "2026-04-02T13:51:18Z".parse()?);
    /// assert!(!method.is_default);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn new(
        id: PaymentMethodId,
        kind: PaymentMethodKind,
        card: Card,
        created_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            is_default: false,
            kind,
            card,
            created_at,
        }
    }
}

/// What the partner's frontend needs to attach a payment method with Stripe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetupIntent {
    /// `seti_…_secret_…`, to confirm with Stripe's SDK.
    pub client_secret: String,
}

impl SetupIntent {
    /// The intent with its client secret.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::payment::SetupIntent;
    /// let intent = SetupIntent::new("seti_1_secret_2");
    /// assert_eq!(intent.client_secret, "seti_1_secret_2");
    /// ```
    pub fn new(client_secret: impl Into<String>) -> Self {
        Self {
            client_secret: client_secret.into(),
        }
    }
}

/// A session whose payment failed: the user must pay it (by confirming its payment intent
/// with Stripe) before starting, removing a payment method or deleting the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Debt {
    /// The unpaid session.
    pub session_id: SessionId,
    /// `pi_…_secret_…`, to confirm with Stripe's SDK.
    pub payment_intent_client_secret: String,
    /// What is owed.
    pub amount: Decimal,
    /// Its currency (`EUR`).
    pub currency: String,
}

impl Debt {
    /// What a user owes for a session.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::ids::SessionId;
    /// use connect_domain::payment::Debt;
    /// use rust_decimal::Decimal;
    /// let debt = Debt::new(SessionId::new("s1"), "pi_1_secret_2", Decimal::new(549, 2), "EUR");
    /// assert_eq!(debt.amount.to_string(), "5.49");
    /// ```
    pub fn new(
        session_id: SessionId,
        payment_intent_client_secret: impl Into<String>,
        amount: Decimal,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            session_id,
            payment_intent_client_secret: payment_intent_client_secret.into(),
            amount,
            currency: currency.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_accepts_both_documented_forms_and_nothing_else() {
        assert_eq!(
            CardExpiry::parse("12/27"),
            Ok(CardExpiry {
                month: 12,
                year: 2027
            })
        );
        for bad in [
            "1/27", "00/27", "12/027", "12-2027", "ab/cd", "12/", "/2027", "12/20277",
        ] {
            assert!(CardExpiry::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn expiries_order_in_time() {
        let december = CardExpiry::parse("12/2027").unwrap();
        let january = CardExpiry::parse("01/2028").unwrap();
        assert!(december < january);
    }

    #[test]
    fn an_expiry_reads_both_forms_and_writes_the_four_digit_year() {
        let short: CardExpiry = serde_json::from_str("\"04/44\"").unwrap();
        let long: CardExpiry = serde_json::from_str("\"04/2044\"").unwrap();
        assert_eq!(short, long);
        assert_eq!(serde_json::to_string(&short).unwrap(), "\"04/2044\"");
        let error = serde_json::from_str::<CardExpiry>("\"13/2044\"").unwrap_err();
        assert!(error.to_string().contains("13/2044"), "{error}");
    }

    #[test]
    fn unknown_payment_method_kinds_are_kept() {
        assert_eq!(
            PaymentMethodKind::parse("sepa_debit").as_str(),
            "sepa_debit"
        );
        assert_eq!(
            PaymentMethodKind::parse("apple_pay"),
            PaymentMethodKind::ApplePay
        );
    }
}
