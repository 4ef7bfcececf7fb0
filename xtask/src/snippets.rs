//! The playground's Rust snippets as a partner would paste them: every template of
//! `snippets.json` (the 22 API calls, the sandbox's controls, the engine's helpers), filled
//! the way the page fills them, becomes one function of an example in the README's partner
//! crate, which `cargo test` compiles. A method renamed in the client breaks this build, not
//! a partner's first copy and paste.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

/// Where the page's templates live, from the workspace root.
pub(crate) const TEMPLATES: &str = "crates/connect-cli/src/playground/assets/snippets.json";

/// The example's source: one async function per call (on the sandbox, and the first call
/// also on development), one function per control with the values it is given.
pub(crate) fn example(root: &Path) -> Result<String, String> {
    let path = root.join(TEMPLATES);
    let text =
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    let templates: Value =
        serde_json::from_str(&text).map_err(|error| format!("{TEMPLATES}: {error}"))?;
    render(&templates)
}

fn render(templates: &Value) -> Result<String, String> {
    let values = sample_values();
    let mut out = String::from(
        "//! The playground's snippets (snippets.json), filled as the page fills them.\n\
         #![allow(unused)]\n",
    );
    for line in strings(templates, "imports")?
        .into_iter()
        .chain(strings(templates, "control_imports")?)
    {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\ntype Answer = Result<(), Box<dyn std::error::Error>>;\n");
    let calls = object(templates, "calls")?;
    let client = object(templates, "client")?;
    for (index, (op, call)) in calls.iter().enumerate() {
        let call = fill(text_of(call, op)?, &values)?;
        let environments: &[&str] = if index == 0 {
            &["sandbox", "development"]
        } else {
            &["sandbox"]
        };
        for environment in environments {
            let client = fill(text_of(&client[*environment], environment)?, &values)?;
            let _ = write!(
                out,
                "\nasync fn {environment}_{op}() -> Answer {{\n    {client}\n    let answer = {call};\n    Ok(())\n}}\n"
            );
        }
    }
    for (op, control) in object(templates, "controls")? {
        let given = text_of(&control["given"], op)?;
        let code = text_of(&control["code"], op)?;
        let _ = write!(
            out,
            "\nfn control_{op}({given}) -> Answer {{\n    {code}\n    Ok(())\n}}\n"
        );
    }
    out.push_str("\nfn main() {}\n");
    Ok(out)
}

/// Values like the ones the page has after the docs' journey.
fn sample_values() -> Value {
    json!({
        "token": "sandbox-token",
        "origin": "http://127.0.0.1:8080",
        "params": {
            "user_id": "0b7f3f5e-8a51-4b8e-9f4e-7f1f8e0f2a11",
            "session_id": "42",
            "pm": "pm_1Qx",
            "id": "DE*CIQ*EELDF6XWZU41P",
            "latitude": "49.630383",
            "longitude": "8.360341",
            "distance": "",
            "z": "12", "x": "2143", "y": "1394",
        },
        "body": {
            "email": "ada@example.com",
            "first_name": "Ada", "last_name": "Lovelace",
            "line1": "Hauptstraße 1", "postal_code": "67547", "city": "Worms", "country": "DE",
            "evse_id": "DE*CIQ*E1", "payment_method_id": "pm_1Qx",
            "rates": 4,
        },
    })
}

/// Fills `{str:PATH}`, `{f64:PATH|D}` and `{int:PATH|D}` exactly as `fill` in snippets.js.
fn fill(template: &str, values: &Value) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some((kind, tail)) = after
            .split_once(':')
            .filter(|(kind, _)| matches!(*kind, "str" | "f64" | "int"))
        else {
            // A brace of the Rust code itself (a struct literal).
            out.push('{');
            rest = after;
            continue;
        };
        let close = tail
            .find('}')
            .ok_or_else(|| format!("unclosed placeholder in {template:?}"))?;
        let (path, fallback) = match tail[..close].split_once('|') {
            Some((path, fallback)) => (path, fallback),
            None => (&tail[..close], "0"),
        };
        let value = path
            .split('.')
            .try_fold(values, |node, key| node.get(key))
            .unwrap_or(&Value::Null);
        out.push_str(&literal(kind, value, fallback));
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn literal(kind: &str, value: &Value, fallback: &str) -> String {
    if kind == "str" {
        let text = match value {
            Value::Null => String::new(),
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        return Value::String(text).to_string();
    }
    // JavaScript's `Number(value) || Number(fallback)`: missing, empty, 0 or not a number.
    let number = match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
    .filter(|number: &f64| *number != 0.0 && number.is_finite())
    .unwrap_or_else(|| fallback.parse().unwrap_or(0.0));
    if kind == "int" {
        format!("{}", number.trunc())
    } else {
        format!("{number}_f64")
    }
}

fn strings(templates: &Value, key: &str) -> Result<Vec<String>, String> {
    templates[key]
        .as_array()
        .ok_or_else(|| format!("{TEMPLATES}: `{key}` is not a list"))?
        .iter()
        .map(|line| text_of(line, key).map(str::to_owned))
        .collect()
}

fn object<'a>(
    templates: &'a Value,
    key: &str,
) -> Result<&'a serde_json::Map<String, Value>, String> {
    templates[key]
        .as_object()
        .ok_or_else(|| format!("{TEMPLATES}: `{key}` is not an object"))
}

fn text_of<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("{TEMPLATES}: `{what}` is not a string"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_as_the_page_fills_them() {
        let values = json!({"params": {"user_id": "u\"1", "z": "12.7", "distance": ""}});
        assert_eq!(
            fill("get(&UserId::new({str:params.user_id}))", &values).unwrap(),
            r#"get(&UserId::new("u\"1"))"#
        );
        assert_eq!(fill("{int:params.z}", &values).unwrap(), "12");
        assert_eq!(
            fill("{f64:params.distance|100}", &values).unwrap(),
            "100_f64"
        );
        assert_eq!(fill("{str:body.missing}", &values).unwrap(), r#""""#);
        assert_eq!(
            fill("Coordinates { latitude: {f64:params.z} }", &values).unwrap(),
            "Coordinates { latitude: 12.7_f64 }"
        );
    }

    #[test]
    fn the_page_templates_become_one_function_each() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let source = example(root).unwrap();
        let templates: Value =
            serde_json::from_str(&std::fs::read_to_string(root.join(TEMPLATES)).unwrap()).unwrap();
        let calls = templates["calls"].as_object().unwrap().len();
        assert_eq!(calls, 22, "the API's 22 operations");
        assert_eq!(source.matches("\nasync fn sandbox_").count(), calls);
        assert_eq!(source.matches("\nfn control_").count(), 6);
        assert!(!source.contains("{str:"), "every placeholder filled");
    }
}
