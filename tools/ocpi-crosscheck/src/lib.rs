//! Prices an OCPI 2.2.1 CDR against one tariff with the `ocpi-tariffs` crate: what the
//! cross-check's binary answers per line, and what `tools/ocpi-bench` times against our
//! engine.

use ocpi_tariffs::{cdr, price, tariff, Version};

/// The costs `ocpi-tariffs` computed, VAT included, as it writes them (`"1.2340"`; `"0"`
/// for a dimension it did not price).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Energy.
    pub energy: String,
    /// Charging time.
    pub time: String,
    /// Flat fees.
    pub fixed: String,
    /// Parking (idle) time.
    pub idle: String,
    /// Everything.
    pub total: String,
}

/// Parses the CDR and the tariff (both OCPI 2.2.1 JSON text) and prices the CDR in `zone`.
///
/// # Errors
/// What failed, in words: the CDR or the tariff not parsing, or the pricing.
pub fn price(zone: chrono_tz::Tz, tariff_json: &str, cdr_json: &str) -> Result<Totals, String> {
    let cdr = cdr::parse_with_version(cdr_json, Version::V221)
        .map_err(|e| format!("cdr: {e:?}"))?
        .cdr;
    let tariff = tariff::parse_with_version(tariff_json, Version::V221)
        .map_err(|e| format!("tariff: {e:?}"))?
        .tariff;
    let report = cdr::price(&cdr, price::TariffSource::single(tariff), zone).map_err(|set| {
        let (error, _) = set.into_parts();
        format!("price: {}", error.warning())
    })?;
    let (report, _warnings) = report.into_parts();
    let incl = |p: Option<ocpi_tariffs::Price>| match p.and_then(|p| p.incl_vat) {
        Some(money) => format!("{money:#}"),
        None => "0".to_owned(),
    };
    Ok(Totals {
        energy: incl(report.total_energy_cost.calculated),
        time: incl(report.total_charging_time_cost.calculated),
        fixed: incl(report.total_fixed_cost.calculated),
        idle: incl(report.total_idle_cost.calculated),
        total: incl(report.total_cost.calculated),
    })
}
