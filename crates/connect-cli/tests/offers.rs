#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect offers`, run as a built binary on its embedded sandbox.

use std::process::Command;

use serde_json::Value;

const CONNECT: &str = env!("CARGO_BIN_EXE_connect");

/// Munich's old town, 1.5 km, 20 kWh at up to 50 kW, a Thursday afternoon.
fn offers(extra: &[&str]) -> Value {
    let mut args = vec![
        "offers",
        "--lat",
        "48.137",
        "--lon",
        "11.575",
        "--distance",
        "1500",
        "--kwh",
        "20",
        "--power",
        "50",
        "--at",
        "2026-04-02T13:00:00Z",
        "--json",
    ];
    args.extend_from_slice(extra);
    let output = Command::new(CONNECT).args(&args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn total(offer: &Value) -> f64 {
    offer["estimate"]["cost"]["invoice_summary"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_stations_around_come_ranked_by_total_with_a_cheapest_start() {
    let answer = offers(&[]);
    let offers = answer["offers"].as_array().unwrap();
    assert!(offers.len() >= 10, "{}", offers.len());
    assert!(
        offers
            .windows(2)
            .all(|pair| total(&pair[0]) <= total(&pair[1]))
    );
    for offer in offers {
        assert!(offer["name"].as_str().is_some_and(|name| !name.is_empty()));
        assert!(offer["distance_m"].as_u64().unwrap() <= 1_600, "{offer}");
        let best: f64 = offer["cheapest"]["total"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(best <= total(offer), "{offer}");
        let start = offer["cheapest"]["start"].as_str().unwrap();
        assert!(("2026-04-02T13:00:00Z"..="2026-04-03T13:00:00Z").contains(&start));
    }
}

#[test]
fn stations_without_the_cars_connector_are_left_out_with_the_reason() {
    let answer = offers(&["--connector", "CHADEMO"]);
    let left_out = answer["left_out"].as_array().unwrap();
    assert!(!left_out.is_empty());
    assert!(
        left_out
            .iter()
            .any(|left| left["reason"] == "no_compatible_connector"),
        "{answer}"
    );
    let everything = offers(&[]);
    let all = everything["offers"].as_array().unwrap().len()
        + everything["left_out"].as_array().unwrap().len();
    assert_eq!(
        answer["offers"].as_array().unwrap().len() + left_out.len(),
        all
    );
}
