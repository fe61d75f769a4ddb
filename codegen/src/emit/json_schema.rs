//! JSON Schema 2020-12 of each wire shape's body (`<shape>.schema.json`),
//! with the codes a response in that shape can carry. The OpenAPI emitter
//! builds its component schemas with the same `errcat::schema::body`, so
//! the two descriptions cannot disagree.
//!
//! The schemas themselves are the runtime's (`errcat::schema`), which also
//! puts them into a service's own OpenAPI document.

use serde_json::{Map, Value, json};

use super::text::{escape, json_without_markup};
use super::{OutputFile, notice};
use errcat::shape::CodeForm;

use crate::model::{Catalog, Code, DetailMember, DetailType, ParamType, WireShape};

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Shapes some emitted code uses, in [`Catalog::shapes`] order, always with
/// `problem`: the runtime answers any code as RFC 9457 problem details when
/// the request's `Accept` asks for `application/problem+json`.
pub fn shapes_in_use(catalog: &Catalog) -> Vec<WireShape> {
    catalog
        .shapes()
        .filter(|&shape| {
            shape == WireShape::Problem || catalog.emitted().any(|c| c.wire_shape == shape)
        })
        .collect()
}

/// Codes a body in `shape` can carry: those sent in it by default, or every
/// emitted code for `problem`.
pub fn codes_in(catalog: &Catalog, shape: WireShape) -> Vec<&Code> {
    catalog
        .emitted()
        .filter(|c| shape == WireShape::Problem || c.wire_shape == shape)
        .collect()
}

/// The file name of a shape's schema, e.g. `error_code.schema.json`.
pub fn file_name(shape: WireShape) -> String {
    format!("{}.schema.json", shape.as_str())
}

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    shapes_in_use(catalog)
        .into_iter()
        .map(|shape| {
            let mut document = Map::new();
            document.insert("$comment".into(), notice(&catalog.name).into());
            document.insert("$schema".into(), DIALECT.into());
            document.insert(
                "title".into(),
                format!("{} error ({} shape)", catalog.title, shape.as_str()).into(),
            );
            let code = json!({ "$ref": "#/$defs/code" });
            let number = json!({ "$ref": "#/$defs/number" });
            let Value::Object(body) = errcat::schema::body(shape, &code, &number) else {
                unreachable!("body schemas are objects")
            };
            document.extend(body);
            if let Some(clauses) = typed_details(catalog, shape) {
                document.insert("allOf".into(), clauses);
            }
            let mut defs = Map::new();
            defs.insert("code".into(), code_schema(catalog, shape));
            if shape.spec().code_form == CodeForm::Number {
                defs.insert("number".into(), number_schema(catalog, shape));
            }
            document.insert("$defs".into(), Value::Object(defs));
            OutputFile::new(file_name(shape), pretty(&Value::Object(document)))
        })
        .collect()
}

/// The clauses that type the details of the codes a body in `shape` can
/// hold, where any declares their members (see `errcat::schema::typed_details`).
pub fn typed_details(catalog: &Catalog, shape: WireShape) -> Option<Value> {
    let typed: Vec<(&str, Option<i64>, Value)> = codes_in(catalog, shape)
        .into_iter()
        .filter(|code| !code.detail_members.is_empty())
        .map(|code| {
            (
                code.code.as_str(),
                code.number,
                object_schema(&code.detail_members),
            )
        })
        .collect();
    errcat::schema::typed_details(shape, &typed)
}

/// What a generated crate hands the runtime of its typed details (see
/// `errcat::Catalog::typed_details`), or `None` when no code has them.
pub fn typed_details_json(catalog: &Catalog) -> Option<String> {
    let typed: Map<String, Value> = catalog
        .emitted()
        .filter(|code| !code.detail_members.is_empty())
        .map(|code| {
            let entry = json!({
                "schema": object_schema(&code.detail_members),
                "example": crate::model::details_example(&code.detail_members),
            });
            (code.code.clone(), entry)
        })
        .collect();
    (!typed.is_empty()).then(|| Value::Object(typed).to_string())
}

/// The schema of an object of typed details' `members`. Members it does
/// not declare are allowed, as everywhere in these schemas.
fn object_schema(members: &[DetailMember]) -> Value {
    let required: Vec<&str> = members
        .iter()
        .filter(|m| !m.optional)
        .map(|m| m.name.as_str())
        .collect();
    let properties: Map<String, Value> = members
        .iter()
        .map(|m| (m.name.clone(), type_schema(&m.ty)))
        .collect();
    json!({ "type": "object", "required": required, "properties": properties })
}

fn type_schema(ty: &DetailType) -> Value {
    match ty {
        DetailType::Scalar(ParamType::String) => json!({ "type": "string" }),
        DetailType::Scalar(ParamType::Integer) => json!({ "type": "integer" }),
        DetailType::Scalar(ParamType::Unsigned) => json!({ "type": "integer", "minimum": 0 }),
        DetailType::Scalar(ParamType::Float) => json!({ "type": "number" }),
        DetailType::Scalar(ParamType::Bool) => json!({ "type": "boolean" }),
        DetailType::List(element) => json!({ "type": "array", "items": type_schema(element) }),
        DetailType::Object(members) => object_schema(members),
    }
}

/// The enum of the wire codes a body in `shape` can hold (every code for
/// problem details), with their numbers.
pub fn code_schema(catalog: &Catalog, shape: WireShape) -> Value {
    let codes: Vec<(&str, Option<i64>)> = codes_in(catalog, shape)
        .into_iter()
        .map(|c| (c.code.as_str(), c.number))
        .collect();
    errcat::schema::code(&code_description(catalog), &codes)
}

/// The enum of the numbers of the codes a body in `shape` can hold, for a
/// shape that sends the code as its number.
pub fn number_schema(catalog: &Catalog, shape: WireShape) -> Value {
    let codes: Vec<(&str, Option<i64>)> = codes_in(catalog, shape)
        .into_iter()
        .map(|c| (c.code.as_str(), c.number))
        .collect();
    errcat::schema::numbers(&codes)
}

/// What the enum of wire codes says of itself; generated crates hand the
/// same sentence to the runtime, which describes the enum in a service's
/// own OpenAPI document.
pub fn code_description(catalog: &Catalog) -> String {
    format!(
        "Machine-readable {} error code: stable, so branch on it. Clients should \
         accept codes added after they were built.",
        escape(&catalog.title)
    )
}

/// Two-space pretty JSON ending in a newline; the first member lands on the
/// second line, where the writer looks for the generated notice. No `<`
/// appears as such, so the document can be inlined into an HTML page.
pub fn pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = json_without_markup(value, true);
    text.push('\n');
    text
}
