//! Checking one exchange: the request against its operation (by method and path template),
//! the answer against what the operation declares for its status, and the one list of
//! tolerated deviations.

use std::fmt;

use jsonschema::Validator;
use serde_json::{Map, Value};

use crate::deviation::{DEVIATIONS, Tolerance};
use crate::document::{Contract, Operation, QueryParameter};

/// Which side of an exchange broke the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// What the client sent.
    Request,
    /// What the API answered, with its status.
    Response(u16),
}

/// Which part of a message broke the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The method and path: no operation of the document.
    Operation,
    /// The query string (read as an object of the declared parameters).
    Query,
    /// The JSON body.
    Body,
    /// The status (not declared for the operation) or the content type.
    Status,
}

/// An exchange the document (and [`DEVIATIONS`]) does not allow: which operation, which
/// side, where (a JSON pointer into the body or the query), the value found there, and what
/// is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The `operationId`, or `METHOD /path` when no operation matches.
    pub operation: String,
    /// The request or the answer.
    pub side: Side,
    /// Which part.
    pub part: Part,
    /// A JSON pointer into that part (`/results/0/price_groups/0/…`; empty for the root).
    pub pointer: String,
    /// The value at `pointer`.
    pub value: Value,
    /// What the document says instead.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = match self.side {
            Side::Request => "request".to_owned(),
            Side::Response(status) => format!("response {status}"),
        };
        let part = match self.part {
            Part::Operation => "path",
            Part::Query => "query",
            Part::Body => "body",
            Part::Status => "status",
        };
        let mut value = self.value.to_string();
        if value.len() > 200 {
            value.truncate(200);
            value.push('…');
        }
        write!(
            f,
            "{} {side}: {part} at `{}` = {value}: {}",
            self.operation, self.pointer, self.message
        )
    }
}

/// A request as the check reads it.
#[derive(Debug, Clone, Copy)]
pub struct RequestParts<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path, without the query.
    pub path: &'a str,
    /// The query string, without `?` (empty when none).
    pub query: &'a str,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// An answer as the check reads it.
#[derive(Debug, Clone, Copy)]
pub struct ResponseParts<'a> {
    /// The status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
    /// Headers the tolerances look at, as (lower-case name, value).
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

/// What checking one exchange found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The `operationId` the request matched, if any.
    pub operation: Option<String>,
    /// Everything outside the document and its tolerances; empty when the exchange conforms.
    pub violations: Vec<Violation>,
}

impl Contract {
    /// Checks a request and the answer to it.
    ///
    /// # Examples
    /// ```
    /// use connect_openapi::{Contract, RequestParts, ResponseParts};
    /// let request = RequestParts { method: "GET", path: "/api/v1/users/u1/setup-intents/",
    ///     query: "", content_type: None, body: b"" };
    /// let answer = ResponseParts { status: 200, content_type: Some("application/json"),
    ///     headers: &[], body: br#"{"setup_intent_client_secret": 7}"# };
    /// let checked = Contract::bundled().check(&request, &answer);
    /// assert_eq!(checked.violations[0].pointer, "/setup_intent_client_secret");
    /// ```
    pub fn check(&self, request: &RequestParts<'_>, answer: &ResponseParts<'_>) -> Checked {
        let Some(operation) = self.operation(request.method, request.path) else {
            return Checked {
                operation: None,
                violations: vec![Violation {
                    operation: format!("{} {}", request.method, request.path),
                    side: Side::Request,
                    part: Part::Operation,
                    pointer: String::new(),
                    value: Value::String(request.path.to_owned()),
                    message: "no operation of the document has this method and path".into(),
                }],
            };
        };
        let mut violations = check_request(operation, request);
        if answer.status == 400 && tolerated(|t| t == Tolerance::RefusedRequest) {
            violations.clear();
        }
        violations.extend(self.check_answer(operation, answer));
        Checked {
            operation: Some(operation.id.clone()),
            violations,
        }
    }

    fn check_answer(&self, operation: &Operation, answer: &ResponseParts<'_>) -> Vec<Violation> {
        let violation = |part, pointer: &str, value: Value, message: String| Violation {
            operation: operation.id.clone(),
            side: Side::Response(answer.status),
            part,
            pointer: pointer.to_owned(),
            value,
            message,
        };
        let body = if let Some(declared) = operation.answers.get(&answer.status) {
            declared.body.clone()
        } else if let Some(body) = self.tolerated_status(operation, answer) {
            Some(body)
        } else {
            let declared: Vec<String> = operation
                .declared_statuses()
                .map(|status| status.to_string())
                .collect();
            return vec![violation(
                Part::Status,
                "",
                Value::from(answer.status),
                format!(
                    "not declared (the document declares {})",
                    declared.join(", ")
                ),
            )];
        };
        let Some(validator) = body else {
            if answer.body.is_empty() {
                return Vec::new();
            }
            return vec![violation(
                Part::Body,
                "",
                Value::String(String::from_utf8_lossy(answer.body).into_owned()),
                "the document declares no content for this status".into(),
            )];
        };
        if !is_json(answer.content_type) {
            return vec![violation(
                Part::Status,
                "",
                Value::String(answer.content_type.unwrap_or_default().to_owned()),
                "the content type is not application/json".into(),
            )];
        }
        match serde_json::from_slice::<Value>(answer.body) {
            Ok(json) => errors(&validator, &json)
                .map(|(pointer, value, message)| violation(Part::Body, &pointer, value, message))
                .collect(),
            Err(error) => vec![violation(
                Part::Body,
                "",
                Value::String(String::from_utf8_lossy(answer.body).into_owned()),
                format!("not JSON: {error}"),
            )],
        }
    }

    /// The body validator of a status the document does not declare but a tolerance allows.
    fn tolerated_status(
        &self,
        operation: &Operation,
        answer: &ResponseParts<'_>,
    ) -> Option<std::sync::Arc<Validator>> {
        DEVIATIONS
            .iter()
            .find_map(|deviation| match deviation.tolerance {
                Tolerance::UndeclaredStatus {
                    operation: id,
                    status,
                    body,
                    marked,
                } if (id == "*" || id == operation.id)
                    && status == answer.status
                    && marked.is_none_or(|(name, value)| {
                        answer
                            .headers
                            .iter()
                            .any(|(n, v)| n.eq_ignore_ascii_case(name) && v == value)
                    }) =>
                {
                    self.component(body).cloned()
                }
                _ => None,
            })
    }
}

fn tolerated(wanted: impl Fn(Tolerance) -> bool) -> bool {
    DEVIATIONS
        .iter()
        .any(|deviation| wanted(deviation.tolerance))
}

fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            let media = media.trim();
            media.eq_ignore_ascii_case("application/json")
                || (media.starts_with("application/") && media.ends_with("+json"))
        })
}

fn check_request(operation: &Operation, request: &RequestParts<'_>) -> Vec<Violation> {
    let violation = |part, pointer: String, value: Value, message: String| Violation {
        operation: operation.id.clone(),
        side: Side::Request,
        part,
        pointer,
        value,
        message,
    };
    let query = query_object(&operation.query, request.query);
    let mut violations: Vec<Violation> = errors(&operation.query_validator, &query)
        .map(|(pointer, value, message)| violation(Part::Query, pointer, value, message))
        .collect();
    match (&operation.request_body, request.body.is_empty()) {
        (None | Some((_, false)), true) => {}
        (Some((_, true)), true) => violations.push(violation(
            Part::Body,
            String::new(),
            Value::Null,
            "the operation requires a body".into(),
        )),
        (None, false) => violations.push(violation(
            Part::Body,
            String::new(),
            Value::String(String::from_utf8_lossy(request.body).into_owned()),
            "the operation takes no body".into(),
        )),
        (Some((validator, _)), false) => match request_body(operation, request) {
            Ok(Some(json)) => {
                violations.extend(errors(validator, &json).map(|(pointer, value, message)| {
                    violation(Part::Body, pointer, value, message)
                }));
            }
            Ok(None) => {}
            Err(message) => violations.push(violation(
                Part::Body,
                String::new(),
                Value::String(String::from_utf8_lossy(request.body).into_owned()),
                message,
            )),
        },
    }
    violations
}

/// The request body as JSON: a JSON body, or a form's fields as text (forms carry text
/// only; Django reads each as the field's type). `None` for multipart bodies, which the
/// document declares and the check does not parse.
fn request_body(
    operation: &Operation,
    request: &RequestParts<'_>,
) -> Result<Option<Value>, String> {
    let media = request
        .content_type
        .and_then(|value| value.split(';').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !operation.media_types.contains(&media) {
        return Err(format!(
            "content type `{media}` is not one the operation declares ({})",
            operation.media_types.join(", ")
        ));
    }
    match media.as_str() {
        "application/json" => serde_json::from_slice(request.body)
            .map(Some)
            .map_err(|error| format!("not JSON: {error}")),
        "application/x-www-form-urlencoded" => Ok(Some(Value::Object(
            form_urlencoded::parse(request.body)
                .map(|(name, value)| (name.into_owned(), Value::String(value.into_owned())))
                .collect(),
        ))),
        _ => Ok(None),
    }
}

/// The validator's errors as (JSON pointer, value there, message).
fn errors<'a>(
    validator: &'a Validator,
    instance: &'a Value,
) -> impl Iterator<Item = (String, Value, String)> + 'a {
    validator.iter_errors(instance).map(|error| {
        (
            error.instance_path().to_string(),
            error.instance().clone().into_owned(),
            error.to_string(),
        )
    })
}

/// The query as an object of the declared parameters, each value read as its declared type
/// (a value that does not read stays text, and fails the type check); undeclared parameters
/// are left out (the document does not forbid them).
fn query_object(parameters: &[QueryParameter], query: &str) -> Value {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let mut object = Map::new();
    for parameter in parameters {
        let values: Vec<&str> = pairs
            .iter()
            .filter(|(name, _)| *name == parameter.name)
            .map(|(_, value)| value.as_str())
            .collect();
        if values.is_empty() {
            continue;
        }
        let value = if parameter.kind == "array" {
            Value::Array(
                values
                    .iter()
                    .map(|value| typed(&parameter.item_kind, value))
                    .collect(),
            )
        } else if let [one] = values.as_slice() {
            typed(&parameter.kind, one)
        } else if let (true, Some(last)) = (
            tolerated(|t| t == Tolerance::RepeatedParameterLastWins),
            values.last(),
        ) {
            typed(&parameter.kind, last)
        } else {
            // A scalar given twice: the array shows what was sent, and fails the type check.
            Value::Array(values.iter().map(|value| Value::from(*value)).collect())
        };
        object.insert(parameter.name.clone(), value);
    }
    Value::Object(object)
}

fn typed(kind: &str, text: &str) -> Value {
    let read = match kind {
        "integer" => text.parse::<i64>().ok().map(Value::from),
        "number" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        "boolean" => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    };
    read.unwrap_or_else(|| Value::String(text.to_owned()))
}
