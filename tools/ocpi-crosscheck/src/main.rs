//! Prices OCPI 2.2.1 CDRs with the `ocpi-tariffs` crate, one JSON line in, one out:
//! `{"zone": "Europe/Amsterdam", "tariff": {...}, "cdr": {...}}` →
//! `{"energy": "1.2340", "time": "0", "fixed": "0.6050", "idle": "0", "total": "1.8390"}`
//! (VAT included, as the crate computes them), or `{"error": "..."}`.

use std::io::{BufRead, Write};

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
    let totals =
        ocpi_crosscheck::price(zone, &case["tariff"].to_string(), &case["cdr"].to_string())?;
    Ok(serde_json::json!({
        "energy": totals.energy,
        "time": totals.time,
        "fixed": totals.fixed,
        "idle": totals.idle,
        "total": totals.total,
    }))
}
