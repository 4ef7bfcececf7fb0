//! Pagination on the wire: `?page=N&page_size=M` in, DRF envelopes with absolute
//! `next`/`previous` links out.

use axum::http::{HeaderMap, Uri, header::HOST};
use connect_ports::{ApiError, Page, PageRequest};
use connect_wire::page::Paginated;
use serde::Deserialize;

/// The page parameters of a list request, as text so that a bad value is a 400 naming it.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    page: Option<String>,
    page_size: Option<String>,
}

impl PageQuery {
    /// The page asked for (page 1 of the default size when not given).
    pub(crate) fn request(&self) -> Result<PageRequest, ApiError> {
        let number = |field: &str, text: &Option<String>, default: u32| match text.as_deref() {
            None | Some("") => Ok(default),
            Some(text) => text.trim().parse::<u32>().map_err(|_| {
                ApiError::validation(field, format!("{text:?} is not a whole number."))
            }),
        };
        let defaults = PageRequest::default();
        PageRequest::new(
            number("page", &self.page, defaults.page())?,
            number("page_size", &self.page_size, defaults.page_size())?,
        )
    }
}

/// A page in the API's envelope, its links absolute and keeping every other parameter.
pub(crate) fn envelope<T, W>(
    page: Page<T>,
    uri: &Uri,
    headers: &HeaderMap,
    convert: impl FnMut(T) -> W,
) -> Paginated<W> {
    let link = |number: u32| page_link(uri, headers, number);
    let next = page.has_next().then(|| link(page.request.page() + 1));
    let previous = page.has_previous().then(|| link(page.request.page() - 1));
    Paginated {
        count: page.count,
        next,
        previous,
        results: page.items.into_iter().map(convert).collect(),
    }
}

fn page_link(uri: &Uri, headers: &HeaderMap, number: u32) -> String {
    let host = headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost");
    let mut query: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .map(str::to_owned)
        .collect();
    query.push(format!("page={number}"));
    format!("http://{host}{}?{}", uri.path(), query.join("&"))
}

/// Query parameters of type `T`; a malformed query is a 400 in the API's error shape (axum's
/// own rejection is plain text).
pub(crate) struct Params<T>(pub(crate) T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequestParts<S>
    for Params<T>
{
    type Rejection = crate::error::HttpError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Self(value))
            .map_err(|rejection| {
                crate::error::HttpError(ApiError::validation("query", rejection.body_text()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_and_keep_the_other_parameters() {
        let uri: Uri = "/api/v1/users/?search=abc&page=2&page_size=1"
            .parse()
            .unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(HOST, "127.0.0.1:8080".parse().unwrap());
        let page = Page::slice(&[1, 2, 3], PageRequest::new(2, 1).unwrap());
        let wire = envelope(page, &uri, &headers, |n| n);
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
    fn bad_page_parameters_are_validation_errors_naming_them() {
        let query = PageQuery {
            page: Some("two".into()),
            page_size: None,
        };
        assert_eq!(query.request().unwrap_err().field.as_deref(), Some("page"));
        let huge = PageQuery {
            page: None,
            page_size: Some("100000".into()),
        };
        assert_eq!(
            huge.request().unwrap_err().field.as_deref(),
            Some("page_size")
        );
    }
}
