//! `cargo xtask api [--bless]`: the public API of every published library crate, checked
//! against the snapshot under version control (`api/<crate>.txt`).
//!
//! Every change to what partners can name (a type, a field, a variant, a method, a trait
//! impl, `Send`/`Sync`) shows up as a diff of those files in review. Without `--bless` the
//! task fails and prints what was added and removed; with `--bless` it rewrites the
//! snapshots (and removes the snapshot of a crate that is no longer published).
//!
//! The listing is `cargo public-api` (pinned below, installed if missing), which reads
//! rustdoc's JSON output and therefore needs the nightly toolchain; blanket impls
//! (`impl<T> From<T> for T` and the like) are left out as noise, auto-trait impls are kept
//! because losing `Send` or `Sync` breaks partners. The crates are the workspace members
//! that may be published and have a library target, read from `cargo metadata`, so a new
//! published crate gets its snapshot at the next `--bless`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned `cargo-public-api`: 0.52 reads rustdoc JSON format 57, which is what the
/// installed nightly (1.97.0-nightly, 2026-05-19) writes. A newer nightly with another
/// format needs the `cargo-public-api` release that reads it.
const CARGO_PUBLIC_API_VERSION: &str = "0.52.0";

/// Where the snapshots live, relative to the workspace root.
const SNAPSHOT_DIR: &str = "api";

/// rustdoc JSON is built with nightly into its own target directory, so the nightly
/// artifacts neither evict nor invalidate the stable ones in `target/debug`.
const TARGET_DIR: &str = "target/public-api";

/// Runs the task: `args` are the arguments after `api`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let bless = match args {
        [] => false,
        [flag] if flag == "--bless" => true,
        _ => return Err("usage: cargo xtask api [--bless]".to_owned()),
    };
    ensure_nightly()?;
    ensure_cargo_public_api()?;
    let root = workspace_root();
    let snapshot_dir = root.join(SNAPSHOT_DIR);
    let crates = published_crates(&root, Targets::Libraries)?;
    let mut current = BTreeMap::new();
    for krate in &crates {
        current.insert(krate.clone(), public_api(&root, krate)?);
    }
    let committed = read_snapshots(&snapshot_dir)?;
    if bless {
        write_snapshots(&snapshot_dir, &committed, &current)
    } else {
        let differences = compare(&committed, &current);
        if differences.is_empty() {
            println!("api: the public API of {} matches api/", crates.join(", "));
            Ok(())
        } else {
            Err(format!(
                "the public API differs from the snapshot in api/ (`cargo xtask api --bless` \
                 accepts the change, and the diff of api/ shows it in review):\n{}",
                differences.join("\n")
            ))
        }
    }
}

/// Which of the published crates to list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Targets {
    /// Only crates with a library target (those with a public API to snapshot).
    Libraries,
    /// Every published crate, binaries included (those `cargo package` must build).
    All,
}

/// The crates of the workspace that may be published, by name, sorted.
pub(crate) fn published_crates(root: &Path, targets: Targets) -> Result<Vec<String>, String> {
    let output = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1", "--locked"])
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run cargo metadata: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("cannot read cargo metadata's output: {error}"))?;
    published_in(&metadata, targets)
}

/// The published crates named in `cargo metadata --no-deps` output. A package with
/// `publish = false` has `"publish": []`; a publishable one `null` or a registry list.
fn published_in(metadata: &serde_json::Value, targets: Targets) -> Result<Vec<String>, String> {
    let packages = metadata
        .get("packages")
        .and_then(serde_json::Value::as_array)
        .ok_or("cargo metadata's output has no `packages`")?;
    let mut names = Vec::new();
    for package in packages {
        let unpublished = package
            .get("publish")
            .and_then(serde_json::Value::as_array)
            .is_some_and(Vec::is_empty);
        let has_library = package
            .get("targets")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|target| target.get("kind")?.as_array())
            .flatten()
            .any(|kind| kind == "lib");
        let name = package.get("name").and_then(serde_json::Value::as_str);
        let wanted = has_library || targets == Targets::All;
        if let (false, true, Some(name)) = (unpublished, wanted, name) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// `cargo public-api` for one crate, all features on, blanket impls left out.
fn public_api(root: &Path, krate: &str) -> Result<String, String> {
    eprintln!("xtask: cargo public-api -p {krate}");
    let output = Command::new("cargo")
        .args([
            "public-api",
            "--package",
            krate,
            "--all-features",
            "--omit",
            "blanket-impls",
            "--color",
            "never",
        ])
        .env("CARGO_TARGET_DIR", root.join(TARGET_DIR))
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run cargo public-api: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo public-api -p {krate} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|error| format!("cargo public-api -p {krate} wrote non-UTF-8: {error}"))
}

/// The committed snapshots, by crate name (the file name without `.txt`).
fn read_snapshots(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut snapshots = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(snapshots);
    };
    for entry in entries {
        let path = entry
            .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
            .path();
        let Some(krate) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".txt"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        snapshots.insert(krate.to_owned(), text);
    }
    Ok(snapshots)
}

/// Rewrites the snapshots to `current`, removing those of crates no longer published.
fn write_snapshots(
    dir: &Path,
    committed: &BTreeMap<String, String>,
    current: &BTreeMap<String, String>,
) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    for (krate, text) in current {
        let path = dir.join(format!("{krate}.txt"));
        std::fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    for krate in committed
        .keys()
        .filter(|krate| !current.contains_key(*krate))
    {
        let path = dir.join(format!("{krate}.txt"));
        std::fs::remove_file(&path)
            .map_err(|error| format!("cannot remove {}: {error}", path.display()))?;
    }
    println!(
        "api: wrote {} snapshot(s) to {SNAPSHOT_DIR}/; review them with `git diff {SNAPSHOT_DIR}/`",
        current.len()
    );
    Ok(())
}

/// What differs between the committed snapshots and the current public API, one paragraph
/// per crate; empty when they match.
fn compare(
    committed: &BTreeMap<String, String>,
    current: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut differences = Vec::new();
    for (krate, now) in current {
        match committed.get(krate) {
            None => differences.push(format!(
                "{krate}: no snapshot yet ({SNAPSHOT_DIR}/{krate}.txt)"
            )),
            Some(before) if before != now => {
                differences.push(format!("{krate}:\n{}", surface_diff(before, now)));
            }
            Some(_) => {}
        }
    }
    for krate in committed
        .keys()
        .filter(|krate| !current.contains_key(*krate))
    {
        differences.push(format!(
            "{krate}: snapshot of a crate that is no longer a published library"
        ));
    }
    differences
}

/// The lines removed from (`-`) and added to (`+`) a listing, each once per occurrence.
/// `cargo public-api` sorts its listing, so a change of surface is exactly a change of this
/// multiset of lines; a listing that only moved lines says so.
fn surface_diff(before: &str, now: &str) -> String {
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for line in before.lines() {
        *count.entry(line).or_default() -= 1;
    }
    for line in now.lines() {
        *count.entry(line).or_default() += 1;
    }
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for (line, n) in count {
        let (list, sign) = if n < 0 {
            (&mut removed, '-')
        } else {
            (&mut added, '+')
        };
        for _ in 0..n.unsigned_abs() {
            list.push(format!("{sign} {line}"));
        }
    }
    if removed.is_empty() && added.is_empty() {
        return "  the same items, in another order".to_owned();
    }
    removed.extend(added);
    removed.join("\n")
}

/// `cargo public-api` reads rustdoc JSON, which only the nightly toolchain writes.
fn ensure_nightly() -> Result<(), String> {
    let present = Command::new("rustup")
        .args(["run", "nightly", "rustdoc", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    if present {
        Ok(())
    } else {
        Err(
            "the public API check needs the nightly toolchain (rustdoc JSON): \
             `rustup toolchain install nightly --profile minimal`"
                .to_owned(),
        )
    }
}

/// Installs the pinned `cargo-public-api` if it is missing or another version.
fn ensure_cargo_public_api() -> Result<(), String> {
    let installed = Command::new("cargo")
        .args(["public-api", "--version"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
    if installed
        .is_some_and(|version| version.split_whitespace().last() == Some(CARGO_PUBLIC_API_VERSION))
    {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-public-api {CARGO_PUBLIC_API_VERSION} (once)");
    crate::run(
        "cargo",
        &[
            "install",
            "--locked",
            "cargo-public-api",
            "--version",
            CARGO_PUBLIC_API_VERSION,
        ],
    )
}

pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshots(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(krate, text)| ((*krate).to_owned(), (*text).to_owned()))
            .collect()
    }

    #[test]
    fn a_removed_method_and_an_added_field_are_both_shown() {
        let before = "pub fn a::Client::get(&self)\npub struct a::Client\n";
        let now = "pub a::Client::timeout: u64\npub struct a::Client\n";
        assert_eq!(
            surface_diff(before, now),
            "- pub fn a::Client::get(&self)\n+ pub a::Client::timeout: u64"
        );
    }

    #[test]
    fn a_line_listed_twice_and_now_once_is_a_removal() {
        let before = "impl Send for a::X\nimpl Send for a::X\n";
        assert_eq!(
            surface_diff(before, "impl Send for a::X\n"),
            "- impl Send for a::X"
        );
    }

    #[test]
    fn the_check_passes_only_when_every_snapshot_matches() {
        let committed = snapshots(&[("a", "pub mod a\n"), ("b", "pub mod b\n")]);
        assert!(compare(&committed, &committed).is_empty());

        let changed = snapshots(&[("a", "pub mod a\npub fn a::f()\n"), ("b", "pub mod b\n")]);
        assert_eq!(compare(&committed, &changed), ["a:\n+ pub fn a::f()"]);
    }

    #[test]
    fn a_new_crate_and_a_crate_gone_both_fail_the_check() {
        let committed = snapshots(&[("old", "pub mod old\n")]);
        let current = snapshots(&[("new", "pub mod new\n")]);
        let differences = compare(&committed, &current);
        assert_eq!(differences.len(), 2, "{differences:?}");
        assert!(differences[0].starts_with("new: no snapshot yet"));
        assert!(differences[1].starts_with("old: snapshot of a crate"));
    }

    #[test]
    fn only_publishable_crates_with_a_library_are_listed() {
        let metadata = serde_json::json!({"packages": [
            {"name": "connect-http", "publish": null, "targets": [{"kind": ["lib"]}]},
            {"name": "connect-cli", "publish": null, "targets": [{"kind": ["bin"]}]},
            {"name": "xtask", "publish": [], "targets": [{"kind": ["bin"]}]},
            {"name": "connect-examples", "publish": [], "targets": [{"kind": ["lib"]}]},
            {"name": "connect-domain", "publish": ["crates-io"], "targets": [{"kind": ["lib"]}]},
        ]});
        assert_eq!(
            published_in(&metadata, Targets::Libraries),
            Ok(vec!["connect-domain".to_owned(), "connect-http".to_owned()])
        );
        assert_eq!(
            published_in(&metadata, Targets::All),
            Ok(vec![
                "connect-cli".to_owned(),
                "connect-domain".to_owned(),
                "connect-http".to_owned()
            ])
        );
    }

    #[test]
    fn blessing_rewrites_snapshots_and_removes_those_of_crates_gone() {
        let dir = std::env::temp_dir().join(format!("xtask-api-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let committed = snapshots(&[("old", "pub mod old\n"), ("kept", "pub mod kept\n")]);
        std::fs::create_dir_all(&dir).unwrap();
        for (krate, text) in &committed {
            std::fs::write(dir.join(format!("{krate}.txt")), text).unwrap();
        }
        let current = snapshots(&[("kept", "pub mod kept\npub fn kept::f()\n")]);

        write_snapshots(&dir, &committed, &current).unwrap();

        assert_eq!(read_snapshots(&dir), Ok(current));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
