//! `cargo xtask mutants [-- <cargo-mutants options>]`: mutation testing of the pricing
//! engine — `cargo-mutants` on connect-domain's `pricing` and `tariff` modules. Slow (each
//! mutant is a build and a test run), so not part of `ci`.
//!
//! Runs in a copy of the workspace (cargo-mutants' default; the tree is never touched), one
//! job at a time, the tests with `cargo nextest` (no doc tests: the unit tests, the oracle,
//! the laws and the hard cases kill mutants; doc tests only cost compile time; a caught
//! mutant stops at its first failing test) and property tests that do not shrink. The results go
//! to `mutants.out/` (`caught.txt`, `missed.txt`, …). Options after `--` go to
//! cargo-mutants, e.g. `-- --shard 1/8` or `-- --file crates/connect-domain/src/pricing/totals.rs`.

use std::process::Command;

/// The modules under test.
const FILES: &[&str] = &[
    "crates/connect-domain/src/pricing/*.rs",
    "crates/connect-domain/src/tariff/*.rs",
];

/// Runs cargo-mutants with `extra` options.
pub(crate) fn run(extra: &[String]) -> Result<(), String> {
    let installed = Command::new("cargo")
        .args(["mutants", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        return Err("cargo-mutants is missing: cargo install cargo-mutants --locked".into());
    }
    // nextest runs the test binaries' tests in parallel and stops at the first failure, so
    // a caught mutant costs its first failing test, not the whole suite.
    let mut args: Vec<String> = [
        "mutants",
        "--package",
        "connect-domain",
        "--jobs",
        "1",
        "--test-tool",
        "nextest",
        // Optimised tests (the workspace's `mutants` profile): the property tests run
        // several times faster than the extra build time costs.
        "--profile",
        "mutants",
    ]
    .iter()
    .map(|arg| (*arg).to_owned())
    .collect();
    let explicit_files = extra.iter().any(|arg| arg == "--file" || arg == "-f");
    if !explicit_files {
        for file in FILES {
            args.extend(["--file".to_owned(), (*file).to_owned()]);
        }
    }
    // The hand-written tests in `pricing/tests.rs` are tests, not code to mutate.
    args.extend([
        "--exclude".to_owned(),
        "crates/connect-domain/src/pricing/tests.rs".to_owned(),
    ]);
    args.extend(extra.iter().cloned());
    println!("xtask: cargo {}", args.join(" "));
    // A failing property test need not shrink here: the mutant is caught at the failure.
    let status = Command::new("cargo")
        .env("PROPTEST_MAX_SHRINK_ITERS", "0")
        .args(&args)
        .status()
        .map_err(|error| format!("cannot run cargo mutants: {error}"))?;
    // cargo-mutants exits 2 when mutants were missed: the report says which.
    match status.code() {
        Some(0) => Ok(()),
        Some(2) => Err("some mutants survived: see mutants.out/missed.txt".into()),
        _ => Err(format!("cargo mutants failed: {status}")),
    }
}
