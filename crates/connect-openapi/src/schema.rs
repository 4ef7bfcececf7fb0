//! OpenAPI 3.0 schemas as JSON Schema (draft 2020-12), which the validator understands.
//!
//! The two dialects differ where this document uses them:
//! - `nullable: true` is OpenAPI's; JSON Schema says `"type": [T, "null"]` (or, around a
//!   `$ref`, `allOf` or `oneOf`, an `anyOf` with `{"type": "null"}`).
//! - `$ref: '#/components/schemas/X'` points into the OpenAPI document; here every component
//!   sits under `$defs` of each compiled schema, so it becomes `#/$defs/X`.
//! - `readOnly` properties are answered, never sent: a request need not carry them even when
//!   `required` lists them (OpenAPI 3.0.3, "Fixed Fields" of the Schema Object).
//! - `example` is no JSON Schema keyword; it is dropped (unknown keywords would be ignored
//!   anyway, this keeps the compiled schema readable in messages).

use serde_json::{Map, Value};

/// Which way a body travels: what `readOnly` means depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Sent by the client.
    Request,
    /// Answered by the API.
    Response,
}

const COMPONENTS: &str = "#/components/schemas/";

/// `schema` (OpenAPI 3.0) as JSON Schema 2020-12, for bodies travelling `direction`.
pub(crate) fn convert(schema: &Value, direction: Direction) -> Value {
    let Value::Object(map) = schema else {
        return schema.clone();
    };
    let mut out = Map::new();
    for (key, value) in map {
        let converted = match key.as_str() {
            "nullable" | "example" => continue,
            "$ref" => Value::String(reference(value)),
            "properties" => properties(value, direction),
            "items" | "not" => convert(value, direction),
            "additionalProperties" if value.is_object() => convert(value, direction),
            "allOf" | "anyOf" | "oneOf" => list(value, direction),
            "required" if direction == Direction::Request => required_in_requests(map, value),
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    if map.get("nullable") == Some(&Value::Bool(true)) {
        nullable(out)
    } else {
        Value::Object(out)
    }
}

fn reference(value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    match text.strip_prefix(COMPONENTS) {
        Some(name) => format!("#/$defs/{name}"),
        None => text.to_owned(),
    }
}

fn properties(value: &Value, direction: Direction) -> Value {
    let Value::Object(properties) = value else {
        return value.clone();
    };
    Value::Object(
        properties
            .iter()
            .map(|(name, schema)| (name.clone(), convert(schema, direction)))
            .collect(),
    )
}

fn list(value: &Value, direction: Direction) -> Value {
    match value {
        Value::Array(schemas) => Value::Array(
            schemas
                .iter()
                .map(|schema| convert(schema, direction))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `required` without the read-only properties of the same schema.
fn required_in_requests(schema: &Map<String, Value>, required: &Value) -> Value {
    let read_only = |name: &str| {
        schema
            .get("properties")
            .and_then(|properties| properties.get(name))
            .and_then(|property| property.get("readOnly"))
            == Some(&Value::Bool(true))
    };
    match required {
        Value::Array(names) => Value::Array(
            names
                .iter()
                .filter(|name| !name.as_str().is_some_and(read_only))
                .cloned()
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `schema`, or `null`.
fn nullable(mut schema: Map<String, Value>) -> Value {
    let simple = !["$ref", "allOf", "anyOf", "oneOf"]
        .iter()
        .any(|key| schema.contains_key(*key));
    if let (true, Some(Value::String(kind))) = (simple, schema.get("type").cloned()) {
        schema.insert("type".into(), serde_json::json!([kind, "null"]));
        if let Some(Value::Array(values)) = schema.get_mut("enum") {
            values.push(Value::Null);
        }
        return Value::Object(schema);
    }
    serde_json::json!({"anyOf": [Value::Object(schema), {"type": "null"}]})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nullable_types_admit_null_and_references_point_into_defs() {
        let schema = json!({"type": "string", "nullable": true, "maxLength": 3});
        assert_eq!(
            convert(&schema, Direction::Response),
            json!({"type": ["string", "null"], "maxLength": 3})
        );
        let schema = json!({"allOf": [{"$ref": "#/components/schemas/Contact"}], "nullable": true});
        assert_eq!(
            convert(&schema, Direction::Response),
            json!({"anyOf": [{"allOf": [{"$ref": "#/$defs/Contact"}]}, {"type": "null"}]})
        );
    }

    #[test]
    fn read_only_properties_are_required_only_in_answers() {
        let schema = json!({"type": "object", "required": ["id", "email"],
            "properties": {"id": {"type": "string", "readOnly": true}, "email": {"type": "string"}}});
        assert_eq!(
            convert(&schema, Direction::Request)["required"],
            json!(["email"])
        );
        assert_eq!(
            convert(&schema, Direction::Response)["required"],
            json!(["id", "email"])
        );
    }
}
