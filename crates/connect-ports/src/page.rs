//! Pagination, as the API does it (Django REST framework page numbers): a page number from
//! 1, a page size, and the total count.

use serde::{Deserialize, Serialize};

/// The largest page the API is asked for; larger requests are refused with a validation
/// error rather than silently cut.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// The page size when none is asked for.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Which page to fetch.
///
/// # Examples
/// ```
/// use connect_ports::PageRequest;
/// let second = PageRequest::new(2, 10)?;
/// assert_eq!(second.offset(), 10);
/// assert!(PageRequest::new(0, 10).is_err());
/// assert!(PageRequest::new(1, 5000).is_err());
/// # Ok::<(), connect_ports::ApiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageRequest {
    page: u32,
    page_size: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self {
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl PageRequest {
    /// Page `page` (from 1) of `page_size` items (1 to [`MAX_PAGE_SIZE`]).
    ///
    /// # Errors
    /// A validation [`ApiError`](crate::ApiError) naming `page` or `page_size`.
    pub fn new(page: u32, page_size: u32) -> Result<Self, crate::ApiError> {
        if page == 0 {
            return Err(crate::ApiError::validation(
                "page",
                "A page number starts at 1.",
            ));
        }
        if page_size == 0 || page_size > MAX_PAGE_SIZE {
            return Err(crate::ApiError::validation(
                "page_size",
                format!("The page size must be between 1 and {MAX_PAGE_SIZE}."),
            ));
        }
        Ok(Self { page, page_size })
    }

    /// The page number, from 1.
    pub fn page(self) -> u32 {
        self.page
    }

    /// Items per page.
    pub fn page_size(self) -> u32 {
        self.page_size
    }

    /// How many items come before this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.page_size)
    }

    /// The next page.
    #[must_use]
    pub fn next(self) -> Self {
        Self {
            page: self.page.saturating_add(1),
            ..self
        }
    }
}

/// One page of results, and where it sits in all of them.
///
/// An item the adapter could not read (a value this version cannot hold, a field missing)
/// does not fail the page: it is left out of `items` and named in `skipped`, with its
/// position on the page and the error, which names the field. The page still counts it
/// (`count`, [`Page::has_next`]), so paging carries on past it. Check `skipped` to warn
/// (or to fail, if every item matters).
///
/// # Examples
/// ```
/// use connect_ports::{Page, PageRequest, SkippedItem};
/// let page = Page {
///     items: vec!["a", "c"],
///     count: 3,
///     request: PageRequest::new(1, 3)?,
///     skipped: vec![SkippedItem { index: 1, error: "results[1].start_time: premature end of input".into() }],
/// };
/// // The unreadable item still takes its place: no page follows.
/// assert!(!page.has_next());
/// for skipped in &page.skipped {
///     eprintln!("item {} left out: {}", skipped.index, skipped.error);
/// }
/// # Ok::<(), connect_ports::ApiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page that could be read.
    pub items: Vec<T>,
    /// How many items there are in all.
    pub count: u64,
    /// Which page this is.
    pub request: PageRequest,
    /// The items on this page that could not be read, in page order (empty for an adapter
    /// that reads nothing from the network, such as the sandbox in memory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedItem>,
}

/// An item of a page an adapter could not read, left out of [`Page::items`].
///
/// # Examples
/// ```
/// use connect_ports::SkippedItem;
/// let skipped = SkippedItem { index: 4, error: "results[4].evse_id: missing field".into() };
/// assert_eq!(skipped.to_string(), "item 4 of the page could not be read: results[4].evse_id: missing field");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SkippedItem {
    /// Its position on the page as answered, from 0.
    pub index: usize,
    /// Why it could not be read, naming the field (`results[4].start_time: …`).
    pub error: String,
}

impl std::fmt::Display for SkippedItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "item {} of the page could not be read: {}",
            self.index, self.error
        )
    }
}

impl<T> Page<T> {
    /// The page `request` of `all`: what a store does after sorting.
    ///
    /// # Examples
    /// ```
    /// use connect_ports::{Page, PageRequest};
    /// let page = Page::slice(&[1, 2, 3, 4, 5], PageRequest::new(2, 2)?);
    /// assert_eq!(page.items, [3, 4]);
    /// assert!(page.has_next() && page.has_previous());
    /// # Ok::<(), connect_ports::ApiError>(())
    /// ```
    pub fn slice(all: &[T], request: PageRequest) -> Self
    where
        T: Clone,
    {
        let start = usize::try_from(request.offset())
            .unwrap_or(usize::MAX)
            .min(all.len());
        let end = start
            .saturating_add(request.page_size() as usize)
            .min(all.len());
        Self {
            items: all[start..end].to_vec(),
            count: all.len() as u64,
            request,
            skipped: Vec::new(),
        }
    }

    /// The page `request` asks for, as the API answers it: a page past the last one (other
    /// than the first page of an empty list) is 404 `Invalid page.`, as DRF answers.
    ///
    /// # Errors
    /// [`ApiError`](crate::ApiError) 404 for a page past the last.
    ///
    /// # Examples
    /// ```
    /// use connect_ports::{Page, PageRequest};
    /// let all = [1, 2, 3];
    /// assert_eq!(Page::select(&all, PageRequest::new(2, 2)?)?.items, [3]);
    /// assert_eq!(Page::select(&all, PageRequest::new(3, 2)?).unwrap_err().status, 404);
    /// assert!(Page::<u8>::select(&[], PageRequest::default())?.items.is_empty());
    /// # Ok::<(), connect_ports::ApiError>(())
    /// ```
    pub fn select(all: &[T], request: PageRequest) -> Result<Self, crate::ApiError>
    where
        T: Clone,
    {
        Self::select_iter(all.len(), all.iter().cloned(), request)
    }

    /// [`Page::select`] over `count` items yielded in order by `all`: only the page asked for
    /// is taken from the iterator, so a page of a long list costs what the page holds (plus
    /// skipping), not a copy of the whole list.
    ///
    /// # Errors
    /// [`ApiError`](crate::ApiError) 404 for a page past the last.
    ///
    /// # Examples
    /// ```
    /// use connect_ports::{Page, PageRequest};
    /// let page = Page::select_iter(1000, (0..1000).map(|n| n * 2), PageRequest::new(3, 10)?)?;
    /// assert_eq!((page.items[0], page.count), (40, 1000));
    /// # Ok::<(), connect_ports::ApiError>(())
    /// ```
    pub fn select_iter(
        count: usize,
        all: impl Iterator<Item = T>,
        request: PageRequest,
    ) -> Result<Self, crate::ApiError> {
        let items: Vec<T> = all
            .skip(usize::try_from(request.offset()).unwrap_or(usize::MAX))
            .take(request.page_size() as usize)
            .collect();
        Self::selected(count, items, request)
    }

    /// The page of `count` items whose `items` (at most a page, from the request's offset)
    /// were selected already, by a store that skips and takes itself.
    ///
    /// # Errors
    /// [`ApiError`](crate::ApiError) 404 for a page past the last (no items on a page after
    /// the first).
    ///
    /// # Examples
    /// ```
    /// use connect_ports::{Page, PageRequest};
    /// let page = Page::selected(25, vec![20, 21, 22, 23, 24], PageRequest::new(3, 10)?)?;
    /// assert!(!page.has_next());
    /// assert_eq!(Page::<u8>::selected(25, vec![], PageRequest::new(4, 10)?).unwrap_err().status, 404);
    /// # Ok::<(), connect_ports::ApiError>(())
    /// ```
    pub fn selected(
        count: usize,
        items: Vec<T>,
        request: PageRequest,
    ) -> Result<Self, crate::ApiError> {
        if items.is_empty() && request.page() > 1 {
            return Err(crate::ApiError::not_found("Invalid page."));
        }
        Ok(Self {
            items,
            count: count as u64,
            request,
            skipped: Vec::new(),
        })
    }

    /// Whether a page follows this one: items beyond those on it (read or
    /// [skipped](Page::skipped)).
    pub fn has_next(&self) -> bool {
        self.request.offset() + (self.items.len() as u64) + (self.skipped.len() as u64) < self.count
    }

    /// How many items the page held as answered: those read and those skipped.
    ///
    /// # Examples
    /// ```
    /// use connect_ports::{Page, PageRequest, SkippedItem};
    /// let mut page = Page::slice(&[1, 2], PageRequest::default());
    /// page.skipped.push(SkippedItem { index: 2, error: "results[2]: invalid type".into() });
    /// assert_eq!(page.answered_len(), 3);
    /// ```
    pub fn answered_len(&self) -> usize {
        self.items.len() + self.skipped.len()
    }

    /// Whether a page precedes this one.
    pub fn has_previous(&self) -> bool {
        self.request.page() > 1
    }

    /// The same page with its items mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            count: self.count,
            request: self.request,
            skipped: self.skipped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_past_the_end_is_empty_but_knows_the_count() {
        let page = Page::slice(&[1, 2, 3], PageRequest::new(5, 2).unwrap());
        assert!(page.items.is_empty());
        assert_eq!(page.count, 3);
        assert!(!page.has_next());
        assert!(page.has_previous());
    }

    #[test]
    fn skipped_items_keep_their_place_in_the_count() {
        let mut page = Page::slice(&[1, 2, 3, 4], PageRequest::new(2, 2).unwrap());
        page.items.pop();
        assert!(page.has_next(), "one item short looks like more to come");
        page.skipped.push(SkippedItem {
            index: 1,
            error: "results[1]: unreadable".into(),
        });
        assert!(!page.has_next());
        assert_eq!(page.map(|n| n * 10).skipped.len(), 1);
    }

    #[test]
    fn the_last_full_page_has_no_next() {
        let page = Page::slice(&[1, 2, 3, 4], PageRequest::new(2, 2).unwrap());
        assert_eq!(page.items, [3, 4]);
        assert!(!page.has_next());
    }
}
