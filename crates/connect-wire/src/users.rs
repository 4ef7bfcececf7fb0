//! Users (OpenAPI tag `Users`): `/api/v1/users/` and `/api/v1/users/{user_id}/`.

use serde::{Deserialize, Serialize};

use crate::serde_util::double_option;
use connect_domain::account::Locale;

/// A user as the API returns it (schema `ConnectAPIUser`).
///
/// `email` and `custom_properties` are nullable and written as `null` when `None`, as every
/// response of the API shows; a response without them (an older docs example) reads as
/// `None`. `locale` is optional and left out when `None`. To create a user, send a
/// [`NewUser`]: the same schema without its read-only `id`.
///
/// # Examples
/// ```
/// use connect_domain::account::Locale;
/// use connect_wire::users::User;
/// let user: User = serde_json::from_str(
///     r#"{"id": "72794486-bf87-44fb-9b74-5b8fed6c994d", "email": "user@example.com",
///         "locale": "de", "custom_properties": {"external_id": "abcdefg123456"}}"#,
/// )?;
/// assert_eq!(user.locale, Some(Locale::De));
/// assert_eq!(user.external_id(), Some("abcdefg123456"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id, a UUID string. Read-only.
    pub id: String,
    /// E-mail address; not unique across users, and optional.
    pub email: Option<String>,
    /// Language of the user's invoices and e-mails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The partner's own data about the user.
    pub custom_properties: Option<UserCustomProperties>,
}

impl User {
    /// The partner's external id of the user, if set.
    pub fn external_id(&self) -> Option<&str> {
        self.custom_properties
            .as_ref()
            .and_then(|properties| properties.external_id.as_deref())
    }
}

/// The partner's own data about a user (schema `ConnectAPIUserCustomProperties`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCustomProperties {
    /// External id of the user provided by the partner's backend (at most 250 characters);
    /// searchable with `GET /users/?search=`. Written as `null` when `None`.
    pub external_id: Option<String>,
}

/// The body of `PATCH /api/v1/users/{user_id}/` (schema `PatchedConnectAPIUser`), and, as
/// [`NewUser`], of `POST /api/v1/users/`.
///
/// Every property is optional, and absent is not the same as null: `None` leaves the
/// property out (unchanged), `Some(None)` sends `null` (cleared), `Some(Some(v))` sends `v`.
/// Both are read back exactly as sent.
///
/// # Examples
/// ```
/// use connect_domain::account::Locale;
/// use connect_wire::users::{NewUser, PatchedUser, UserCustomProperties};
/// let patch = PatchedUser { locale: Some(Locale::En), ..PatchedUser::default() };
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"locale":"en"}"#);
///
/// // Cariqa's reference client creates users with an explicit null e-mail.
/// let new = NewUser {
///     email: Some(None),
///     locale: Some(Locale::En),
///     custom_properties: Some(Some(UserCustomProperties {
///         external_id: Some("my-external-id-1".into()),
///     })),
///     ..NewUser::default()
/// };
/// assert_eq!(
///     serde_json::to_string(&new)?,
///     r#"{"email":null,"locale":"en","custom_properties":{"external_id":"my-external-id-1"}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatchedUser {
    /// Read-only on the server: leave `None` in requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// E-mail address: `Some(None)` clears it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub email: Option<Option<String>>,
    /// Language of the user's invoices and e-mails.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::serde_util::present_not_null"
    )]
    pub locale: Option<Locale>,
    /// The partner's own data: `Some(None)` clears it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub custom_properties: Option<Option<UserCustomProperties>>,
}

/// The body of `POST /api/v1/users/`: schema `ConnectAPIUser` without its read-only `id`,
/// which has exactly the writable properties of [`PatchedUser`], all optional.
pub type NewUser = PatchedUser;
