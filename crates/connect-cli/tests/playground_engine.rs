#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The helpers `connect playground` serves its page under `/_playground/`: estimate, price
//! timeline, cheapest start and CDR check, computed by the pricing engine from the request
//! `connect estimate` reads; bad input is a 400 naming the field.

mod support;

use serde_json::{Value, json};
use support::{http_client, playground};

/// The bundled request: the docs' station in Worms, day 0.54 and night 0.44 EUR/kWh,
/// 10 kWh at 22 kW from Thursday 2 April 2026, 15:51 in Berlin.
fn worms() -> Value {
    serde_json::from_str(include_str!("../examples/estimate-worms.json")).unwrap()
}

async fn post(origin: &str, path: &str, body: &Value) -> (u16, Value) {
    let answer = http_client()
        .post(format!("{origin}{path}"))
        .json(body)
        .send()
        .await
        .unwrap();
    (answer.status().as_u16(), answer.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_helpers_answer_as_the_pricing_engine_computes() {
    let served = playground(&["--seed", "7"], &[]).await;
    let origin = &served.url;

    let (status, estimate) = post(origin, "/_playground/estimate", &worms()).await;
    assert_eq!(status, 200, "{estimate}");
    assert_eq!(estimate["invoice_summary"], "6.48");
    assert_eq!(estimate["kwh_cost"], "5.39");

    // The next 24 hours: day until 22:00 local (20:00 UTC), night until 06:00, day again.
    let (status, timeline) = post(
        origin,
        "/_playground/timeline",
        &json!({"estimate": worms(), "hours": 24}),
    )
    .await;
    assert_eq!(status, 200, "{timeline}");
    assert_eq!(timeline["time_zone"], "Europe/Berlin");
    let energy: Vec<(String, String)> = timeline["intervals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|interval| {
            let price = interval["prices"]
                .as_array()
                .unwrap()
                .iter()
                .find(|price| price["component"] == "kwh_price")?;
            Some((
                interval["from"].as_str().unwrap().to_owned(),
                price["price"].as_str().unwrap().to_owned(),
            ))
        })
        .collect();
    assert!(
        energy.contains(&("2026-04-02T20:00:00Z".to_owned(), "0.44".to_owned())),
        "{energy:?}"
    );
    assert_eq!(energy[0].1, "0.54");

    // The cheapest start moves the charge into the night band.
    let (status, cheapest) = post(
        origin,
        "/_playground/cheapest",
        &json!({"estimate": worms(), "latest": "2026-04-03T13:51:18Z"}),
    )
    .await;
    assert_eq!(status, 200, "{cheapest}");
    assert_eq!(cheapest["now"]["invoice_summary"], "6.48");
    assert_eq!(cheapest["estimate"]["invoice_summary"], "5.49");
    assert_eq!(cheapest["saving"], "0.99");
    let start = cheapest["start"].as_str().unwrap();
    assert!(
        ("2026-04-02T20:00:00Z".."2026-04-03T04:00:00Z").contains(&start),
        "{start}"
    );

    // A CDR billed as the engine computes matches; one a cent off is explained as a difference.
    let billed = |summary: &str, kwh: &str| {
        json!({"estimate": worms(), "session": {
            "start_time": "2026-04-02T13:51:18Z", "end_time": "2026-04-02T14:18:36Z",
            "consumed_energy": "10.000",
            "session_cost": {"kwh_cost": kwh, "time_cost": "0.00", "session_fee_cost": "0.50",
                "blocking_fee_cost": "0.00", "starting_fee_cost": "0.59", "invoice_vat": "1.03",
                "invoice_summary": summary, "currency": "eur"}}})
    };
    let (status, check) = post(origin, "/_playground/check", &billed("6.48", "5.39")).await;
    assert_eq!(status, 200, "{check}");
    assert_eq!(check["matches"], true, "{check}");
    let (_, check) = post(origin, "/_playground/check", &billed("6.49", "5.40")).await;
    assert_eq!(check["matches"], false);
    let fields: Vec<&str> = check["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|difference| difference["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"kwh_cost"), "{check}");
    assert!(
        check.to_string().contains("displayed_price_used"),
        "10 kWh × 0.54 is the displayed price: {check}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_to_the_engine_name_the_field() {
    let served = playground(&["--seed", "7"], &[]).await;
    let origin = &served.url;
    let mut bad = worms();
    bad["price_group"]["prices"]["kwh_price"]["ALL"][0]["time_from"] = json!("25:00");
    let (status, error) = post(origin, "/_playground/estimate", &bad).await;
    assert_eq!(status, 400);
    assert_eq!(
        error["field"],
        "price_group.prices.kwh_price.ALL[0].time_from"
    );

    let (status, error) = post(
        origin,
        "/_playground/timeline",
        &json!({"estimate": bad, "hours": 24}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["field"],
        "estimate.price_group.prices.kwh_price.ALL[0].time_from"
    );

    let (status, error) = post(
        origin,
        "/_playground/timeline",
        &json!({"estimate": worms(), "hours": 0}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(error["field"], "hours");

    let (status, error) = post(
        origin,
        "/_playground/cheapest",
        &json!({"estimate": worms(), "latest": "2026-04-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(error["field"], "latest");

    let (status, error) = post(
        origin,
        "/_playground/check",
        &json!({"estimate": worms(), "session": {"start_time": "yesterday"}}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(error["field"], "session.start_time");
}

/// The sandbox's clock, read as the page reads it.
async fn sandbox_now(origin: &str) -> chrono::DateTime<chrono::Utc> {
    let answer: Value = http_client()
        .get(format!("{origin}/_sandbox/clock"))
        .header("Authorization", "Bearer clock-test")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["now"].as_str().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_changes_the_clock_speed_while_the_sandbox_runs() {
    let served = playground(&["--seed", "7", "--speed", "1"], &[]).await;
    let origin = &served.url;
    let pause = std::time::Duration::from_millis(500);

    let before = sandbox_now(origin).await;
    tokio::time::sleep(pause).await;
    let slow = sandbox_now(origin).await - before;
    assert!(slow < chrono::Duration::seconds(30), "at ×1: {slow}");

    let (status, answer) = post(origin, "/_playground/clock/speed", &json!({"speed": 3600})).await;
    assert_eq!(status, 200, "{answer}");
    let config: Value = http_client()
        .get(format!("{origin}/_playground/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["speed"], 3600);
    let before = sandbox_now(origin).await;
    tokio::time::sleep(pause).await;
    let fast = sandbox_now(origin).await - before;
    // Half a second at ×3600 is half an hour; allow for a slow machine's ticks.
    assert!(fast > chrono::Duration::minutes(10), "at ×3600: {fast}");

    for bad in [
        json!({"speed": 0}),
        json!({"speed": 100_001}),
        json!({"speed": "fast"}),
    ] {
        let (status, error) = post(origin, "/_playground/clock/speed", &bad).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(error["field"], "speed");
    }
}
