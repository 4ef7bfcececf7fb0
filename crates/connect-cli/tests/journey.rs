#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect journey`, run as a built binary against its embedded sandbox.

use std::process::{Command, Output};

const CONNECT: &str = env!("CARGO_BIN_EXE_connect");

fn journey(args: &[&str]) -> Output {
    Command::new(CONNECT)
        .arg("journey")
        // The sandbox's clock moves one minute per look at the session: the same energies
        // on any machine, however fast or loaded.
        .args(["--clock-step", "60"])
        .args(args)
        .env_remove("CARIQA_API_TOKEN")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_default_journey_plays_every_step_and_the_invoice_matches_the_engine() {
    let output = journey(&[]);
    let text = stdout(&output);
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for step in [
        "1. User ",
        "2. Billing details set",
        "3. Setup intent created",
        "attached: visa •••• 4242",
        "4. 2 stations within 500 m of 49.630383, 8.368902",
        "EVSE DE*CIQ*EELDF6XWZU41P*1 (22 kW)",
        "5. Estimate for 20 kWh: ",
        "6. Session ",
        "7. Charging",
        "8. Stopped",
        "9. Charge detail record: ",
        "Recomputed by the pricing engine: matches to the cent",
        "10. Invoice ",
    ] {
        assert!(text.contains(step), "missing {step:?} in:\n{text}");
    }
    // Stopped at the first look at or past the target, never before: at 22 kW and one
    // minute per look that is minute 55, 22 × 55 / 60 = 20.1666… kWh (the API writes
    // three decimals, cut). A stop one look late would show 20.533, one early 19.800.
    let record = text
        .lines()
        .find(|line| line.starts_with("9. Charge detail record: "))
        .unwrap();
    let kwh = record["9. Charge detail record: ".len()..]
        .split(' ')
        .next()
        .unwrap();
    assert_eq!(kwh, "20.166", "{record}");
}

#[test]
fn a_point_that_reports_no_energy_is_stopped_at_the_time_limit() {
    let output = journey(&["--evse", "DEQRMEF7GRC21", "--minutes", "15"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("energy not reported"));
    assert!(text.contains("8. Stopped"), "{text}");
    assert!(text.contains("matches to the cent"), "{text}");
}

#[test]
fn an_unknown_evse_ends_the_journey_with_the_api_error() {
    let output = journey(&["--evse", "XX*NOPE*1"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("station of EVSE XX*NOPE*1"), "{errors}");
    assert!(errors.contains("404"), "{errors}");
}

#[test]
fn the_development_environment_needs_a_token_and_says_where_to_put_it() {
    let output = Command::new(CONNECT)
        .args(["journey", "--env", "development"])
        .env_remove("CARIQA_API_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("CARIQA_API_TOKEN"), "{errors}");
}
