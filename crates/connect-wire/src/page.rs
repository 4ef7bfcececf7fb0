//! The page envelope of every list (DRF `PageNumberPagination`).

use serde::{Deserialize, Serialize};

/// One page of a list (schemas `PaginatedConnectAPIUserList`, `…PMList`, `…DebtList`,
/// `…StationList`, `…ChargingSessionList` and `…InvoiceListList`, which differ only in
/// their items; for invoices prefer [`crate::invoices::InvoicePage`], which also reads the
/// docs' other envelope).
///
/// Request pages with `?page=N&page_size=M`. `next` and `previous` are absolute URLs,
/// written as `null` when `None`, as the API does.
///
/// # Examples
/// ```
/// use connect_wire::page::Paginated;
/// use connect_wire::users::User;
/// let page: Paginated<User> = serde_json::from_str(
///     r#"{"count": 1, "next": null, "previous": null,
///         "results": [{"id": "u1", "email": null, "custom_properties": null}]}"#,
/// )?;
/// assert_eq!(page.results[0].id, "u1");
/// assert!(!page.has_more());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paginated<T> {
    /// Number of items in all pages.
    pub count: u64,
    /// URL of the next page, if any (`http://…/?page=4`).
    pub next: Option<String>,
    /// URL of the previous page, if any.
    pub previous: Option<String>,
    /// The items on this page.
    pub results: Vec<T>,
}

impl<T> Paginated<T> {
    /// A list that fits in one page: `count` is the number of items, no next or previous.
    pub fn single_page(results: Vec<T>) -> Self {
        Self {
            count: results.len() as u64,
            next: None,
            previous: None,
            results,
        }
    }

    /// Whether another page follows.
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }

    /// The same page with every item converted.
    pub fn map<U>(self, convert: impl FnMut(T) -> U) -> Paginated<U> {
        Paginated {
            count: self.count,
            next: self.next,
            previous: self.previous,
            results: self.results.into_iter().map(convert).collect(),
        }
    }
}
