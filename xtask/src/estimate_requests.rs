//! `cargo xtask estimate-requests [--count N] [--seed S] OUT`: random `connect estimate
//! --batch` requests, one a line, each with a price group of its own (no two lines share a
//! group's bytes, so a batch cannot reuse a parsed group), the same file for the same seed.
//!
//! The groups look like the API's: a `kwh_price` always, the other four components now and
//! then, a day/night split, sometimes weekend prices, 19 % VAT or another rate, displayed
//! prices computed as the API computes them (so a group reads without warnings). Sessions
//! start anywhere in 2026 in one of a few European zones, charge 5–60 kWh at a common power
//! and often stay plugged in a while after. `tools/ocpi-bench` prices the same file with our
//! engine and with `ocpi-tariffs`; the batch's throughput is measured on it too.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::{DateTime, Duration, SecondsFormat, Utc};

/// SplitMix64: small, fast, and the same numbers on every platform.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (not empty).
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items[index]
    }
}

const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Europe/Vienna",
    "Europe/Madrid",
];

/// Charging powers in tenths of a kW.
const POWERS: [u64; 6] = [37, 74, 110, 220, 500, 1500];

/// A decimal with four places from ten-thousandths (`4529` → `"0.4529"`).
fn ten_thousandths(value: u64) -> String {
    format!("{}.{:04}", value / 10_000, value % 10_000)
}

/// The displayed price the API publishes: net × (1 + VAT), per minute for the time-based
/// components, rounded to the cent half away from zero (what the reader computes, so no
/// `user_facing_price` warning).
fn displayed(net: u64, tax: u64, per_minute: bool) -> String {
    // net / 10^4 × (100 + tax) / 100 [/ 60], in cents: net × (100 + tax) / (10^4 [× 60]).
    let numerator = net * (100 + tax);
    let denominator = if per_minute { 600_000 } else { 10_000 };
    let cents = (2 * numerator + denominator) / (2 * denominator);
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// One band's JSON.
fn band(
    out: &mut String,
    window: Option<(u64, u64)>,
    net: u64,
    tax: u64,
    per_minute: bool,
    blocking: Option<u64>,
) {
    let time = |hour: Option<u64>| hour.map_or("null".to_owned(), |h| format!("\"{h:02}:00\""));
    let (from, to) = match window {
        Some((from, to)) => (time(Some(from)), time(Some(to))),
        None => (time(None), time(None)),
    };
    let (grace, cap) = match blocking {
        Some(grace) => (grace.to_string(), "\"12.00\"".to_owned()),
        None => ("null".to_owned(), "null".to_owned()),
    };
    let _ = write!(
        out,
        "{{\"time_from\":{from},\"time_to\":{to},\"date_from\":null,\"date_to\":null,\
         \"gross_price\":\"{}\",\"user_facing_price\":\"{}\",\"grace_period_minutes\":{grace},\
         \"tax\":{tax},\"blocking_cap\":{cap}}}",
        ten_thousandths(net),
        displayed(net, tax, per_minute),
    );
}

/// One component: `ALL`, sometimes with `SATURDAY` and `SUNDAY` at other prices; one band
/// all day, or a day and a night band.
fn component(out: &mut String, draw: &mut Draw, name: &str, max_net: u64, tax: u64) {
    let per_minute = matches!(name, "time_price" | "blocking_fee");
    let one_off = matches!(name, "session_fee" | "starting_fee");
    let blocking = (name == "blocking_fee").then(|| draw.pick(&[0, 60, 120, 240]));
    let keys: &[&str] = if !one_off && draw.chance(30) {
        &["ALL", "SATURDAY", "SUNDAY"]
    } else {
        &["ALL"]
    };
    let _ = write!(out, "\"{name}\":{{");
    for (k, key) in keys.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{key}\":[");
        if one_off || draw.chance(40) {
            band(
                out,
                None,
                1 + draw.below(max_net),
                tax,
                per_minute,
                blocking,
            );
        } else {
            let day = 5 + draw.below(4);
            let night = 19 + draw.below(5);
            // With weekend keys, the night is split at midnight: an overnight band of
            // Friday's `ALL` would reach into Saturday at another price (an error).
            let windows: &[(u64, u64)] = if keys.len() > 1 {
                &[(0, day), (day, night), (night, 0)]
            } else {
                &[(day, night), (night, day)]
            };
            for (i, &window) in windows.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let price = 1 + draw.below(max_net);
                band(out, Some(window), price, tax, per_minute, blocking);
            }
        }
        out.push(']');
    }
    out.push('}');
}

/// One request line (without the newline).
fn request(draw: &mut Draw, n: u64) -> String {
    let tax = draw.pick(&[19, 19, 19, 7, 21, 20]);
    let mut line = String::with_capacity(2048);
    let _ = write!(
        line,
        "{{\"price_group\":{{\"type\":\"{}\",\"power\":22,\"evse_ids\":[\"DE*CIQ*E{n:08}*1\"],\"prices\":{{",
        if draw.chance(50) { "AC" } else { "DC" },
    );
    // Net prices in ten-thousandths: up to 0.80/kWh, 6.00/h, 2.00 a session.
    component(&mut line, draw, "kwh_price", 8_000, tax);
    for (name, max_net, percent) in [
        ("time_price", 60_000, 30),
        ("blocking_fee", 60_000, 50),
        ("session_fee", 20_000, 30),
        ("starting_fee", 20_000, 30),
    ] {
        if draw.chance(percent) {
            line.push(',');
            component(&mut line, draw, name, max_net, tax);
        }
    }
    let base: DateTime<Utc> = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default(); // 2026-01-01
    let start = base + Duration::minutes(i64::try_from(draw.below(365 * 24 * 60)).unwrap_or(0));
    let energy = 50 + draw.below(551); // tenths of a kWh: 5.0 to 60.0
    let power = draw.pick(&POWERS);
    let charging = i64::try_from(energy * 3600 / power).unwrap_or(0) + 1;
    let idle = if draw.chance(60) {
        i64::try_from(draw.below(240 * 60)).unwrap_or(0)
    } else {
        0
    };
    let plug_out = start + Duration::seconds(charging + idle);
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let _ = write!(
        line,
        "}},\"currency\":\"EUR\",\"pre_authorization_amount\":\"50.00\",\
         \"is_fallback\":false}},\"time_zone\":\"{}\",\"start\":\"{}\",\"energy_kwh\":\"{}.{}\",\
         \"power_kw\":\"{}.{}\",\"plug_out\":\"{}\"}}",
        draw.pick(&ZONES),
        time(start),
        energy / 10,
        energy % 10,
        power / 10,
        power % 10,
        time(plug_out),
    );
    line
}

/// Writes `count` requests drawn from `seed` to `out`.
///
/// # Errors
/// The file cannot be written.
pub(crate) fn write(count: u64, seed: u64, out: &std::path::Path) -> Result<(), String> {
    let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    let mut draw = Draw(seed);
    for n in 0..count {
        writeln!(writer, "{}", request(&mut draw, n))
            .map_err(|e| format!("{}: {e}", out.display()))?;
    }
    writer
        .flush()
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// `--count N` (default 100,000), `--seed S` (default 1), `OUT`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut count = 100_000_u64;
    let mut seed = 1_u64;
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|value| value.replace('_', "").parse().ok())
                .ok_or_else(|| format!("{name} takes a whole number"))
        };
        match arg.as_str() {
            "--count" => count = number("--count")?,
            "--seed" => seed = number("--seed")?,
            path if !path.starts_with('-') && out.is_none() => out = Some(path.to_owned()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let out = out.ok_or("usage: cargo xtask estimate-requests [--count N] [--seed S] OUT")?;
    write(count, seed, std::path::Path::new(&out))?;
    eprintln!("estimate-requests: {count} requests (seed {seed}) in {out}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_requests_and_every_group_differs() {
        let lines: Vec<String> = {
            let mut draw = Draw(7);
            (0..200).map(|n| request(&mut draw, n)).collect()
        };
        let again: Vec<String> = {
            let mut draw = Draw(7);
            (0..200).map(|n| request(&mut draw, n)).collect()
        };
        assert_eq!(lines, again);
        let groups: std::collections::HashSet<&str> = lines
            .iter()
            .map(|line| &line[..line.find(",\"time_zone\"").unwrap_or(line.len())])
            .collect();
        assert_eq!(groups.len(), lines.len());
        for line in &lines {
            let value: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            assert!(
                value["price_group"]["prices"]["kwh_price"]["ALL"].is_array(),
                "{line}"
            );
        }
    }

    #[test]
    fn displayed_prices_round_half_away_from_zero_per_minute_for_time() {
        // 0.4529 × 1.19 = 0.538951 → 0.54; 1.2000 / 60 × 1.19 = 0.0238 → 0.02.
        assert_eq!(displayed(4_529, 19, false), "0.54");
        assert_eq!(displayed(12_000, 19, true), "0.02");
        // 0.0050 × 1.00 = 0.005 → 0.01 (midpoint away from zero).
        assert_eq!(displayed(50, 0, false), "0.01");
    }
}
