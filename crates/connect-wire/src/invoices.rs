//! Invoices (OpenAPI tag `Invoices`): `GET /api/v1/users/{user_id}/invoices/`, one invoice
//! per charging session.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::page::Paginated;
use crate::serde_util::text_or_integer;

/// One invoice (schema `ConnectAPIInvoiceList`). Links are Stripe-hosted.
///
/// `view_link` (the hosted invoice page) appears in the docs but not in the document: it is
/// read when present and never written. `charging_session_id` is written as `null` when
/// `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// Older docs only: the Stripe-hosted invoice page. Read, never written.
    #[serde(default, skip_serializing)]
    pub view_link: Option<String>,
    /// Link to download the invoice PDF.
    pub link: String,
    /// Invoice total, a decimal string (`"5.39"`).
    pub total: Decimal,
    /// When the invoice was issued.
    pub date: DateTime<Utc>,
    /// Whether the invoice was refunded.
    pub refund: bool,
    /// The charging session invoiced.
    pub charging_session_id: Option<String>,
    /// Currency code (`"eur"`).
    pub currency: String,
}

/// A page of invoices, read from either envelope the sources show; written as the document
/// says (DRF `count`/`next`/`previous`/`results`).
///
/// - The document and Cariqa's reference client: `{"count", "next", "previous", "results"}`
///   with `?page=`/`?page_size=`, like every other list.
/// - The docs pages: `{"size", "next_page_id", "prev_page_id" or "previous_page_id",
///   "data"}`, a cursor by invoice id whose request parameters are undocumented. Such a page
///   reads with `results` = `data`, `count` = the number of invoices on it (the total is
///   unknown), `next`/`previous` = `None` (they are URLs, which the cursor is not), and the
///   cursor kept in [`InvoicePage::cursor`]. The cursor is never written.
///
/// # Examples
/// ```
/// use connect_wire::invoices::InvoicePage;
/// let cursor_page: InvoicePage = serde_json::from_str(
///     r#"{"size": 10, "next_page_id": "in_2", "prev_page_id": null, "data": []}"#,
/// )?;
/// assert!(cursor_page.has_more());
/// assert_eq!(cursor_page.cursor.as_ref().and_then(|c| c.next_page_id.as_deref()), Some("in_2"));
/// assert_eq!(
///     serde_json::to_string(&cursor_page)?,
///     r#"{"count":0,"next":null,"previous":null,"results":[]}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// The items are [`Invoice`]s unless read as something else (a reader that reads each
/// item on its own, to skip one it cannot read, takes them as raw JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "InvoicePageOnTheWire<T>",
    bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize")
)]
pub struct InvoicePage<T = Invoice> {
    /// Number of invoices in all pages (DRF envelope), or on this page (cursor envelope).
    pub count: u64,
    /// URL of the next page.
    pub next: Option<String>,
    /// URL of the previous page.
    pub previous: Option<String>,
    /// The invoices on this page.
    pub results: Vec<T>,
    /// The cursor, when the page came in the docs' cursor envelope. Never written.
    #[serde(skip_serializing)]
    pub cursor: Option<InvoiceCursor>,
}

/// The paging fields of the docs' cursor envelope of the invoice list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceCursor {
    /// Page size (`size`; the docs say it defaults to 10).
    pub size: Option<u64>,
    /// The invoice id to load the next page from (`next_page_id`).
    pub next_page_id: Option<String>,
    /// The invoice id of the previous page (`previous_page_id`, or `prev_page_id` as one
    /// docs page spells it).
    pub previous_page_id: Option<String>,
}

impl<T> InvoicePage<T> {
    /// Whether another page follows, in either envelope.
    pub fn has_more(&self) -> bool {
        self.next.is_some()
            || self
                .cursor
                .as_ref()
                .is_some_and(|cursor| cursor.next_page_id.is_some())
    }
}

impl From<Paginated<Invoice>> for InvoicePage {
    fn from(page: Paginated<Invoice>) -> Self {
        Self {
            count: page.count,
            next: page.next,
            previous: page.previous,
            results: page.results,
            cursor: None,
        }
    }
}

impl From<InvoicePage> for Paginated<Invoice> {
    fn from(page: InvoicePage) -> Self {
        Self {
            count: page.count,
            next: page.next,
            previous: page.previous,
            results: page.results,
        }
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct InvoicePageOnTheWire<T> {
    count: Option<u64>,
    next: Option<String>,
    previous: Option<String>,
    results: Option<Vec<T>>,
    size: Option<u64>,
    #[serde(default, deserialize_with = "text_or_integer::deserialize")]
    next_page_id: Option<String>,
    #[serde(default, deserialize_with = "text_or_integer::deserialize")]
    previous_page_id: Option<String>,
    #[serde(default, deserialize_with = "text_or_integer::deserialize")]
    prev_page_id: Option<String>,
    data: Option<Vec<T>>,
}

impl<T> TryFrom<InvoicePageOnTheWire<T>> for InvoicePage<T> {
    type Error = &'static str;

    fn try_from(wire: InvoicePageOnTheWire<T>) -> Result<Self, Self::Error> {
        if let Some(results) = wire.results {
            return Ok(Self {
                count: wire.count.unwrap_or(results.len() as u64),
                next: wire.next,
                previous: wire.previous,
                results,
                cursor: None,
            });
        }
        let data = wire
            .data
            .ok_or("missing field `results` (or `data`, in the docs' cursor envelope)")?;
        Ok(Self {
            count: data.len() as u64,
            next: None,
            previous: None,
            results: data,
            cursor: Some(InvoiceCursor {
                size: wire.size,
                next_page_id: wire.next_page_id,
                previous_page_id: wire.previous_page_id.or(wire.prev_page_id),
            }),
        })
    }
}
