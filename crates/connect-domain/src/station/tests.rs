#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::unreadable_literal
)]

use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;

use super::*;
use crate::zone::{ZoneError, zone_for_country};

fn connector(standard: ConnectorStandard, power_kw: f64) -> Connector {
    let dc = matches!(
        standard,
        ConnectorStandard::Iec62196T2Combo | ConnectorStandard::Chademo
    );
    Connector {
        standard,
        format: Some(ConnectorFormat::Cable),
        power_type: Some(if dc {
            PowerType::Dc
        } else {
            PowerType::Ac3Phase
        }),
        power_kw: Some(power_kw),
    }
}

fn evse(id: &str, status: EvseStatus, connectors: Vec<Connector>) -> Evse {
    Evse {
        evse_id: EvseId::new(id),
        status,
        connectors,
    }
}

fn group(
    evse_ids: &[&str],
    kwh_net: &str,
    kwh_shown: &str,
    time: Option<(&str, &str)>,
) -> PriceGroup {
    let band = |net: &str, shown: &str| {
        serde_json::json!([{"time_from": null, "time_to": null, "date_from": null, "date_to": null,
            "gross_price": net, "user_facing_price": shown, "grace_period_minutes": null,
            "tax": 19, "blocking_cap": null}])
    };
    let kwh = if kwh_net.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::json!({"ALL": band(kwh_net, kwh_shown)})
    };
    let time = time.map_or(
        serde_json::Value::Null,
        |(net, shown)| serde_json::json!({"ALL": band(net, shown)}),
    );
    let json = serde_json::json!({
        "type": "AC", "power": 22, "evse_ids": evse_ids, "currency": "eur",
        "pre_authorization_amount": "50.00", "is_fallback": false,
        "prices": {"kwh_price": kwh, "time_price": time, "blocking_fee": null,
                   "session_fee": null, "starting_fee": null}
    });
    let parsed = PriceGroup::from_value(&json).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.value
}

fn worms() -> Station {
    Station {
        id: StationId::new("DE*CIQ*EELDF6XWZU41P"),
        name: "EVA Charge".into(),
        address: "Ludwigstraße, 9, 67547, Worms".into(),
        country: "DE".into(),
        coordinates: Coordinates {
            latitude: 49.630383,
            longitude: 8.368902,
        },
        zone: chrono_tz::Europe::Berlin,
        operator: Operator {
            name: "EVA Charge".into(),
            phone: Some("+4971134214480".into()),
        },
        evses: vec![
            evse(
                "DE*CIQ*EELDF6XWZU41P*1",
                EvseStatus::Available,
                vec![connector(ConnectorStandard::Iec62196T2, 22.0)],
            ),
            evse(
                "DE*CIQ*EELDF6XWZU41P*2",
                EvseStatus::Charging,
                vec![connector(ConnectorStandard::Iec62196T2, 22.0)],
            ),
        ],
        opening_times: OpeningTimes::always(),
        amenities: vec![],
        is_partner: true,
        logo_url: None,
        price_groups: vec![group(
            &["DE*CIQ*EELDF6XWZU41P*1", "DE*CIQ*EELDF6XWZU41P*2"],
            "0.4529",
            "0.54",
            None,
        )],
        last_updated: DateTime::UNIX_EPOCH,
    }
}

fn now() -> DateTime<Utc> {
    "2026-04-02T13:51:18Z".parse().unwrap()
}

#[test]
fn speed_classes_follow_the_43_and_150_kw_thresholds() {
    let cases = [
        (3.7, Speed::Slow),
        (42.99, Speed::Slow),
        (43.0, Speed::Fast),
        (149.9, Speed::Fast),
        (150.0, Speed::Turbo),
        (350.0, Speed::Turbo),
    ];
    for (power, speed) in cases {
        let mut station = worms();
        station.evses[1].connectors[0].power_kw = Some(power);
        assert_eq!(station.speed(), Some(speed), "{power} kW");
    }
    let mut station = worms();
    for evse in &mut station.evses {
        evse.connectors[0].power_kw = None;
    }
    assert_eq!(station.speed(), None);
    assert_eq!(Speed::from_power_kw(-1.0), None);
}

#[test]
fn the_station_status_is_free_busy_error_or_unknown_from_its_evses() {
    use EvseStatus as E;
    use StationStatus as S;
    let cases: [(&[EvseStatus], StationStatus); 10] = [
        (&[E::Available], S::Free),
        (&[E::OutOfOrder, E::Available], S::Free),
        (&[E::Charging, E::Blocked, E::Reserved], S::Busy),
        (&[E::Charging, E::OutOfOrder], S::Busy),
        (&[E::OutOfOrder, E::Inoperative], S::Error),
        (&[E::OutOfOrder, E::Removed, E::Planned], S::Error),
        (&[E::Charging, E::StatusUnknown], S::StatusUnknown),
        (&[E::Unknown("MAINTENANCE".into())], S::StatusUnknown),
        (&[E::Removed], S::StatusUnknown),
        (&[], S::StatusUnknown),
    ];
    for (statuses, expected) in cases {
        assert_eq!(
            Station::status_of(statuses.iter()),
            expected,
            "{statuses:?}"
        );
    }
    assert_eq!(worms().status(), StationStatus::Free);
}

#[test]
fn enum_values_round_trip_and_unknown_ones_are_kept() {
    assert_eq!(ConnectorStandard::KNOWN.len(), 25);
    assert_eq!(Amenity::KNOWN.len(), 16);
    assert_eq!(EvseStatus::KNOWN.len(), 9);
    for standard in ConnectorStandard::KNOWN {
        assert_eq!(&ConnectorStandard::parse(standard.as_str()), standard);
        assert_eq!(
            &ConnectorStandard::parse_lenient(&standard.as_str().to_lowercase()),
            standard
        );
    }
    assert_eq!(
        ConnectorStandard::parse_lenient(" Type 2 outlet "),
        ConnectorStandard::Unknown("Type 2 outlet".into())
    );
    assert_eq!(EvseStatus::parse_lenient("CHARGING "), EvseStatus::Charging);
    assert_eq!(
        serde_json::to_string(&StationStatus::StatusUnknown).unwrap(),
        "\"unknown\""
    );
    assert_eq!(
        serde_json::from_str::<Amenity>("\"PARKING_LOT\"").unwrap(),
        Amenity::Unknown("PARKING_LOT".into())
    );
}

#[test]
fn the_price_group_of_an_evse_is_the_one_listing_it_else_one_listing_none() {
    let mut station = worms();
    station
        .price_groups
        .push(group(&[], "0.3361", "0.40", None));
    let listed = station.price_group_for("DE*CIQ*EELDF6XWZU41P*2").unwrap();
    assert_eq!(listed.evse_ids().len(), 2);
    let general = station.price_group_for("DE*CIQ*OTHER*1").unwrap();
    assert!(general.evse_ids().is_empty());
    station.price_groups.pop();
    assert!(station.price_group_for("DE*CIQ*OTHER*1").is_none());
}

#[test]
fn the_displayed_price_is_the_lowest_kwh_price_else_the_lowest_time_price() {
    let mut station = worms();
    let shown = station.displayed_price(now()).unwrap();
    assert_eq!(shown.price, Decimal::new(54, 2));
    assert_eq!(shown.kind, StationPriceKind::ChargingPrice);
    assert_eq!(shown.currency.code().to_ascii_uppercase(), "EUR");
    station
        .price_groups
        .push(group(&["x"], "0.4202", "0.50", Some(("1.0084", "0.02"))));
    assert_eq!(
        station.displayed_price(now()).unwrap().price,
        Decimal::new(50, 2)
    );
    station.price_groups = vec![group(&["x"], "", "", Some(("1.0084", "0.02")))];
    let shown = station.displayed_price(now()).unwrap();
    assert_eq!(
        (shown.price, shown.kind),
        (Decimal::new(2, 2), StationPriceKind::TimePrice)
    );
    station.price_groups.clear();
    assert!(station.displayed_price(now()).is_none());
}

#[test]
fn filters_apply_every_field_that_is_set() {
    let station = worms();
    let passes = |filter: StationFilter| filter.matches(&station, now());
    assert!(passes(StationFilter::default()));
    assert!(passes(StationFilter {
        connector_standards: vec![ConnectorStandard::Iec62196T2],
        only_available: true,
        only_partners: true,
        operators: vec!["  eva charge ".into()],
        max_price: Some(Decimal::new(54, 2)),
        power_groups: vec![Speed::Slow],
    }));
    assert!(!passes(StationFilter {
        connector_standards: vec![ConnectorStandard::Iec62196T2Combo],
        ..StationFilter::default()
    }));
    assert!(!passes(StationFilter {
        max_price: Some(Decimal::new(53, 2)),
        ..StationFilter::default()
    }));
    assert!(!passes(StationFilter {
        operators: vec!["EnBW".into()],
        ..StationFilter::default()
    }));
    assert!(!passes(StationFilter {
        power_groups: vec![Speed::Fast, Speed::Turbo],
        ..StationFilter::default()
    }));
    let mut other = worms();
    other.is_partner = false;
    other.evses[0].status = EvseStatus::OutOfOrder;
    let only_available = StationFilter {
        only_available: true,
        ..StationFilter::default()
    };
    assert!(!only_available.matches(&other, now()));
    assert!(
        !StationFilter {
            only_partners: true,
            ..StationFilter::default()
        }
        .matches(&other, now())
    );
}

#[test]
fn available_and_connector_filters_must_meet_on_one_evse() {
    let mut station = worms();
    station.evses[0].connectors = vec![connector(ConnectorStandard::DomesticF, 3.7)];
    station.evses[1].connectors = vec![connector(ConnectorStandard::Iec62196T2Combo, 50.0)];
    // The Schuko socket is free, the CCS cable is charging.
    let ccs_available = StationFilter {
        connector_standards: vec![ConnectorStandard::Iec62196T2Combo],
        only_available: true,
        ..StationFilter::default()
    };
    assert!(!ccs_available.matches(&station, now()));
    station.evses[1].status = EvseStatus::Available;
    assert!(ccs_available.matches(&station, now()));
}

#[test]
fn opening_times_cover_overnight_periods_and_refuse_to_guess() {
    let at = |text: &str| text.parse::<NaiveDateTime>().unwrap();
    let nights = OpeningTimes {
        twentyfourseven: false,
        regular_hours: vec![
            RegularHours::new(OpeningDay::Friday, "22:00", "06:00"),
            RegularHours::new(OpeningDay::Monday, "08:00", "24:00"),
        ],
    };
    // 2026-04-03 is a Friday.
    assert_eq!(nights.is_open_at(at("2026-04-03T21:59:00")), Some(false));
    assert_eq!(nights.is_open_at(at("2026-04-03T22:00:00")), Some(true));
    assert_eq!(nights.is_open_at(at("2026-04-04T03:00:00")), Some(true));
    assert_eq!(nights.is_open_at(at("2026-04-04T06:00:00")), Some(false));
    assert_eq!(nights.is_open_at(at("2026-04-06T23:59:00")), Some(true));
    let unreadable = OpeningTimes {
        twentyfourseven: false,
        regular_hours: vec![RegularHours::new(OpeningDay::All, "8am", "18:00")],
    };
    assert_eq!(unreadable.is_open_at(at("2026-04-04T10:00:00")), None);
    assert_eq!(OpeningDay::from_ocpi_number(7), Some(OpeningDay::Sunday));
    assert_eq!(OpeningDay::from_ocpi_number(0), None);
}

#[test]
fn the_country_table_agrees_with_the_zone_module() {
    let mut count = 0;
    for (alpha3, alpha2) in country::all() {
        assert_eq!(country_alpha2(alpha3), Some(alpha2));
        assert_eq!(country_alpha2(alpha2), Some(alpha2));
        // Both codes name the same country to the zone module: same zone or same error.
        let by3 = zone_for_country(alpha3, None);
        let by2 = zone_for_country(alpha2, None);
        match (&by3, &by2) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{alpha3}"),
            (Err(ZoneError::UnknownCountry { .. }), _)
            | (_, Err(ZoneError::UnknownCountry { .. })) => {
                panic!("{alpha3}/{alpha2} unknown to the zone module")
            }
            _ => assert_eq!(by3.is_ok(), by2.is_ok(), "{alpha3}"),
        }
        count += 1;
    }
    assert_eq!(count, 250);
    assert_eq!(country_alpha2("XYZ"), None);
}
