//! The OpenAPI document read into operations, each with compiled validators for its query,
//! its request body and each declared answer.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use jsonschema::Validator;
use serde_json::{Map, Value, json};

use crate::deviation::{DEVIATIONS, Tolerance};
use crate::schema::{Direction, convert};

/// The repository's copy of the official document.
pub const BUNDLED_DOCUMENT: &str = include_str!("../../connect-wire/openapi/cariqa-openapi.yml");

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Not YAML (or not representable as JSON).
    #[error("the OpenAPI document is not readable YAML")]
    Yaml(#[source] serde_yaml_ng::Error),
    /// A part the check needs is missing or malformed.
    #[error("the OpenAPI document: {0}")]
    Shape(String),
    /// A schema the validator refuses.
    #[error("the schema of {what} does not compile: {message}")]
    Schema {
        /// Which schema.
        what: String,
        /// The validator's words.
        message: String,
    },
}

/// A query parameter of an operation.
#[derive(Debug, Clone)]
pub(crate) struct QueryParameter {
    pub(crate) name: String,
    /// The JSON Schema `type` its values are read as (`integer`, `array`, …).
    pub(crate) kind: String,
    /// For arrays, the items' type.
    pub(crate) item_kind: String,
}

/// What an operation answers with one status.
#[derive(Clone)]
pub(crate) struct Answer {
    /// The body's validator; `None` when the answer has no content.
    pub(crate) body: Option<Arc<Validator>>,
}

/// One operation of the document.
#[derive(Clone)]
pub struct Operation {
    /// The `operationId`.
    pub id: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template (`/api/v1/users/{user_id}/`).
    pub template: String,
    pub(crate) query: Vec<QueryParameter>,
    pub(crate) query_validator: Arc<Validator>,
    /// The JSON body's validator, and whether a body is required.
    pub(crate) request_body: Option<(Arc<Validator>, bool)>,
    /// The media types the request body may have.
    pub(crate) media_types: Vec<String>,
    pub(crate) answers: BTreeMap<u16, Answer>,
}

impl std::fmt::Debug for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation")
            .field("id", &self.id)
            .field("method", &self.method)
            .field("template", &self.template)
            .finish_non_exhaustive()
    }
}

impl Operation {
    /// Whether `path` (no query) is an instance of this operation's template.
    fn matches(&self, method: &str, path: &str) -> bool {
        if !self.method.eq_ignore_ascii_case(method) {
            return false;
        }
        let mut template = self.template.split('/');
        let mut actual = path.split('/');
        loop {
            match (template.next(), actual.next()) {
                (None, None) => return true,
                (Some(expected), Some(segment)) => {
                    let parameter = expected.starts_with('{') && expected.ends_with('}');
                    if (parameter && segment.is_empty()) || (!parameter && expected != segment) {
                        return false;
                    }
                }
                _ => return false,
            }
        }
    }

    /// The statuses the document declares for this operation.
    pub fn declared_statuses(&self) -> impl Iterator<Item = u16> + '_ {
        self.answers.keys().copied()
    }
}

/// The OpenAPI document, ready to check exchanges against.
///
/// # Examples
/// ```
/// let contract = connect_openapi::Contract::bundled();
/// let operation = contract.operation("GET", "/api/v1/users/u1/billing-details/").unwrap();
/// assert_eq!(operation.id, "users_billing_details_retrieve");
/// assert!(contract.operation("GET", "/api/v1/nothing/").is_none());
/// ```
pub struct Contract {
    document: Value,
    operations: Vec<Operation>,
    /// Compiled bodies of the tolerated undeclared statuses, by component.
    components: HashMap<String, Arc<Validator>>,
}

impl std::fmt::Debug for Contract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contract")
            .field("operations", &self.operations.len())
            .finish_non_exhaustive()
    }
}

impl Contract {
    /// The repository's copy of the official document, read once per process.
    ///
    /// # Panics
    /// If the bundled document does not load (a test proves it does).
    #[allow(clippy::panic)] // The document is compiled in; a test proves it loads.
    pub fn bundled() -> &'static Self {
        static BUNDLED: OnceLock<Contract> = OnceLock::new();
        BUNDLED.get_or_init(|| match Self::from_yaml(BUNDLED_DOCUMENT) {
            Ok(contract) => contract,
            Err(error) => panic!("{error}"),
        })
    }

    /// Reads an OpenAPI 3.0 document.
    ///
    /// # Errors
    /// [`LoadError`]: not YAML, no `paths` or `components`, or a schema that does not compile.
    pub fn from_yaml(text: &str) -> Result<Self, LoadError> {
        let document: Value = serde_yaml_ng::from_str(text).map_err(LoadError::Yaml)?;
        let schemas = document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .ok_or_else(|| LoadError::Shape("no components/schemas".into()))?;
        let defs_request = defs(&integers_as_text(schemas), Direction::Request);
        let defs_response = defs(&tolerated_nulls(schemas), Direction::Response);
        let paths = document
            .get("paths")
            .and_then(Value::as_object)
            .ok_or_else(|| LoadError::Shape("no paths".into()))?;
        let mut compiler = Compiler::default();
        let mut operations = Vec::new();
        for (template, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, operation) in item {
                operations.push(compiler.operation(
                    template,
                    method,
                    operation,
                    (&defs_request, &defs_response),
                )?);
            }
        }
        let mut components = HashMap::new();
        for deviation in DEVIATIONS {
            if let Tolerance::UndeclaredStatus { body, .. } = deviation.tolerance {
                let schema = json!({"$ref": format!("#/$defs/{body}")});
                components.insert(
                    body.to_owned(),
                    compiler.compile(&schema, &defs_response, body)?,
                );
            }
        }
        Ok(Self {
            document,
            operations,
            components,
        })
    }

    /// The operation `method` `path` (no query string) is an instance of.
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations
            .iter()
            .find(|operation| operation.matches(method, path))
    }

    /// Every operation, in the document's order.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// The document as JSON (to read its enums and paths in tests).
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The document as JSON with the tolerated null properties
    /// ([`Tolerance::NullProperty`]) made `nullable`: for tools that read the document
    /// themselves (the conformance run's schemathesis), so that they tolerate exactly what
    /// this crate's check does, from the one list.
    ///
    /// # Examples
    /// ```
    /// let contract = connect_openapi::Contract::bundled();
    /// let tolerant = contract.tolerant_document();
    /// let band = "/components/schemas/TimePriceItem/properties";
    /// assert_eq!(tolerant.pointer(&format!("{band}/time_from/nullable")), Some(&true.into()));
    /// assert_eq!(tolerant.pointer(&format!("{band}/date_from/nullable")), None);
    /// ```
    pub fn tolerant_document(&self) -> Value {
        let mut document = self.document.clone();
        if let Some(schemas) = document.pointer_mut("/components/schemas")
            && let Some(components) = schemas.as_object()
        {
            *schemas = Value::Object(tolerated_nulls(components));
        }
        document
    }

    /// The values of the component `schema`'s `enum`, if it has one.
    ///
    /// # Examples
    /// ```
    /// let contract = connect_openapi::Contract::bundled();
    /// let locales = contract.enum_values("LocaleEnum").unwrap();
    /// assert_eq!(locales, ["en", "de"]);
    /// ```
    pub fn enum_values(&self, schema: &str) -> Option<Vec<String>> {
        let values = self
            .document
            .pointer(&format!("/components/schemas/{schema}/enum"))?
            .as_array()?;
        Some(
            values
                .iter()
                .map(|value| match value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect(),
        )
    }

    pub(crate) fn component(&self, name: &str) -> Option<&Arc<Validator>> {
        self.components.get(name)
    }
}

/// The components with the tolerated null properties made `nullable`.
fn tolerated_nulls(schemas: &Map<String, Value>) -> Map<String, Value> {
    let mut schemas = schemas.clone();
    for deviation in DEVIATIONS {
        if let Tolerance::NullProperty { schema, property } = deviation.tolerance
            && let Some(property) = schemas
                .get_mut(schema)
                .and_then(|schema| schema.get_mut("properties"))
                .and_then(|properties| properties.get_mut(property))
                .and_then(Value::as_object_mut)
        {
            property.insert("nullable".into(), Value::Bool(true));
        }
    }
    schemas
}

/// The components with the tolerated integer-as-text request properties widened.
fn integers_as_text(schemas: &Map<String, Value>) -> Map<String, Value> {
    let mut schemas = schemas.clone();
    for deviation in DEVIATIONS {
        if let Tolerance::IntegerAsText { schema, property } = deviation.tolerance
            && let Some(property) = schemas
                .get_mut(schema)
                .and_then(|schema| schema.get_mut("properties"))
                .and_then(|properties| properties.get_mut(property))
        {
            let original = property.clone();
            *property = json!({"anyOf": [original, {"type": "string", "pattern": "^-?[0-9]+$"}]});
        }
    }
    schemas
}

fn defs(schemas: &Map<String, Value>, direction: Direction) -> Value {
    Value::Object(
        schemas
            .iter()
            .map(|(name, schema)| (name.clone(), convert(schema, direction)))
            .collect(),
    )
}

/// Compiles schemas, each once.
#[derive(Default)]
struct Compiler {
    cache: HashMap<String, Arc<Validator>>,
}

impl Compiler {
    fn compile(
        &mut self,
        schema: &Value,
        defs: &Value,
        what: &str,
    ) -> Result<Arc<Validator>, LoadError> {
        let mut root = match schema {
            Value::Object(map) => map.clone(),
            other => return Err(LoadError::Shape(format!("{what}: not a schema: {other}"))),
        };
        root.insert("$defs".into(), defs.clone());
        let root = Value::Object(root);
        let key = format!("{what}\u{0}{schema}");
        if let Some(validator) = self.cache.get(&key) {
            return Ok(Arc::clone(validator));
        }
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&root)
            .map_err(|error| LoadError::Schema {
                what: what.to_owned(),
                message: error.to_string(),
            })?;
        let validator = Arc::new(validator);
        self.cache.insert(key, Arc::clone(&validator));
        Ok(validator)
    }

    fn operation(
        &mut self,
        template: &str,
        method: &str,
        operation: &Value,
        (defs_request, defs_response): (&Value, &Value),
    ) -> Result<Operation, LoadError> {
        let id = operation
            .get("operationId")
            .and_then(Value::as_str)
            .ok_or_else(|| LoadError::Shape(format!("{method} {template}: no operationId")))?
            .to_owned();
        let (query, query_schema) = query_parameters(&id, operation);
        let query_validator = self.compile(&query_schema, defs_request, &format!("{id} query"))?;
        let media_types = operation
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .map(|content| content.keys().cloned().collect())
            .unwrap_or_default();
        let request_body = match operation.pointer("/requestBody") {
            Some(body) => {
                let schema = body
                    .pointer("/content/application~1json/schema")
                    .ok_or_else(|| LoadError::Shape(format!("{id}: no JSON request body")))?;
                let schema = convert(schema, Direction::Request);
                let required = body.get("required") == Some(&Value::Bool(true));
                Some((
                    self.compile(&schema, defs_request, &format!("{id} request"))?,
                    required,
                ))
            }
            None => None,
        };
        let mut answers = BTreeMap::new();
        let responses = operation
            .get("responses")
            .and_then(Value::as_object)
            .ok_or_else(|| LoadError::Shape(format!("{id}: no responses")))?;
        for (status, response) in responses {
            let status: u16 = status
                .parse()
                .map_err(|_| LoadError::Shape(format!("{id}: status {status}")))?;
            let body = match response.pointer("/content/application~1json/schema") {
                Some(schema) => {
                    let schema = convert(schema, Direction::Response);
                    Some(self.compile(&schema, defs_response, &format!("{id} {status}"))?)
                }
                None => None,
            };
            answers.insert(status, Answer { body });
        }
        Ok(Operation {
            id,
            method: method.to_ascii_uppercase(),
            template: template.to_owned(),
            query,
            query_validator,
            request_body,
            media_types,
            answers,
        })
    }
}

/// The query parameters, and a schema of the object they make (`{name: value}`).
fn query_parameters(id: &str, operation: &Value) -> (Vec<QueryParameter>, Value) {
    let mut parameters = Vec::new();
    let mut properties = Map::new();
    let mut required = Vec::new();
    let declared = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for parameter in declared {
        if parameter.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        let Some(name) = parameter.get("name").and_then(Value::as_str) else {
            continue;
        };
        let mut schema = parameter.get("schema").cloned().unwrap_or(json!({}));
        for deviation in DEVIATIONS {
            if let Tolerance::QueryValue {
                operation,
                parameter,
                value,
            } = deviation.tolerance
                && operation == id
                && parameter == name
                && let Some(Value::Array(values)) = schema.get_mut("enum")
            {
                values.push(Value::from(value));
            }
        }
        let kind = |schema: &Value| {
            schema
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("string")
                .to_owned()
        };
        parameters.push(QueryParameter {
            name: name.to_owned(),
            kind: kind(&schema),
            item_kind: schema.get("items").map(kind).unwrap_or_default(),
        });
        properties.insert(name.to_owned(), convert(&schema, Direction::Request));
        if parameter.get("required") == Some(&Value::Bool(true)) {
            required.push(Value::String(name.to_owned()));
        }
    }
    let schema = json!({"type": "object", "properties": properties, "required": required});
    (parameters, schema)
}
