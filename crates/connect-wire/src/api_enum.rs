//! The one definition behind every enum that mirrors a string value of the API.
//!
//! The API adds values over time (a new EVSE status, a new payment method type, a new error
//! type). A client that fails on them breaks in production for no reason, so every such enum
//! is `#[non_exhaustive]` and has an `Unknown(String)` variant that keeps the value as sent
//! and writes it back unchanged.

/// Declares a `#[non_exhaustive]` enum of API string values with an `Unknown(String)`
/// variant, `KNOWN`, `as_str`, `parse` (never fails), `is_known`, `FromStr` (never fails),
/// `Display`, and serde as the plain string.
///
/// Each variant is written `Name = "wire text"`; its rustdoc names the wire text, and any
/// doc comment written before the variant is added to it.
macro_rules! api_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = concat!("`\"", $text, "\"`")]
                #[doc = ""]
                $(#[$variant_meta])*
                $variant,
            )+
            /// A value this version does not know, kept as sent and written back unchanged.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, in the order of the OpenAPI document.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),+];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Unknown(text) => text,
                }
            }

            /// Reads a value as the API spells it (case-sensitive); anything else is kept as
            /// [`Self::Unknown`].
            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// Whether this version knows the value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(text))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::api_enum::TextVisitor {
                    expecting: concat!("a ", stringify!($name), " string"),
                    parse: Self::parse,
                })
            }
        }
    };
}

pub(crate) use api_enum;

/// Reads a string (borrowed or owned) and hands it to an enum's `parse`.
pub(crate) struct TextVisitor<T> {
    /// What the error message says was expected.
    pub(crate) expecting: &'static str,
    /// The enum's never-failing parser.
    pub(crate) parse: fn(&str) -> T,
}

impl<T> serde::de::Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        Ok((self.parse)(text))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, unreachable_pub)]

    api_enum! {
        /// A test enum.
        enum Colour {
            Red = "red",
            /// Written in capitals on the wire.
            Blue = "BLUE",
        }
    }

    #[test]
    fn unknown_values_are_kept_and_written_back_unchanged() {
        assert_eq!(Colour::parse("red"), Colour::Red);
        let green: Colour = serde_json::from_str("\"green\"").unwrap();
        assert_eq!(green, Colour::Unknown("green".into()));
        assert!(!green.is_known());
        assert_eq!(serde_json::to_string(&green).unwrap(), "\"green\"");
        assert_eq!(serde_json::to_string(&Colour::Blue).unwrap(), "\"BLUE\"");
        assert_eq!(Colour::KNOWN, &[Colour::Red, Colour::Blue]);
        assert_eq!("BLUE".parse::<Colour>(), Ok(Colour::Blue));
        assert_eq!(Colour::Blue.to_string(), "BLUE");
    }

    #[test]
    fn values_are_case_sensitive_and_non_strings_are_refused() {
        assert_eq!(Colour::parse("Red"), Colour::Unknown("Red".into()));
        assert!(serde_json::from_str::<Colour>("1").is_err());
        assert!(serde_json::from_str::<Colour>("null").is_err());
    }
}
