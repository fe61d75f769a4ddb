//! JSON Schema 2020-12 of each wire shape's body (`<shape>.schema.json`),
//! with the codes a response in that shape can carry. The OpenAPI emitter
//! builds its component schemas from the same [`body_schema`], so the two
//! descriptions cannot disagree.
//!
//! Schemas describe what the runtime sends (`runtime/src/render.rs`): the
//! members it always writes are `required`, the ones it writes only when
//! there is a value (hint, request id, details, resolve) are optional.
//! Unknown members are allowed, so a client validating responses keeps
//! working when a later version adds one.

use serde_json::{Map, Value, json};

use super::text::{escape, json_without_markup};
use super::{OutputFile, docs, notice};
use crate::model::{Catalog, WireShape};
use errcat::ResolveValue;
use errcat::shape::{Member, Part, Presence};

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Shapes some emitted code uses, in [`WireShape::ALL`] order, always with
/// `problem`: the runtime answers any code as RFC 9457 problem details when
/// the request's `Accept` asks for `application/problem+json`.
pub fn shapes_in_use(catalog: &Catalog) -> Vec<WireShape> {
    WireShape::ALL
        .into_iter()
        .filter(|&shape| {
            shape == WireShape::Problem || catalog.emitted().any(|c| c.wire_shape == shape)
        })
        .collect()
}

/// Codes a body in `shape` can carry: those sent in it by default, or every
/// emitted code for `problem`.
pub fn codes_in(catalog: &Catalog, shape: WireShape) -> Vec<&str> {
    catalog
        .emitted()
        .filter(|c| shape == WireShape::Problem || c.wire_shape == shape)
        .map(|c| c.code.as_str())
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
            let Value::Object(body) = body_schema(shape, json!({ "$ref": "#/$defs/code" })) else {
                unreachable!("body schemas are objects")
            };
            document.extend(body);
            document.insert(
                "$defs".into(),
                json!({ "code": code_schema(catalog, &codes_in(catalog, shape)) }),
            );
            OutputFile::new(file_name(shape), pretty(&Value::Object(document)))
        })
        .collect()
}

/// The enum of wire codes.
pub fn code_schema(catalog: &Catalog, codes: &[&str]) -> Value {
    json!({
        "description": format!(
            "Machine-readable {} error code: stable, so branch on it. Clients should \
             accept codes added after they were built.",
            escape(&catalog.title)
        ),
        "type": "string",
        "enum": codes,
    })
}

/// The schema of a body in `shape`, read from the runtime's description of
/// it; `code` is the schema of its code member (an enum, or a `$ref` to one).
pub fn body_schema(shape: WireShape, code: Value) -> Value {
    let spec = shape.spec();
    let mut schema = Map::new();
    schema.insert(
        "description".into(),
        format!("{}: `{}`.", spec.summary, docs::shape::outline(spec)).into(),
    );
    schema.extend(object_schema(spec.members, &code));
    Value::Object(schema)
}

/// `type`, `required` and `properties` of an object of `members`: the
/// members written in every body are required, even as `null`.
fn object_schema(members: &[Member], code: &Value) -> Map<String, Value> {
    let required: Vec<&str> = members
        .iter()
        .filter(|member| member.presence != Presence::WhenPresent)
        .map(|member| member.name)
        .collect();
    let properties: Map<String, Value> = members
        .iter()
        .map(|member| (member.name.to_owned(), member_schema(member, code)))
        .collect();
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("required".into(), required.into());
    schema.insert("properties".into(), Value::Object(properties));
    schema
}

fn member_schema(member: &Member, code: &Value) -> Value {
    let mut schema = Map::new();
    match member.part {
        // The code's schema describes itself.
        Part::Code => return code.clone(),
        Part::Object(members) => schema.extend(object_schema(members, code)),
        Part::Status => {
            schema.insert("type".into(), "integer".into());
            schema.insert("minimum".into(), 400.into());
            schema.insert("maximum".into(), 599.into());
        }
        Part::DocsUrl => {
            schema.insert("type".into(), "string".into());
            schema.insert("format".into(), "uri-reference".into());
        }
        Part::Resolve => {
            schema.insert("type".into(), "object".into());
            schema.insert("minProperties".into(), 1.into());
            schema.insert("properties".into(), resolve_properties());
        }
        Part::Message | Part::Title | Part::Hint | Part::RequestId | Part::Details => {
            schema.insert("type".into(), member.part.json_type().into());
        }
    }
    if member.presence == Presence::NullWhenAbsent {
        let ty = schema["type"].take();
        schema.insert("type".into(), json!([ty, "null"]));
    }
    schema.insert("description".into(), docs::shape::meaning(member).into());
    Value::Object(schema)
}

fn resolve_properties() -> Value {
    let properties: Map<String, Value> = errcat::Resolve::MEMBERS
        .iter()
        .map(|member| {
            let mut schema = json!({ "type": "string" });
            match member.value {
                // No `format`: a link may be a path template such as
                // `/v1/keys/{id}`, which no URI format admits.
                ResolveValue::Text | ResolveValue::Link => {}
                ResolveValue::Method => schema["enum"] = json!(errcat::Resolve::METHODS),
            }
            schema["description"] = member.meaning.into();
            (member.name.to_owned(), schema)
        })
        .collect();
    Value::Object(properties)
}

/// Two-space pretty JSON ending in a newline; the first member lands on the
/// second line, where the writer looks for the generated notice. No `<`
/// appears as such, so the document can be inlined into an HTML page.
pub fn pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = json_without_markup(value, true);
    text.push('\n');
    text
}
