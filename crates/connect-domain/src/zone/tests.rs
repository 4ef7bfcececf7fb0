//! Tests of the zone lookup.

use super::countries::COUNTRIES;
use super::lookup::{INDEX, Locate, Regions};
use super::*;
use chrono::{Duration, Offset, TimeZone, Utc};
use proptest::prelude::*;

fn at(latitude: f64, longitude: f64) -> Coordinates {
    Coordinates {
        latitude,
        longitude,
    }
}

fn zone(country: &str, latitude: f64, longitude: f64) -> Result<Tz, ZoneError> {
    zone_for_country(country, Some(at(latitude, longitude)))
}

fn message(result: Result<Tz, ZoneError>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_default()
}

/// UTC offsets every six hours from 2025 to 2027: "the same civil time".
fn civil_time(tz: Tz) -> Vec<i32> {
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single();
    let Some(start) = start else {
        return Vec::new();
    };
    (0..3 * 365 * 4)
        .map(|step| {
            let instant = start + Duration::hours(6 * step);
            tz.offset_from_utc_datetime(&instant.naive_utc())
                .fix()
                .local_minus_utc()
        })
        .collect()
}

fn regions() -> impl Iterator<Item = (&'static str, &'static Regions)> {
    COUNTRIES.iter().filter_map(|c| match c.zones {
        Zones::Several(regions) => Some((c.alpha2, regions)),
        _ => None,
    })
}

#[test]
fn germany_by_alpha2_alpha3_and_any_case() {
    for code in ["DE", "DEU", "de", "deu", "De", " DE "] {
        assert_eq!(
            zone_for_country(code, None),
            Ok(Tz::Europe__Berlin),
            "{code}"
        );
    }
    assert_eq!(zone("DE", 48.14, 11.58), Ok(Tz::Europe__Berlin));
    assert_eq!(zone("DEU", 47.697, 8.69), Ok(Tz::Europe__Busingen));
}

#[test]
fn portugal_mainland_azores_madeira() {
    assert_eq!(zone("PT", 38.72, -9.14), Ok(Tz::Europe__Lisbon));
    assert_eq!(zone("PRT", 41.15, -8.61), Ok(Tz::Europe__Lisbon));
    assert_eq!(zone("PT", 37.74, -25.67), Ok(Tz::Atlantic__Azores));
    assert_eq!(zone("PT", 32.65, -16.91), Ok(Tz::Atlantic__Madeira));
    assert_eq!(
        zone_for_country("PT", None),
        Err(ZoneError::AmbiguousCountry {
            country: "PT".to_owned(),
            candidates: vec!["Europe/Lisbon", "Atlantic/Azores", "Atlantic/Madeira"],
        })
    );
}

#[test]
fn spain_mainland_canaries_ceuta() {
    assert_eq!(zone("ES", 40.42, -3.70), Ok(Tz::Europe__Madrid));
    assert_eq!(zone("ESP", 41.39, 2.17), Ok(Tz::Europe__Madrid));
    assert_eq!(zone("ES", 28.12, -15.43), Ok(Tz::Atlantic__Canary));
    assert_eq!(zone("ES", 28.46, -16.25), Ok(Tz::Atlantic__Canary));
    assert_eq!(zone("ES", 35.89, -5.32), Ok(Tz::Africa__Ceuta));
    assert!(matches!(
        zone_for_country("ES", None),
        Err(ZoneError::AmbiguousCountry { .. })
    ));
}

#[test]
fn united_states_by_location() {
    assert_eq!(zone("US", 40.71, -74.0), Ok(Tz::America__New_York));
    assert_eq!(zone("USA", 34.05, -118.24), Ok(Tz::America__Los_Angeles));
    assert_eq!(zone("us", 39.74, -104.99), Ok(Tz::America__Denver));
    assert_eq!(zone("US", 41.88, -87.63), Ok(Tz::America__Chicago));
    assert_eq!(zone("US", 33.45, -112.07), Ok(Tz::America__Phoenix));
    assert_eq!(zone("US", 61.22, -149.9), Ok(Tz::America__Anchorage));
    assert_eq!(zone("US", 21.31, -157.86), Ok(Tz::Pacific__Honolulu));
    assert_eq!(
        zone("US", 36.15, -109.55),
        Ok(Tz::America__Denver),
        "Chinle, Navajo Nation"
    );
    assert_eq!(
        zone("US", 35.0, -110.7),
        Ok(Tz::America__Phoenix),
        "Winslow"
    );
}

#[test]
fn united_states_without_coordinates_is_ambiguous() {
    let err = zone_for_country("US", None).err();
    assert_eq!(
        err,
        Some(ZoneError::AmbiguousCountry {
            country: "US".to_owned(),
            candidates: vec![
                "America/New_York",
                "America/Chicago",
                "America/Denver",
                "America/Phoenix",
                "America/Los_Angeles",
                "America/Anchorage",
                "America/Adak",
                "Pacific/Honolulu",
            ],
        })
    );
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("country US spans several time zones (America/New_York, "));
    assert!(message.ends_with("station coordinates or an explicit zone are needed"));
}

#[test]
fn unknown_countries() {
    for code in ["XX", "ZZZ", "", "D", "DEUT", "D3", "ÄÖ", "  ", "E\u{301}S"] {
        assert_eq!(
            zone_for_country(code, None),
            Err(ZoneError::UnknownCountry {
                country: code.to_owned()
            }),
            "{code:?}"
        );
    }
    assert_eq!(
        message(zone_for_country("XX", None)),
        "unknown country code \"XX\": expected an ISO 3166-1 alpha-2 or alpha-3 code"
    );
}

#[test]
fn uninhabited_countries_have_no_zone() {
    assert_eq!(
        zone_for_country("BV", None),
        Err(ZoneError::CountryWithoutZone {
            country: "BV".to_owned()
        })
    );
    assert_eq!(
        zone_for_country("HMD", None),
        Err(ZoneError::CountryWithoutZone {
            country: "HM".to_owned()
        })
    );
}

#[test]
fn china_runs_on_beijing_time_even_in_xinjiang() {
    assert_eq!(zone_for_country("CN", None), Ok(Tz::Asia__Shanghai));
    assert_eq!(zone("CHN", 39.9, 116.4), Ok(Tz::Asia__Shanghai));
    assert_eq!(zone("CN", 43.83, 87.62), Ok(Tz::Asia__Shanghai), "Ürümqi");
    assert_eq!(zone("CN", 39.47, 75.99), Ok(Tz::Asia__Shanghai), "Kashgar");
    // Xinjiang time stays available when named explicitly.
    assert_eq!(parse_zone("Asia/Urumqi"), Ok(Tz::Asia__Urumqi));
}

#[test]
fn explicit_zones() {
    assert_eq!(parse_zone("Europe/Lisbon"), Ok(Tz::Europe__Lisbon));
    assert_eq!(parse_zone(" europe/lisbon "), Ok(Tz::Europe__Lisbon));
    assert_eq!(
        parse_zone("America/Argentina/Mendoza"),
        Ok(Tz::America__Argentina__Mendoza)
    );
    assert_eq!(parse_zone("UTC"), Ok(Tz::UTC));
    assert_eq!(parse_zone("Etc/UTC"), Ok(Tz::Etc__UTC));
    for name in [
        "Mars/Olympus",
        "",
        "Europe",
        "Europe/Berlin/Mitte",
        "Berlin",
    ] {
        assert_eq!(
            parse_zone(name),
            Err(ZoneError::UnknownZone {
                name: name.to_owned()
            })
        );
    }
    assert_eq!(
        message(parse_zone("Mars/Olympus")),
        "unknown IANA time zone \"Mars/Olympus\""
    );
}

#[test]
fn resolve_either_source() {
    let explicit = ZoneSource::Explicit("Europe/Lisbon".to_owned());
    assert_eq!(resolve_zone(&explicit), Ok(Tz::Europe__Lisbon));
    let mars = ZoneSource::Explicit("Mars/Olympus".to_owned());
    assert!(matches!(
        resolve_zone(&mars),
        Err(ZoneError::UnknownZone { .. })
    ));
    let country = ZoneSource::Country {
        country: "PRT".to_owned(),
        coordinates: Some(at(37.74, -25.67)),
    };
    assert_eq!(resolve_zone(&country), Ok(Tz::Atlantic__Azores));
}

#[test]
fn invalid_coordinates_name_the_field() {
    let nan = zone("DE", f64::NAN, 13.4);
    assert!(matches!(
        nan,
        Err(ZoneError::InvalidCoordinates { field: "latitude", value }) if value.is_nan()
    ));
    assert_eq!(
        message(nan),
        "invalid latitude NaN: expected a finite number from -90 to 90"
    );
    assert_eq!(
        zone("DE", 91.0, 13.4),
        Err(ZoneError::InvalidCoordinates {
            field: "latitude",
            value: 91.0
        })
    );
    assert_eq!(
        message(zone("DE", 52.5, -180.5)),
        "invalid longitude -180.5: expected a finite number from -180 to 180"
    );
    assert!(matches!(
        zone("US", 40.0, f64::NAN),
        Err(ZoneError::InvalidCoordinates {
            field: "longitude",
            ..
        })
    ));
    assert!(matches!(
        zone("US", f64::NEG_INFINITY, 0.0),
        Err(ZoneError::InvalidCoordinates {
            field: "latitude",
            ..
        })
    ));
    // Validation comes before the country's extent is considered.
    assert!(matches!(
        zone("FR", 52.5, 181.0),
        Err(ZoneError::InvalidCoordinates { .. })
    ));
}

#[test]
fn coordinates_outside_the_country() {
    assert_eq!(
        zone("FR", 52.52, 13.40),
        Err(ZoneError::CoordinatesOutsideCountry {
            country: "FR".to_owned(),
            latitude: 52.52,
            longitude: 13.40
        })
    );
    assert_eq!(
        message(zone("FRA", 48.14, 11.58)),
        "coordinates (latitude 48.14, longitude 11.58) lie outside country FR"
    );
    // Swapped latitude and longitude.
    assert!(matches!(
        zone("DE", 13.40, 52.52),
        Err(ZoneError::CoordinatesOutsideCountry { .. })
    ));
    assert!(matches!(
        zone("US", 0.0, 0.0),
        Err(ZoneError::CoordinatesOutsideCountry { .. })
    ));
    // A plausibility check, not a border test: Strasbourg lies within
    // Germany's bounding box, and Kehl's harbour within the margin.
    assert_eq!(zone("DE", 48.57, 7.79), Ok(Tz::Europe__Berlin));
}

#[test]
fn territories_with_their_own_code() {
    assert_eq!(zone("RE", -20.88, 55.45), Ok(Tz::Indian__Reunion));
    assert_eq!(zone("FR", -20.88, 55.45), Ok(Tz::Indian__Reunion));
    assert_eq!(zone("FRA", 16.24, -61.53), Ok(Tz::America__Guadeloupe));
    assert_eq!(zone("US", 18.47, -66.1), Ok(Tz::America__Puerto_Rico));
    assert_eq!(zone("NO", 78.22, 15.65), Ok(Tz::Arctic__Longyearbyen));
    assert_eq!(zone("DK", 64.18, -51.72), Ok(Tz::America__Nuuk));
    assert_eq!(zone("GB", 49.19, -2.11), Ok(Tz::Europe__Jersey));
    // Without coordinates the code means the country itself.
    assert_eq!(zone_for_country("FR", None), Ok(Tz::Europe__Paris));
}

#[test]
fn more_regions() {
    let cases = [
        ("CA", 43.65, -79.38, Tz::America__Toronto),
        ("CA", 45.5, -73.57, Tz::America__Toronto),
        ("CA", 49.28, -123.12, Tz::America__Vancouver),
        ("CA", 51.05, -114.07, Tz::America__Edmonton),
        ("CA", 49.9, -97.14, Tz::America__Winnipeg),
        ("CA", 52.13, -106.67, Tz::America__Regina),
        ("CA", 44.65, -63.57, Tz::America__Halifax),
        ("CA", 47.56, -52.71, Tz::America__St_Johns),
        ("CA", 49.51, -115.77, Tz::America__Edmonton),
        ("MX", 19.43, -99.13, Tz::America__Mexico_City),
        ("MX", 32.53, -117.04, Tz::America__Tijuana),
        ("MX", 29.07, -110.96, Tz::America__Hermosillo),
        ("MX", 24.8, -107.39, Tz::America__Mazatlan),
        ("MX", 21.16, -86.85, Tz::America__Cancun),
        ("MX", 25.67, -100.31, Tz::America__Mexico_City),
        ("MX", 31.69, -106.42, Tz::America__Ciudad_Juarez),
        ("MX", 25.87, -97.5, Tz::America__Matamoros),
        ("BR", -23.55, -46.63, Tz::America__Sao_Paulo),
        ("BR", -1.46, -48.5, Tz::America__Sao_Paulo),
        ("BR", -3.12, -60.02, Tz::America__Manaus),
        ("BR", -15.6, -56.1, Tz::America__Manaus),
        ("BR", -9.97, -67.81, Tz::America__Rio_Branco),
        ("BR", -3.85, -32.42, Tz::America__Noronha),
        ("AU", -33.87, 151.21, Tz::Australia__Sydney),
        ("AU", -35.28, 149.13, Tz::Australia__Sydney),
        ("AU", -37.81, 144.96, Tz::Australia__Melbourne),
        ("AU", -27.47, 153.03, Tz::Australia__Brisbane),
        ("AU", -28.17, 153.54, Tz::Australia__Brisbane),
        ("AU", -34.93, 138.6, Tz::Australia__Adelaide),
        ("AU", -12.46, 130.84, Tz::Australia__Darwin),
        ("AU", -31.95, 115.86, Tz::Australia__Perth),
        ("AU", -42.88, 147.33, Tz::Australia__Hobart),
        ("RU", 55.76, 37.62, Tz::Europe__Moscow),
        ("RU", 59.94, 30.31, Tz::Europe__Moscow),
        ("RU", 55.79, 49.12, Tz::Europe__Moscow),
        ("RU", 56.85, 53.2, Tz::Europe__Samara),
        ("RU", 56.84, 60.6, Tz::Asia__Yekaterinburg),
        ("RU", 54.73, 55.96, Tz::Asia__Yekaterinburg),
        ("RU", 56.01, 92.87, Tz::Asia__Novosibirsk),
        ("RU", 48.48, 135.08, Tz::Asia__Vladivostok),
        ("RU", 50.27, 127.53, Tz::Asia__Yakutsk),
        ("RU", 51.83, 107.58, Tz::Asia__Irkutsk),
        ("RU", 64.73, 177.51, Tz::Asia__Kamchatka),
        ("ID", -6.2, 106.85, Tz::Asia__Jakarta),
        ("ID", -8.65, 115.22, Tz::Asia__Makassar),
        ("ID", -2.21, 113.92, Tz::Asia__Pontianak),
        ("ID", -3.32, 114.59, Tz::Asia__Makassar),
        ("ID", 1.49, 124.84, Tz::Asia__Makassar),
        ("ID", -3.7, 128.18, Tz::Asia__Jayapura),
        ("NZ", -41.29, 174.78, Tz::Pacific__Auckland),
        ("NZ", -43.95, -176.56, Tz::Pacific__Chatham),
        ("EC", -0.18, -78.47, Tz::America__Guayaquil),
        ("EC", -0.74, -90.31, Tz::Pacific__Galapagos),
        ("CL", -27.15, -109.43, Tz::Pacific__Easter),
        ("CL", -33.45, -70.67, Tz::America__Santiago),
        ("UA", 50.45, 30.52, Tz::Europe__Kyiv),
        ("UA", 44.95, 34.1, Tz::Europe__Simferopol),
        ("MY", 5.98, 116.07, Tz::Asia__Kuching),
        ("AR", -32.89, -68.83, Tz::America__Argentina__Buenos_Aires),
        ("KZ", 51.17, 71.43, Tz::Asia__Almaty),
        ("AQ", -90.0, 0.0, Tz::Antarctica__McMurdo),
        ("AQ", -78.46, 106.84, Tz::Antarctica__Vostok),
        ("AQ", -77.85, 166.67, Tz::Antarctica__McMurdo),
    ];
    for (country, latitude, longitude, expected) in cases {
        assert_eq!(
            zone(country, latitude, longitude),
            Ok(expected),
            "{country} ({latitude}, {longitude})"
        );
    }
}

/// Each zone's own reference point in the tz database's zone.tab resolves
/// to that zone, or to the zone it is merged into; this also checks that
/// every reference point lies within its country's boxes.
#[test]
fn zone_tab_reference_points() {
    for &(country, latitude, longitude, expected) in ZONE_TAB {
        let found = zone(country, latitude, longitude).map(Tz::name);
        assert_eq!(found, Ok(expected), "{country} ({latitude}, {longitude})");
    }
}

#[test]
fn merged_zones_keep_their_representatives_civil_time() {
    let civil = |name: &str| parse_zone(name).map(civil_time);
    for &(merged, representative) in MERGED {
        assert!(civil(merged).is_ok_and(|offsets| !offsets.is_empty()));
        assert_eq!(
            civil(merged),
            civil(representative),
            "{merged} no longer keeps {representative}'s civil time"
        );
    }
}

#[test]
fn a_default_exists_exactly_when_all_candidates_keep_one_civil_time() {
    for (country, regions) in regions() {
        let main = civil_time(regions.candidates[0]);
        let uniform = regions.candidates.iter().all(|&tz| civil_time(tz) == main);
        assert_eq!(
            regions.without_coordinates.is_some(),
            uniform,
            "{country}: without_coordinates"
        );
        if let Some(default) = regions.without_coordinates {
            assert_eq!(default, regions.candidates[0], "{country}");
        }
    }
}

#[test]
fn rules_return_only_candidates_and_reach_them_all() {
    for (country, regions) in regions() {
        let returned: Vec<Tz> = match &regions.locate {
            Locate::Rules { rules, otherwise } => rules
                .iter()
                .map(|(tz, _)| *tz)
                .chain([*otherwise])
                .collect(),
            Locate::Nearest(sites) => sites.iter().map(|(tz, _, _)| *tz).collect(),
        };
        for tz in &returned {
            assert!(regions.candidates.contains(tz), "{country}: {tz:?}");
        }
        for tz in regions.candidates {
            assert!(returned.contains(tz), "{country}: {tz:?} unreachable");
        }
    }
}

#[test]
fn table_is_consistent() {
    assert_eq!(COUNTRIES.len(), 250);
    assert_eq!(INDEX.len(), 500, "codes must be unique");
    for c in COUNTRIES {
        assert_eq!(c.alpha2.len(), 2);
        assert_eq!(c.alpha3.len(), 3);
        assert!(!c.area.is_empty(), "{}", c.alpha2);
        for bounds in c.area {
            assert!(bounds.lat_min <= bounds.lat_max && bounds.lon_min <= bounds.lon_max);
        }
        let zones: Vec<Tz> = match c.zones {
            Zones::One(tz) => vec![tz],
            Zones::Several(regions) => regions.candidates.to_vec(),
            Zones::Uninhabited => Vec::new(),
        };
        for tz in zones {
            assert!(!tz.name().contains("UTC") && !tz.name().starts_with("Etc/"));
        }
    }
}

proptest! {
    #[test]
    fn never_panics(
        country in "[A-Za-z]{0,4}|.{0,4}",
        latitude in any::<f64>(),
        longitude in any::<f64>(),
    ) {
        let _ = zone_for_country(&country, Some(at(latitude, longitude)));
        let _ = zone_for_country(&country, None);
        let _ = parse_zone(&country);
    }

    #[test]
    fn every_point_in_range_gets_a_candidate(
        latitude in -90.0f64..=90.0,
        longitude in -180.0f64..=180.0,
    ) {
        for (country, regions) in regions() {
            match zone(country, latitude, longitude) {
                Ok(tz) => prop_assert!(regions.candidates.contains(&tz) || !territories(country).is_empty()),
                Err(ZoneError::CoordinatesOutsideCountry { .. }) => {}
                Err(other) => prop_assert!(false, "{country}: {other}"),
            }
        }
    }
}

/// `(merged zone, the zone it resolves to)`.
static MERGED: &[(&str, &str)] = &[
    ("America/Araguaina", "America/Sao_Paulo"),
    (
        "America/Argentina/Catamarca",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/Cordoba",
        "America/Argentina/Buenos_Aires",
    ),
    ("America/Argentina/Jujuy", "America/Argentina/Buenos_Aires"),
    (
        "America/Argentina/La_Rioja",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/Mendoza",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/Rio_Gallegos",
        "America/Argentina/Buenos_Aires",
    ),
    ("America/Argentina/Salta", "America/Argentina/Buenos_Aires"),
    (
        "America/Argentina/San_Juan",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/San_Luis",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/Tucuman",
        "America/Argentina/Buenos_Aires",
    ),
    (
        "America/Argentina/Ushuaia",
        "America/Argentina/Buenos_Aires",
    ),
    ("America/Bahia", "America/Sao_Paulo"),
    ("America/Belem", "America/Sao_Paulo"),
    ("America/Boa_Vista", "America/Manaus"),
    ("America/Boise", "America/Denver"),
    ("America/Cambridge_Bay", "America/Edmonton"),
    ("America/Campo_Grande", "America/Manaus"),
    ("America/Chihuahua", "America/Mexico_City"),
    ("America/Cuiaba", "America/Manaus"),
    ("America/Dawson", "America/Whitehorse"),
    ("America/Detroit", "America/New_York"),
    ("America/Eirunepe", "America/Rio_Branco"),
    ("America/Fort_Nelson", "America/Dawson_Creek"),
    ("America/Fortaleza", "America/Sao_Paulo"),
    ("America/Glace_Bay", "America/Halifax"),
    ("America/Goose_Bay", "America/Halifax"),
    ("America/Indiana/Indianapolis", "America/New_York"),
    ("America/Indiana/Knox", "America/Chicago"),
    ("America/Indiana/Marengo", "America/New_York"),
    ("America/Indiana/Petersburg", "America/New_York"),
    ("America/Indiana/Tell_City", "America/Chicago"),
    ("America/Indiana/Vevay", "America/New_York"),
    ("America/Indiana/Vincennes", "America/New_York"),
    ("America/Indiana/Winamac", "America/New_York"),
    ("America/Inuvik", "America/Edmonton"),
    ("America/Iqaluit", "America/Toronto"),
    ("America/Juneau", "America/Anchorage"),
    ("America/Kentucky/Louisville", "America/New_York"),
    ("America/Kentucky/Monticello", "America/New_York"),
    ("America/Maceio", "America/Sao_Paulo"),
    ("America/Menominee", "America/Chicago"),
    ("America/Merida", "America/Mexico_City"),
    ("America/Metlakatla", "America/Anchorage"),
    ("America/Moncton", "America/Halifax"),
    ("America/Monterrey", "America/Mexico_City"),
    ("America/Nome", "America/Anchorage"),
    ("America/North_Dakota/Beulah", "America/Chicago"),
    ("America/North_Dakota/Center", "America/Chicago"),
    ("America/North_Dakota/New_Salem", "America/Chicago"),
    ("America/Porto_Velho", "America/Manaus"),
    ("America/Rankin_Inlet", "America/Winnipeg"),
    ("America/Recife", "America/Sao_Paulo"),
    ("America/Resolute", "America/Winnipeg"),
    ("America/Santarem", "America/Sao_Paulo"),
    ("America/Sitka", "America/Anchorage"),
    ("America/Swift_Current", "America/Regina"),
    ("America/Yakutat", "America/Anchorage"),
    ("Asia/Anadyr", "Asia/Kamchatka"),
    ("Asia/Aqtau", "Asia/Almaty"),
    ("Asia/Aqtobe", "Asia/Almaty"),
    ("Asia/Atyrau", "Asia/Almaty"),
    ("Asia/Barnaul", "Asia/Novosibirsk"),
    ("Asia/Chita", "Asia/Yakutsk"),
    ("Asia/Famagusta", "Asia/Nicosia"),
    ("Asia/Khandyga", "Asia/Yakutsk"),
    ("Asia/Krasnoyarsk", "Asia/Novosibirsk"),
    ("Asia/Novokuznetsk", "Asia/Novosibirsk"),
    ("Asia/Oral", "Asia/Almaty"),
    ("Asia/Qostanay", "Asia/Almaty"),
    ("Asia/Qyzylorda", "Asia/Almaty"),
    ("Asia/Samarkand", "Asia/Tashkent"),
    ("Asia/Srednekolymsk", "Asia/Magadan"),
    ("Asia/Tomsk", "Asia/Novosibirsk"),
    ("Asia/Ust-Nera", "Asia/Vladivostok"),
    ("Australia/Lindeman", "Australia/Brisbane"),
    ("Europe/Kirov", "Europe/Moscow"),
    ("Europe/Saratov", "Europe/Samara"),
    ("Europe/Ulyanovsk", "Europe/Samara"),
    ("Europe/Volgograd", "Europe/Moscow"),
];

/// `(country, latitude, longitude, expected zone)` for every zone.tab line.
static ZONE_TAB: &[(&str, f64, f64, &str)] = &[
    ("AD", 42.5000, 1.5167, "Europe/Andorra"),
    ("AE", 25.3000, 55.3000, "Asia/Dubai"),
    ("AF", 34.5167, 69.2000, "Asia/Kabul"),
    ("AG", 17.0500, -61.8000, "America/Antigua"),
    ("AI", 18.2000, -63.0667, "America/Anguilla"),
    ("AL", 41.3333, 19.8333, "Europe/Tirane"),
    ("AM", 40.1833, 44.5000, "Asia/Yerevan"),
    ("AO", -8.8000, 13.2333, "Africa/Luanda"),
    ("AQ", -77.8333, 166.6000, "Antarctica/McMurdo"),
    ("AQ", -66.2833, 110.5167, "Antarctica/Casey"),
    ("AQ", -68.5833, 77.9667, "Antarctica/Davis"),
    ("AQ", -66.6667, 140.0167, "Antarctica/DumontDUrville"),
    ("AQ", -67.6000, 62.8833, "Antarctica/Mawson"),
    ("AQ", -64.8000, -64.1000, "Antarctica/Palmer"),
    ("AQ", -67.5667, -68.1333, "Antarctica/Rothera"),
    ("AQ", -69.0061, 39.5900, "Antarctica/Syowa"),
    ("AQ", -72.0114, 2.5350, "Antarctica/Troll"),
    ("AQ", -78.4000, 106.9000, "Antarctica/Vostok"),
    ("AR", -34.6000, -58.4500, "America/Argentina/Buenos_Aires"),
    ("AR", -31.4000, -64.1833, "America/Argentina/Buenos_Aires"),
    ("AR", -24.7833, -65.4167, "America/Argentina/Buenos_Aires"),
    ("AR", -24.1833, -65.3000, "America/Argentina/Buenos_Aires"),
    ("AR", -26.8167, -65.2167, "America/Argentina/Buenos_Aires"),
    ("AR", -28.4667, -65.7833, "America/Argentina/Buenos_Aires"),
    ("AR", -29.4333, -66.8500, "America/Argentina/Buenos_Aires"),
    ("AR", -31.5333, -68.5167, "America/Argentina/Buenos_Aires"),
    ("AR", -32.8833, -68.8167, "America/Argentina/Buenos_Aires"),
    ("AR", -33.3167, -66.3500, "America/Argentina/Buenos_Aires"),
    ("AR", -51.6333, -69.2167, "America/Argentina/Buenos_Aires"),
    ("AR", -54.8000, -68.3000, "America/Argentina/Buenos_Aires"),
    ("AS", -14.2667, -170.7000, "Pacific/Pago_Pago"),
    ("AT", 48.2167, 16.3333, "Europe/Vienna"),
    ("AU", -31.5500, 159.0833, "Australia/Lord_Howe"),
    ("AU", -54.5000, 158.9500, "Antarctica/Macquarie"),
    ("AU", -42.8833, 147.3167, "Australia/Hobart"),
    ("AU", -37.8167, 144.9667, "Australia/Melbourne"),
    ("AU", -33.8667, 151.2167, "Australia/Sydney"),
    ("AU", -31.9500, 141.4500, "Australia/Broken_Hill"),
    ("AU", -27.4667, 153.0333, "Australia/Brisbane"),
    ("AU", -20.2667, 149.0000, "Australia/Brisbane"),
    ("AU", -34.9167, 138.5833, "Australia/Adelaide"),
    ("AU", -12.4667, 130.8333, "Australia/Darwin"),
    ("AU", -31.9500, 115.8500, "Australia/Perth"),
    ("AU", -31.7167, 128.8667, "Australia/Eucla"),
    ("AW", 12.5000, -69.9667, "America/Aruba"),
    ("AX", 60.1000, 19.9500, "Europe/Mariehamn"),
    ("AZ", 40.3833, 49.8500, "Asia/Baku"),
    ("BA", 43.8667, 18.4167, "Europe/Sarajevo"),
    ("BB", 13.1000, -59.6167, "America/Barbados"),
    ("BD", 23.7167, 90.4167, "Asia/Dhaka"),
    ("BE", 50.8333, 4.3333, "Europe/Brussels"),
    ("BF", 12.3667, -1.5167, "Africa/Ouagadougou"),
    ("BG", 42.6833, 23.3167, "Europe/Sofia"),
    ("BH", 26.3833, 50.5833, "Asia/Bahrain"),
    ("BI", -3.3833, 29.3667, "Africa/Bujumbura"),
    ("BJ", 6.4833, 2.6167, "Africa/Porto-Novo"),
    ("BL", 17.8833, -62.8500, "America/St_Barthelemy"),
    ("BM", 32.2833, -64.7667, "Atlantic/Bermuda"),
    ("BN", 4.9333, 114.9167, "Asia/Brunei"),
    ("BO", -16.5000, -68.1500, "America/La_Paz"),
    ("BQ", 12.1508, -68.2767, "America/Kralendijk"),
    ("BR", -3.8500, -32.4167, "America/Noronha"),
    ("BR", -1.4500, -48.4833, "America/Sao_Paulo"),
    ("BR", -3.7167, -38.5000, "America/Sao_Paulo"),
    ("BR", -8.0500, -34.9000, "America/Sao_Paulo"),
    ("BR", -7.2000, -48.2000, "America/Sao_Paulo"),
    ("BR", -9.6667, -35.7167, "America/Sao_Paulo"),
    ("BR", -12.9833, -38.5167, "America/Sao_Paulo"),
    ("BR", -23.5333, -46.6167, "America/Sao_Paulo"),
    ("BR", -20.4500, -54.6167, "America/Manaus"),
    ("BR", -15.5833, -56.0833, "America/Manaus"),
    ("BR", -2.4333, -54.8667, "America/Sao_Paulo"),
    ("BR", -8.7667, -63.9000, "America/Manaus"),
    ("BR", 2.8167, -60.6667, "America/Manaus"),
    ("BR", -3.1333, -60.0167, "America/Manaus"),
    ("BR", -6.6667, -69.8667, "America/Rio_Branco"),
    ("BR", -9.9667, -67.8000, "America/Rio_Branco"),
    ("BS", 25.0833, -77.3500, "America/Nassau"),
    ("BT", 27.4667, 89.6500, "Asia/Thimphu"),
    ("BW", -24.6500, 25.9167, "Africa/Gaborone"),
    ("BY", 53.9000, 27.5667, "Europe/Minsk"),
    ("BZ", 17.5000, -88.2000, "America/Belize"),
    ("CA", 47.5667, -52.7167, "America/St_Johns"),
    ("CA", 44.6500, -63.6000, "America/Halifax"),
    ("CA", 46.2000, -59.9500, "America/Halifax"),
    ("CA", 46.1000, -64.7833, "America/Halifax"),
    ("CA", 53.3333, -60.4167, "America/Halifax"),
    ("CA", 51.4167, -57.1167, "America/Blanc-Sablon"),
    ("CA", 43.6500, -79.3833, "America/Toronto"),
    ("CA", 63.7333, -68.4667, "America/Toronto"),
    ("CA", 48.7586, -91.6217, "America/Atikokan"),
    ("CA", 49.8833, -97.1500, "America/Winnipeg"),
    ("CA", 74.6956, -94.8292, "America/Winnipeg"),
    ("CA", 62.8167, -92.0831, "America/Winnipeg"),
    ("CA", 50.4000, -104.6500, "America/Regina"),
    ("CA", 50.2833, -107.8333, "America/Regina"),
    ("CA", 53.5500, -113.4667, "America/Edmonton"),
    ("CA", 69.1139, -105.0528, "America/Edmonton"),
    ("CA", 68.3497, -133.7167, "America/Edmonton"),
    ("CA", 49.1000, -116.5167, "America/Creston"),
    ("CA", 55.7667, -120.2333, "America/Dawson_Creek"),
    ("CA", 58.8000, -122.7000, "America/Dawson_Creek"),
    ("CA", 60.7167, -135.0500, "America/Whitehorse"),
    ("CA", 64.0667, -139.4167, "America/Whitehorse"),
    ("CA", 49.2667, -123.1167, "America/Vancouver"),
    ("CC", -12.1667, 96.9167, "Indian/Cocos"),
    ("CD", -4.3000, 15.3000, "Africa/Kinshasa"),
    ("CD", -11.6667, 27.4667, "Africa/Lubumbashi"),
    ("CF", 4.3667, 18.5833, "Africa/Bangui"),
    ("CG", -4.2667, 15.2833, "Africa/Brazzaville"),
    ("CH", 47.3833, 8.5333, "Europe/Zurich"),
    ("CI", 5.3167, -4.0333, "Africa/Abidjan"),
    ("CK", -21.2333, -159.7667, "Pacific/Rarotonga"),
    ("CL", -33.4500, -70.6667, "America/Santiago"),
    ("CL", -45.5667, -72.0667, "America/Coyhaique"),
    ("CL", -53.1500, -70.9167, "America/Punta_Arenas"),
    ("CL", -27.1500, -109.4333, "Pacific/Easter"),
    ("CM", 4.0500, 9.7000, "Africa/Douala"),
    ("CN", 31.2333, 121.4667, "Asia/Shanghai"),
    ("CN", 43.8000, 87.5833, "Asia/Shanghai"),
    ("CO", 4.6000, -74.0833, "America/Bogota"),
    ("CR", 9.9333, -84.0833, "America/Costa_Rica"),
    ("CU", 23.1333, -82.3667, "America/Havana"),
    ("CV", 14.9167, -23.5167, "Atlantic/Cape_Verde"),
    ("CW", 12.1833, -69.0000, "America/Curacao"),
    ("CX", -10.4167, 105.7167, "Indian/Christmas"),
    ("CY", 35.1667, 33.3667, "Asia/Nicosia"),
    ("CY", 35.1167, 33.9500, "Asia/Nicosia"),
    ("CZ", 50.0833, 14.4333, "Europe/Prague"),
    ("DE", 52.5000, 13.3667, "Europe/Berlin"),
    ("DE", 47.7000, 8.6833, "Europe/Busingen"),
    ("DJ", 11.6000, 43.1500, "Africa/Djibouti"),
    ("DK", 55.6667, 12.5833, "Europe/Copenhagen"),
    ("DM", 15.3000, -61.4000, "America/Dominica"),
    ("DO", 18.4667, -69.9000, "America/Santo_Domingo"),
    ("DZ", 36.7833, 3.0500, "Africa/Algiers"),
    ("EC", -2.1667, -79.8333, "America/Guayaquil"),
    ("EC", -0.9000, -89.6000, "Pacific/Galapagos"),
    ("EE", 59.4167, 24.7500, "Europe/Tallinn"),
    ("EG", 30.0500, 31.2500, "Africa/Cairo"),
    ("EH", 27.1500, -13.2000, "Africa/El_Aaiun"),
    ("ER", 15.3333, 38.8833, "Africa/Asmara"),
    ("ES", 40.4000, -3.6833, "Europe/Madrid"),
    ("ES", 35.8833, -5.3167, "Africa/Ceuta"),
    ("ES", 28.1000, -15.4000, "Atlantic/Canary"),
    ("ET", 9.0333, 38.7000, "Africa/Addis_Ababa"),
    ("FI", 60.1667, 24.9667, "Europe/Helsinki"),
    ("FJ", -18.1333, 178.4167, "Pacific/Fiji"),
    ("FK", -51.7000, -57.8500, "Atlantic/Stanley"),
    ("FM", 7.4167, 151.7833, "Pacific/Chuuk"),
    ("FM", 6.9667, 158.2167, "Pacific/Pohnpei"),
    ("FM", 5.3167, 162.9833, "Pacific/Kosrae"),
    ("FO", 62.0167, -6.7667, "Atlantic/Faroe"),
    ("FR", 48.8667, 2.3333, "Europe/Paris"),
    ("GA", 0.3833, 9.4500, "Africa/Libreville"),
    ("GB", 51.5083, -0.1253, "Europe/London"),
    ("GD", 12.0500, -61.7500, "America/Grenada"),
    ("GE", 41.7167, 44.8167, "Asia/Tbilisi"),
    ("GF", 4.9333, -52.3333, "America/Cayenne"),
    ("GG", 49.4547, -2.5361, "Europe/Guernsey"),
    ("GH", 5.5500, -0.2167, "Africa/Accra"),
    ("GI", 36.1333, -5.3500, "Europe/Gibraltar"),
    ("GL", 64.1833, -51.7333, "America/Nuuk"),
    ("GL", 76.7667, -18.6667, "America/Danmarkshavn"),
    ("GL", 70.4833, -21.9667, "America/Scoresbysund"),
    ("GL", 76.5667, -68.7833, "America/Thule"),
    ("GM", 13.4667, -16.6500, "Africa/Banjul"),
    ("GN", 9.5167, -13.7167, "Africa/Conakry"),
    ("GP", 16.2333, -61.5333, "America/Guadeloupe"),
    ("GQ", 3.7500, 8.7833, "Africa/Malabo"),
    ("GR", 37.9667, 23.7167, "Europe/Athens"),
    ("GS", -54.2667, -36.5333, "Atlantic/South_Georgia"),
    ("GT", 14.6333, -90.5167, "America/Guatemala"),
    ("GU", 13.4667, 144.7500, "Pacific/Guam"),
    ("GW", 11.8500, -15.5833, "Africa/Bissau"),
    ("GY", 6.8000, -58.1667, "America/Guyana"),
    ("HK", 22.2833, 114.1500, "Asia/Hong_Kong"),
    ("HN", 14.1000, -87.2167, "America/Tegucigalpa"),
    ("HR", 45.8000, 15.9667, "Europe/Zagreb"),
    ("HT", 18.5333, -72.3333, "America/Port-au-Prince"),
    ("HU", 47.5000, 19.0833, "Europe/Budapest"),
    ("ID", -6.1667, 106.8000, "Asia/Jakarta"),
    ("ID", -0.0333, 109.3333, "Asia/Pontianak"),
    ("ID", -5.1167, 119.4000, "Asia/Makassar"),
    ("ID", -2.5333, 140.7000, "Asia/Jayapura"),
    ("IE", 53.3333, -6.2500, "Europe/Dublin"),
    ("IL", 31.7806, 35.2239, "Asia/Jerusalem"),
    ("IM", 54.1500, -4.4667, "Europe/Isle_of_Man"),
    ("IN", 22.5333, 88.3667, "Asia/Kolkata"),
    ("IO", -7.3333, 72.4167, "Indian/Chagos"),
    ("IQ", 33.3500, 44.4167, "Asia/Baghdad"),
    ("IR", 35.6667, 51.4333, "Asia/Tehran"),
    ("IS", 64.1500, -21.8500, "Atlantic/Reykjavik"),
    ("IT", 41.9000, 12.4833, "Europe/Rome"),
    ("JE", 49.1836, -2.1067, "Europe/Jersey"),
    ("JM", 17.9681, -76.7933, "America/Jamaica"),
    ("JO", 31.9500, 35.9333, "Asia/Amman"),
    ("JP", 35.6544, 139.7447, "Asia/Tokyo"),
    ("KE", -1.2833, 36.8167, "Africa/Nairobi"),
    ("KG", 42.9000, 74.6000, "Asia/Bishkek"),
    ("KH", 11.5500, 104.9167, "Asia/Phnom_Penh"),
    ("KI", 1.4167, 173.0000, "Pacific/Tarawa"),
    ("KI", -2.7833, -171.7167, "Pacific/Kanton"),
    ("KI", 1.8667, -157.3333, "Pacific/Kiritimati"),
    ("KM", -11.6833, 43.2667, "Indian/Comoro"),
    ("KN", 17.3000, -62.7167, "America/St_Kitts"),
    ("KP", 39.0167, 125.7500, "Asia/Pyongyang"),
    ("KR", 37.5500, 126.9667, "Asia/Seoul"),
    ("KW", 29.3333, 47.9833, "Asia/Kuwait"),
    ("KY", 19.3000, -81.3833, "America/Cayman"),
    ("KZ", 43.2500, 76.9500, "Asia/Almaty"),
    ("KZ", 44.8000, 65.4667, "Asia/Almaty"),
    ("KZ", 53.2000, 63.6167, "Asia/Almaty"),
    ("KZ", 50.2833, 57.1667, "Asia/Almaty"),
    ("KZ", 44.5167, 50.2667, "Asia/Almaty"),
    ("KZ", 47.1167, 51.9333, "Asia/Almaty"),
    ("KZ", 51.2167, 51.3500, "Asia/Almaty"),
    ("LA", 17.9667, 102.6000, "Asia/Vientiane"),
    ("LB", 33.8833, 35.5000, "Asia/Beirut"),
    ("LC", 14.0167, -61.0000, "America/St_Lucia"),
    ("LI", 47.1500, 9.5167, "Europe/Vaduz"),
    ("LK", 6.9333, 79.8500, "Asia/Colombo"),
    ("LR", 6.3000, -10.7833, "Africa/Monrovia"),
    ("LS", -29.4667, 27.5000, "Africa/Maseru"),
    ("LT", 54.6833, 25.3167, "Europe/Vilnius"),
    ("LU", 49.6000, 6.1500, "Europe/Luxembourg"),
    ("LV", 56.9500, 24.1000, "Europe/Riga"),
    ("LY", 32.9000, 13.1833, "Africa/Tripoli"),
    ("MA", 33.6500, -7.5833, "Africa/Casablanca"),
    ("MC", 43.7000, 7.3833, "Europe/Monaco"),
    ("MD", 47.0000, 28.8333, "Europe/Chisinau"),
    ("ME", 42.4333, 19.2667, "Europe/Podgorica"),
    ("MF", 18.0667, -63.0833, "America/Marigot"),
    ("MG", -18.9167, 47.5167, "Indian/Antananarivo"),
    ("MH", 7.1500, 171.2000, "Pacific/Majuro"),
    ("MH", 9.0833, 167.3333, "Pacific/Kwajalein"),
    ("MK", 41.9833, 21.4333, "Europe/Skopje"),
    ("ML", 12.6500, -8.0000, "Africa/Bamako"),
    ("MM", 16.7833, 96.1667, "Asia/Yangon"),
    ("MN", 47.9167, 106.8833, "Asia/Ulaanbaatar"),
    ("MN", 48.0167, 91.6500, "Asia/Hovd"),
    ("MO", 22.1972, 113.5417, "Asia/Macau"),
    ("MP", 15.2000, 145.7500, "Pacific/Saipan"),
    ("MQ", 14.6000, -61.0833, "America/Martinique"),
    ("MR", 18.1000, -15.9500, "Africa/Nouakchott"),
    ("MS", 16.7167, -62.2167, "America/Montserrat"),
    ("MT", 35.9000, 14.5167, "Europe/Malta"),
    ("MU", -20.1667, 57.5000, "Indian/Mauritius"),
    ("MV", 4.1667, 73.5000, "Indian/Maldives"),
    ("MW", -15.7833, 35.0000, "Africa/Blantyre"),
    ("MX", 19.4000, -99.1500, "America/Mexico_City"),
    ("MX", 21.0833, -86.7667, "America/Cancun"),
    ("MX", 20.9667, -89.6167, "America/Mexico_City"),
    ("MX", 25.6667, -100.3167, "America/Mexico_City"),
    ("MX", 25.8333, -97.5000, "America/Matamoros"),
    ("MX", 28.6333, -106.0833, "America/Mexico_City"),
    ("MX", 31.7333, -106.4833, "America/Ciudad_Juarez"),
    ("MX", 29.5667, -104.4167, "America/Ojinaga"),
    ("MX", 23.2167, -106.4167, "America/Mazatlan"),
    ("MX", 20.8000, -105.2500, "America/Bahia_Banderas"),
    ("MX", 29.0667, -110.9667, "America/Hermosillo"),
    ("MX", 32.5333, -117.0167, "America/Tijuana"),
    ("MY", 3.1667, 101.7000, "Asia/Kuala_Lumpur"),
    ("MY", 1.5500, 110.3333, "Asia/Kuching"),
    ("MZ", -25.9667, 32.5833, "Africa/Maputo"),
    ("NA", -22.5667, 17.1000, "Africa/Windhoek"),
    ("NC", -22.2667, 166.4500, "Pacific/Noumea"),
    ("NE", 13.5167, 2.1167, "Africa/Niamey"),
    ("NF", -29.0500, 167.9667, "Pacific/Norfolk"),
    ("NG", 6.4500, 3.4000, "Africa/Lagos"),
    ("NI", 12.1500, -86.2833, "America/Managua"),
    ("NL", 52.3667, 4.9000, "Europe/Amsterdam"),
    ("NO", 59.9167, 10.7500, "Europe/Oslo"),
    ("NP", 27.7167, 85.3167, "Asia/Kathmandu"),
    ("NR", -0.5167, 166.9167, "Pacific/Nauru"),
    ("NU", -19.0167, -169.9167, "Pacific/Niue"),
    ("NZ", -36.8667, 174.7667, "Pacific/Auckland"),
    ("NZ", -43.9500, -176.5500, "Pacific/Chatham"),
    ("OM", 23.6000, 58.5833, "Asia/Muscat"),
    ("PA", 8.9667, -79.5333, "America/Panama"),
    ("PE", -12.0500, -77.0500, "America/Lima"),
    ("PF", -17.5333, -149.5667, "Pacific/Tahiti"),
    ("PF", -9.0000, -139.5000, "Pacific/Marquesas"),
    ("PF", -23.1333, -134.9500, "Pacific/Gambier"),
    ("PG", -9.5000, 147.1667, "Pacific/Port_Moresby"),
    ("PG", -6.2167, 155.5667, "Pacific/Bougainville"),
    ("PH", 14.5867, 120.9678, "Asia/Manila"),
    ("PK", 24.8667, 67.0500, "Asia/Karachi"),
    ("PL", 52.2500, 21.0000, "Europe/Warsaw"),
    ("PM", 47.0500, -56.3333, "America/Miquelon"),
    ("PN", -25.0667, -130.0833, "Pacific/Pitcairn"),
    ("PR", 18.4683, -66.1061, "America/Puerto_Rico"),
    ("PS", 31.5000, 34.4667, "Asia/Gaza"),
    ("PS", 31.5333, 35.0950, "Asia/Hebron"),
    ("PT", 38.7167, -9.1333, "Europe/Lisbon"),
    ("PT", 32.6333, -16.9000, "Atlantic/Madeira"),
    ("PT", 37.7333, -25.6667, "Atlantic/Azores"),
    ("PW", 7.3333, 134.4833, "Pacific/Palau"),
    ("PY", -25.2667, -57.6667, "America/Asuncion"),
    ("QA", 25.2833, 51.5333, "Asia/Qatar"),
    ("RE", -20.8667, 55.4667, "Indian/Reunion"),
    ("RO", 44.4333, 26.1000, "Europe/Bucharest"),
    ("RS", 44.8333, 20.5000, "Europe/Belgrade"),
    ("RU", 54.7167, 20.5000, "Europe/Kaliningrad"),
    ("RU", 55.7558, 37.6178, "Europe/Moscow"),
    ("UA", 44.9500, 34.1000, "Europe/Simferopol"),
    ("RU", 58.6000, 49.6500, "Europe/Moscow"),
    ("RU", 48.7333, 44.4167, "Europe/Moscow"),
    ("RU", 46.3500, 48.0500, "Europe/Astrakhan"),
    ("RU", 51.5667, 46.0333, "Europe/Samara"),
    ("RU", 54.3333, 48.4000, "Europe/Samara"),
    ("RU", 53.2000, 50.1500, "Europe/Samara"),
    ("RU", 56.8500, 60.6000, "Asia/Yekaterinburg"),
    ("RU", 55.0000, 73.4000, "Asia/Omsk"),
    ("RU", 55.0333, 82.9167, "Asia/Novosibirsk"),
    ("RU", 53.3667, 83.7500, "Asia/Novosibirsk"),
    ("RU", 56.5000, 84.9667, "Asia/Novosibirsk"),
    ("RU", 53.7500, 87.1167, "Asia/Novosibirsk"),
    ("RU", 56.0167, 92.8333, "Asia/Novosibirsk"),
    ("RU", 52.2667, 104.3333, "Asia/Irkutsk"),
    ("RU", 52.0500, 113.4667, "Asia/Yakutsk"),
    ("RU", 62.0000, 129.6667, "Asia/Yakutsk"),
    ("RU", 62.6564, 135.5539, "Asia/Yakutsk"),
    ("RU", 43.1667, 131.9333, "Asia/Vladivostok"),
    ("RU", 64.5603, 143.2267, "Asia/Vladivostok"),
    ("RU", 59.5667, 150.8000, "Asia/Magadan"),
    ("RU", 46.9667, 142.7000, "Asia/Sakhalin"),
    ("RU", 67.4667, 153.7167, "Asia/Magadan"),
    ("RU", 53.0167, 158.6500, "Asia/Kamchatka"),
    ("RU", 64.7500, 177.4833, "Asia/Kamchatka"),
    ("RW", -1.9500, 30.0667, "Africa/Kigali"),
    ("SA", 24.6333, 46.7167, "Asia/Riyadh"),
    ("SB", -9.5333, 160.2000, "Pacific/Guadalcanal"),
    ("SC", -4.6667, 55.4667, "Indian/Mahe"),
    ("SD", 15.6000, 32.5333, "Africa/Khartoum"),
    ("SE", 59.3333, 18.0500, "Europe/Stockholm"),
    ("SG", 1.2833, 103.8500, "Asia/Singapore"),
    ("SH", -15.9167, -5.7000, "Atlantic/St_Helena"),
    ("SI", 46.0500, 14.5167, "Europe/Ljubljana"),
    ("SJ", 78.0000, 16.0000, "Arctic/Longyearbyen"),
    ("SK", 48.1500, 17.1167, "Europe/Bratislava"),
    ("SL", 8.5000, -13.2500, "Africa/Freetown"),
    ("SM", 43.9167, 12.4667, "Europe/San_Marino"),
    ("SN", 14.6667, -17.4333, "Africa/Dakar"),
    ("SO", 2.0667, 45.3667, "Africa/Mogadishu"),
    ("SR", 5.8333, -55.1667, "America/Paramaribo"),
    ("SS", 4.8500, 31.6167, "Africa/Juba"),
    ("ST", 0.3333, 6.7333, "Africa/Sao_Tome"),
    ("SV", 13.7000, -89.2000, "America/El_Salvador"),
    ("SX", 18.0514, -63.0472, "America/Lower_Princes"),
    ("SY", 33.5000, 36.3000, "Asia/Damascus"),
    ("SZ", -26.3000, 31.1000, "Africa/Mbabane"),
    ("TC", 21.4667, -71.1333, "America/Grand_Turk"),
    ("TD", 12.1167, 15.0500, "Africa/Ndjamena"),
    ("TF", -49.3528, 70.2175, "Indian/Kerguelen"),
    ("TG", 6.1333, 1.2167, "Africa/Lome"),
    ("TH", 13.7500, 100.5167, "Asia/Bangkok"),
    ("TJ", 38.5833, 68.8000, "Asia/Dushanbe"),
    ("TK", -9.3667, -171.2333, "Pacific/Fakaofo"),
    ("TL", -8.5500, 125.5833, "Asia/Dili"),
    ("TM", 37.9500, 58.3833, "Asia/Ashgabat"),
    ("TN", 36.8000, 10.1833, "Africa/Tunis"),
    ("TO", -21.1333, -175.2000, "Pacific/Tongatapu"),
    ("TR", 41.0167, 28.9667, "Europe/Istanbul"),
    ("TT", 10.6500, -61.5167, "America/Port_of_Spain"),
    ("TV", -8.5167, 179.2167, "Pacific/Funafuti"),
    ("TW", 25.0500, 121.5000, "Asia/Taipei"),
    ("TZ", -6.8000, 39.2833, "Africa/Dar_es_Salaam"),
    ("UA", 50.4333, 30.5167, "Europe/Kyiv"),
    ("UG", 0.3167, 32.4167, "Africa/Kampala"),
    ("UM", 28.2167, -177.3667, "Pacific/Midway"),
    ("UM", 19.2833, 166.6167, "Pacific/Wake"),
    ("US", 40.7142, -74.0064, "America/New_York"),
    ("US", 42.3314, -83.0458, "America/New_York"),
    ("US", 38.2542, -85.7594, "America/New_York"),
    ("US", 36.8297, -84.8492, "America/New_York"),
    ("US", 39.7683, -86.1581, "America/New_York"),
    ("US", 38.6772, -87.5286, "America/New_York"),
    ("US", 41.0514, -86.6031, "America/New_York"),
    ("US", 38.3756, -86.3447, "America/New_York"),
    ("US", 38.4919, -87.2786, "America/New_York"),
    ("US", 38.7478, -85.0672, "America/New_York"),
    ("US", 41.8500, -87.6500, "America/Chicago"),
    ("US", 37.9531, -86.7614, "America/Chicago"),
    ("US", 41.2958, -86.6250, "America/Chicago"),
    ("US", 45.1078, -87.6142, "America/Chicago"),
    ("US", 47.1164, -101.2992, "America/Chicago"),
    ("US", 46.8450, -101.4108, "America/Chicago"),
    ("US", 47.2642, -101.7778, "America/Chicago"),
    ("US", 39.7392, -104.9842, "America/Denver"),
    ("US", 43.6136, -116.2025, "America/Denver"),
    ("US", 33.4483, -112.0733, "America/Phoenix"),
    ("US", 34.0522, -118.2428, "America/Los_Angeles"),
    ("US", 61.2181, -149.9003, "America/Anchorage"),
    ("US", 58.3019, -134.4197, "America/Anchorage"),
    ("US", 57.1764, -135.3019, "America/Anchorage"),
    ("US", 55.1269, -131.5764, "America/Anchorage"),
    ("US", 59.5469, -139.7272, "America/Anchorage"),
    ("US", 64.5011, -165.4064, "America/Anchorage"),
    ("US", 51.8800, -176.6581, "America/Adak"),
    ("US", 21.3069, -157.8583, "Pacific/Honolulu"),
    ("UY", -34.9092, -56.2125, "America/Montevideo"),
    ("UZ", 39.6667, 66.8000, "Asia/Tashkent"),
    ("UZ", 41.3333, 69.3000, "Asia/Tashkent"),
    ("VA", 41.9022, 12.4531, "Europe/Vatican"),
    ("VC", 13.1500, -61.2333, "America/St_Vincent"),
    ("VE", 10.5000, -66.9333, "America/Caracas"),
    ("VG", 18.4500, -64.6167, "America/Tortola"),
    ("VI", 18.3500, -64.9333, "America/St_Thomas"),
    ("VN", 10.7500, 106.6667, "Asia/Ho_Chi_Minh"),
    ("VU", -17.6667, 168.4167, "Pacific/Efate"),
    ("WF", -13.3000, -176.1667, "Pacific/Wallis"),
    ("WS", -13.8333, -171.7333, "Pacific/Apia"),
    ("YE", 12.7500, 45.2000, "Asia/Aden"),
    ("YT", -12.7833, 45.2333, "Indian/Mayotte"),
    ("ZA", -26.2500, 28.0000, "Africa/Johannesburg"),
    ("ZM", -15.4167, 28.2833, "Africa/Lusaka"),
    ("ZW", -17.8333, 31.0500, "Africa/Harare"),
];
