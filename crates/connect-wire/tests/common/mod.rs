//! Shared by the test files: the OpenAPI document read by a line scan, and round-trip
//! helpers.

#![allow(dead_code, unreachable_pub)] // each test file uses a different part

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One schema under `components/schemas`, as far as the tests need it.
#[derive(Debug, Default, Clone)]
pub struct Schema {
    /// `type: object`.
    pub is_object: bool,
    /// Property names, in document order.
    pub properties: Vec<String>,
    /// Names under `required:`.
    pub required: Vec<String>,
    /// Values under `enum:`, as written (quotes removed).
    pub enum_values: Vec<String>,
}

/// The crate's copy of the OpenAPI document.
pub const OPENAPI: &str = include_str!("../../openapi/cariqa-openapi.yml");

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches('\'').trim_matches('"').to_owned()
}

/// Reads `components/schemas` with a line scan: the document is drf-spectacular output,
/// two spaces per level, so a schema name is at indent 4, its sections (`properties:`,
/// `required:`, `enum:`, `type:`) at 6, and their entries at 8.
pub fn schemas() -> BTreeMap<String, Schema> {
    let mut schemas = BTreeMap::new();
    let mut lines = OPENAPI.lines().skip_while(|line| *line != "components:");
    assert!(
        lines.any(|line| line == "  schemas:"),
        "no components/schemas in the document"
    );
    let mut current: Option<(String, Schema)> = None;
    let mut section = String::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let depth = indent(line);
        let text = line.trim();
        if depth <= 2 {
            break;
        }
        if depth == 4 {
            if let Some((name, schema)) = current.take() {
                schemas.insert(name, schema);
            }
            let name = text
                .strip_suffix(':')
                .expect("a schema name line ends with ':'");
            current = Some((name.to_owned(), Schema::default()));
            continue;
        }
        let Some((_, schema)) = current.as_mut() else {
            continue;
        };
        if depth == 6 {
            let (key, rest) = text.split_once(':').unwrap_or((text, ""));
            key.clone_into(&mut section);
            if key == "type" && rest.trim() == "object" {
                schema.is_object = true;
            }
            continue;
        }
        if depth == 8 {
            match section.as_str() {
                "properties" if !text.starts_with('-') => {
                    let (key, _) = text.split_once(':').expect("a property line has ':'");
                    schema.properties.push(key.to_owned());
                }
                "required" => {
                    schema
                        .required
                        .push(unquote(text.strip_prefix('-').expect("a list item")));
                }
                "enum" => {
                    schema
                        .enum_values
                        .push(unquote(text.strip_prefix('-').expect("a list item")));
                }
                _ => {}
            }
        }
    }
    if let Some((name, schema)) = current {
        schemas.insert(name, schema);
    }
    schemas
}

/// The values of the first inline enum of the query parameter `name` (under `paths`).
pub fn inline_parameter_enum(name: &str) -> Vec<String> {
    let mut lines = OPENAPI
        .lines()
        .skip_while(|line| line.trim() != format!("name: {name}"));
    assert!(lines.next().is_some(), "no parameter {name}");
    let mut lines = lines.skip_while(|line| line.trim() != "enum:");
    let enum_line = lines.next().expect("the parameter has an inline enum");
    let depth = indent(enum_line);
    lines
        .take_while(|line| indent(line) > depth && line.trim().starts_with('-'))
        .map(|line| unquote(line.trim().trim_start_matches('-')))
        .collect()
}

/// Every property name in the document, for fuzzing with realistic keys.
pub fn all_property_names() -> Vec<String> {
    let mut names: Vec<String> = schemas()
        .into_values()
        .flat_map(|schema| schema.properties)
        .collect();
    names.extend(
        [
            "client_secret",
            "invoice_view",
            "view_link",
            "size",
            "next_page_id",
            "prev_page_id",
            "previous_page_id",
            "data",
            "status",
        ]
        .map(String::from),
    );
    names.sort();
    names.dedup();
    names
}

/// Parses `input` as `T`, checks that writing it gives `expected`, and that `expected` reads
/// back as an equal value and is written unchanged (writing is a fixpoint).
pub fn assert_reads_and_writes<T>(input: &str, expected: &Value) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let parsed: T = serde_json::from_str(input)
        .unwrap_or_else(|error| panic!("does not parse: {error}\n{input}"));
    let written = serde_json::to_value(&parsed).expect("writes");
    assert_eq!(
        &written,
        expected,
        "written:\n{}\nexpected:\n{}",
        serde_json::to_string_pretty(&written).unwrap_or_default(),
        serde_json::to_string_pretty(expected).unwrap_or_default()
    );
    let again: T = serde_json::from_value(expected.clone()).expect("the official shape parses");
    assert_eq!(
        serde_json::to_value(&again).expect("writes"),
        *expected,
        "writing the official shape is not a fixpoint"
    );
    parsed
}

/// Parses `input` as `T` and checks that writing it gives the same JSON.
pub fn assert_round_trips<T>(input: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let expected: Value = serde_json::from_str(input).expect("the example is JSON");
    assert_reads_and_writes(input, &expected)
}
