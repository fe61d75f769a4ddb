//! JSON Schema (2020-12, as OpenAPI 3.1 uses it) of each wire shape's body,
//! read from the shape's description in [`crate::shape`]. `errcat-codegen`
//! writes these into `<shape>.schema.json` and `openapi.json`, and the
//! `utoipa` integration puts the same values into a service's document, so
//! the three cannot disagree.
//!
//! Schemas describe what the runtime sends: the members it always writes are
//! `required`, the ones it writes only when there is a value (hint, request
//! id, details, resolve) are optional. Unknown members are allowed, so a
//! client validating responses keeps working when a later version adds one.

use serde_json::{Map, Value, json};

use crate::catalog::{GrpcCode, Resolve, ResolveValue, WireShape};
use crate::shape::{CodeForm, Member, Part, Presence, Step};

/// The schema of a body in `shape`; `code` is the schema of its code member
/// (an enum, or a `$ref` to one), and `number` the schema a shape of
/// [`CodeForm::Number`] has in its place ([`numbers`]).
#[must_use]
pub fn body(shape: WireShape, code: &Value, number: &Value) -> Value {
    let spec = shape.spec();
    let code = match spec.code_form {
        CodeForm::Number => number,
        CodeForm::Exact | CodeForm::SmithyShapeName | CodeForm::ErrorInfoReason => code,
    };
    let mut schema = Map::new();
    schema.insert(
        "description".into(),
        format!("{}: `{}`.", spec.summary, spec.outline()).into(),
    );
    schema.extend(object(spec.members, code));
    Value::Object(schema)
}

/// The `allOf` clauses of a body in `shape` that type its `details` for
/// the codes that declare their members: for each `(code, number,
/// details)`, if the body's code member holds the code (its number, in a
/// shape that sends numbers), its details match `details`. `None` when
/// `typed` is empty or the shape has no `details` member.
#[must_use]
pub fn typed_details(shape: WireShape, typed: &[(&str, Option<i64>, Value)]) -> Option<Value> {
    let spec = shape.spec();
    let code_steps = spec.steps_of(Part::Code)?;
    let details_steps = spec.steps_of(Part::Details)?;
    let nullable = member_of(spec.members, Part::Details)
        .is_some_and(|member| member.presence == Presence::NullWhenAbsent);
    if typed.is_empty() {
        return None;
    }
    let clauses = typed
        .iter()
        .map(|(code, number, details)| {
            let sent = match (spec.code_form, number) {
                (CodeForm::Number, Some(number)) => Value::from(*number),
                _ => Value::from(*code),
            };
            let details = if nullable {
                json!({ "anyOf": [details, { "type": "null" }] })
            } else {
                details.clone()
            };
            json!({
                "if": along(&code_steps, json!({ "const": sent }), true),
                "then": along(&details_steps, details, false),
            })
        })
        .collect();
    Some(Value::Array(clauses))
}

/// A schema that holds `leaf` at the end of `steps`; each member on the way
/// is `required` if `require`.
fn along(steps: &[Step], leaf: Value, require: bool) -> Value {
    steps.iter().rev().fold(leaf, |inner, step| match step {
        Step::Member(name) => {
            let mut schema = json!({ "properties": { *name: inner } });
            if require {
                schema["required"] = json!([name]);
            }
            schema
        }
        Step::Element(_) => json!({ "items": inner }),
    })
}

fn member_of(members: &'static [Member], part: Part) -> Option<&'static Member> {
    members.iter().find_map(|member| match member.part {
        found if found == part => Some(member),
        Part::Object(inner) | Part::List(inner) => member_of(inner, part),
        _ => None,
    })
}

/// The enum of the numbers of `codes` (those that have one): the code
/// member of a shape that sends a code as its number.
#[must_use]
pub fn numbers(codes: &[(&str, Option<i64>)]) -> Value {
    let numbers: Vec<i64> = codes.iter().filter_map(|(_, number)| *number).collect();
    json!({
        "description": format!("{}.", CodeForm::Number.code_meaning()),
        "type": "integer",
        "enum": numbers,
    })
}

/// The enum of wire codes, described by `description`; each code with its
/// stable number, if it has one. The numbers, where any code has one, are
/// the `x-errcat-numbers` member (code to number): JSON Schema and OpenAPI
/// tools keep such a member and ignore it, and a client generator or
/// reader can look codes up by it.
#[must_use]
pub fn code(description: &str, codes: &[(&str, Option<i64>)]) -> Value {
    let names: Vec<&str> = codes.iter().map(|(code, _)| *code).collect();
    let mut schema = json!({
        "description": description,
        "type": "string",
        "enum": names,
    });
    let numbers: Map<String, Value> = codes
        .iter()
        .filter_map(|(code, number)| Some(((*code).to_owned(), (*number)?.into())))
        .collect();
    if !numbers.is_empty() {
        schema["x-errcat-numbers"] = Value::Object(numbers);
    }
    schema
}

/// `type`, `required` and `properties` of an object of `members`: the
/// members written in every body are required, even as `null`.
fn object(members: &[Member], code: &Value) -> Map<String, Value> {
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
        Part::Object(members) => schema.extend(object(members, code)),
        Part::List(members) => {
            schema.insert("type".into(), "array".into());
            schema.insert("minItems".into(), 1.into());
            schema.insert("maxItems".into(), 1.into());
            schema.insert("items".into(), Value::Object(object(members, code)));
        }
        Part::Constant(literal) => {
            let value = serde_json::to_value(literal).unwrap_or(Value::Null);
            schema.insert("const".into(), value);
        }
        Part::Status => {
            schema.insert("type".into(), "integer".into());
            schema.insert("minimum".into(), 100.into());
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
        Part::Arguments => {
            schema.insert("type".into(), "object".into());
            schema.insert("additionalProperties".into(), json!({ "type": "string" }));
        }
        Part::GrpcStatus => {
            schema.insert("type".into(), "string".into());
            let names: Vec<&str> = GrpcCode::ALL.iter().map(|code| code.as_str()).collect();
            schema.insert("enum".into(), names.into());
        }
        Part::Message
        | Part::Title
        | Part::Hint
        | Part::RequestId
        | Part::Details
        | Part::Domain => {
            schema.insert("type".into(), member.part.json_type().into());
        }
    }
    if member.presence == Presence::NullWhenAbsent {
        let ty = schema["type"].take();
        schema.insert("type".into(), json!([ty, "null"]));
    }
    schema.insert("description".into(), member.sentence().into());
    Value::Object(schema)
}

fn resolve_properties() -> Value {
    let properties: Map<String, Value> = Resolve::MEMBERS
        .iter()
        .map(|member| {
            let mut schema = json!({ "type": "string" });
            match member.value {
                // No `format`: a link may be a path template such as
                // `/v1/keys/{id}`, which no URI format admits.
                ResolveValue::Text | ResolveValue::Link => {}
                ResolveValue::Method => schema["enum"] = json!(Resolve::METHODS),
            }
            schema["description"] = member.meaning.into();
            (member.name.to_owned(), schema)
        })
        .collect();
    Value::Object(properties)
}
