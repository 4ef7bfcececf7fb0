#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect estimate`, run as a built binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

const CONNECT: &str = env!("CARGO_BIN_EXE_connect");

/// The documented price group: 0.4529 €/kWh net, 19 % VAT, nothing else.
fn kwh_only_group() -> Value {
    json!({
        "type": "AC", "power": 22, "evse_ids": [], "currency": "eur",
        "pre_authorization_amount": "50.00", "local_datetime": "2026-04-02T15:51:18+02:00",
        "prices": {"kwh_price": {"ALL": [{
            "time_from": null, "time_to": null, "date_from": null, "date_to": null,
            "gross_price": "0.4529", "user_facing_price": "0.54",
            "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]}}
    })
}

/// The documented session: 10 kWh at 22 kW from 2026-04-02T13:51:18Z.
fn worked_example() -> Value {
    json!({
        "price_group": kwh_only_group(),
        "time_zone": "Europe/Berlin",
        "start": "2026-04-02T13:51:18Z",
        "energy_kwh": "10",
        "power_kw": 22
    })
}

/// A day/night tariff with a blocking fee: 0.50 €/kWh 06:00–22:00, 0.30 €/kWh at night,
/// 6.00 €/h blocking after 60 minutes, capped at 10.00.
fn day_night_group() -> Value {
    let band = |from: &str, to: &str, price: &str, shown: &str| {
        json!({"time_from": from, "time_to": to, "date_from": null, "date_to": null,
               "gross_price": price, "user_facing_price": shown,
               "grace_period_minutes": null, "tax": 19, "blocking_cap": null})
    };
    json!({
        "currency": "EUR", "pre_authorization_amount": "30.00",
        "prices": {
            "kwh_price": {"ALL": [band("06:00", "22:00", "0.50", "0.60"),
                                  band("22:00", "06:00", "0.30", "0.36")]},
            "blocking_fee": {"ALL": [{"time_from": null, "time_to": null, "date_from": null,
                "date_to": null, "gross_price": "6.00", "user_facing_price": "0.12",
                "grace_period_minutes": 60, "tax": 19, "blocking_cap": "10.00"}]}
        }
    })
}

fn connect(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(CONNECT)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the connect binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Writes a request file in a fresh temporary directory.
fn request_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("connect-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// Runs one request through stdin with `--json` and returns the parsed result.
fn estimate_json(request: &Value) -> Value {
    let output = connect(&["estimate", "--json"], Some(&request.to_string()));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// Runs a bad request and returns the one-line error, checking exit code 2.
fn bad_request(request: &str) -> String {
    let output = connect(&["estimate", "--json"], Some(request));
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let error = stderr(&output);
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(error.starts_with("error: "), "{error}");
    error
}

#[test]
fn the_worked_example_from_a_file() {
    let path = request_file("worked.json", &worked_example().to_string());
    let output = connect(&["estimate", path.to_str().unwrap(), "--json"], None);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["kwh_cost"], "5.39");
    assert_eq!(result["invoice_vat"], "0.86");
    assert_eq!(result["invoice_summary"], "5.39");
    for zero in [
        "time_cost",
        "session_fee_cost",
        "blocking_fee_cost",
        "starting_fee_cost",
    ] {
        assert_eq!(result[zero], "0.00", "{zero}");
    }
    assert_eq!(result["currency"], "eur");
    assert_eq!(result["pre_authorization_amount"], "50.00");
    assert_eq!(result["exceeds_pre_authorization"], false);
    assert_eq!(result["blocking_cap_applied"], Value::Null);
    assert_eq!(result["warnings"], json!([]));
    let line = &result["lines"][0];
    assert_eq!(line["component"], "kwh_price");
    assert_eq!(line["band"], "price_group.prices.kwh_price.ALL[0]");
    assert_eq!(line["quantity"], "10");
    assert_eq!(line["unit"], "kwh");
    assert_eq!(line["unit_price"], "0.4529");
    assert_eq!(line["net"], "4.529");
    assert_eq!(line["gross"], "5.38951");
    assert_eq!(
        result["vat"],
        json!([{"tax_percent": "19", "gross": "5.39", "vat": "0.86"}])
    );
    assert_eq!(result["session"]["start"], "2026-04-02T13:51:18Z");
    assert_eq!(result["session"]["energy_kwh"], "10");
    assert!(result.get("line").is_none());
}

#[test]
fn the_request_can_come_from_stdin() {
    for args in [
        &["estimate", "--json"][..],
        &["estimate", "-", "--json"][..],
    ] {
        let output = connect(args, Some(&worked_example().to_string()));
        assert!(output.status.success(), "stderr: {}", stderr(&output));
        let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(result["invoice_summary"], "5.39");
    }
}

#[test]
fn the_table_shows_the_total() {
    let output = connect(&["estimate"], Some(&worked_example().to_string()));
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let table = stdout(&output);
    let total = table
        .lines()
        .find(|line| line.trim_start().starts_with("total"))
        .expect("a total line");
    assert!(total.trim_end().ends_with("5.39"), "{table}");
    assert!(table.contains("0.86"), "{table}");
    assert!(table.contains("prices.kwh_price.ALL[0]"), "{table}");
    assert!(table.contains("hold 50.00 EUR"), "{table}");
}

#[test]
fn the_bundled_example_works() {
    let output = connect(&["estimate", "--example"], None);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert!(stdout(&output).contains("6.48"), "{}", stdout(&output));
    let output = connect(&["estimate", "--example", "--json"], None);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
    let result: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(result["kwh_cost"], "5.39");
    assert_eq!(result["session_fee_cost"], "0.50");
    assert_eq!(result["starting_fee_cost"], "0.59");
    assert_eq!(result["invoice_summary"], "6.48");
    assert_eq!(result["invoice_vat"], "1.03");
    assert_eq!(
        result["warnings"],
        json!([]),
        "the example parses without warnings"
    );
}

#[test]
fn a_malformed_time_names_its_path() {
    let mut request = worked_example();
    request["price_group"]["prices"]["kwh_price"]["ALL"][0]["time_from"] = json!("25:00");
    let error = bad_request(&request.to_string());
    assert_eq!(
        error.trim_end(),
        r#"error: price_group.prices.kwh_price.ALL[0].time_from: malformed time "25:00" (expected HH:MM, 00:00 to 24:00)"#
    );
}

#[test]
fn an_unknown_top_level_field_is_an_error() {
    let mut request = worked_example();
    let object = request.as_object_mut().unwrap();
    let energy = object.remove("energy_kwh").unwrap();
    object.insert("energy_kw".into(), energy);
    let error = bad_request(&request.to_string());
    assert!(
        error.starts_with("error: energy_kw: unknown field"),
        "{error}"
    );
}

#[test]
fn a_request_without_a_charging_plan_is_an_error() {
    let mut request = worked_example();
    let object = request.as_object_mut().unwrap();
    object.remove("energy_kwh");
    object.remove("power_kw");
    let error = bad_request(&request.to_string());
    assert!(error.starts_with("error: energy_kwh: "), "{error}");
    assert!(
        error.contains("power_kw") && error.contains("meter"),
        "{error}"
    );

    request["power_kw"] = json!("22");
    let error = bad_request(&request.to_string());
    assert!(error.starts_with("error: energy_kwh: "), "{error}");
}

#[test]
fn an_unknown_zone_is_an_error() {
    let mut request = worked_example();
    request["time_zone"] = json!("Mars/Olympus");
    let error = bad_request(&request.to_string());
    assert_eq!(
        error.trim_end(),
        r#"error: time_zone: unknown IANA time zone "Mars/Olympus""#
    );
}

#[test]
fn a_malformed_start_is_an_error() {
    let mut request = worked_example();
    request["start"] = json!("2026-04-02 13:51");
    let error = bad_request(&request.to_string());
    assert!(
        error.starts_with("error: start: malformed date-time"),
        "{error}"
    );
}

#[test]
fn invalid_json_is_an_error() {
    let error = bad_request(r#"{"price_group": {"currency": "eur"#);
    assert!(error.contains("not valid JSON"), "{error}");
    let error = bad_request(r#"{"time_zone": "Europe/Berlin", "start": 2026-04-02}"#);
    assert!(error.starts_with("error: start: "), "{error}");
    let error = bad_request("");
    assert!(error.contains("not valid JSON"), "{error}");
}

#[test]
fn an_impossible_plan_names_the_field() {
    let mut request = worked_example();
    request["power_kw"] = json!("-1");
    let error = bad_request(&request.to_string());
    assert!(
        error.starts_with("error: power_kw: must not be negative"),
        "{error}"
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    let output = connect(&["estimate", "/nonexistent/request.json"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/request.json"));
}

#[test]
fn a_batch_reports_each_line_in_order() {
    let good = |energy: &str| {
        let mut request = worked_example();
        request["energy_kwh"] = json!(energy);
        request.to_string()
    };
    let mut bad = worked_example();
    bad["price_group"]["prices"]["kwh_price"]["ALL"][0]["time_from"] = json!("25:00");
    let input = format!("{}\n{}\n\n{}\n{}\n", good("10"), good("20"), bad, good("5"));
    let path = request_file("batch.jsonl", &input);
    let output = connect(&["estimate", "--batch", path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["invoice_summary"], "5.39");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["invoice_summary"], "10.78");
    assert_eq!(
        lines[2],
        json!({"line": 4, "error": {
            "field": "price_group.prices.kwh_price.ALL[0].time_from",
            "message": "malformed time \"25:00\" (expected HH:MM, 00:00 to 24:00)"}})
    );
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[3]["invoice_summary"], "2.69");
}

#[test]
fn a_batch_from_stdin_that_succeeds_exits_zero() {
    let input = format!("{}\n{}\n", worked_example(), worked_example());
    let output = connect(&["estimate", "--batch", "-"], Some(&input));
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn a_batch_line_with_invalid_json_fails_alone() {
    let input = format!(
        "{}\n{{\"start\": \n{}\n",
        worked_example(),
        worked_example()
    );
    let output = connect(&["estimate", "--batch", "-"], Some(&input));
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON")
    );
    assert_eq!(lines[2]["invoice_summary"], "5.39");
}

#[test]
fn per_moment_prices_each_kwh_by_its_band() {
    // 21:30 to 22:30 local (summer time, UTC+2), 11 kWh at 11 kW: half at 0.50, half at 0.30.
    let request = json!({
        "price_group": day_night_group(), "time_zone": "Europe/Berlin",
        "start": "2026-07-01T19:30:00Z", "energy_kwh": 11, "power_kw": "11",
        "policy": "per_moment"
    });
    let result = estimate_json(&request);
    // 5.5 × 0.50 × 1.19 + 5.5 × 0.30 × 1.19 = 3.2725 + 1.9635 = 5.236
    assert_eq!(result["kwh_cost"], "5.24");
    let lines = result["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["quantity"], "5.5");
    assert_eq!(lines[1]["band"], "price_group.prices.kwh_price.ALL[1]");

    let mut frozen = request.clone();
    frozen["policy"] = json!("frozen_at_start");
    // 11 × 0.50 × 1.19 = 6.545
    assert_eq!(estimate_json(&frozen)["kwh_cost"], "6.55");
}

#[test]
fn meter_readings_and_a_late_plug_out_with_the_cap() {
    // Day band at the start; 4 kWh, then 6 more; plugged out 5 h after the start: 4 h of
    // blocking at 6.00 €/h net = 28.56 gross, capped at 10.00.
    let request = json!({
        "price_group": day_night_group(), "time_zone": "Europe/Berlin",
        "start": "2026-07-01T08:00:00Z",
        "meter": [{"at": "2026-07-01T08:30:00Z", "energy_kwh": "4"},
                  {"at": "2026-07-01T09:00:00Z", "energy_kwh": 10}],
        "plug_out": "2026-07-01T13:00:00Z",
        "is_partner": true
    });
    let result = estimate_json(&request);
    // 10 × 0.50 × 1.19 = 5.95
    assert_eq!(result["kwh_cost"], "5.95");
    assert_eq!(result["blocking_fee_cost"], "10.00");
    assert_eq!(result["invoice_summary"], "15.95");
    assert_eq!(
        result["blocking_cap_applied"],
        json!({"cap": "10.00", "uncapped": "28.56"})
    );
    assert_eq!(result["exceeds_pre_authorization"], false);
    assert_eq!(result["session"]["charging_end"], "2026-07-01T09:00:00Z");
    assert_eq!(result["session"]["plug_out"], "2026-07-01T13:00:00Z");
    assert_eq!(result["session"]["energy_kwh"], "10");
}

#[test]
fn a_meter_reading_going_back_names_it() {
    let request = json!({
        "price_group": day_night_group(), "time_zone": "Europe/Berlin",
        "start": "2026-07-01T08:00:00Z",
        "meter": [{"at": "2026-07-01T08:30:00Z", "energy_kwh": "4"},
                  {"at": "2026-07-01T09:00:00Z", "energy_kwh": "3"}]
    });
    let error = bad_request(&request.to_string());
    assert!(error.starts_with("error: meter[1].energy_kwh: "), "{error}");
}

#[test]
fn warnings_carry_a_type_a_path_and_a_message() {
    let mut request = worked_example();
    request["price_group"]["prices"]["kwh_price"]["ALL"][0]["user_facing_price"] = json!("0.50");
    request["plug_out"] = json!("2026-04-02T14:00:00Z");
    let result = estimate_json(&request);
    let warnings = result["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!(warnings[0]["source"], "tariff");
    assert_eq!(warnings[0]["type"], "user_facing_price_mismatch");
    assert_eq!(
        warnings[0]["path"],
        "price_group.prices.kwh_price.ALL[0].user_facing_price"
    );
    assert!(warnings[0]["message"].as_str().unwrap().contains("0.50"));
    assert_eq!(warnings[1]["source"], "pricing");
    assert_eq!(warnings[1]["type"], "plug_out_before_charging_complete");
    assert!(warnings[1]["message"].as_str().unwrap().contains("kWh"));
}

#[test]
fn help_documents_the_request_and_the_exit_codes() {
    let output = connect(&["estimate", "--help"], None);
    assert!(output.status.success());
    let help = stdout(&output);
    for needle in [
        "--batch",
        "energy_kwh",
        "meter",
        "policy",
        "EXIT STATUS",
        "--example",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
    assert!(
        !help.contains("batch-stop-after"),
        "the measuring aid stays hidden"
    );
}

#[test]
fn a_power_too_small_is_blamed_on_the_power() {
    let mut request = worked_example();
    request["power_kw"] = json!("1e-27");
    let error = bad_request(&request.to_string());
    assert!(error.starts_with("error: power_kw: "), "{error}");
}

#[test]
fn a_currency_iso_4217_does_not_list_is_a_warning() {
    let mut request = worked_example();
    request["price_group"]["currency"] = json!("xyz");
    let result = estimate_json(&request);
    let warnings = result["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["type"], "unknown_currency");
    assert_eq!(warnings[0]["path"], "price_group.currency");
    assert_eq!(result["kwh_cost"], "5.39");
}

#[test]
fn a_request_file_may_start_with_a_byte_order_mark() {
    let path = request_file("bom.json", &format!("\u{feff}{}", worked_example()));
    let output = connect(&["estimate", path.to_str().unwrap(), "--json"], None);
    assert!(output.status.success(), "stderr: {}", stderr(&output));
}

#[test]
fn a_syntax_error_in_a_request_file_names_line_and_column() {
    let error = bad_request("{\n  \"start\": \"2026-04-02T13:51:18Z\",\n  x\n}");
    assert_eq!(
        error.trim_end(),
        "error: not valid JSON at line 3 column 3: key must be a string"
    );
}

#[test]
fn the_line_limit_is_configurable_and_a_long_line_is_one_error_line() {
    let good = worked_example().to_string();
    let long = format!("{{\"start\": \"{}\"}}", "9".repeat(5000));
    let input = format!("{good}\n{long}\n{good}\n");
    let output = connect(
        &["estimate", "--batch", "-", "--max-line-bytes", "4096"],
        Some(&input),
    );
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--max-line-bytes"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["kwh_cost"], "5.39");
}
