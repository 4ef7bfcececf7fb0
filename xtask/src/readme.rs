//! `cargo xtask readme`: the README's code as a partner uses it.
//!
//! The README promises two files that work unchanged in a new crate whose only dependencies
//! are `cariqa-connect` and `tokio`: the quick start's `main.rs` (run, it must exit 0), and
//! the property test a partner drops into `tests/` (with the `testkit` feature and
//! `proptest`; `cargo test` must pass). This task makes that crate in `target/readme-partner`,
//! with the entry crate as a path dependency and the workspace's lock file (so the versions
//! are the ones CI tested, and nothing is fetched that the workspace did not), and runs both.
//! The same crate compiles the playground's Rust snippets as an example (see `snippets`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The heading words that mark each section, and the code block that follows.
const QUICK_START: &str = "Quick start";
const PROPERTY_TEST: &str = "property test";

pub(crate) fn run() -> Result<(), String> {
    let root = workspace_root()?;
    let readme = fs::read_to_string(root.join("README.md"))
        .map_err(|error| format!("cannot read README.md: {error}"))?;
    let main_rs = rust_block_after_heading(&readme, QUICK_START)?;
    let partner_test = rust_block_after_heading(&readme, PROPERTY_TEST)?;

    let partner = root.join("target").join("readme-partner");
    fs::create_dir_all(partner.join("src")).map_err(|e| format!("{}: {e}", partner.display()))?;
    fs::create_dir_all(partner.join("tests")).map_err(|e| format!("{}: {e}", partner.display()))?;
    write(&partner.join("Cargo.toml"), &manifest(&root))?;
    write(&partner.join("src").join("main.rs"), &main_rs)?;
    write(
        &partner.join("tests").join("partner_property.rs"),
        &partner_test,
    )?;
    // The playground's snippets, as its call log writes them: `cargo test` compiles examples.
    fs::create_dir_all(partner.join("examples"))
        .map_err(|e| format!("{}: {e}", partner.display()))?;
    write(
        &partner.join("examples").join("playground_snippets.rs"),
        &crate::snippets::example(&root)?,
    )?;
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    fs::write(partner.join("Cargo.lock"), lock).map_err(|e| format!("Cargo.lock: {e}"))?;

    // The workspace's target directory: the dependencies are already built there.
    let target = root.join("target");
    cargo(&partner, &target, &["run", "--offline", "--quiet"])?;
    cargo(&partner, &target, &["test", "--offline", "--quiet"])?;
    println!(
        "readme: the quick start ran, the partner property test passed, \
         the playground's snippets compiled"
    );
    Ok(())
}

/// A new crate, as a partner writes it: the entry crate (here by path, published by version)
/// and tokio; proptest for the tests.
fn manifest(root: &Path) -> String {
    let entry = root.join("crates").join("cariqa-connect");
    format!(
        r#"[package]
name = "readme-partner"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
cariqa-connect = {{ path = {entry:?}, features = ["sandbox"] }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}

[dev-dependencies]
cariqa-connect = {{ path = {entry:?}, features = ["sandbox", "testkit"] }}
proptest = "1"

[workspace]
"#,
        entry = entry.display().to_string()
    )
}

/// The first ```` ```rust ```` block after the first heading that contains `words`.
fn rust_block_after_heading(markdown: &str, words: &str) -> Result<String, String> {
    let mut lines = markdown.lines();
    lines
        .by_ref()
        .find(|line| line.starts_with('#') && line.contains(words))
        .ok_or_else(|| format!("README.md has no heading containing {words:?}"))?;
    lines
        .by_ref()
        .find(|line| line.trim_start().starts_with("```rust"))
        .ok_or_else(|| format!("README.md has no ```rust block after the {words:?} heading"))?;
    let mut code = String::new();
    for line in lines {
        if line.trim_start().starts_with("```") {
            return Ok(code);
        }
        code.push_str(line);
        code.push('\n');
    }
    Err(format!("the ```rust block after {words:?} is not closed"))
}

fn workspace_root() -> Result<PathBuf, String> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "xtask has no parent directory".to_owned())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    eprintln!("xtask: cargo {} (in {})", args.join(" "), dir.display());
    let status = Command::new("cargo")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` in {} failed ({status})",
            args.join(" "),
            dir.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::rust_block_after_heading;

    #[test]
    fn the_block_after_the_heading_is_taken_whole() {
        let markdown = "# Title\n```rust\nnot this\n```\n## Quick start\nText.\n```rust\nfn main() {}\n// end\n```\n";
        assert_eq!(
            rust_block_after_heading(markdown, "Quick start").as_deref(),
            Ok("fn main() {}\n// end\n")
        );
    }

    #[test]
    fn a_missing_section_is_an_error_naming_it() {
        let error = rust_block_after_heading("# Title\n", "property test").unwrap_err();
        assert!(error.contains("property test"), "{error}");
    }
}
