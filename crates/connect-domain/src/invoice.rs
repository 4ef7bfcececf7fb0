//! The invoice of a charging session (Stripe-hosted).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::SessionId;

/// One invoice: the API issues one per paid session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
