//! `openapi.json`: an OpenAPI 3.1 document holding only components, for a
//! service's own description to reference:
//! `$ref: "errors/openapi.json#/components/responses/VERSION_NOT_FOUND"`.
//!
//! It has a schema per wire shape in use (problem details always, as the
//! runtime honours `Accept: application/problem+json`), the enum of codes, a
//! response per code that can still be sent, with the example body the docs
//! show, and the headers those responses carry. Nothing in it is specific to
//! errcat, so any OpenAPI tool reads it.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use super::docs::content;
use super::json_schema::{code_schema, pretty, shapes_in_use};
use super::text::{code_span, escape, neutralise_html};
use super::{OutputFile, example, notice};
use crate::model::{Catalog, Code, Header, HeaderValue, ParamType, Segment, WireShape};
use errcat::HeaderSet;
use errcat::shape::HeaderMember;

pub const VERSION: &str = "3.1.0";

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    vec![OutputFile::new(
        "openapi.json",
        pretty(&Document::new(catalog)),
    )]
}

/// Name of a shape's schema under `components.schemas`.
pub fn schema_name(shape: WireShape) -> &'static str {
    shape.spec().schema_name
}

/// Name of the code enum under `components.schemas`, e.g. `FoldErrorCode`:
/// prefixed with the catalog so a service using two catalogs keeps both.
pub fn code_schema_name(catalog: &Catalog) -> String {
    catalog.rust_code_type()
}

/// The document as a value, for tools that inspect it.
pub fn document(catalog: &Catalog) -> Value {
    serde_json::to_value(Document::new(catalog)).expect("JSON values always serialize")
}

/// The document, serialized as it is walked: each code's response is
/// built, written and dropped in turn, so a catalog of 10,000 codes never
/// holds all of them as values at once (that was 60 MB of heap for 12 MB of
/// text).
struct Document<'a> {
    catalog: &'a Catalog,
    info: Map<String, Value>,
    schemas: Map<String, Value>,
    headers: Map<String, Value>,
}

impl<'a> Document<'a> {
    fn new(catalog: &'a Catalog) -> Self {
        let code_name = code_schema_name(catalog);
        let code_ref = json!({ "$ref": format!("#/components/schemas/{code_name}") });

        let mut schemas = Map::new();
        schemas.insert(code_name.clone(), code_schema(catalog, WireShape::Problem));
        for shape in shapes_in_use(catalog) {
            let numbers = crate::emit::json_schema::number_schema(catalog, shape);
            let mut schema = errcat::schema::body(shape, &code_ref, &numbers);
            if let Some(clauses) = crate::emit::json_schema::typed_details(catalog, shape) {
                schema["allOf"] = clauses;
            }
            schemas.insert(schema_name(shape).into(), schema);
        }

        let mut headers = Map::new();
        for (name, description) in known_headers() {
            if catalog.emitted().any(|c| c.has_header(name)) {
                headers.insert(name.into(), known_header(description));
            }
        }

        let mut info = Map::new();
        info.insert("title".into(), format!("{} errors", catalog.title).into());
        info.insert(
            "version".into(),
            catalog
                .version
                .clone()
                .unwrap_or_else(|| "0.0.0".into())
                .into(),
        );
        let mut description = format!(
            "Every error the {} returns: reference `#/components/responses/<CODE>` from an \
             operation's responses.",
            escape(&catalog.title)
        );
        if let Some(intro) = &catalog.description {
            description = format!("{}\n\n{description}", neutralise_html(intro.trim_end()));
        }
        info.insert("description".into(), description.into());
        Document {
            catalog,
            info,
            schemas,
            headers,
        }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // JSON has no comments: the notice is a specification extension, the
        // one kind of extra member OpenAPI allows at the top, and it comes
        // first so the writer finds it on the second line.
        let mut document = serializer.serialize_map(Some(4))?;
        document.serialize_entry("x-generated", &notice(&self.catalog.name))?;
        document.serialize_entry("openapi", VERSION)?;
        document.serialize_entry("info", &self.info)?;
        document.serialize_entry("components", &Components(self))?;
        document.end()
    }
}

struct Components<'d, 'a>(&'d Document<'a>);

impl Serialize for Components<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Components(document) = self;
        let mut components = serializer.serialize_map(None)?;
        components.serialize_entry("schemas", &document.schemas)?;
        if !document.headers.is_empty() {
            components.serialize_entry("headers", &document.headers)?;
        }
        components.serialize_entry("responses", &Responses(document.catalog))?;
        components.end()
    }
}

/// A response per code that can still be sent, each made as it is written.
struct Responses<'a>(&'a Catalog);

impl Serialize for Responses<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Responses(catalog) = self;
        let mut responses = serializer.serialize_map(None)?;
        for code in catalog.emitted() {
            responses.serialize_entry(&code.code, &response(catalog, code))?;
        }
        responses.end()
    }
}

/// The headers whose meaning is the same for every code that carries them,
/// described once under `components.headers`.
fn known_headers() -> impl Iterator<Item = (&'static str, &'static str)> {
    HeaderSet::KNOWN
        .iter()
        .filter_map(|(name, _)| Some((*name, HeaderSet::meaning_of(name)?)))
}

fn known_header(description: &str) -> Value {
    json!({
        "description": description,
        "schema": { "type": "integer", "minimum": 0 },
    })
}

/// A header of one code: a reference to a known one when its value is the
/// known one's (a number of seconds or requests), else the code's own
/// value, described where it is used.
fn header_of(code: &Code, header: &Header, example: String) -> Value {
    let numeric = match &header.value {
        HeaderValue::RetryAfter => true,
        HeaderValue::Template(segments) => match segments.as_slice() {
            [Segment::Param(i)] => matches!(
                code.message.params[*i].ty,
                ParamType::Unsigned | ParamType::Integer
            ),
            [Segment::Text(text)] => text.parse::<u64>().is_ok(),
            _ => false,
        },
    };
    if numeric && let Some((name, _)) = known_headers().find(|(name, _)| header.is(name)) {
        return json!({ "$ref": format!("#/components/headers/{name}") });
    }
    let source = header
        .template_source(&code.message.params)
        .unwrap_or_default();
    // A value that is all parameters is not sent when they are empty.
    let always = match &header.value {
        HeaderValue::RetryAfter => false,
        HeaderValue::Template(segments) => segments.iter().any(|s| matches!(s, Segment::Text(_))),
    };
    let description = if always {
        format!("Always sent with this code: {}.", code_span(&source, false))
    } else {
        format!(
            "Sent with this code when its parameters are not empty: {}.",
            code_span(&source, false)
        )
    };
    json!({
        "description": description,
        "required": always,
        "schema": { "type": "string" },
        "example": example,
    })
}

/// A header the code's wire shape carries a part of the error in; not
/// sent when a client asks for problem details instead.
fn shape_header(shape: WireShape, header: &HeaderMember, example: String) -> Value {
    json!({
        "description": format!(
            "{}; sent with every {} body.",
            header.part.meaning(),
            code_span(shape.as_str(), false)
        ),
        "schema": { "type": "string" },
        "example": example,
    })
}

fn response(catalog: &Catalog, code: &Code) -> Value {
    // Descriptions are CommonMark, which documentation tools render.
    let mut description = format!("{} ({}).", escape(&code.title), code.http_status());
    if let Some(deprecated) = content::deprecation(code) {
        // Documentation tools render no link to another response.
        let link = |replacement: &str| code_span(replacement, false);
        description.push(' ');
        description.push_str(&content::markdown(&deprecated.sentence(), false, &link));
    }
    if let Some(hint) = &code.hint {
        description.push(' ');
        description.push_str(&escape(hint));
    }

    let mut content = Map::new();
    let mut shapes = vec![code.wire_shape];
    if code.wire_shape != WireShape::Problem {
        shapes.push(WireShape::Problem);
    }
    for shape in shapes {
        content.insert(
            shape.content_type().into(),
            json!({
                "schema": { "$ref": format!("#/components/schemas/{}", schema_name(shape)) },
                "example": example::body_in(catalog, code, shape),
            }),
        );
    }

    let mut response = Map::new();
    response.insert("description".into(), description.into());
    let mut headers: Map<String, Value> = example::shape_headers(catalog, code, code.wire_shape)
        .into_iter()
        .map(|(header, example)| {
            let described = shape_header(code.wire_shape, header, example);
            (header.name.to_owned(), described)
        })
        .collect();
    headers.extend(
        code.headers
            .iter()
            .zip(example::headers(code))
            .map(|(header, (_, example))| (header.name.clone(), header_of(code, header, example))),
    );
    if !headers.is_empty() {
        response.insert("headers".into(), Value::Object(headers));
    }
    response.insert("content".into(), Value::Object(content));
    Value::Object(response)
}
