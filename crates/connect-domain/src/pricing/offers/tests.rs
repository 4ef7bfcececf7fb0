#![allow(clippy::unwrap_used)]

use chrono::DateTime;
use rust_decimal::Decimal;

use super::*;
use crate::station::{Connector, EvseStatus};
use crate::zone::Coordinates;

/// A kWh price group, its bands given as `(from, to, net price)`, for the EVSEs listed.
fn group(bands: &[(&str, &str, &str)], evse_ids: &[&str]) -> PriceGroup {
    let bands: Vec<String> = bands
        .iter()
        .map(|(from, to, price)| {
            format!(
                r#"{{"time_from":"{from}","time_to":"{to}","date_from":null,"date_to":null,
                "gross_price":"{price}","user_facing_price":null,"grace_period_minutes":null,
                "tax":20,"blocking_cap":null}}"#
            )
        })
        .collect();
    let ids: Vec<String> = evse_ids.iter().map(|id| format!("\"{id}\"")).collect();
    let json = format!(
        r#"{{"currency":"EUR","pre_authorization_amount":"50","evse_ids":[{}],
        "prices":{{"kwh_price":{{"ALL":[{}]}}}}}}"#,
        ids.join(","),
        bands.join(",")
    );
    PriceGroup::from_json(&json).unwrap().value
}

fn flat(price: &str) -> PriceGroup {
    group(&[("00:00", "00:00", price)], &[])
}

fn evse(id: &str, status: EvseStatus, standard: ConnectorStandard, kw: f64) -> Evse {
    let mut evse = Evse::new(EvseId::new(id), status);
    let mut connector = Connector::new(standard);
    connector.power_kw = Some(kw);
    evse.connectors.push(connector);
    evse
}

fn station(id: &str, evses: Vec<Evse>, groups: Vec<PriceGroup>) -> Station {
    let position = Coordinates {
        latitude: 48.1,
        longitude: 11.5,
    };
    let mut station = Station::new(
        StationId::new(id),
        id,
        position,
        chrono_tz::Europe::Berlin,
        DateTime::UNIX_EPOCH,
    );
    station.evses = evses;
    station.price_groups = groups;
    station
}

fn type2(id: &str, status: EvseStatus) -> Evse {
    evse(id, status, ConnectorStandard::Iec62196T2, 22.0)
}

/// 10 kWh at up to 22 kW, Thursday 2 April 2026, 15:00 in Berlin.
fn charge() -> PlannedCharge {
    PlannedCharge::new(
        Decimal::from(10),
        Decimal::from(22),
        "2026-04-02T13:00:00Z".parse().unwrap(),
    )
}

fn reasons(answer: &Offers) -> Vec<(&str, &LeftOutReason)> {
    answer
        .left_out
        .iter()
        .map(|left| (left.station_id.as_str(), &left.reason))
        .collect()
}

#[test]
fn offers_are_ranked_by_total_with_the_cheapest_evse_of_each_station() {
    let dear = station(
        "dear",
        vec![type2("D1", EvseStatus::Available)],
        vec![flat("0.60")],
    );
    // Two EVSEs, each with its own group: the cheaper one is the offer.
    let mixed = station(
        "mixed",
        vec![
            type2("M1", EvseStatus::Available),
            type2("M2", EvseStatus::Available),
        ],
        vec![
            group(&[("00:00", "00:00", "0.50")], &["M1"]),
            group(&[("00:00", "00:00", "0.30")], &["M2"]),
        ],
    );
    let answer = offers(&[dear, mixed], &charge()).unwrap();
    let ranked: Vec<_> = answer
        .offers
        .iter()
        .map(|offer| {
            (
                offer.station_id.as_str(),
                offer.evse_id.as_str(),
                offer.total(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [
            ("mixed", "M2", Decimal::new(360, 2)),
            ("dear", "D1", Decimal::new(720, 2))
        ]
    );
    assert!(answer.left_out.is_empty());
}

#[test]
fn each_station_left_out_says_why() {
    let ccs = evse(
        "C1",
        EvseStatus::Available,
        ConnectorStandard::Iec62196T2Combo,
        150.0,
    );
    let stations = [
        station("ccs only", vec![ccs], vec![flat("0.40")]),
        station(
            "busy",
            vec![
                type2("B1", EvseStatus::Charging),
                type2("B2", EvseStatus::OutOfOrder),
            ],
            vec![flat("0.40")],
        ),
        station(
            "broken",
            vec![type2("X1", EvseStatus::Inoperative)],
            vec![flat("0.40")],
        ),
        station("unpriced", vec![type2("U1", EvseStatus::Available)], vec![]),
        // Priced at night only; the charge starts in the afternoon.
        station(
            "night",
            vec![type2("N1", EvseStatus::Available)],
            vec![group(&[("22:00", "06:00", "0.20")], &[])],
        ),
        station(
            "open",
            vec![type2("O1", EvseStatus::Available)],
            vec![flat("0.40")],
        ),
    ];
    let mut charge = charge();
    charge.connectors = vec![ConnectorStandard::Iec62196T2];
    let answer = offers(&stations, &charge).unwrap();
    assert_eq!(answer.offers.len(), 1);
    assert_eq!(answer.offers[0].station_id.as_str(), "open");
    assert_eq!(
        reasons(&answer),
        [
            ("ccs only", &LeftOutReason::NoCompatibleConnector),
            ("busy", &LeftOutReason::Occupied),
            ("broken", &LeftOutReason::OutOfService),
            ("unpriced", &LeftOutReason::NoPrice),
            ("night", &LeftOutReason::NoPrice),
        ]
    );
}

#[test]
fn an_evse_slower_than_the_car_is_priced_at_its_own_power() {
    let slow = evse(
        "S1",
        EvseStatus::Available,
        ConnectorStandard::Iec62196T2,
        3.7,
    );
    // A time price: slower charging costs more.
    let json = r#"{"currency":"EUR","pre_authorization_amount":"50","prices":{"time_price":{"ALL":[
        {"time_from":null,"time_to":null,"date_from":null,"date_to":null,"gross_price":"1.20",
        "user_facing_price":null,"grace_period_minutes":null,"tax":20,"blocking_cap":null}]}}}"#;
    let per_hour = PriceGroup::from_json(json).unwrap().value;
    let answer = offers(&[station("slow", vec![slow], vec![per_hour])], &charge()).unwrap();
    let offer = &answer.offers[0];
    assert_eq!(offer.power_kw, Decimal::new(37, 1));
    // 10 kWh at 3.7 kW: 2.7027… h at 1.20 net per hour, 20 % VAT.
    assert_eq!(offer.total(), Decimal::new(389, 2));
}

#[test]
fn the_cheapest_start_in_the_next_day_is_found() {
    let day_night = group(
        &[("06:00", "22:00", "0.50"), ("22:00", "06:00", "0.30")],
        &[],
    );
    let answer = offers(
        &[station(
            "day-night",
            vec![type2("E1", EvseStatus::Available)],
            vec![day_night],
        )],
        &charge(),
    )
    .unwrap();
    let offer = &answer.offers[0];
    assert_eq!(offer.total(), Decimal::new(600, 2));
    // Frozen prices: plug in when the night band begins, 22:00 in Berlin (20:00 UTC).
    assert_eq!(
        offer.cheapest.start.to_rfc3339(),
        "2026-04-02T20:00:00+00:00"
    );
    assert_eq!(offer.cheapest.total, Decimal::new(360, 2));
    assert_eq!(offer.cheapest.saving, Decimal::new(240, 2));
}

#[test]
fn an_impossible_charge_is_an_error_not_a_list_of_left_outs() {
    let mut charge = charge();
    charge.power_kw = Decimal::ZERO;
    let error = offers(&[], &charge).unwrap_err();
    assert!(
        matches!(error, PricingError::Charging(ref e) if e.field == "power_kw"),
        "{error}"
    );
}

#[test]
fn a_connector_of_unknown_standard_is_matched_by_its_current() {
    // As the API's stations read: no standard, DC known from the price group.
    let mut dc = evse(
        "DC1",
        EvseStatus::Available,
        ConnectorStandard::Unknown(String::new()),
        150.0,
    );
    dc.connectors[0].power_type = Some(PowerType::Dc);
    let ac = evse(
        "AC1",
        EvseStatus::Available,
        ConnectorStandard::Unknown(String::new()),
        22.0,
    );
    let stations = [
        station("dc", vec![dc], vec![flat("0.60")]),
        station("ac", vec![ac], vec![flat("0.40")]),
    ];
    let mut charge = charge();
    charge.connectors = vec![ConnectorStandard::Iec62196T2Combo];
    let answer = offers(&stations, &charge).unwrap();
    assert_eq!(answer.offers.len(), 1);
    assert_eq!(answer.offers[0].station_id.as_str(), "dc");
    assert_eq!(
        reasons(&answer),
        [("ac", &LeftOutReason::NoCompatibleConnector)]
    );
    charge.connectors = vec![ConnectorStandard::Iec62196T2];
    let answer = offers(&stations, &charge).unwrap();
    assert_eq!(answer.offers[0].station_id.as_str(), "ac");
    assert_eq!(
        reasons(&answer),
        [("dc", &LeftOutReason::NoCompatibleConnector)]
    );
}

/// A time price of 1.20 net an hour (20 % VAT), for the EVSEs listed (empty: all).
fn per_hour(evse_ids: &[&str]) -> PriceGroup {
    let ids: Vec<String> = evse_ids.iter().map(|id| format!("\"{id}\"")).collect();
    let json = format!(
        r#"{{"currency":"EUR","pre_authorization_amount":"50","evse_ids":[{}],"prices":{{"time_price":{{"ALL":[
        {{"time_from":null,"time_to":null,"date_from":null,"date_to":null,"gross_price":"1.20",
        "user_facing_price":null,"grace_period_minutes":null,"tax":20,"blocking_cap":null}}]}}}}}}"#,
        ids.join(",")
    );
    PriceGroup::from_json(&json).unwrap().value
}

#[test]
fn a_connector_without_a_plausible_power_charges_at_the_cars_power() {
    for kw in [0.0, -11.0, f64::NAN, f64::INFINITY] {
        let odd = evse(
            "O1",
            EvseStatus::Available,
            ConnectorStandard::Iec62196T2,
            kw,
        );
        let answer = offers(&[station("odd", vec![odd], vec![flat("0.30")])], &charge()).unwrap();
        assert_eq!(answer.offers.len(), 1, "{kw}: {:?}", answer.left_out);
        assert_eq!(answer.offers[0].power_kw, Decimal::from(22), "{kw}");
    }
}

#[test]
fn evses_of_one_price_group_at_different_powers_are_each_priced() {
    // With a time price the faster EVSE is cheaper, though both share the group.
    let slow = evse(
        "A1",
        EvseStatus::Available,
        ConnectorStandard::Iec62196T2,
        11.0,
    );
    let fast = evse(
        "A2",
        EvseStatus::Available,
        ConnectorStandard::Iec62196T2,
        22.0,
    );
    let shared = per_hour(&["A1", "A2"]);
    let answer = offers(&[station("A", vec![slow, fast], vec![shared])], &charge()).unwrap();
    let offer = &answer.offers[0];
    assert_eq!(
        (offer.evse_id.as_str(), offer.power_kw),
        ("A2", Decimal::from(22))
    );
}

#[test]
fn of_evses_priced_the_same_the_first_in_the_stations_order_is_offered() {
    let first = type2("T1", EvseStatus::Available);
    let second = type2("T2", EvseStatus::Available);
    let groups = vec![
        group(&[("00:00", "00:00", "0.30")], &["T1"]),
        group(&[("00:00", "00:00", "0.30")], &["T2"]),
    ];
    let answer = offers(&[station("T", vec![first, second], groups)], &charge()).unwrap();
    assert_eq!(answer.offers[0].evse_id.as_str(), "T1");
}
