//! Prices OCPI 2.2.1 CDRs with the `ocpi-tariffs` crate, one JSON line in, one out:
//! `{"zone": "Europe/Amsterdam", "tariff": {...}, "cdr": {...}}` →
//! `{"energy": "1.2340", "time": "0", "fixed": "0.6050", "idle": "0", "total": "1.8390"}`
//! (VAT included, as the crate computes them), or `{"error": "..."}`.

use std::io::{BufRead, Write};

use ocpi_tariffs::{cdr, price, tariff, Version};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let answer =
            price_line(&line).unwrap_or_else(|error| serde_json::json!({ "error": error }));
        writeln!(out, "{answer}").expect("stdout");
    }
}

fn price_line(line: &str) -> Result<serde_json::Value, String> {
    let case: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let zone: chrono_tz::Tz = case["zone"]
        .as_str()
        .ok_or("no zone")?
        .parse()
        .map_err(|e| format!("{e:?}"))?;
    let cdr_text = case["cdr"].to_string();
    let tariff_text = case["tariff"].to_string();
    let cdr = cdr::parse_with_version(&cdr_text, Version::V221)
        .map_err(|e| format!("cdr: {e:?}"))?
        .cdr;
    let tariff = tariff::parse_with_version(&tariff_text, Version::V221)
        .map_err(|e| format!("tariff: {e:?}"))?
        .tariff;
    let report = cdr::price(&cdr, price::TariffSource::single(tariff), zone).map_err(|set| {
        let (error, _) = set.into_parts();
        format!("price: {}", error.warning())
    })?;
    let (report, _warnings) = report.into_parts();
    let incl = |p: Option<ocpi_tariffs::Price>| -> serde_json::Value {
        match p.and_then(|p| p.incl_vat) {
            Some(money) => format!("{money:#}").into(),
            None => "0".into(),
        }
    };
    Ok(serde_json::json!({
        "energy": incl(report.total_energy_cost.calculated),
        "time": incl(report.total_charging_time_cost.calculated),
        "fixed": incl(report.total_fixed_cost.calculated),
        "idle": incl(report.total_idle_cost.calculated),
        "total": incl(report.total_cost.calculated),
    }))
}
