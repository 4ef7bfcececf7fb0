//! The invoice of a charging session (Stripe-hosted).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::SessionId;

/// One invoice: the API issues one per paid session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Invoice {
    /// Where to download the PDF.
    pub link: String,
    /// Where to view it online (older API revisions only).
    pub view_link: Option<String>,
    /// The amount invoiced, VAT included.
    pub total: Decimal,
    /// When it was issued.
    pub date: DateTime<Utc>,
    /// Whether it has been refunded.
    pub refund: bool,
    /// Its currency (`eur`).
    pub currency: String,
    /// The session it bills.
    pub charging_session_id: Option<SessionId>,
}

impl Invoice {
    /// An invoice that is not refunded, with no view link and no session named.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::invoice::Invoice;
    /// use rust_decimal::Decimal;
    /// let invoice = Invoice::new("https://example.com/in_1/pdf", Decimal::new(549, 2),
    ///     "2026-04-02T14:19:00Z".parse()?, "eur");
    /// assert!(!invoice.refund);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn new(
        link: impl Into<String>,
        total: Decimal,
        date: DateTime<Utc>,
        currency: impl Into<String>,
    ) -> Self {
        Self {
            link: link.into(),
            view_link: None,
            total,
            date,
            refund: false,
            currency: currency.into(),
            charging_session_id: None,
        }
    }
}
