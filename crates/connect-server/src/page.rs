//! Pagination on the wire: `?page=N&page_size=M` in, DRF envelopes with absolute
//! `next`/`previous` links out.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::Uri;
use axum::http::request::Parts;
use connect_ports::{ApiError, MAX_PAGE_SIZE, Page, PageRequest};

use connect_wire::page::Paginated;
use serde::Deserialize;

use crate::state::AppState;

/// Where clients reach the server (`http://host:port`): what pagination links start with.
#[derive(Debug, Clone)]
pub(crate) struct BaseUrl(Arc<str>);

impl FromRequestParts<AppState> for BaseUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(
            state
                .public_url
                .clone()
                .unwrap_or_else(|| Arc::from("http://localhost")),
        ))
    }
}

/// The page parameters of a list request, as text so that a bad value is a 400 naming it.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    page: Option<String>,
    page_size: Option<String>,
}

/// The query's pairs, repeated keys kept (`connector_types=A&connector_types=B`).
pub(crate) struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub(crate) fn of(uri: &Uri) -> Result<Self, ApiError> {
        serde_urlencoded::from_str(uri.query().unwrap_or_default())
            .map(Self)
            .map_err(|error| ApiError::validation("query", error.to_string()))
    }

    /// The non-empty values of `key` (or `key[]`), in order.
    pub(crate) fn all<'a, 'k>(
        &'a self,
        key: &'k str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'k> {
        self.given(key).filter(|v| !v.is_empty())
    }

    /// Every value of `key` (or `key[]`), empty ones too: for typed parameters, where an
    /// empty value is not a value of the type (DRF's fields refuse it) rather than absent.
    pub(crate) fn given<'a, 'k>(
        &'a self,
        key: &'k str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'k> {
        self.0
            .iter()
            .filter(move |(k, _)| k == key || k.strip_suffix("[]") == Some(key))
            .map(|(_, v)| v.as_str())
    }

    /// The last value of `key`, empty or not.
    pub(crate) fn last(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn one(&self, key: &str) -> Option<&str> {
        self.all(key).last()
    }

    pub(crate) fn required(&self, key: &'static str) -> Result<&str, ApiError> {
        self.one(key)
            .ok_or_else(|| ApiError::validation(key, "This field is required."))
    }

    pub(crate) fn flag(&self, key: &'static str) -> Result<bool, ApiError> {
        match self
            .given(key)
            .last()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(other) => Err(ApiError::validation(
                key,
                format!("{other:?} is not a boolean."),
            )),
        }
    }

    pub(crate) fn page(&self) -> PageQuery {
        PageQuery::from_parts(self.one("page"), self.one("page_size"))
    }
}

/// Django REST framework's answer to a page that is not there.
pub(crate) const INVALID_PAGE: &str = "Invalid page.";

impl PageQuery {
    /// A page query from its two parameters.
    pub(crate) fn from_parts(page: Option<&str>, page_size: Option<&str>) -> Self {
        Self {
            page: page.map(str::to_owned),
            page_size: page_size.map(str::to_owned),
        }
    }

    /// The page asked for, as Django REST framework reads it: a `page` that is not a
    /// positive whole number is a 404 "Invalid page."; a `page_size` that is not one falls
    /// back to the default, and one above the maximum is capped.
    pub(crate) fn request(&self) -> Result<PageRequest, ApiError> {
        let defaults = PageRequest::default();
        let page = match self.page.as_deref().map(str::trim) {
            None | Some("") => defaults.page(),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| ApiError::not_found(INVALID_PAGE))?,
        };
        let page_size = self
            .page_size
            .as_deref()
            .and_then(|text| text.trim().parse::<u64>().ok())
            .filter(|size| *size >= 1)
            .map_or(defaults.page_size(), |size| {
                u32::try_from(size.min(u64::from(MAX_PAGE_SIZE))).unwrap_or(MAX_PAGE_SIZE)
            });
        PageRequest::new(page, page_size)
    }
}

/// A page in the API's envelope, its links absolute and keeping every other parameter. A
/// page past the last (other than the first) is a 404 "Invalid page.", as in Django REST
/// framework.
pub(crate) fn envelope<T, W>(
    page: Page<T>,
    uri: &Uri,
    base: &BaseUrl,
    convert: impl FnMut(T) -> W,
) -> Result<Paginated<W>, ApiError> {
    if page.items.is_empty() && page.request.page() > 1 {
        return Err(ApiError::not_found(INVALID_PAGE));
    }
    let link = |number: u32| page_link(uri, base, number);
    let next = page.has_next().then(|| link(page.request.page() + 1));
    let previous = page.has_previous().then(|| link(page.request.page() - 1));
    Ok(Paginated {
        count: page.count,
        next,
        previous,
        results: page.items.into_iter().map(convert).collect(),
    })
}

fn page_link(uri: &Uri, base: &BaseUrl, number: u32) -> String {
    let mut query: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .map(str::to_owned)
        .collect();
    query.push(format!("page={number}"));
    format!("{}{}?{}", base.0, uri.path(), query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_and_keep_the_other_parameters() {
        let uri: Uri = "/api/v1/users/?search=abc&page=2&page_size=1"
            .parse()
            .unwrap();
        let base = BaseUrl(Arc::from("http://127.0.0.1:8080"));
        let page = Page::slice(&[1, 2, 3], PageRequest::new(2, 1).unwrap());
        let wire = envelope(page, &uri, &base, |n| n).unwrap();
        assert_eq!(
            wire.next.as_deref(),
            Some("http://127.0.0.1:8080/api/v1/users/?search=abc&page_size=1&page=3")
        );
        assert_eq!(
            wire.previous.as_deref(),
            Some("http://127.0.0.1:8080/api/v1/users/?search=abc&page_size=1&page=1")
        );
        assert_eq!(wire.results, [2]);
    }

    #[test]
    fn pages_are_read_as_django_rest_framework_reads_them() {
        let query = |page: Option<&str>, size: Option<&str>| PageQuery {
            page: page.map(str::to_owned),
            page_size: size.map(str::to_owned),
        };
        for bad in ["two", "0", "-1"] {
            let error = query(Some(bad), None).request().unwrap_err();
            assert_eq!(
                (error.status, error.detail.as_str()),
                (404, INVALID_PAGE),
                "{bad}"
            );
        }
        assert_eq!(
            query(None, Some("100000")).request().unwrap().page_size(),
            MAX_PAGE_SIZE
        );
        assert_eq!(query(None, Some("0")).request().unwrap().page_size(), 20);
        assert_eq!(query(None, Some("ten")).request().unwrap().page_size(), 20);
        let past_the_end = Page::slice(&[1, 2], PageRequest::new(3, 1).unwrap());
        let uri: Uri = "/api/v1/users/?page=3".parse().unwrap();
        let error =
            envelope(past_the_end, &uri, &BaseUrl(Arc::from("http://x")), |n| n).unwrap_err();
        assert_eq!(error.status, 404);
    }
}
