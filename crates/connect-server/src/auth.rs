//! The bearer token: every request needs one, and each token is its own tenant.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use connect_fake::sandbox::Connection;
use connect_ports::ApiError;

use crate::error::HttpError;
use crate::state::AppState;

/// The sandbox as the request's bearer token sees it.
pub(crate) struct Tenant(pub(crate) Connection);

impl FromRequestParts<AppState> for Tenant {
    type Rejection = HttpError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token)
            .ok_or_else(|| HttpError(ApiError::forbidden()))?;
        Ok(Self(state.sandbox.connect(token)?))
    }
}

/// The token of `Bearer <token>` (the scheme in any case), if it is not empty.
pub(crate) fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn only_a_non_empty_bearer_token_counts() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("abc"), None);
    }
}
