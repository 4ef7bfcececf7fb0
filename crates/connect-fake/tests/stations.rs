#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::unreadable_literal
)]
//! The bundled stations: the register, the example station, the virtual charging points.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use connect_domain::geo::{Tile, TileFeature, distance_m};
use connect_domain::station::{
    ConnectorStandard, EvseStatus, PowerType, Speed, Station, StationFilter, StationStatus,
};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use connect_domain::zone::Coordinates;
use connect_fake::sandbox::{EvseDirectory, Progress};
use connect_fake::stations::{
    REGISTER_DEVICES, StationDirectory, VIRTUAL_CHARGE_POINTS, VirtualChargePoint,
    WORMS_STATION_ID, bundled_stations, register_stations, virtual_charge_point,
};

const SEED: u64 = 7;
const WORMS: Coordinates = Coordinates {
    latitude: 49.630_383,
    longitude: 8.368_902,
};

/// Built once: every test reads the same directory.
fn directory() -> &'static StationDirectory {
    static DIRECTORY: OnceLock<StationDirectory> = OnceLock::new();
    DIRECTORY.get_or_init(|| StationDirectory::bundled(SEED).unwrap())
}

fn stations() -> &'static [Station] {
    directory().stations()
}

fn now() -> DateTime<Utc> {
    "2026-04-02T13:51:18Z".parse().unwrap()
}

#[test]
fn the_register_loads_all_9690_devices_and_the_special_stations() {
    let stations = stations();
    assert_eq!(REGISTER_DEVICES, 9_690);
    assert_eq!(stations.len(), 9_690 + 1 + 8);
    let register = &stations[..REGISTER_DEVICES];
    assert!(register.iter().all(|s| s.country == "DE"));
    assert!(register.iter().all(|s| s.id.as_str().starts_with("DE*")));
    assert_eq!(stations[REGISTER_DEVICES].id.as_str(), WORMS_STATION_ID);
    // The first device of the register.
    let first = &stations[0];
    assert_eq!(first.id.as_str(), "DE*MVV*E1");
    assert_eq!(first.operator.name, "MVV Energie AG");
    assert_eq!(first.address, "Luisenring 49, 68159 Mannheim");
    assert_eq!(first.evses.len(), 2);
    assert_eq!(first.evses[0].evse_id.as_str(), "DE*MVV*E1*1");
    let standards: Vec<&ConnectorStandard> = first.evses[1]
        .connectors
        .iter()
        .map(|c| &c.standard)
        .collect();
    assert_eq!(standards, [&ConnectorStandard::DomesticF]);
    assert_eq!(first.evses[1].connectors[0].power_kw, Some(2.0));
    // Every charge point of the register: 8,091 devices have 2, 1,147 one, 344 four, 108
    // three.
    let evses: usize = register.iter().map(|s| s.evses.len()).sum();
    assert_eq!(evses, 8_091 * 2 + 1_147 + 344 * 4 + 108 * 3);
}

#[test]
fn station_and_evse_ids_are_unique_across_the_dataset() {
    let stations = stations();
    let ids: HashSet<&str> = stations.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), stations.len());
    let evse_ids: Vec<&str> = stations
        .iter()
        .flat_map(|s| s.evses.iter().map(|e| e.evse_id.as_str()))
        .collect();
    let unique: HashSet<&str> = evse_ids.iter().copied().collect();
    assert_eq!(unique.len(), evse_ids.len());
    // eMI3 style: DE*<three letters>*E<device>*<n>.
    for station in &stations[..REGISTER_DEVICES] {
        for (k, evse) in station.evses.iter().enumerate() {
            let parts: Vec<&str> = evse.evse_id.as_str().split('*').collect();
            assert_eq!(parts.len(), 4, "{}", evse.evse_id);
            assert_eq!(parts[0], "DE");
            assert!(parts[1].len() == 3 && parts[1].bytes().all(|b| b.is_ascii_uppercase()));
            assert!(parts[2].starts_with('E') && parts[2][1..].parse::<usize>().is_ok());
            assert_eq!(parts[3], (k + 1).to_string());
        }
    }
}

#[test]
fn every_price_group_parses_without_warnings_and_every_evse_has_one() {
    let mut groups = 0;
    let (mut fallback, mut starting_fee, mut blocking, mut night) = (0, 0, 0, 0);
    for station in stations() {
        assert!(!station.price_groups.is_empty(), "{}", station.id);
        for group in &station.price_groups {
            let parsed = PriceGroup::from_value(&group.to_value()).unwrap();
            assert!(
                parsed.warnings.is_empty(),
                "{}: {:?}",
                station.id,
                parsed.warnings
            );
            assert_eq!(&parsed.value, group);
            groups += 1;
            fallback += usize::from(group.is_fallback());
            let tariff = group.tariff();
            starting_fee += usize::from(tariff.component(ComponentKind::StartingFee).is_some());
            blocking += usize::from(tariff.component(ComponentKind::Blocking).is_some());
            night += usize::from(
                tariff
                    .component(ComponentKind::Energy)
                    .is_some_and(|c| c.all_bands().count() == 2),
            );
        }
        for evse in &station.evses {
            let group = station.price_group_for(evse.evse_id.as_str()).unwrap();
            let dc = evse.is_dc();
            assert_eq!(group.kind(), Some(if dc { "DC" } else { "AC" }));
            assert_eq!(
                group
                    .tariff()
                    .component(ComponentKind::StartingFee)
                    .is_some(),
                !station.is_partner,
                "Cariqa's starting fee at non-partners only"
            );
        }
    }
    assert!(groups > 9_699);
    assert!(
        fallback > 100 && fallback < groups / 10,
        "{fallback} of {groups}"
    );
    assert!(starting_fee > groups / 2, "{starting_fee}");
    assert!(blocking > 500 && night > 500, "{blocking} {night}");
}

#[test]
fn the_same_seed_gives_the_same_stations_and_another_seed_other_choices() {
    let again = bundled_stations(SEED).unwrap();
    assert_eq!(again.as_slice(), stations());
    let other = register_stations(SEED + 1).unwrap();
    let statuses = |stations: &[Station]| -> Vec<EvseStatus> {
        stations
            .iter()
            .flat_map(|s| s.evses.iter().map(|e| e.status.clone()))
            .collect()
    };
    let (a, b) = (statuses(&stations()[..REGISTER_DEVICES]), statuses(&other));
    assert_eq!(a.len(), b.len());
    let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    assert!(differ > a.len() / 10, "{differ}");
    // What the register says does not depend on the seed.
    for (x, y) in stations().iter().zip(&other) {
        assert_eq!(
            (&x.id, &x.address, x.coordinates),
            (&y.id, &y.address, y.coordinates)
        );
    }
}

#[test]
fn statuses_opening_times_amenities_and_partners_look_realistic() {
    let register = &stations()[..REGISTER_DEVICES];
    let evses: Vec<&EvseStatus> = register
        .iter()
        .flat_map(|s| s.evses.iter().map(|e| &e.status))
        .collect();
    let share = |status: EvseStatus| {
        #[allow(clippy::cast_precision_loss)]
        let share = evses.iter().filter(|s| ***s == status).count() as f64 / evses.len() as f64;
        share
    };
    assert!((0.77..0.83).contains(&share(EvseStatus::Available)));
    assert!((0.10..0.14).contains(&share(EvseStatus::Charging)));
    assert!(share(EvseStatus::OutOfOrder) > 0.02 && share(EvseStatus::StatusUnknown) > 0.01);
    let always = register
        .iter()
        .filter(|s| s.opening_times.twentyfourseven)
        .count();
    assert!(always > register.len() * 8 / 10 && always < register.len());
    let with_amenities = register.iter().filter(|s| !s.amenities.is_empty()).count();
    assert!(
        with_amenities > 1_000 && with_amenities < 6_000,
        "{with_amenities}"
    );
    let partners = directory().partners();
    assert!(
        partners.len() > 100 && partners.len() < 400,
        "{}",
        partners.len()
    );
    assert!(partners.windows(2).all(|w| w[0].name < w[1].name));
    assert!(partners.iter().any(|p| p.name == "EVA Charge"));
    let statuses: HashSet<String> = register
        .iter()
        .map(|s| s.status().as_str().to_owned())
        .collect();
    assert!(statuses.contains(StationStatus::Free.as_str()));
    assert!(statuses.contains(StationStatus::Busy.as_str()));
    let speeds: HashSet<Option<Speed>> = register.iter().map(Station::speed).collect();
    assert_eq!(speeds.len(), 3, "{speeds:?}");
}

#[test]
fn the_registers_quirks_are_kept() {
    let register = &stations()[..REGISTER_DEVICES];
    // A plug cell `0`: an unknown standard with the register's text.
    let unknown: Vec<&ConnectorStandard> = register
        .iter()
        .flat_map(|s| s.evses.iter().flat_map(|e| e.connectors.iter()))
        .map(|c| &c.standard)
        .filter(|s| !s.is_known())
        .collect();
    assert_eq!(unknown, [&ConnectorStandard::Unknown("0".into()); 2]);
    // `Steckdose Typ 1`: a type 1 socket.
    assert!(register.iter().any(|s| {
        s.evses.iter().any(|e| {
            e.connectors
                .iter()
                .any(|c| c.standard == ConnectorStandard::Iec62196T1)
        })
    }));
    // 31 devices at one spot.
    let spot = Coordinates {
        latitude: 52.584_23,
        longitude: 9.287_28,
    };
    let here = register.iter().filter(|s| s.coordinates == spot).count();
    assert_eq!(here, 31);
    // A Schuko socket never claims more than 3.7 kW, whatever its charge point's power.
    for connector in register
        .iter()
        .flat_map(|s| s.evses.iter().flat_map(|e| e.connectors.iter()))
    {
        if connector.standard == ConnectorStandard::DomesticF {
            assert!(connector.power_kw.unwrap() <= 3.7);
            assert_eq!(connector.power_type, Some(PowerType::Ac1Phase));
        }
    }
}

#[test]
fn around_worms_finds_the_worms_station_first() {
    let found = directory()
        .around(WORMS, 5_000.0, &StationFilter::default(), now())
        .unwrap();
    assert_eq!(found[0].0.id.as_str(), WORMS_STATION_ID);
    assert_eq!(found[0].1, 0.0);
    assert!(found.len() > 1);
    assert!(found.windows(2).all(|w| w[0].1 <= w[1].1));
    for (station, distance) in &found {
        assert!((distance_m(WORMS, station.coordinates) - distance).abs() < 1e-3);
        assert!(*distance <= 5_000.0);
    }
    // The same with the API's filters: CCS only, partners only.
    let fast = StationFilter {
        connector_standards: vec![ConnectorStandard::Iec62196T2Combo],
        ..StationFilter::default()
    };
    let ccs = directory().around(WORMS, 50_000.0, &fast, now()).unwrap();
    assert!(!ccs.is_empty());
    assert!(ccs.iter().all(|(s, _)| fast.matches(s, now())));
    assert!(ccs.iter().all(|(s, _)| s.id.as_str() != WORMS_STATION_ID));
}

#[test]
fn the_worms_station_is_the_documented_one() {
    let (station, evse) = directory()
        .station_by_evse("DE*CIQ*EELDF6XWZU41P*2")
        .unwrap();
    assert_eq!(station.name, "EVA Charge");
    assert_eq!(station.address, "Ludwigstraße, 9, 67547, Worms");
    assert_eq!(station.operator.phone.as_deref(), Some("+4971134214480"));
    assert!(station.is_partner);
    assert_eq!(station.speed(), Some(Speed::Slow));
    assert_eq!(evse.connectors[0].standard, ConnectorStandard::Iec62196T2);
    assert!(
        directory()
            .station_by_evse("DE*CIQ*EELDF6XWZU41P*1")
            .is_some()
    );
    let shown = station.displayed_price(now()).unwrap();
    assert_eq!(shown.price.to_string(), "0.54");
    let group = station.price_group_for("DE*CIQ*EELDF6XWZU41P*2").unwrap();
    let band = group
        .tariff()
        .component(ComponentKind::Energy)
        .unwrap()
        .all_bands()
        .next()
        .unwrap();
    assert_eq!(band.net_price().to_string(), "0.4529");
}

#[test]
fn the_eight_virtual_charging_points_are_stations_flagged_by_kind() {
    for (evse_id, kind) in VIRTUAL_CHARGE_POINTS {
        let (station, evse) = directory().station_by_evse(evse_id).unwrap();
        assert_eq!(evse.status, EvseStatus::Available);
        assert_eq!(virtual_charge_point(evse_id), Some(kind));
        assert!(station.id.as_str().starts_with("DEV-VCP-"));
        let facts = directory().evse(evse_id).unwrap();
        let expected = match kind {
            VirtualChargePoint::Shared => Progress::Silent,
            VirtualChargePoint::Progress => Progress::Stepped,
            other => panic!("{other:?}"),
        };
        assert_eq!(facts.progress, expected);
    }
    let shared = VIRTUAL_CHARGE_POINTS
        .iter()
        .filter(|(_, kind)| *kind == VirtualChargePoint::Shared)
        .count();
    assert_eq!(shared, 4);
    assert_eq!(
        directory().evse("DE*MVV*E1*1").unwrap().progress,
        Progress::Steady
    );
}

#[test]
fn the_sandbox_sees_an_evse_as_its_station_shows_it() {
    let facts = directory().evse("DE*CIQ*EELDF6XWZU41P*2").unwrap();
    assert_eq!(facts.station.station_name.as_deref(), Some("EVA Charge"));
    assert_eq!(facts.station.station_speed.as_deref(), Some("slow"));
    assert_eq!(
        facts.station.connector_standard.as_deref(),
        Some("IEC_62196_T2")
    );
    assert_eq!(facts.station.connector_power, Some(22.0));
    assert_eq!(facts.station.latitude.as_deref(), Some("49.630383"));
    assert_eq!(facts.power_kw.to_string(), "22");
    assert_eq!(facts.zone, chrono_tz::Europe::Berlin);
    assert!(facts.is_partner);
    assert!(directory().evse("DE*NOPE*E1*1").is_none());
}

#[test]
fn tile_features_add_up_to_the_stations_in_the_tile() {
    let directory = directory();
    let filter = StationFilter {
        only_available: true,
        ..StationFilter::default()
    };
    for z in [5_u32, 8, 11, 14, 17] {
        let tile = Tile::containing(WORMS, z).unwrap();
        for filter in [&StationFilter::default(), &filter] {
            let features = directory
                .tile(z, tile.x(), tile.y(), filter, now())
                .unwrap();
            let expected = directory
                .stations()
                .iter()
                .filter(|s| filter.matches(s, now()))
                .filter(|s| Tile::containing(s.coordinates, z).unwrap() == tile)
                .count();
            let total: usize = features.iter().map(TileFeature::count).sum();
            assert_eq!(total, expected, "zoom {z}");
            for feature in &features {
                if let TileFeature::Cluster(cluster) = feature {
                    let members = directory.cluster_members(cluster.id, filter, now());
                    assert_eq!(members.len(), cluster.count);
                }
            }
        }
    }
}

#[test]
fn filters_select_what_they_say() {
    let directory = directory();
    let partners = StationFilter {
        only_partners: true,
        power_groups: vec![Speed::Fast, Speed::Turbo],
        ..StationFilter::default()
    };
    let found = directory
        .around(WORMS, 200_000.0, &partners, now())
        .unwrap();
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|(s, _)| s.is_partner && matches!(s.speed(), Some(Speed::Fast | Speed::Turbo)))
    );
    let cheap = StationFilter {
        max_price: Some("0.50".parse().unwrap()),
        ..StationFilter::default()
    };
    let found = directory.around(WORMS, 100_000.0, &cheap, now()).unwrap();
    assert!(!found.is_empty());
    for (station, _) in found {
        assert!(station.displayed_price(now()).unwrap().price <= "0.50".parse().unwrap());
    }
}

#[test]
fn setting_an_evse_status_changes_the_station_status() {
    let mut directory = StationDirectory::bundled(SEED).unwrap();
    let evse = "DE*CIQ*EELDF6XWZU41P*1";
    assert_eq!(
        directory.set_evse_status(evse, EvseStatus::Charging),
        Some(EvseStatus::Available)
    );
    directory.set_evse_status("DE*CIQ*EELDF6XWZU41P*2", EvseStatus::OutOfOrder);
    assert_eq!(
        directory.station(WORMS_STATION_ID).unwrap().status(),
        StationStatus::Busy
    );
    assert_eq!(
        directory.set_evse_status("nope", EvseStatus::Charging),
        None
    );
}
