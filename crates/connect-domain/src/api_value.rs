//! The one mechanism behind every enum that mirrors a string value of the Cariqa API.
//!
//! The API adds values over time (a new payment method type, a new EVSE status, a new error
//! type). A client that fails on them breaks in production for no reason, so every such enum
//! is `#[non_exhaustive]` and has an `Unknown(String)` variant that keeps the value as sent
//! and writes it back unchanged. The domain, the ports (error kinds) and the wire adapters
//! all declare their enums with `api_value!`, so there is one behaviour
//! to learn and to test.

/// Declares a `#[non_exhaustive]` enum of API string values with an `Unknown(String)`
/// variant, `KNOWN`, `as_str`, `parse` (never fails), `is_known`, `FromStr` (never fails),
/// `Display`, and serde as the plain string (anything but a string is refused).
///
/// Each variant is written `Name = "wire text"`; its rustdoc starts with the wire text, and
/// the doc comment written before the variant follows. The crate using the macro needs no
/// dependency of its own on serde.
///
/// Exported for the toolkit's other crates (ports, wire); not part of the partner-facing
/// API, hence hidden from the docs.
#[macro_export]
#[doc(hidden)]
macro_rules! api_value {
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
            /// `Unknown`.
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

            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::parse(text))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::api_value::serde::Serialize for $name {
            fn serialize<S: $crate::api_value::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::api_value::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::api_value::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str($crate::api_value::TextVisitor {
                    expecting: concat!("a ", stringify!($name), " string"),
                    parse: Self::parse,
                })
            }
        }
    };
}

/// The serde the macro's expansion names, so that a crate using the macro needs no serde of
/// its own.
#[doc(hidden)]
pub use serde;

/// Reads a string (borrowed or owned) and hands it to an enum's `parse`: what the macro's
/// `Deserialize` uses, so that a number or `null` is refused rather than read as a value.
#[doc(hidden)]
pub struct TextVisitor<T> {
    /// What the error message says was expected.
    pub expecting: &'static str,
    /// The enum's never-failing parser.
    pub parse: fn(&str) -> T,
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
#[allow(unreachable_pub)] // the macro's methods are public; the test enum is not
mod tests {
    crate::api_value! {
        /// A test enum.
        enum Colour {
            /// Red.
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
