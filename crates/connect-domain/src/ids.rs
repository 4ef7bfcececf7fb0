//! Identifiers of API objects: opaque strings, each its own type so a session id is never
//! passed where a user id belongs.

/// Declares an opaque string identifier type.
macro_rules! entity_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier as the API sent it.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

pub(crate) use entity_id;

entity_id! {
    /// A user of the partner, scoped to the partner's API token (a UUID in practice).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::ids::UserId;
    /// let id = UserId::new("72794486-bf87-44fb-9b74-5b8fed6c994d");
    /// assert_eq!(id.to_string(), "72794486-bf87-44fb-9b74-5b8fed6c994d");
    /// ```
    UserId
}

entity_id! {
    /// A charging session (a UUID in practice).
    SessionId
}

entity_id! {
    /// A Stripe payment method attached to a user (`pm_…`).
    PaymentMethodId
}
