//! Project automation, run as `cargo xtask <task>`.
//!
//! - `ci`: everything CI checks, in order: formatting, clippy with warnings denied, every test
//!   (doc tests included), the documentation with warnings denied, the dependency policy
//!   (`cargo deny`), the layering rule, and the public API against its snapshot.
//! - `readme`: the README's quick start and partner property test, run as a partner's new
//!   crate would, and the playground's Rust snippets compiled in that crate.
//! - `layers`: only the layering rule: the pure crates never depend on I/O frameworks.
//! - `api [--bless]`: only the public API check (see [`api`]); `--bless` rewrites `api/`.
//! - `package`: `cargo package` of every published crate, each built from its own tarball
//!   against the others', as crates.io would see them.
//! - `bench`: the benchmarks whose results go into closing notes.
//! - `mutants [-- <options>]`: mutation testing of the pricing engine (see [`mutants`]); slow,
//!   not part of `ci`.
//! - `conformance <prepare OUT | reached HAR>`: the conformance run on real stations (see
//!   [`conformance`]); `.ci/run` calls it around schemathesis.
//! - `ocpi-feed [--mb N] OUT`: a large OCPI feed made of the real fixtures, for measuring
//!   the sandbox's loader.
//! - `estimate-requests [--count N] [--seed S] OUT`: random `connect estimate --batch`
//!   requests, a price group of its own on every line (see [`estimate_requests`]).
//! - `bench-ocpi`: our engine against the `ocpi-tariffs` crate on the same random requests
//!   (`tools/ocpi-bench`); also the last step of `bench`.

use std::env;
use std::process::{Command, ExitCode};

mod api;
mod conformance;
mod estimate_requests;
mod mutants;
mod ocpi_feed;
mod readme;
mod snippets;
mod stations;

/// Crates that must stay free of I/O frameworks, and the frameworks they must not reach,
/// directly or through any dependency.
const PURE_CRATES: &[&str] = &["connect-domain", "connect-ports"];
const FORBIDDEN_IN_PURE: &[&str] = &["reqwest", "tokio", "axum", "hyper"];

fn main() -> ExitCode {
    let task = env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "ci" => ci(),
        "layers" => layers(),
        "api" => api::run(&env::args().skip(2).collect::<Vec<_>>()),
        "stations" => stations::run(&env::args().skip(2).collect::<Vec<_>>()),
        "readme" => readme::run(),
        "package" => package(),
        "bench" => bench(),
        "mutants" => mutants::run(
            &env::args()
                .skip(2)
                .skip_while(|arg| arg == "--")
                .collect::<Vec<_>>(),
        ),
        "conformance" => conformance::run(&env::args().skip(2).collect::<Vec<_>>()),
        "ocpi-feed" => ocpi_feed::run(&env::args().skip(2).collect::<Vec<_>>()),
        "estimate-requests" => estimate_requests::run(&env::args().skip(2).collect::<Vec<_>>()),
        "bench-ocpi" => bench_ocpi(),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci | layers | api [--bless] | readme | package | bench | mutants [-- <options>] | conformance <prepare OUT | reached HAR> | ocpi-feed [--mb N] OUT | estimate-requests [--count N] [--seed S] OUT | bench-ocpi>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn ci() -> Result<(), String> {
    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // All features: the entry crate's examples and the sandbox and testkit modules are
    // behind features, and must be tested too.
    run(
        "cargo",
        &["test", "--workspace", "--all-features", "--locked"],
    )?;
    // The README's quick start and partner property test, in a new crate as a partner
    // writes it.
    readme::run()?;
    docs()?;
    ensure_cargo_deny()?;
    run(
        "cargo",
        &["deny", "--locked", "check", "bans", "licenses", "sources"],
    )?;
    layers()?;
    package()?;
    api::run(&[])
}

/// Packages every published crate and builds each from its tarball, the others resolved
/// from their tarballs too: what a partner downloads from crates.io must build on its own
/// (a file left out by `include`, a path dependency without a version, or a dependency
/// cycle that stops cargo from ordering the crates all fail here, not at publish time).
/// `--allow-dirty`: the check is whether the crates build, not whether the tree is committed.
fn package() -> Result<(), String> {
    let crates = api::published_crates(&api::workspace_root(), api::Targets::All)?;
    forget_packaged_sources(&crates)?;
    // A target directory of its own, where our crates' builds from an earlier run's
    // tarballs are cleaned first: cargo takes a registry crate's build as fresh whatever its
    // sources now say (the dependencies from crates.io stay built between runs).
    let target = api::workspace_root().join("target").join("package-check");
    let target = target.to_string_lossy().into_owned();
    let mut clean = vec!["clean", "--target-dir", target.as_str()];
    let mut package = vec![
        "package",
        "--locked",
        "--allow-dirty",
        "--target-dir",
        target.as_str(),
    ];
    for krate in &crates {
        clean.extend(["-p", krate.as_str()]);
        package.extend(["-p", krate.as_str()]);
    }
    run("cargo", &clean)?;
    run("cargo", &package)
}

/// Cargo verifies each tarball against the others through a local registry, which it
/// unpacks under `$CARGO_HOME/registry/src/-<hash>/` and, like any registry crate, never
/// unpacks again for the same version: a second run would verify against the first run's
/// sources (seen: "no method named `for_evses`" after a merge). Those directories (a local
/// registry's, named with a leading `-`; crates.io's are `index.crates.io-…`) are removed
/// for our own crates before packaging.
fn forget_packaged_sources(crates: &[String]) -> Result<(), String> {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let Ok(registries) = std::fs::read_dir(cargo_home.join("registry").join("src")) else {
        return Ok(());
    };
    for registry in registries.flatten() {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        for unpacked in std::fs::read_dir(registry.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = unpacked.file_name().to_string_lossy().into_owned();
            let ours = crates.iter().any(|krate| {
                name.strip_prefix(krate.as_str())
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours {
                std::fs::remove_dir_all(unpacked.path())
                    .map_err(|error| format!("{}: {error}", unpacked.path().display()))?;
            }
        }
    }
    Ok(())
}

/// The documentation as docs.rs builds it, with every rustdoc warning (a broken intra-doc
/// link, a bad code block) an error: what partners read must not rot.
fn docs() -> Result<(), String> {
    eprintln!(
        "xtask: RUSTDOCFLAGS=\"-D warnings\" cargo doc --workspace --no-deps --all-features --locked"
    );
    let status = Command::new("cargo")
        .args([
            "doc",
            "--workspace",
            "--no-deps",
            "--all-features",
            "--locked",
        ])
        .env("RUSTDOCFLAGS", "-D warnings")
        .status()
        .map_err(|error| format!("cannot run cargo doc: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo doc` found warnings ({status})"))
    }
}

/// `cargo deny` is not part of the toolchain: install it once if missing.
fn ensure_cargo_deny() -> Result<(), String> {
    let present = Command::new("cargo")
        .args(["deny", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if present {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-deny (once)");
    run(
        "cargo",
        &["install", "--locked", "cargo-deny", "--version", "0.20.2"],
    )
}

/// The benchmarks whose results go into closing notes, one after the other: the pricing
/// engine, the OCPI loader, the offers around a point, the HTTP client against the sandbox
/// on loopback, the server's throughput against a bare handler, tenant fairness, and the
/// bounded load test with memory per tenant and per session (32 clients x 60 s;
/// `LOAD_CLIENTS`, `LOAD_SECONDS`, `LOAD_DATA=1` change it), and our engine against
/// `ocpi-tariffs` on the same random requests.
fn bench() -> Result<(), String> {
    run(
        "cargo",
        &["bench", "-p", "connect-domain", "--bench", "pricing"],
    )?;
    run("cargo", &["bench", "-p", "connect-fake", "--bench", "ocpi"])?;
    run(
        "cargo",
        &["bench", "-p", "connect-tests", "--bench", "offers"],
    )?;
    run(
        "cargo",
        &["bench", "-p", "connect-tests", "--bench", "client"],
    )?;
    run(
        "cargo",
        &["bench", "-p", "connect-server", "--bench", "throughput"],
    )?;
    run(
        "cargo",
        &["bench", "-p", "connect-tests", "--bench", "fairness"],
    )?;
    run(
        "cargo",
        &["bench", "-p", "connect-tests", "--bench", "load"],
    )?;
    bench_ocpi()
}

/// Our engine against the `ocpi-tariffs` crate (0.48) on the same random requests, in one
/// criterion run (`tools/ocpi-bench`, a project of its own; not in `ci`: it builds a second
/// dependency tree in release). ocpi-tariffs pins rust_decimal `=1.39.0`, which cannot share
/// a binary with the workspace's 1.42.1 or later: a copy of the crate is unpacked from
/// cargo's cache into `target/ocpi-tariffs-relaxed` with the pin relaxed (and its
/// serde_json `arbitrary_precision` feature dropped: it would change how serde_json hands
/// numbers to our reader), and patched in; its code is unchanged.
fn bench_ocpi() -> Result<(), String> {
    let root = api::workspace_root();
    let target = root.join("target");
    let requests = target.join("estimate-requests.jsonl");
    estimate_requests::write(1_000, 1, &requests)?;
    relaxed_ocpi_tariffs(&root, &target)?;
    let manifest = root.join("tools/ocpi-bench/Cargo.toml");
    eprintln!("xtask: cargo bench --manifest-path {}", manifest.display());
    let status = Command::new("cargo")
        .arg("bench")
        .arg("--manifest-path")
        .arg(&manifest)
        .env("OCPI_BENCH_REQUESTS", &requests)
        .status()
        .map_err(|error| format!("cannot run cargo bench: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("tools/ocpi-bench failed ({status})"))
    }
}

/// `target/ocpi-tariffs-relaxed`: ocpi-tariffs 0.48.0 as published, but for its manifest's
/// exact rust_decimal pins and the arbitrary-precision feature (see [`bench_ocpi`]).
fn relaxed_ocpi_tariffs(root: &std::path::Path, target: &std::path::Path) -> Result<(), String> {
    // The cross-check depends on the same version: fetching it puts the crate in the cache.
    let crosscheck = root.join("tools/ocpi-crosscheck/Cargo.toml");
    let crosscheck = crosscheck.to_string_lossy();
    run("cargo", &["fetch", "--manifest-path", &crosscheck])?;
    let cargo_home = env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let packed = std::fs::read_dir(cargo_home.join("registry").join("cache"))
        .map_err(|error| format!("cargo's registry cache: {error}"))?
        .flatten()
        .map(|registry| registry.path().join("ocpi-tariffs-0.48.0.crate"))
        .find(|path| path.exists())
        .ok_or("ocpi-tariffs-0.48.0.crate is not in cargo's cache")?;
    let unpacked = target.join("ocpi-tariffs-0.48.0");
    let relaxed = target.join("ocpi-tariffs-relaxed");
    for dir in [&unpacked, &relaxed] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
        }
    }
    run(
        "tar",
        &[
            "xzf",
            &packed.to_string_lossy(),
            "-C",
            &target.to_string_lossy(),
        ],
    )?;
    std::fs::rename(&unpacked, &relaxed)
        .map_err(|error| format!("{}: {error}", relaxed.display()))?;
    let manifest = relaxed.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|error| format!("{}: {error}", manifest.display()))?;
    let pinned = "[dependencies.rust_decimal]\nversion = \"=1.39.0\"\nfeatures = [\"serde-with-arbitrary-precision\"]";
    let macros = "[dependencies.rust_decimal_macros]\nversion = \"=1.39.0\"";
    if !text.contains(pinned) || !text.contains(macros) {
        return Err(format!("{}: not the manifest expected", manifest.display()));
    }
    let text = text
        .replace(pinned, "[dependencies.rust_decimal]\nversion = \"1.39.0\"")
        .replace(
            macros,
            "[dependencies.rust_decimal_macros]\nversion = \"1.39.0\"",
        );
    std::fs::write(&manifest, text).map_err(|error| format!("{}: {error}", manifest.display()))
}

/// Checks that no pure crate reaches an I/O framework through its normal dependencies.
fn layers() -> Result<(), String> {
    let mut broken = Vec::new();
    for krate in PURE_CRATES {
        let Some(tree) = dependency_tree(krate)? else {
            continue;
        };
        for line in tree.lines() {
            let name = line.split_whitespace().next().unwrap_or_default();
            if FORBIDDEN_IN_PURE.contains(&name) {
                broken.push(format!("{krate} depends on {name}"));
            }
        }
    }
    if broken.is_empty() {
        println!(
            "layers: ok ({} kept free of {})",
            PURE_CRATES.join(", "),
            FORBIDDEN_IN_PURE.join(", ")
        );
        Ok(())
    } else {
        Err(format!("layering broken: {}", broken.join("; ")))
    }
}

/// The flat list of a crate's normal dependencies, or `None` if the crate does not exist yet.
fn dependency_tree(krate: &str) -> Result<Option<String>, String> {
    let output = Command::new("cargo")
        .args([
            "tree", "--locked", "-p", krate, "-e", "normal", "--prefix", "none",
        ])
        .output()
        .map_err(|error| format!("cannot run cargo tree: {error}"))?;
    if output.status.success() {
        return Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("did not match any packages") {
        return Ok(None);
    }
    Err(format!("cargo tree -p {krate} failed: {stderr}"))
}

pub(crate) fn run(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("xtask: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|error| format!("cannot run {program}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}
