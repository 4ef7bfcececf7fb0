//! Enums that mirror values of the Cariqa API and keep values they don't know.
//!
//! The API adds values over time (a new payment method type, a new EVSE status). A client
//! that fails on them breaks in production for no reason, so every such enum has an
//! `Unknown(String)` variant that keeps the value as sent and writes it back unchanged.

/// Declares a `#[non_exhaustive]` enum of API string values with an `Unknown(String)`
/// variant, `as_str`, `parse` (never fails), `Display`, and serde as the plain string.
macro_rules! api_value {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),+];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Unknown(text) => text,
                }
            }

            /// Reads a value as the API spells it; anything else is kept as `Unknown`.
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

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::parse(&text))
            }
        }
    };
}

pub(crate) use api_value;

#[cfg(test)]
#[allow(unreachable_pub)] // the macro's methods are public; the test enum is not
mod tests {
    api_value! {
        /// A test enum.
        enum Colour {
            /// Red.
            Red = "red",
            /// Blue.
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
        assert_eq!(Colour::KNOWN.len(), 2);
    }
}
