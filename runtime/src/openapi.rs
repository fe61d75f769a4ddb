//! Per-endpoint error responses in a service's own OpenAPI document, from
//! the catalog (feature `utoipa`).
//!
//! `#[derive(ApiError)]` implements [`utoipa::IntoResponses`] for the enum
//! it is on, so an operation documented with
//! `#[utoipa::path(..., responses(..., LookupError))]` lists exactly the
//! codes that enum can return: per status, a description naming them, the
//! schema of each shape they can be sent in (their own, and RFC 9457 problem
//! details, which any client may ask for), one example body per code and
//! the headers they carry. [`Errors`] lists the codes of several enums at
//! once, merged per status; listing the enums one by one would let one's
//! response replace another's of the same status. [`Schemas`] puts the
//! schemas those responses refer to into the document's components.
//!
//! The schemas and example bodies are the ones `errcat gen` writes into
//! the catalog's own `openapi.json` ([`crate::schema`], [`crate::example`]),
//! so the two documents cannot disagree on them. Headers are described
//! here from what the runtime knows: their names in lowercase, and no
//! `required`, which utoipa's header object lacks.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{OneOfBuilder, Schema};
use utoipa::openapi::{OpenApi, Ref, RefOr};

use crate::catalog::{CodeInfo, ErrorCode, HeaderSet, WireShape};
use crate::example;

/// The utoipa errcat is built with, which derived impls name.
#[doc(hidden)]
pub use utoipa;

/// A set of codes an operation can answer with: what the derive implements
/// for an enum, and tuples of such sets (of one catalog) for [`Errors`].
pub trait ErrorSet {
    /// The catalog's code type.
    type Code: ErrorCode;

    /// The codes, in the order they were declared; repeats are allowed.
    fn codes() -> Vec<Self::Code>;
}

macro_rules! tuple_sets {
    ($first:ident $(, $rest:ident)*) => {
        impl<$first: ErrorSet $(, $rest: ErrorSet<Code = $first::Code>)*> ErrorSet
            for ($first, $($rest,)*)
        {
            type Code = $first::Code;

            fn codes() -> Vec<Self::Code> {
                #[allow(unused_mut)]
                let mut codes = $first::codes();
                $(codes.extend($rest::codes());)*
                codes
            }
        }
    };
}

tuple_sets!(A);
tuple_sets!(A, B);
tuple_sets!(A, B, C);
tuple_sets!(A, B, C, D);
tuple_sets!(A, B, C, D, E);
tuple_sets!(A, B, C, D, E, F);
tuple_sets!(A, B, C, D, E, F, G);
tuple_sets!(A, B, C, D, E, F, G, H);

/// The responses of every code in the sets `T`, merged per status:
/// `responses(Errors<(AuthError, LimitError, LookupError)>)`.
pub struct Errors<T>(PhantomData<T>);

impl<T: ErrorSet> utoipa::IntoResponses for Errors<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&T::codes())
    }
}

/// One response per status among `codes`, keyed by the status as OpenAPI
/// spells it (`"404"`). Retired codes are left out: they are never sent.
#[must_use]
pub fn responses<C: ErrorCode>(codes: &[C]) -> BTreeMap<String, RefOr<Response>> {
    let mut by_status: BTreeMap<u16, Vec<C>> = BTreeMap::new();
    let mut seen = vec![false; C::catalog().codes().len()];
    for &code in codes {
        let info = code.info();
        if info.retired || std::mem::replace(&mut seen[code.index()], true) {
            continue;
        }
        by_status.entry(info.status).or_default().push(code);
    }
    by_status
        .into_iter()
        .map(|(status, codes)| (status.to_string(), RefOr::T(response(status, &codes))))
        .collect()
}

/// The response of the codes of one status.
fn response<C: ErrorCode>(status: u16, codes: &[C]) -> Response {
    let names: Vec<String> = codes.iter().map(|c| code_span(c.info().code)).collect();
    let reason = example::reason_phrase(status).unwrap_or("Error");
    let mut response =
        ResponseBuilder::new().description(format!("{reason}: {}.", names.join(", ")));

    // Content types in the order a reader meets them: the codes' own shapes
    // first, problem details (which any code can be sent as) last.
    let mut content: Vec<Media<C>> = Vec::new();
    for &code in codes {
        let own = code.info().shape;
        let shapes = [
            Some(own),
            (own != WireShape::Problem).then_some(WireShape::Problem),
        ];
        for shape in shapes.into_iter().flatten() {
            let media = shape.content_type();
            let at = match content.iter().position(|(m, _, _)| *m == media) {
                Some(at) => at,
                None => {
                    content.push((media, Vec::new(), Vec::new()));
                    content.len() - 1
                }
            };
            let (_, shapes, examples) = &mut content[at];
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
            examples.push((code, shape));
        }
    }
    content.sort_by_key(|(media, _, _)| *media == WireShape::Problem.content_type());
    for (media, mut shapes, examples) in content {
        shapes.sort();
        let examples = examples.into_iter().map(|(code, shape)| {
            let error = example::error(code);
            let body = serde_json::to_value(error.body(shape))
                .expect("a body is a map of strings, numbers and JSON");
            let example = ExampleBuilder::new()
                .summary(summary(code.info()))
                .value(Some(body))
                .build();
            (code.info().code, example)
        });
        response = response.content(
            media,
            ContentBuilder::new()
                .schema(Some(schema_of(&shapes)))
                .examples_from_iter(examples)
                .build(),
        );
    }

    for (name, header) in headers(codes) {
        response = response.header(name, header);
    }
    response.build()
}

/// One content type of a response: its media type, the shapes sent as it,
/// and each code's example in its shape.
type Media<C> = (&'static str, Vec<WireShape>, Vec<(C, WireShape)>);

/// What an example is called where a reader picks one: the code's title,
/// and that it is deprecated. Plain text: OpenAPI renders no markup there.
fn summary(info: &CodeInfo) -> String {
    match (info.deprecated, info.replacement) {
        (true, Some(replacement)) => format!("{} (deprecated: use {replacement})", info.title),
        (true, None) => format!("{} (deprecated)", info.title),
        (false, _) => info.title.to_owned(),
    }
}

/// A `$ref` to the schema of the one shape, or `oneOf` them.
fn schema_of(shapes: &[WireShape]) -> RefOr<Schema> {
    let reference = |shape: &WireShape| Ref::from_schema_name(shape.spec().schema_name);
    match shapes {
        [shape] => RefOr::Ref(reference(shape)),
        _ => shapes
            .iter()
            .fold(OneOfBuilder::new(), |one_of, shape| {
                one_of.item(reference(shape))
            })
            .into(),
    }
}

/// The headers any of `codes` sends, with their example values; a header
/// errcat knows (`Retry-After`, `RateLimit-*`) as the number it is, the
/// others as strings.
fn headers<C: ErrorCode>(codes: &[C]) -> Vec<(String, utoipa::openapi::header::Header)> {
    // Each header with the codes that send it and its distinct example
    // values (two 401s may send two `WWW-Authenticate` challenges).
    let mut out: Vec<(String, Vec<&'static str>, Vec<String>)> = Vec::new();
    for &code in codes {
        let info = code.info();
        let sent = example::error(code).headers(info.shape);
        let names = HeaderSet::KNOWN
            .iter()
            .filter(|(_, bit)| info.headers.contains(*bit))
            .map(|(name, _)| *name)
            .chain(info.header_values.iter().map(|h| h.name))
            .chain(info.shape.spec().headers.iter().map(|h| h.name));
        for name in names {
            let Some(value) = sent.get(name).and_then(|v| v.to_str().ok()) else {
                continue;
            };
            let at = match out
                .iter()
                .position(|(n, _, _)| n.eq_ignore_ascii_case(name))
            {
                Some(at) => at,
                None => {
                    out.push((name.to_owned(), Vec::new(), Vec::new()));
                    out.len() - 1
                }
            };
            let (_, senders, values) = &mut out[at];
            // A known header a template fills is listed twice.
            if senders.last() != Some(&info.code) {
                senders.push(info.code);
            }
            if !values.iter().any(|v| v == value) {
                values.push(value.to_owned());
            }
        }
    }
    out.into_iter()
        .map(|(name, senders, values)| {
            let senders: Vec<String> = senders.into_iter().map(code_span).collect();
            let sent_with = format!("Sent with {}.", senders.join(", "));
            let numeric = values.iter().all(|v| v.parse::<u64>().is_ok());
            let (schema, description) = match HeaderSet::meaning_of(&name) {
                Some(meaning) if numeric => (
                    serde_json::json!({ "type": "integer", "minimum": 0 }),
                    format!("{meaning} {sent_with}"),
                ),
                _ => (
                    serde_json::json!({ "type": "string", "examples": values }),
                    sent_with,
                ),
            };
            let header = HeaderBuilder::new()
                .schema(utoipa_schema(schema))
                .description(Some(description))
                .build();
            (name, header)
        })
        .collect()
}

/// `text` as a CommonMark code span, fenced by more backticks than it holds.
fn code_span(text: &str) -> String {
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A schema errcat built as JSON, as utoipa holds it.
fn utoipa_schema(schema: serde_json::Value) -> RefOr<Schema> {
    serde_json::from_value(schema).expect("errcat's schemas are schemas utoipa reads")
}

/// Adds the schemas the responses refer to, the enum of codes and one per
/// shape the catalog sends, to a document's components. utoipa's attribute
/// takes a path, so the modifier is a named constant:
///
/// ```ignore
/// const ERROR_SCHEMAS: errcat::openapi::Schemas<FoldErrorCode> = errcat::openapi::Schemas::NEW;
///
/// #[derive(utoipa::OpenApi)]
/// #[openapi(paths(get_function), modifiers(&ERROR_SCHEMAS))]
/// struct Api;
/// ```
pub struct Schemas<C>(PhantomData<C>);

impl<C> Schemas<C> {
    /// The modifier; a constant so `modifiers(&...)` can name it.
    pub const NEW: Schemas<C> = Schemas(PhantomData);
}

impl<C: ErrorCode> utoipa::Modify for Schemas<C> {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, schema) in schemas::<C>() {
            components.schemas.insert(name, utoipa_schema(schema));
        }
    }
}

/// The component schemas of a catalog's responses, as JSON: the enum of
/// codes, and the body of each shape in use (problem details always).
#[must_use]
pub fn schemas<C: ErrorCode>() -> Vec<(String, serde_json::Value)> {
    let catalog = C::catalog();
    let emitted: Vec<&CodeInfo> = catalog.codes().iter().filter(|c| !c.retired).collect();
    let codes: Vec<(&str, Option<i64>)> = emitted.iter().map(|c| (c.code, c.number)).collect();
    let code_ref = serde_json::json!({
        "$ref": format!("#/components/schemas/{}", catalog.code_schema),
    });
    let mut out = vec![(
        catalog.code_schema.to_owned(),
        crate::schema::code(catalog.code_description, &codes),
    )];
    for &shape in catalog.shapes {
        if shape == WireShape::Problem || emitted.iter().any(|c| c.shape == shape) {
            let numbers: Vec<(&str, Option<i64>)> = emitted
                .iter()
                .filter(|c| c.shape == shape)
                .map(|c| (c.code, c.number))
                .collect();
            let mut body = crate::schema::body(shape, &code_ref, &crate::schema::numbers(&numbers));
            let typed: Vec<(&str, Option<i64>, serde_json::Value)> = emitted
                .iter()
                .filter(|c| shape == WireShape::Problem || c.shape == shape)
                .filter_map(|c| Some((c.code, c.number, catalog.typed_detail(c.code, "schema")?)))
                .collect();
            if let Some(clauses) = crate::schema::typed_details(shape, &typed) {
                body["allOf"] = clauses;
            }
            out.push((shape.spec().schema_name.to_owned(), body));
        }
    }
    out
}
