//! The project's documents and fixtures agree with its code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use connect_domain::tariff::PriceGroup;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `` `path/to/file.rs::test_name` `` cited in `docs/pricing.md`.
fn cited_tests() -> Vec<(String, String)> {
    let text = fs::read_to_string(root().join("docs/pricing.md")).unwrap();
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|code| code.split_once(".rs::"))
        .map(|(file, test)| (format!("{file}.rs"), test.to_owned()))
        .collect()
}

#[test]
fn every_test_the_pricing_document_cites_exists() {
    let cited = cited_tests();
    assert!(
        cited.len() >= 20,
        "docs/pricing.md should pin its interpretations with tests, found {}",
        cited.len()
    );
    let mut missing = Vec::new();
    for (file, test) in &cited {
        let source = fs::read_to_string(root().join(file)).unwrap_or_default();
        if !source.contains(&format!("fn {test}(")) {
            missing.push(format!("{file}::{test}"));
        }
    }
    assert!(missing.is_empty(), "cited but not found: {missing:#?}");
}

#[test]
fn the_benchmark_tariff_parses_without_warnings() {
    let text =
        fs::read_to_string(root().join("crates/connect-domain/fixtures/typical-price-group.json"))
            .unwrap();
    let parsed = PriceGroup::from_json(&text).unwrap();
    assert_eq!(parsed.warnings, []);
    assert_eq!(parsed.value.tariff().components().count(), 5);
}

#[test]
fn the_cli_example_request_carries_a_clean_price_group() {
    let text =
        fs::read_to_string(root().join("crates/connect-cli/examples/estimate-worms.json")).unwrap();
    let request: serde_json::Value = serde_json::from_str(&text).unwrap();
    let parsed = PriceGroup::from_value(&request["price_group"]).unwrap();
    assert_eq!(parsed.warnings, []);
}
