#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::unreadable_literal
)]
//! OCPI `locations` feeds as stations: three real feeds (test fixtures only, see
//! `tests/data/ocpi/README.md`) and malformed input.

use std::collections::{BTreeMap, HashSet};

use connect_domain::station::{ConnectorStandard, EvseStatus, OpeningDay, PowerType, Station};
use connect_domain::zone::{Tz, ZoneError};
use connect_fake::stations::StationDirectory;
use connect_fake::stations::ocpi::{
    OcpiError, OcpiErrorKind, OcpiWarning, OcpiWarningKind, ZoneBasis, load,
};

fn fixture(name: &str) -> (Vec<Station>, Vec<OcpiWarning>) {
    let path = format!("{}/tests/data/ocpi/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    load(&text).unwrap()
}

fn evses(stations: &[Station]) -> usize {
    stations.iter().map(|s| s.evses.len()).sum()
}

/// Warnings by kind.
fn kinds(warnings: &[OcpiWarning]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for warning in warnings {
        *out.entry(warning.kind.code()).or_default() += 1;
    }
    out
}

fn unique_evse_ids(stations: &[Station]) -> bool {
    let ids: HashSet<&str> = stations
        .iter()
        .flat_map(|s| s.evses.iter().map(|e| e.evse_id.as_str()))
        .collect();
    ids.len() == evses(stations)
}

#[test]
fn fastned_2_1_1_loads_106_locations_and_273_evses_keeping_the_duplicate_evse_ids() {
    let (stations, warnings) = fixture("ocpi_2_1_1_locations-fastned.json");
    assert_eq!(stations.len(), 106);
    assert_eq!(evses(&stations), 273);
    assert!(unique_evse_ids(&stations));
    assert_eq!(
        kinds(&warnings),
        BTreeMap::from([("duplicate-evse-id", 3), ("zone-fallback", 3)])
    );
    // NLFASE3100203 is on four EVSEs of the first location: the first keeps it.
    let ids: Vec<&str> = stations[0]
        .evses
        .iter()
        .map(|e| e.evse_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "NLFASE3100201",
            "NLFASE3100202",
            "NLFASE3100203",
            "NLFASE3100203-2",
            "NLFASE3100203-3",
            "NLFASE3100203-4",
            "NLFASE3100204"
        ]
    );
    assert_eq!(warnings[0].path, "data[0].evses[3].evse_id");
    assert!(matches!(
        &warnings[0].kind,
        OcpiWarningKind::DuplicateEvseId { evse_id, renamed_to }
            if evse_id == "NLFASE3100203" && renamed_to == "NLFASE3100203-2"
    ));
    // EVSE ids without `*` are kept as they are.
    assert!(
        stations
            .iter()
            .flat_map(|s| &s.evses)
            .all(|e| !e.evse_id.as_str().contains('*'))
    );
    // String coordinates, alpha-3 countries, 2.1.1 voltage × amperage.
    let first = &stations[0];
    assert_eq!(
        (first.coordinates.latitude, first.coordinates.longitude),
        (51.98424, 5.870263)
    );
    assert_eq!(first.country, "NL");
    assert_eq!(first.address, "Utrechtseweg 310, 6812AR Arnhem");
    assert_eq!(first.operator.name, "Fastned");
    let ccs = &first.evses[0].connectors[0];
    assert_eq!(ccs.standard, ConnectorStandard::Iec62196T2Combo);
    assert_eq!(
        (ccs.power_type.clone(), ccs.power_kw),
        (Some(PowerType::Dc), Some(50.0))
    );
    assert!(first.opening_times.twentyfourseven);
    let countries: HashSet<&str> = stations.iter().map(|s| s.country.as_str()).collect();
    assert_eq!(countries, HashSet::from(["NL", "DE", "GB"]));
}

#[test]
fn the_test_location_in_the_pacific_gets_its_countrys_zone_with_a_warning_not_utc() {
    let (stations, warnings) = fixture("ocpi_2_1_1_locations-fastned.json");
    let pacific = stations
        .iter()
        .position(|s| s.id.as_str() == "28000")
        .unwrap();
    assert_eq!(
        stations[pacific].name,
        "Virtual location for automated tests"
    );
    assert_eq!(stations[pacific].zone, Tz::Europe__Amsterdam);
    let warning = warnings
        .iter()
        .find(|w| w.path == format!("data[{pacific}].coordinates"))
        .unwrap();
    assert!(matches!(
        &warning.kind,
        OcpiWarningKind::ZoneFallback {
            error: ZoneError::CoordinatesOutsideCountry { .. },
            zone: Tz::Europe__Amsterdam,
            basis: ZoneBasis::Country
        }
    ));
    assert!(warning.to_string().contains("outside country NL"));
    // "Dominik_test", in Norway but labelled DEU, likewise.
    let dominik = stations.iter().find(|s| s.name == "Dominik_test").unwrap();
    assert_eq!(dominik.zone, Tz::Europe__Berlin);
    // Feeds' own zone names such as "Germany" or "Amsterdam" never matter.
    let herbolzheim = stations.iter().find(|s| s.name == "Herbolzheim").unwrap();
    assert_eq!(herbolzheim.zone, Tz::Europe__Berlin);
    assert!(stations.iter().all(|s| s.zone != Tz::UTC));
}

#[test]
fn powergo_2_2_loads_489_locations_and_1776_evses_with_its_odd_values() {
    let (stations, warnings) = fixture("ocpi_2_2_locations_powergo.json");
    assert_eq!(stations.len(), 489);
    assert_eq!(evses(&stations), 1_776);
    assert!(unique_evse_ids(&stations));
    assert_eq!(
        kinds(&warnings),
        BTreeMap::from([("value-dropped", 46), ("value-mapped", 7)])
    );
    // A connector without a standard is dropped (the API has no value for it); "Type 2
    // outlet" is a type 2 socket.
    let connectors: Vec<_> = stations
        .iter()
        .flat_map(|s| s.evses.iter().flat_map(|e| e.connectors.iter()))
        .collect();
    assert!(connectors.iter().all(|c| c.standard.is_known()));
    let dropped = warnings
        .iter()
        .filter(|w| matches!(&w.kind, OcpiWarningKind::ValueDropped { field: "standard", value } if value.is_empty()))
        .count();
    assert_eq!(dropped, 46);
    let outlet = warnings
        .iter()
        .filter(|w| matches!(&w.kind, OcpiWarningKind::ValueMapped { field: "standard", value, to } if value == "Type 2 outlet" && to == "IEC_62196_T2"))
        .count();
    assert_eq!(outlet, 7);
    // "CHARGING " (104 times) is CHARGING; REMOVED EVSEs are kept.
    let statuses = |status: EvseStatus| {
        stations
            .iter()
            .flat_map(|s| &s.evses)
            .filter(|e| e.status == status)
            .count()
    };
    assert_eq!(statuses(EvseStatus::Charging), 144);
    assert_eq!(statuses(EvseStatus::Removed), 121);
    assert_eq!(statuses(EvseStatus::Available), 1_426);
    // 2.2: lower-case enums, string voltages, timestamps without offset (UTC).
    let first = &stations[0];
    let c = &first.evses[1].connectors[0];
    assert_eq!(c.power_type, Some(PowerType::Ac3Phase));
    assert_eq!(c.power_kw, Some(22.08));
    assert_eq!(
        first.last_updated.to_rfc3339(),
        "2025-06-21T11:20:39.407906+00:00"
    );
    // Denmark, Spain (mainland), Norway, Belgium: each its own zone.
    let zones: HashSet<Tz> = stations.iter().map(|s| s.zone).collect();
    for zone in [
        Tz::Europe__Copenhagen,
        Tz::Europe__Madrid,
        Tz::Europe__Oslo,
        Tz::Europe__Brussels,
    ] {
        assert!(zones.contains(&zone), "{zone}");
    }
}

#[test]
fn ndw_loads_its_two_locations_and_names_them_by_address() {
    let (stations, warnings) = fixture("ndw-small-locations.json");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(stations.len(), 2);
    assert_eq!(evses(&stations), 4);
    assert_eq!(stations[0].name, "Noordwal 6");
    assert_eq!(stations[0].address, "Noordwal 6, 5211RM 's-Hertogenbosch");
    assert_eq!(stations[0].operator.name, "Test Supplier");
    let statuses: Vec<&EvseStatus> = stations[0].evses.iter().map(|e| &e.status).collect();
    assert_eq!(statuses, [&EvseStatus::Blocked, &EvseStatus::Charging]);
    assert_eq!(
        stations[0].evses[0].evse_id.as_str(),
        "NL*NUO*EALF*0003812*2"
    );
}

#[test]
fn every_fixture_makes_a_directory() {
    for name in [
        "ocpi_2_1_1_locations-fastned.json",
        "ocpi_2_2_locations_powergo.json",
        "ndw-small-locations.json",
    ] {
        let (stations, _) = fixture(name);
        let count = stations.len();
        let directory = StationDirectory::new(stations).unwrap();
        assert_eq!(directory.stations().len(), count);
    }
}

fn error(json: &str) -> OcpiError {
    load(json).unwrap_err()
}

#[test]
fn malformed_input_is_an_error_naming_the_json_path() {
    let location = r#"{"id": "1", "coordinates": {"latitude": "52.1", "longitude": "5.1"},
        "country": "NLD", "address": "A", "last_updated": "2021-01-01T00:00:00Z", "evses": []}"#;
    assert!(load(location).is_ok(), "a single location object");
    assert!(load(&format!("[{location}]")).is_ok(), "a list");
    assert!(
        load(&format!(r#"{{"data": {location}}}"#)).is_ok(),
        "an envelope with one"
    );

    assert!(matches!(error("{").kind, OcpiErrorKind::NotJson { .. }));
    assert_eq!(error("42").kind, OcpiErrorKind::NotLocations);
    assert_eq!(
        error(r#"{"status_code": 1000}"#).kind,
        OcpiErrorKind::NotLocations
    );

    let bad = error(&format!(
        "[{}]",
        location.replace(r#""52.1""#, r#""north""#)
    ));
    assert_eq!(bad.path, "[0].coordinates.latitude");
    assert_eq!(
        bad.kind,
        OcpiErrorKind::NotANumber {
            text: "north".into()
        }
    );
    assert_eq!(
        bad.to_string(),
        r#"[0].coordinates.latitude: "north" is not a number"#
    );

    let bad = error(&format!(
        r#"{{"data": [{}]}}"#,
        location.replace(r#""5.1""#, "181")
    ));
    assert_eq!(bad.path, "data[0].coordinates.longitude");
    assert_eq!(bad.kind, OcpiErrorKind::OutOfRange { value: 181.0 });

    let bad = error(&format!(
        r#"{{"data": [{}]}}"#,
        location.replace(r#""id": "1","#, "")
    ));
    assert_eq!(
        (bad.path.as_str(), &bad.kind),
        ("data[0].id", &OcpiErrorKind::Missing)
    );

    let bad = error(&format!(
        r#"{{"data": [{}]}}"#,
        location.replace(
            r#""evses": []"#,
            r#""evses": [{"uid": "u", "connectors": {}}]"#
        )
    ));
    assert_eq!(bad.path, "data[0].evses[0].connectors");
    assert!(matches!(
        bad.kind,
        OcpiErrorKind::WrongType {
            expected: "an array",
            found: "an object"
        }
    ));

    let bad = error(&location.replace("2021-01-01T00:00:00Z", "yesterday"));
    assert_eq!(bad.path, "last_updated");
}

#[test]
fn evses_without_evse_id_statuses_and_countries_are_reported() {
    let json = r#"[{"id": "x", "country": "ZZZ", "time_zone": "Europe/Paris",
        "coordinates": {"latitude": 48.85, "longitude": 2.35},
        "last_updated": "2021-01-01T00:00:00Z",
        "facilities": ["PARKING_LOT", "HOTEL"],
        "opening_times": {"twentyfourseven": false,
            "regular_hours": [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}],
            "exceptional_closings": [{"period_begin": "2021-12-25T00:00:00Z", "period_end": "2021-12-26T00:00:00Z"}]},
        "evses": [{"uid": "U1", "connectors": [{"id": "1", "standard": "IEC_62196_T2",
                   "power_type": "AC_3_PHASE", "max_electric_power": 22000}]}]},
      {"id": "x", "country": "QQQ", "time_zone": "Nowhere",
        "coordinates": {"latitude": 0, "longitude": 0}, "last_updated": "2021-01-01T00:00:00Z"}]"#;
    let (stations, warnings) = load(json).unwrap();
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(stations[0].country, "ZZZ");
    assert_eq!(
        stations[0].zone,
        Tz::Europe__Paris,
        "the feed's zone when the country is unknown"
    );
    assert_eq!(stations[0].evses[0].evse_id.as_str(), "U1");
    assert_eq!(stations[0].evses[0].status, EvseStatus::StatusUnknown);
    assert_eq!(stations[0].evses[0].connectors[0].power_kw, Some(22.0));
    assert_eq!(
        stations[0].opening_times.regular_hours[0].weekday,
        Some(OpeningDay::Monday)
    );
    assert_eq!(stations[1].id.as_str(), "x-2");
    assert_eq!(
        stations[1].zone,
        Tz::UTC,
        "nothing else usable: UTC, with a warning"
    );
    let expected = [
        "[0].address: address is missing",
        "[0].country: unknown country \"ZZZ\", kept as is",
        "[0].coordinates: unknown country code \"ZZZ\": expected an ISO 3166-1 alpha-2 or alpha-3 code; using Europe/Paris (the feed's time_zone)",
        "[0].operator: no operator name",
        "[0].evses[0].evse_id: no evse_id; the uid \"U1\" is used",
        "[0].evses[0].status: status is missing",
        "[0].opening_times: exceptional openings and closings are not kept",
        "[0].facilities[0]: facility \"PARKING_LOT\" is not in the API's list; dropped",
        "[1].address: address is missing",
        "[1].country: unknown country \"QQQ\", kept as is",
        "[1].coordinates: unknown country code \"QQQ\": expected an ISO 3166-1 alpha-2 or alpha-3 code; using UTC (UTC, as nothing else was usable)",
        "[1].operator: no operator name",
        "[1].id: location id \"x\" already taken; kept as \"x-2\"",
    ];
    assert_eq!(messages, expected);
    assert!(matches!(
        warnings[10].kind,
        OcpiWarningKind::ZoneFallback {
            basis: ZoneBasis::Utc,
            ..
        }
    ));
}

#[test]
fn truncated_or_mangled_feeds_never_panic() {
    let path = format!(
        "{}/tests/data/ocpi/ndw-small-locations.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    for end in (0..text.len()).step_by(97) {
        if text.is_char_boundary(end) {
            let _ = load(&text[..end]);
        }
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Every field of every object replaced by each JSON type in turn.
    let replacements = [
        serde_json::Value::Null,
        serde_json::json!(true),
        serde_json::json!(-1e300),
        serde_json::json!("x"),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    let mut paths = Vec::new();
    collect_paths(&value, &mut Vec::new(), &mut paths);
    for path in &paths {
        for replacement in &replacements {
            let mut mangled = value.clone();
            *pointer(&mut mangled, path) = replacement.clone();
            let _ = connect_fake::stations::ocpi::from_value(&mangled);
        }
    }
    assert!(paths.len() > 100);
}

fn collect_paths(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                at.push(key.clone());
                out.push(at.clone());
                collect_paths(child, at, out);
                at.pop();
            }
        }
        serde_json::Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                at.push(i.to_string());
                out.push(at.clone());
                collect_paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer<'a>(value: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
    path.iter().fold(value, |v, key| match v {
        serde_json::Value::Object(map) => map.get_mut(key).unwrap(),
        serde_json::Value::Array(list) => &mut list[key.parse::<usize>().unwrap()],
        _ => panic!("no such path"),
    })
}
