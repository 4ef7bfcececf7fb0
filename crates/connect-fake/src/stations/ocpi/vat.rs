//! Standard VAT rates, for OCPI tariffs that give none (OCPI 2.1.1 has no `vat`; 2.2 may
//! leave it out). The rates in force on 1 January 2025 (the European Commission's "VAT
//! rates applied in the Member States", and the national rates of the other countries).

use rust_decimal::Decimal;

/// The standard VAT rate of a country (ISO alpha-2), percent; `None` if not listed.
///
/// # Examples
/// ```ignore
/// assert_eq!(standard_rate("DE"), Some(Decimal::from(19)));
/// ```
pub(super) fn standard_rate(country: &str) -> Option<Decimal> {
    let (units, tenths): (i64, i64) = match country {
        "LU" => (17, 0),
        "MT" => (18, 0),
        "DE" | "CY" | "RO" => (19, 0),
        "AT" | "BG" | "FR" | "GB" | "SK" | "TR" | "UA" | "RS" => (20, 0),
        "BE" | "CZ" | "ES" | "LT" | "LV" | "NL" => (21, 0),
        "EE" | "IT" | "SI" => (22, 0),
        "IE" | "PL" | "PT" => (23, 0),
        "GR" | "IS" => (24, 0),
        "DK" | "HR" | "NO" | "SE" => (25, 0),
        "FI" => (25, 5),
        "HU" => (27, 0),
        "CH" | "LI" => (8, 1),
        _ => return None,
    };
    Some(Decimal::new(units * 10 + tenths, 1).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_the_standard_ones_and_unknown_countries_have_none() {
        assert_eq!(standard_rate("DE"), Some(Decimal::from(19)));
        assert_eq!(standard_rate("NL"), Some(Decimal::from(21)));
        assert_eq!(
            standard_rate("FI").map(|r| r.to_string()).as_deref(),
            Some("25.5")
        );
        assert_eq!(
            standard_rate("CH").map(|r| r.to_string()).as_deref(),
            Some("8.1")
        );
        assert_eq!(standard_rate("US"), None);
    }
}
