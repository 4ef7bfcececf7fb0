#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::float_cmp
)]
//! Feeds that used to be refused whole, each reproduced by a small hand-made fixture
//! (`tests/data/ocpi/handmade/`): a byte-order mark, a missing `last_updated`, an EVSE
//! without `uid`, an empty latitude, camelCase keys, ids colliding across files and with
//! the bundled stations, values outside the API's lists, kW given as W, a country that is
//! not ISO 3166, `publish: false`.

use chrono::{DateTime, Utc};
use connect_domain::station::{
    Amenity, ConnectorStandard, Evse, EvseStatus, OpeningDay, Speed, Station,
};
use connect_domain::zone::Tz;
use connect_fake::stations::ocpi::{
    FeedError, FeedOptions, FeedWarning, Feeds, FileCounts, OcpiErrorKind, OcpiWarningKind,
    PowerBasis, WarningSummary,
};

fn bytes(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/ocpi/handmade/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

fn file_time() -> DateTime<Utc> {
    "2025-04-01T00:00:00Z".parse().unwrap()
}

/// Loads the fixtures in order, forgiving, beside nothing.
fn load(names: &[&str]) -> (Vec<Station>, Vec<FeedWarning>) {
    let mut feeds = Feeds::new(FeedOptions::default());
    for name in names {
        feeds.add(name, &bytes(name), file_time()).unwrap();
    }
    feeds.finish().unwrap()
}

fn codes(warnings: &[FeedWarning]) -> Vec<&'static str> {
    warnings.iter().map(|w| w.warning.kind.code()).collect()
}

#[test]
fn a_file_starting_with_a_byte_order_mark_loads() {
    let (stations, warnings) = load(&["bom.json"]);
    assert_eq!(stations.len(), 1);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_file_read_as_a_stream_loads_as_its_bytes_do_byte_order_mark_included() {
    for name in ["bom.json", "odd-values.json", "empty-latitude.json"] {
        let path = format!(
            "{}/tests/data/ocpi/handmade/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut streamed = Feeds::new(FeedOptions::default());
        let file = std::fs::File::open(path).unwrap();
        streamed.add_reader(name, file, file_time()).unwrap();
        assert_eq!(streamed.finish().unwrap(), load(&[name]), "{name}");
    }
    let mut cut = Feeds::new(FeedOptions::default());
    let error = cut
        .add_reader("cut.json", &bytes("bom.json")[..200], file_time())
        .unwrap_err();
    assert!(matches!(
        error.errors[0].kind,
        OcpiErrorKind::NotJson { .. }
    ));
}

#[test]
fn a_location_without_last_updated_gets_the_files_time_with_a_warning() {
    let (stations, warnings) = load(&["missing-last-updated.json"]);
    assert_eq!(stations.len(), 2);
    assert_eq!(stations[0].last_updated, file_time());
    assert_eq!(
        warnings[0].to_string(),
        "missing-last-updated.json: data[0].last_updated: last_updated is missing; \
         2025-04-01T00:00:00+00:00 (the file's time) is used"
    );
}

#[test]
fn an_evse_without_uid_keeps_its_evse_id_and_one_without_either_is_named_by_position() {
    let (stations, warnings) = load(&["missing-evse-uid.json"]);
    let ids: Vec<&str> = stations[0]
        .evses
        .iter()
        .map(|e| e.evse_id.as_str())
        .collect();
    assert_eq!(ids, ["NL*AAA*E4*1", "4*2"]);
    assert_eq!(codes(&warnings), ["evse-id-from-position"]);
}

#[test]
fn bad_locations_are_skipped_with_their_file_and_path_and_the_rest_loads() {
    let (stations, warnings) = load(&["empty-latitude.json"]);
    let ids: Vec<&str> = stations.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["6"]);
    let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"empty-latitude.json: data[0].coordinates.latitude: location skipped: data[0].coordinates.latitude: "" is not a number"#,
            "empty-latitude.json: data[2].id: location skipped: data[2].id: missing",
            r#"empty-latitude.json: data[3].coordinates.longitude: location skipped: data[3].coordinates.longitude: "east" is not a number"#,
        ]
    );
}

#[test]
fn strict_refuses_the_file_with_every_error_at_once_and_keeps_nothing_of_it() {
    let mut feeds = Feeds::new(FeedOptions::default().strict(true));
    let error: FeedError = feeds
        .add(
            "empty-latitude.json",
            &bytes("empty-latitude.json"),
            file_time(),
        )
        .unwrap_err();
    let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "data[0].coordinates.latitude",
            "data[2].id",
            "data[3].coordinates.longitude"
        ]
    );
    assert!(
        error
            .to_string()
            .starts_with("empty-latitude.json: 3 errors\n  data[0]")
    );
    // Nothing of the refused file stays: its ids are free for the next file.
    feeds
        .add("bom.json", &bytes("bom.json"), file_time())
        .unwrap();
    let (stations, warnings) = feeds.finish().unwrap();
    assert_eq!(stations.len(), 1);
    assert!(warnings.is_empty());
}

#[test]
fn text_that_is_not_json_is_refused_even_when_forgiving() {
    let mut feeds = Feeds::new(FeedOptions::default());
    let mut text = bytes("bom.json");
    text.truncate(200);
    let error = feeds.add("cut.json", &text, file_time()).unwrap_err();
    assert_eq!(error.errors.len(), 1);
    assert!(matches!(
        error.errors[0].kind,
        OcpiErrorKind::NotJson { .. }
    ));
    assert!(
        error
            .to_string()
            .starts_with("cut.json: (document): not JSON")
    );
}

#[test]
fn camel_case_keys_are_read_as_snake_case() {
    let (stations, warnings) = load(&["camel-case.json"]);
    assert_eq!(stations.len(), 1);
    let station = &stations[0];
    assert_eq!(
        station.last_updated.to_rfc3339(),
        "2025-03-01T10:00:00+00:00"
    );
    assert_eq!(station.address, "Stationsplein 1, 3511ED Utrecht");
    assert_eq!(station.evses[0].evse_id.as_str(), "NL*AAA*E9*1");
    assert_eq!(station.evses[0].connectors[0].power_kw, Some(22.08));
    assert_eq!(codes(&warnings), ["camel-case-keys"]);
}

#[test]
fn ids_colliding_across_files_and_with_the_bundled_stations_are_prefixed_by_the_party() {
    let mut feeds = Feeds::new(FeedOptions::default());
    feeds.reserve(&[connect_fake::stations::worms_station().unwrap()]);
    for name in ["collide-a.json", "collide-b.json"] {
        feeds.add(name, &bytes(name), file_time()).unwrap();
    }
    let (stations, warnings) = feeds.finish().unwrap();
    let ids: Vec<(&str, Vec<&str>)> = stations
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.evses.iter().map(|e| e.evse_id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("48", vec!["E1"]),
            ("49", vec!["E2"]),
            ("BE*BBB*48", vec!["BE*BBB*E1"]),
            (
                "BE*BBB*DE*CIQ*EELDF6XWZU41P",
                vec!["BE*BBB*DE*CIQ*EELDF6XWZU41P*1"]
            ),
        ]
    );
    let renames: Vec<String> = warnings
        .iter()
        .filter(|w| w.warning.kind.code().starts_with("duplicate"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        renames[0],
        r#"collide-b.json: data[0].id: location id "48" already taken; kept as "BE*BBB*48""#
    );
    assert_eq!(renames.len(), 4);
    // Deterministic: the same files in the same order give the same ids.
    let again = {
        let mut feeds = Feeds::new(FeedOptions::default());
        feeds.reserve(&[connect_fake::stations::worms_station().unwrap()]);
        for name in ["collide-a.json", "collide-b.json"] {
            feeds.add(name, &bytes(name), file_time()).unwrap();
        }
        feeds.finish().unwrap().0
    };
    assert_eq!(again, stations);
}

#[test]
fn the_bundled_stations_and_several_feeds_make_one_directory() {
    let bundled = connect_fake::stations::bundled_stations(3).unwrap();
    let mut feeds = Feeds::new(FeedOptions::default().seed(3));
    feeds.reserve(&bundled);
    let mut counts: Vec<FileCounts> = Vec::new();
    for name in [
        "collide-a.json",
        "collide-b.json",
        "bom.json",
        "camel-case.json",
        "odd-values.json",
    ] {
        counts.push(feeds.add(name, &bytes(name), file_time()).unwrap());
    }
    let (stations, _) = feeds.finish().unwrap();
    assert_eq!(
        counts.iter().map(|c| c.locations).sum::<usize>(),
        stations.len()
    );
    let mut all = bundled;
    all.extend(stations);
    let count = all.len();
    let directory = connect_fake::stations::StationDirectory::new(all).unwrap();
    assert_eq!(directory.stations().len(), count);
}

#[test]
fn values_outside_the_apis_lists_are_mapped_or_dropped_and_kw_given_as_w_is_repaired() {
    let (stations, warnings) = load(&["odd-values.json"]);
    let station = &stations[0];
    let power: Vec<Option<f64>> = station.evses.iter().map(Evse::max_power_kw).collect();
    // 22 "W" with 230 V × 32 A × 3 phases: 22.08 kW; 150 "W" and nothing else: 150 kW.
    assert_eq!(power, [Some(22.08), Some(150.0), Some(22.08)]);
    assert_eq!(station.evses[2].status, EvseStatus::StatusUnknown);
    assert_eq!(
        station.evses[2].connectors[0].standard,
        ConnectorStandard::Iec62196T2
    );
    assert_eq!(station.amenities, [Amenity::Hotel]);
    let days: Vec<Option<OpeningDay>> = station
        .opening_times
        .regular_hours
        .iter()
        .map(|h| h.weekday.clone())
        .collect();
    assert_eq!(days, [Some(OpeningDay::Sunday), Some(OpeningDay::Monday)]);
    let power_warnings: Vec<(f64, Option<f64>, PowerBasis)> = warnings
        .iter()
        .filter_map(|w| match w.warning.kind {
            OcpiWarningKind::ImplausiblePower {
                given,
                used_kw,
                basis,
            } => Some((given, used_kw, basis)),
            _ => None,
        })
        .collect();
    assert_eq!(
        power_warnings,
        [
            (22.0, Some(22.08), PowerBasis::VoltageTimesAmperage),
            (150.0, Some(150.0), PowerBasis::ReadAsKilowatts)
        ]
    );
    let summary = WarningSummary::new(&warnings, 1);
    let counted: Vec<(&str, usize)> = summary.kinds.iter().map(|k| (k.code, k.count)).collect();
    assert_eq!(
        counted,
        [
            ("implausible-power", 2),
            ("value-mapped", 3),
            ("value-dropped", 3),
        ]
    );
    // A 150 kW charger is fast, not slow.
    assert_eq!(station.speed(), Some(Speed::Turbo));
}

#[test]
fn a_country_that_is_not_iso_3166_is_taken_from_country_code_with_its_zone() {
    let (stations, warnings) = load(&["non-iso-country.json"]);
    let found: Vec<(&str, Tz)> = stations
        .iter()
        .map(|s| (s.country.as_str(), s.zone))
        .collect();
    assert_eq!(
        found,
        [("TR", Tz::Europe__Istanbul), ("PL", Tz::Europe__Warsaw)]
    );
    assert_eq!(
        warnings[0].warning.to_string(),
        r#"data[0].country: country "TRY" is not ISO 3166; country_code TR is used"#
    );
}

#[test]
fn unpublished_locations_are_not_served() {
    let mut feeds = Feeds::new(FeedOptions::default());
    let counts = feeds
        .add("unpublished.json", &bytes("unpublished.json"), file_time())
        .unwrap();
    assert_eq!((counts.locations, counts.hidden), (1, 1));
    let (stations, warnings) = feeds.finish().unwrap();
    assert_eq!(stations[0].id.as_str(), "14");
    assert_eq!(codes(&warnings), ["unpublished"]);
}
