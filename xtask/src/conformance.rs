//! `cargo xtask conformance prepare OUT [--ocpi FILE]…` and `cargo xtask conformance reached
//! HAR register|ocpi`: the conformance runs on real stations (`.ci/run`).
//!
//! schemathesis generates requests from the OpenAPI document alone, so its station ids and
//! positions are made up and the sandbox answers them with 404s and empty lists: station
//! answers, the richest shapes of the API, would go unchecked. `prepare` writes, into `OUT`:
//! - `register.toml` and `ocpi.toml`: schemathesis configurations whose dictionaries hold
//!   real station and EVSE ids, latitudes and longitudes, and tiles that hold stations: of
//!   the bundled stations (the Bundesnetzagentur's register,
//!   `crates/connect-fake/data/stations.tsv`), and of the OCPI feeds given (which the
//!   sandbox under test must load too);
//! - `openapi-tolerant.json`: the official document with the tolerated null band fields
//!   made nullable, from `connect_openapi::DEVIATIONS` (the one list; nothing else widened).
//!
//! `reached` reads the HAR file a run writes and fails unless enough answers of each
//! station operation did carry stations, and enough distinct stations of the run's source
//! were answered: the seeding is checked, not assumed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

/// The station file, relative to the workspace root.
const STATIONS: &str = "crates/connect-fake/data/stations.tsv";

/// One station in every this many seeds the dictionaries (about 100 of the 9,690).
const SAMPLE_EVERY: usize = 97;

/// Locations seeded from each OCPI feed, at most.
const OCPI_SEEDS_PER_FEED: usize = 100;

/// The zoom of the seeded tiles: a city's size, where a tile holds a few clusters.
const TILE_ZOOM: u32 = 12;

/// For the run to count: the answers with stations each station operation must have had,
/// and the distinct stations of the run's source it must have validated.
const REACHED_AT_LEAST: usize = 10;

/// What schemathesis checks on the station operations, and the dictionaries' bindings
/// (always drawn: this run is for real stations; the main run generates made-up values). The
/// exclusions are the main run's (`.ci/schemathesis.toml`) for these operations, each
/// explained in docs/sandbox.md; warnings fail the run, so that a dictionary whose values
/// do not fit their parameter is an error, not a silent fallback to made-up values.
const CONFIG: &str = r#"# Written by `cargo xtask conformance prepare`: do not edit, change xtask/src/conformance.rs.
# The station operations, on real stations: ids, positions and tiles of one source.
seed = 20261206

[headers]
Authorization = "Bearer conformance"

[generation]
max-examples = 100

[checks]
# Any non-empty bearer token is its own tenant, by design (ST401).
ignored_auth.enabled = false
# Without a token the answer is 403, as the document declares; it declares no 401 (ST203).
missing_required_header.enabled = false

[warnings]
fail-on = true

[[operations]]
include-name = "GET /api/v1/stations/details/"
parameters = { "query.id" = { dictionary = "ids" } }
# The id and its type are drawn apart (half of the pairs are a 404): more examples.
generation.max-examples = 300

# Positions and zooms out of range are 400s naming the parameter (the document does not
# bound latitude, longitude or z), and tile x and y must pair up (ST202). A filter given
# several times is read by its last value, as Django's QueryDict does, and Django REST
# framework ignores a page_size that is not a positive number (ST201).
[[operations]]
include-name = "GET /api/v1/stations/around/"
parameters = { "query.latitude" = { dictionary = "latitudes" }, "query.longitude" = { dictionary = "longitudes" }, "query.distance" = { dictionary = "distances" }, "query.page" = { dictionary = "pages" } }
checks.positive_data_acceptance.enabled = false
checks.negative_data_rejection.enabled = false

[[operations]]
include-name = "GET /api/v1/stations/tile/"
parameters = { z = TILE_ZOOM, x = TILE_X, y = TILE_Y }
checks.positive_data_acceptance.enabled = false
checks.negative_data_rejection.enabled = false
"#;

/// Runs `conformance prepare OUT [--ocpi FILE]…` or `conformance reached HAR SOURCE`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    const USAGE: &str =
        "usage: cargo xtask conformance <prepare OUT [--ocpi FILE]… | reached HAR register|ocpi>";
    match args {
        [verb, out, feeds @ ..] if verb == "prepare" => {
            let mut files = Vec::new();
            let mut rest = feeds.iter();
            while let Some(flag) = rest.next() {
                match (flag.as_str(), rest.next()) {
                    ("--ocpi", Some(file)) => files.push(Path::new(file)),
                    _ => return Err(USAGE.into()),
                }
            }
            prepare(Path::new(out), &files)
        }
        [verb, har, source] if verb == "reached" => {
            let source = [Source::Register, Source::Ocpi]
                .into_iter()
                .find(|known| known.name() == source)
                .ok_or(USAGE)?;
            reached(Path::new(har), source)
        }
        _ => Err(USAGE.into()),
    }
}

/// A real station: its id, its EVSEs' ids and its position as its source writes it.
#[derive(Debug, Clone, PartialEq)]
struct Seed {
    id: String,
    evses: Vec<String>,
    latitude: String,
    longitude: String,
}

fn prepare(out: &Path, feeds: &[&Path]) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = fs::read_to_string(root.join(STATIONS))
        .map_err(|error| format!("cannot read {STATIONS}: {error}"))?;
    let register: Vec<Seed> = stations(&text)?.into_iter().step_by(SAMPLE_EVERY).collect();
    let mut ocpi = Vec::new();
    for feed in feeds {
        let text = fs::read_to_string(feed)
            .map_err(|error| format!("cannot read {}: {error}", feed.display()))?;
        let locations =
            ocpi_locations(&text).map_err(|error| format!("{}: {error}", feed.display()))?;
        let every = locations.len().div_ceil(OCPI_SEEDS_PER_FEED).max(1);
        ocpi.extend(locations.into_iter().step_by(every));
    }
    fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    // One configuration per source: latitude and longitude are drawn apart, so positions
    // of one region pair into positions near that region's stations.
    for (source, seeds) in [(Source::Register, &register), (Source::Ocpi, &ocpi)] {
        if seeds.is_empty() {
            continue;
        }
        let path = out.join(format!("{}.toml", source.name()));
        write(&path, &config(seeds)?)?;
        println!(
            "xtask conformance: {} stations of the {} seeded, {} tiles: {}",
            seeds.len(),
            source.name(),
            tiles(seeds).len(),
            path.display()
        );
    }
    let document = connect_openapi::Contract::bundled().tolerant_document();
    let document = serde_json::to_string(&document).map_err(|error| error.to_string())?;
    write(&out.join("openapi-tolerant.json"), &document)?;
    Ok(())
}

/// Where seeded stations come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The bundled stations: the Bundesnetzagentur's register.
    Register,
    /// The OCPI feeds given to `prepare`.
    Ocpi,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::Ocpi => "ocpi",
        }
    }

    fn of(id: &str) -> Self {
        if is_register_id(id) {
            Self::Register
        } else {
            Self::Ocpi
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The stations of the station file (format in the `README.md` beside it: an empty cell
/// repeats the previous `S` line's).
fn stations(text: &str) -> Result<Vec<Seed>, String> {
    let mut seeds = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let Some(record) = line.strip_prefix("S\t") else {
            continue;
        };
        let cells: Vec<String> = record
            .split('\t')
            .enumerate()
            .map(
                |(index, cell)| match (cell.is_empty(), previous.get(index)) {
                    (true, Some(before)) => before.clone(),
                    _ => cell.to_owned(),
                },
            )
            .collect();
        let [id, _street, _postcode, _city, latitude, longitude, points] = cells.as_slice() else {
            return Err(format!("{STATIONS}:{}: expected 7 cells", number + 1));
        };
        seeds.push(Seed {
            id: id.clone(),
            evses: (1..=evse_count(points))
                .map(|n| format!("{id}*{n}"))
                .collect(),
            latitude: latitude.clone(),
            longitude: longitude.clone(),
        });
        previous = cells;
    }
    if seeds.is_empty() {
        return Err(format!("{STATIONS} holds no station"));
    }
    Ok(seeds)
}

/// The published locations of an OCPI `locations` file (a response envelope with `data`,
/// or the bare list), with their EVSE ids; locations without an id or a position are left
/// to the loader's warnings.
fn ocpi_locations(text: &str) -> Result<Vec<Seed>, String> {
    let feed: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|error| format!("not JSON: {error}"))?;
    let locations = feed
        .get("data")
        .unwrap_or(&feed)
        .as_array()
        .ok_or("not an OCPI locations file: no list of locations")?;
    let text_at = |value: &Value, pointer: &str| {
        value
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    Ok(locations
        .iter()
        .filter(|location| location.get("publish") != Some(&Value::Bool(false)))
        .filter_map(|location| {
            Some(Seed {
                id: text_at(location, "/id")?,
                evses: location
                    .get("evses")
                    .and_then(Value::as_array)
                    .map(|evses| {
                        evses
                            .iter()
                            .filter_map(|evse| text_at(evse, "/evse_id"))
                            .collect()
                    })
                    .unwrap_or_default(),
                latitude: text_at(location, "/coordinates/latitude")?,
                longitude: text_at(location, "/coordinates/longitude")?,
            })
        })
        .collect())
}

/// The number of charge points in a charge-point cell (`T2@22x2 CCS@50` is three).
fn evse_count(points: &str) -> usize {
    points
        .split(' ')
        .filter(|point| !point.is_empty())
        .map(|point| {
            point
                .rsplit_once('x')
                .and_then(|(_, count)| count.parse().ok())
                .unwrap_or(1)
        })
        .sum()
}

/// The configuration with the seeds' dictionaries.
fn config(seeds: &[Seed]) -> Result<String, String> {
    let tiles = tiles(seeds);
    let list = |values: Vec<String>| format!("[{}]", values.join(", "));
    let mut text = CONFIG
        .replace("TILE_ZOOM", &TILE_ZOOM.to_string())
        .replace(
            "TILE_X",
            &list(tiles.iter().map(|(x, _)| x.to_string()).collect()),
        )
        .replace(
            "TILE_Y",
            &list(tiles.iter().map(|(_, y)| y.to_string()).collect()),
        );
    let quoted = |text: &str| format!("{text:?}");
    let ids = seeds
        .iter()
        // A station's id and its first EVSE's: `type` is drawn apart from the id, so ids of
        // both kinds in equal numbers keep half of the pairs right.
        .flat_map(|seed| std::iter::once(&seed.id).chain(seed.evses.first()))
        .map(|id| quoted(id))
        .collect();
    let mut dictionaries = BTreeMap::new();
    dictionaries.insert("ids", list(ids));
    dictionaries.insert(
        "latitudes",
        list(seeds.iter().map(|seed| seed.latitude.clone()).collect()),
    );
    dictionaries.insert(
        "longitudes",
        list(seeds.iter().map(|seed| seed.longitude.clone()).collect()),
    );
    // Latitude and longitude are drawn apart, so a position is near the seeds, not on
    // one: radii of a town and a region find stations in a register this dense.
    dictionaries.insert("distances", "[5000, 25000, 100000]".to_owned());
    dictionaries.insert("pages", "[1]".to_owned());
    text.push_str("\n[dictionaries]\n");
    for (name, values) in dictionaries {
        writeln!(text, "{name} = {{ values = {values} }}").map_err(|error| error.to_string())?;
    }
    Ok(text)
}

/// The tiles at [`TILE_ZOOM`] of a few seeds (one request asks for all, x and y paired).
fn tiles(seeds: &[Seed]) -> Vec<(u32, u32)> {
    let mut tiles: Vec<(u32, u32)> = seeds
        .iter()
        .step_by(20)
        .filter_map(|seed| {
            let latitude: f64 = seed.latitude.parse().ok()?;
            let longitude: f64 = seed.longitude.parse().ok()?;
            Some(tile(latitude, longitude, TILE_ZOOM))
        })
        .collect();
    tiles.dedup();
    tiles
}

/// The slippy-map tile holding a position (Web Mercator, as the API's tiles).
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)] // Positions of the register: in range, and floor is the tile's definition.
fn tile(latitude: f64, longitude: f64, zoom: u32) -> (u32, u32) {
    let n = f64::from(1_u32 << zoom);
    let x = ((longitude + 180.0) / 360.0 * n).floor();
    let radians = latitude.to_radians();
    let y = ((1.0 - radians.tan().asinh() / std::f64::consts::PI) / 2.0 * n).floor();
    (x as u32, y as u32)
}

/// Counts, per station operation, the answers of the run that carried stations, and the
/// distinct stations of `source` answered.
fn reached(har: &Path, source: Source) -> Result<(), String> {
    let text = fs::read_to_string(har)
        .map_err(|error| format!("cannot read {}: {error}", har.display()))?;
    let har: Value = serde_json::from_str(&text).map_err(|error| format!("not a HAR: {error}"))?;
    let entries = har
        .pointer("/log/entries")
        .and_then(Value::as_array)
        .ok_or("not a HAR: no log.entries")?;
    let reach = Reach::of(entries);
    let mut short = Vec::new();
    for operation in ["around", "details", "tile"] {
        let count = reach.answers.get(operation).copied().unwrap_or(0);
        println!("xtask conformance: {count} answers of stations/{operation}/ carried stations");
        if count < REACHED_AT_LEAST {
            short.push(format!("stations/{operation}/"));
        }
    }
    let of_source = reach
        .stations
        .iter()
        .filter(|id| Source::of(id) == source)
        .count();
    println!(
        "xtask conformance: {of_source} distinct stations of the {} validated ({} in all)",
        source.name(),
        reach.stations.len()
    );
    if of_source < REACHED_AT_LEAST {
        short.push(format!("stations of the {}", source.name()));
    }
    if short.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fewer than {REACHED_AT_LEAST} answers for {short:?}: the seeds do not reach real stations"
        ))
    }
}

/// What a run's answers reached.
#[derive(Debug, Default)]
struct Reach {
    /// Per station operation (`around`, `details`, `tile`), the 200 answers holding a
    /// station (a tile: a feature).
    answers: BTreeMap<String, usize>,
    /// The ids of the stations answered (by `details` and `around`).
    stations: BTreeSet<String>,
}

impl Reach {
    fn of(entries: &[Value]) -> Self {
        let mut reach = Self::default();
        for entry in entries {
            let url = entry
                .pointer("/request/url")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let Some(operation) = url
                .split('?')
                .next()
                .and_then(|path| path.split("/api/v1/stations/").nth(1))
                .map(|rest| rest.trim_end_matches('/'))
            else {
                continue;
            };
            if entry.pointer("/response/status").and_then(Value::as_u64) != Some(200) {
                continue;
            }
            let body: Value = entry
                .pointer("/response/content/text")
                .and_then(Value::as_str)
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or(Value::Null);
            let stations = stations_in(&body);
            let features = body
                .get("features")
                .and_then(Value::as_array)
                .is_some_and(|features| !features.is_empty());
            if !stations.is_empty() || features {
                *reach.answers.entry(operation.to_owned()).or_default() += 1;
            }
            reach.stations.extend(stations);
        }
        reach
    }
}

/// The ids of the stations (with their price groups) in an answer: one, or a page's.
fn stations_in(body: &Value) -> Vec<String> {
    let id = |value: &Value| {
        value
            .get("price_groups")
            .filter(|groups| groups.is_array())
            .and(value.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match body.get("results").and_then(Value::as_array) {
        Some(results) => results.iter().filter_map(id).collect(),
        None => id(body).into_iter().collect(),
    }
}

/// A station id of the register's conversion: `DE*<operator code>*E<row>`.
fn is_register_id(id: &str) -> bool {
    let mut parts = id.split('*');
    parts.next() == Some("DE")
        && parts
            .next()
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
        && parts.next().is_some_and(|row| {
            row.strip_prefix('E').is_some_and(|digits| {
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            })
        })
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn station_lines_repeat_empty_cells_and_count_charge_points() {
        let text = "# comment\nO\tKRA\tKarl\nS\tDE*KRA*E1\tA 1\t1\tX\t52.5\t13.4\tT2@22x2 CCS@50\nS\tDE*KRA*E2\t\t\t\t\t\tT2@11\n";
        let seeds = stations(text).unwrap();
        assert_eq!(seeds.len(), 2);
        assert_eq!(
            seeds[0].evses,
            ["DE*KRA*E1*1", "DE*KRA*E1*2", "DE*KRA*E1*3"]
        );
        assert_eq!(seeds[1].evses, ["DE*KRA*E2*1"]);
        assert_eq!(
            (seeds[1].latitude.as_str(), seeds[1].longitude.as_str()),
            ("52.5", "13.4")
        );
    }

    #[test]
    fn tiles_are_web_mercator() {
        // Berlin's Alexanderplatz at zoom 12 (OpenStreetMap's tile 2200/1343).
        assert_eq!(tile(52.5219, 13.4132, 12), (2200, 1343));
        assert_eq!(tile(0.0, 0.0, 1), (1, 1));
    }

    #[test]
    fn the_config_seeds_real_ids_and_paired_tiles() {
        let text = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(STATIONS),
        )
        .unwrap();
        let seeds: Vec<Seed> = stations(&text)
            .unwrap()
            .into_iter()
            .step_by(SAMPLE_EVERY)
            .collect();
        assert!(seeds.len() >= 90, "{}", seeds.len());
        let config = config(&seeds).unwrap();
        assert!(
            config.contains(&format!("\"{}*1\"", seeds[0].id)),
            "{config}"
        );
        assert!(!config.contains("TILE_"), "{config}");
        let x = config
            .lines()
            .find(|line| line.starts_with("parameters = { z ="))
            .unwrap();
        assert_eq!(x.matches('[').count(), 2, "{x}");
    }

    #[test]
    fn only_answers_with_stations_count_as_reached() {
        let entry = |url: &str, status: u16, body: Value| json!({"request": {"url": url}, "response": {"status": status, "content": {"text": body.to_string()}}});
        let register = json!({"id": "DE*KRA*E1", "price_groups": []});
        let ocpi = json!({"id": "50106", "price_groups": []});
        let entries = [
            entry(
                "http://h/api/v1/stations/details/?id=x",
                200,
                register.clone(),
            ),
            entry(
                "http://h/api/v1/stations/details/?id=y",
                404,
                json!({"detail": "Not found."}),
            ),
            entry(
                "http://h/api/v1/stations/around/?latitude=1",
                200,
                json!({"results": [register, ocpi]}),
            ),
            entry(
                "http://h/api/v1/stations/around/?latitude=2",
                200,
                json!({"results": []}),
            ),
            entry(
                "http://h/api/v1/stations/tile/?z=1",
                200,
                json!({"features": [{}]}),
            ),
            entry(
                "http://h/api/v1/stations/tile/?z=2",
                200,
                json!({"features": []}),
            ),
            entry(
                "http://h/api/v1/users/",
                200,
                json!({"results": [{"id": "u", "price_groups": []}]}),
            ),
        ];
        let reach = Reach::of(&entries);
        assert_eq!(
            reach.answers.into_iter().collect::<Vec<_>>(),
            [
                ("around".to_owned(), 1),
                ("details".to_owned(), 1),
                ("tile".to_owned(), 1)
            ]
        );
        assert_eq!(
            reach.stations.into_iter().collect::<Vec<_>>(),
            ["50106", "DE*KRA*E1"]
        );
    }

    #[test]
    fn register_ids_are_told_from_ocpi_ids() {
        assert!(is_register_id("DE*KRA*E1569"));
        for other in [
            "DE*KRA*E1569*1",
            "50106",
            "NL*PFG*31053",
            "DE*CIQ*EELDF6XWZU41P",
            "DE*KR*E1",
        ] {
            assert!(!is_register_id(other), "{other}");
        }
    }

    #[test]
    fn ocpi_locations_give_ids_evses_and_positions_of_published_locations() {
        let feed = "\u{feff}{\"data\": [{\"id\": \"L1\", \"coordinates\": {\"latitude\": \"51.9\", \"longitude\": \"5.8\"}, \"evses\": [{\"uid\": \"1\", \"evse_id\": \"NL*X*E1\"}, {\"uid\": \"2\"}]}, {\"id\": \"L2\", \"publish\": false, \"coordinates\": {\"latitude\": \"1\", \"longitude\": \"2\"}}, {\"id\": \"L3\"}]}";
        let seeds = ocpi_locations(feed).unwrap();
        assert_eq!(
            seeds,
            [Seed {
                id: "L1".into(),
                evses: vec!["NL*X*E1".into()],
                latitude: "51.9".into(),
                longitude: "5.8".into(),
            }]
        );
    }
}
