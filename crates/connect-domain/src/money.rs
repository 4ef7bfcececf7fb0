//! Currencies and the rounding policy.
//!
//! Money is always a [`Decimal`]; never a float. Amounts stay unrounded inside the engine and
//! are rounded once per cost component, to the currency's minor unit, half away from zero
//! (commercial rounding). See `docs/pricing.md`, interpretation 2.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An ISO 4217 currency as the API spells it (`"eur"` on sessions, `"EUR"` elsewhere).
///
/// The code is kept as given, so a parsed price group serializes back unchanged; comparisons
/// ignore case.
///
/// # Examples
/// ```
/// use connect_domain::money::Currency;
/// let eur = Currency::parse("eur")?;
/// assert_eq!(eur, Currency::parse("EUR")?);
/// assert_eq!(eur.minor_units(), 2);
/// assert_eq!(Currency::parse("JPY")?.minor_units(), 0);
/// # Ok::<(), connect_domain::money::CurrencyError>(())
/// ```
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency {
    code: String,
    /// Digits of the minor unit, looked up once: rounding is on the engine's hot path.
    minor_units: u32,
}

/// A currency code that is not three ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("currency code {code:?} is not three letters (ISO 4217)")]
pub struct CurrencyError {
    /// The code as given.
    pub code: String,
}

impl Currency {
    /// Parses a three-letter ISO 4217 code, in either case.
    ///
    /// # Errors
    /// [`CurrencyError`] when the code is not exactly three ASCII letters.
    pub fn parse(code: &str) -> Result<Self, CurrencyError> {
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self {
                code: code.to_owned(),
                minor_units: minor_units_of(&code.to_ascii_uppercase()),
            })
        } else {
            Err(CurrencyError {
                code: code.to_owned(),
            })
        }
    }

    /// Whether ISO 4217 lists the code as a current currency. A code that is three letters
    /// but not listed (`XYZ`, a withdrawn `DEM`) still parses: a price group in it is priced
    /// with two decimals, and its reader warns.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::money::Currency;
    /// assert!(Currency::parse("eur")?.is_iso_4217());
    /// assert!(!Currency::parse("xyz")?.is_iso_4217());
    /// # Ok::<(), connect_domain::money::CurrencyError>(())
    /// ```
    pub fn is_iso_4217(&self) -> bool {
        ISO_4217
            .binary_search(&self.code.to_ascii_uppercase().as_str())
            .is_ok()
    }

    /// The code exactly as given.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY).
    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }

    /// Rounds an amount to this currency's minor unit, half away from zero, and fixes the
    /// scale so it prints with exactly that many decimals (`"0.00"`, `"5.39"`).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::money::Currency;
    /// use rust_decimal::Decimal;
    /// let eur = Currency::parse("EUR")?;
    /// assert_eq!(eur.round(Decimal::new(53895, 4)).to_string(), "5.39");
    /// assert_eq!(eur.round(Decimal::new(5, 3)).to_string(), "0.01");
    /// assert_eq!(eur.round(Decimal::ZERO).to_string(), "0.00");
    /// # Ok::<(), connect_domain::money::CurrencyError>(())
    /// ```
    pub fn round(&self, amount: Decimal) -> Decimal {
        round_to(amount, self.minor_units())
    }

    /// Rounds toward zero to the minor unit: the most of a limit (such as a blocking cap)
    /// that can be billed without exceeding it.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::money::Currency;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Currency::parse("JPY")?.round_down(Decimal::new(1250, 2)).to_string(), "12");
    /// assert_eq!(Currency::parse("EUR")?.round_down(Decimal::new(5, 0)).to_string(), "5.00");
    /// # Ok::<(), connect_domain::money::CurrencyError>(())
    /// ```
    pub fn round_down(&self, amount: Decimal) -> Decimal {
        let mut rounded = amount.round_dp_with_strategy(self.minor_units, RoundingStrategy::ToZero);
        rounded.rescale(self.minor_units);
        rounded
    }
}

/// The codes ISO 4217 lists as current (2025), sorted, upper case: funds, metals and the
/// SDR included; the test code `XTS` and "no currency" `XXX` left out, since a tariff in
/// them is a mistake.
const ISO_4217: [&str; 180] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// ISO 4217 minor units of an upper-case code; 2 unless the standard says otherwise.
fn minor_units_of(upper: &str) -> u32 {
    match upper {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Rounds half away from zero to `digits` decimals and fixes the scale to `digits`.
pub(crate) fn round_to(amount: Decimal, digits: u32) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(digits);
    rounded
}

impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        self.code.eq_ignore_ascii_case(&other.code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        let eur = Currency::parse("EUR").unwrap();
        // Banker's rounding would give 0.02 and 0.00; commercial rounding gives 0.03 and 0.01.
        assert_eq!(eur.round(Decimal::new(25, 3)).to_string(), "0.03");
        assert_eq!(eur.round(Decimal::new(5, 3)).to_string(), "0.01");
        assert_eq!(eur.round(Decimal::new(-5, 3)).to_string(), "-0.01");
    }

    #[test]
    fn malformed_codes_are_rejected() {
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("€").is_err());
        assert!(Currency::parse("").is_err());
    }

    #[test]
    fn the_iso_list_is_sorted_and_knows_the_usual_codes() {
        assert!(ISO_4217.windows(2).all(|pair| pair[0] < pair[1]));
        for code in [
            "EUR", "usd", "Chf", "GBP", "SEK", "JPY", "KWD", "AUD", "IRR", "MAD",
        ] {
            assert!(Currency::parse(code).unwrap().is_iso_4217(), "{code}");
        }
        for code in ["XYZ", "xyz", "DEM", "XXX", "ABC"] {
            assert!(!Currency::parse(code).unwrap().is_iso_4217(), "{code}");
        }
    }

    #[test]
    fn three_decimal_currencies_round_to_fils() {
        let kwd = Currency::parse("kwd").unwrap();
        assert_eq!(kwd.round(Decimal::new(12345, 4)).to_string(), "1.235");
    }
}
