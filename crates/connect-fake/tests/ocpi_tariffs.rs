#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! OCPI tariffs as Cariqa price groups (docs/pricing.md, "OCPI tariffs"): the fixture
//! `tests/data/ocpi/handmade/tariffs.json` has every dimension and every restriction, and
//! `tariffed-locations.json` a station whose EVSEs name them.

use connect_domain::station::Station;
use connect_domain::tariff::PriceGroup;
use connect_fake::stations::ocpi::{FeedOptions, FeedWarning, Feeds, OcpiWarningKind};
use serde_json::Value;

fn load() -> (Station, Vec<FeedWarning>) {
    let dir = format!("{}/tests/data/ocpi/handmade", env!("CARGO_MANIFEST_DIR"));
    let mut feeds = Feeds::new(FeedOptions::default());
    for name in ["tariffs.json", "tariffed-locations.json"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        feeds
            .add(name, &bytes, "2025-04-01T00:00:00Z".parse().unwrap())
            .unwrap();
    }
    let (mut stations, warnings) = feeds.finish().unwrap();
    (stations.remove(0), warnings)
}

fn group<'a>(station: &'a Station, evse_id: &str) -> &'a PriceGroup {
    station.price_group_for(evse_id).unwrap()
}

/// A component's bands as `day time_from-time_to date_from..date_to gross (shown) tax grace`.
fn bands(group: &PriceGroup, component: &str) -> Vec<String> {
    let value = group.to_value();
    let Some(days) = value["prices"][component].as_object() else {
        return Vec::new();
    };
    let text = |v: &Value| match v {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = Vec::new();
    for (day, list) in days {
        for band in list.as_array().unwrap() {
            out.push(format!(
                "{day} {}-{} {}..{} {} ({}) {}% {}",
                text(&band["time_from"]),
                text(&band["time_to"]),
                text(&band["date_from"]),
                text(&band["date_to"]),
                text(&band["gross_price"]),
                text(&band["user_facing_price"]),
                text(&band["tax"]),
                text(&band["grace_period_minutes"]),
            ));
        }
    }
    out
}

#[test]
fn the_first_matching_element_prices_each_minute_of_the_week_per_date_range() {
    let (station, _) = load();
    let energy = bands(group(&station, "NL*AAA*ET1*1"), "kwh_price");
    let monday: Vec<&str> = energy
        .iter()
        .filter(|b| b.starts_with("MONDAY"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        monday,
        [
            "MONDAY 00:00-06:00 2025-01-01..2025-07-01 0.25 (0.30) 21% -",
            "MONDAY 06:00-08:00 2025-01-01..2025-07-01 0.3 (0.36) 21% -",
            "MONDAY 08:00-20:00 2025-01-01..2025-07-01 0.4 (0.48) 21% -",
            "MONDAY 20:00-22:00 2025-01-01..2025-07-01 0.3 (0.36) 21% -",
            "MONDAY 22:00-00:00 2025-01-01..2025-07-01 0.25 (0.30) 21% -",
            "MONDAY 00:00-06:00 2025-07-01..- 0.25 (0.30) 21% -",
            "MONDAY 06:00-08:00 2025-07-01..- 0.35 (0.42) 21% -",
            "MONDAY 08:00-20:00 2025-07-01..- 0.4 (0.48) 21% -",
            "MONDAY 20:00-22:00 2025-07-01..- 0.35 (0.42) 21% -",
            "MONDAY 22:00-00:00 2025-07-01..- 0.25 (0.30) 21% -",
        ]
    );
    let saturday: Vec<&str> = energy
        .iter()
        .filter(|b| b.starts_with("SATURDAY") && b.contains("..2025-07-01"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        saturday,
        [
            "SATURDAY 00:00-06:00 2025-01-01..2025-07-01 0.25 (0.30) 21% -",
            "SATURDAY 06:00-22:00 2025-01-01..2025-07-01 0.3 (0.36) 21% -",
            "SATURDAY 22:00-00:00 2025-01-01..2025-07-01 0.25 (0.30) 21% -",
        ]
    );
}

#[test]
fn time_parking_and_flat_become_time_price_blocking_fee_with_grace_and_session_fee() {
    let (station, _) = load();
    let group = group(&station, "NL*AAA*ET1*1");
    // 2.00 an hour: 0.0403 a minute with VAT, shown 0.04.
    let time = bands(group, "time_price");
    assert_eq!(time.len(), 5, "{time:#?}");
    assert!(time.contains(&"MONDAY 08:00-20:00 2025-01-01..- 2 (0.04) 21% -".to_owned()));
    assert!(
        !time
            .iter()
            .any(|b| b.starts_with("SATURDAY") || b.starts_with("SUNDAY"))
    );
    // Parking after min_duration 7200 s: a blocking fee with 120 minutes of grace.
    assert_eq!(
        bands(group, "blocking_fee"),
        ["ALL 00:00-00:00 2025-01-01..- 6 (0.12) 21% 120"]
    );
    assert_eq!(
        bands(group, "session_fee"),
        ["ALL 00:00-00:00 2025-01-01..- 0.5 (0.61) 21% -"]
    );
    // The station is no partner: Cariqa's starting fee, as at bundled stations.
    assert_eq!(bands(group, "starting_fee").len(), 1);
    assert_eq!(group.to_value()["currency"], "eur");
}

#[test]
fn power_restrictions_are_judged_by_the_evses_power() {
    let (station, _) = load();
    let slow = bands(group(&station, "NL*AAA*ET1*1"), "kwh_price");
    assert!(slow.iter().all(|b| !b.contains(" 0.99 ")));
    let fast = bands(group(&station, "NL*AAA*ET1*5"), "kwh_price");
    assert_eq!(fast, ["ALL 00:00-00:00 2025-01-01..- 0.99 (1.20) 21% -"]);
}

#[test]
fn vat_comes_from_the_tariff_else_the_countrys_standard_rate_and_bands_carry_date_from() {
    let (station, _) = load();
    // OCPI 2.1.1: no vat, a Dutch station: 21 %; valid from its last_updated date.
    assert_eq!(
        bands(group(&station, "NL*AAA*ET1*2"), "kwh_price"),
        ["ALL 00:00-00:00 2025-02-01..- 0.3025 (0.37) 21% -"]
    );
}

#[test]
fn evses_without_a_known_tariff_get_a_seeded_one_and_the_warnings_say_why() {
    let (station, warnings) = load();
    // EVERY at 22.08 kW AC and at 150 kW DC, SIMPLE211, and one seeded group for the two
    // EVSEs of the same power without a known tariff.
    assert_eq!(station.price_groups.len(), 4);
    for evse in &station.evses {
        assert!(station.price_group_for(evse.evse_id.as_str()).is_some());
    }
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let expected = [
        r#"tariffs.json: data[2].elements[0].price_components[0].price: tariff skipped: data[2].elements[0].price_components[0].price: "cheap" is not a number"#,
        r#"tariffed-locations.json: data[0].evses[2]: tariff "NOWHERE" not found; a seeded tariff is used"#,
        r#"tariffed-locations.json: data[0].evses[3]: tariff "BROKEN" not found; a seeded tariff is used"#,
    ];
    for message in expected {
        assert!(
            messages.iter().any(|m| m == message),
            "{message}\n{messages:#?}"
        );
    }
    let approximated: Vec<&str> = warnings
        .iter()
        .filter_map(|w| match &w.warning.kind {
            OcpiWarningKind::TariffApproximated { what } => Some(what.as_str()),
            _ => None,
        })
        .collect();
    for what in [
        "an element applying only after min_duration is ignored: a price group prices from the start",
        "a reservation element is ignored: the sandbox has no reservations",
        "min_kwh/max_kwh ignored: a price group has no energy thresholds",
        "min_current/max_current ignored: the station model has no current",
        "step_size 60 is not applied: the price group bills exactly",
    ] {
        assert!(approximated.contains(&what), "{what}: {approximated:#?}");
    }
    // Each tariff's notes once per conversion, not once per EVSE or station.
    let reservation = approximated
        .iter()
        .filter(|w| w.starts_with("a reservation"))
        .count();
    assert_eq!(reservation, 2, "one per power: 22.08 kW AC and 150 kW DC");
}

#[test]
fn a_tariff_without_start_or_last_updated_is_in_force_from_the_files_date() {
    let tariff = r#"[{"id": "NODATE", "currency": "EUR", "elements": [
        {"price_components": [{"type": "ENERGY", "price": 0.3, "vat": 21}]}]}]"#;
    let dir = format!("{}/tests/data/ocpi/handmade", env!("CARGO_MANIFEST_DIR"));
    let location = std::fs::read_to_string(format!("{dir}/tariffed-locations.json"))
        .unwrap()
        .replace("SIMPLE211", "NODATE");
    let mut feeds = Feeds::new(FeedOptions::default());
    let file_time = "2025-04-01T12:00:00Z".parse().unwrap();
    feeds
        .add("nodate.json", tariff.as_bytes(), file_time)
        .unwrap();
    feeds.add("l.json", location.as_bytes(), file_time).unwrap();
    let (stations, warnings) = feeds.finish().unwrap();
    assert_eq!(
        bands(group(&stations[0], "NL*AAA*ET1*2"), "kwh_price"),
        ["ALL 00:00-00:00 2025-04-01..- 0.3 (0.36) 21% -"]
    );
    assert_eq!(
        warnings[0].to_string(),
        "nodate.json: [0].last_updated: last_updated is missing; 2025-04-01T12:00:00+00:00 \
         (the file's time) is used"
    );
}
