//! The differential check: the same scripts through `connect-fake` in process and through
//! `connect-http` against `connect-server`, every answer compared. Both runs build the same
//! sandbox (seed, clock, tokens), so ids and instants agree and any difference is a bug in
//! one of the adapters.

use connect_tests::contract::fake::FakeHarness;
use connect_tests::contract::http::HttpHarness;
use connect_tests::contract::transcript::{self, Transcript};

fn assert_same(in_process: &Transcript, over_http: &Transcript, at_least: usize) {
    let differences = in_process.differences(over_http);
    let report: Vec<String> = differences
        .iter()
        .map(|(line, fake, http)| format!("line {line}:\n  fake: {fake}\n  http: {http}"))
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} answers differ:\n{}",
        differences.len(),
        in_process.lines().len(),
        report.join("\n")
    );
    assert!(
        in_process.lines().len() >= at_least,
        "the script ran to its end: {} lines",
        in_process.lines().len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_payments_and_charging_answer_the_same_through_both_adapters() {
    let in_process = transcript::accounts_and_charging::<FakeHarness>().await;
    let over_http = transcript::accounts_and_charging::<HttpHarness>().await;
    assert_same(&in_process, &over_http, 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stations_answer_the_same_through_both_adapters() {
    let in_process = transcript::stations::<FakeHarness>().await;
    let over_http = transcript::stations::<HttpHarness>().await;
    assert_same(&in_process, &over_http, 12);
}
