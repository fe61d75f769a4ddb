//! The emitted JSON Schemas hold for what services really send: every code
//! of every catalog in the repository is rendered by the `errcat` runtime, in
//! its own shape and as problem details, with and without the optional
//! members (request id, details, rate limits), and validated.
//!
//! The runtime reads its tables from a generated crate; here the same tables
//! are built from the loaded model at run time (and leaked, as a generated
//! crate's are `static`), so one test binary can render every catalog.

use crate::support;

use std::cell::Cell;

use errcat::{Arg, CodeInfo, ErrorCode, HeaderSet, Piece};
use errcat_codegen::emit::json_schema;
use errcat_codegen::model::{self, Catalog, Segment};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Code(usize);

thread_local! {
    /// The catalog `Code` indexes into; `ErrorCode::catalog` has no receiver,
    /// so the test installs one catalog at a time.
    static CURRENT: Cell<Option<&'static errcat::Catalog<Code>>> = const { Cell::new(None) };
}

impl ErrorCode for Code {
    fn catalog() -> &'static errcat::Catalog<Code> {
        CURRENT.with(|c| c.get().expect("a catalog is installed"))
    }

    fn index(self) -> usize {
        self.0
    }
}

fn piece(segment: &Segment) -> Piece {
    match segment {
        Segment::Text(text) => Piece::Text(leak_str(text)),
        Segment::Param(i) => Piece::Param(*i),
    }
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn grpc(code: model::GrpcCode) -> errcat::GrpcCode {
    use errcat::GrpcCode as G;
    [
        G::Cancelled,
        G::Unknown,
        G::InvalidArgument,
        G::DeadlineExceeded,
        G::NotFound,
        G::AlreadyExists,
        G::PermissionDenied,
        G::ResourceExhausted,
        G::FailedPrecondition,
        G::Aborted,
        G::OutOfRange,
        G::Unimplemented,
        G::Internal,
        G::Unavailable,
        G::DataLoss,
        G::Unauthenticated,
    ]
    .into_iter()
    .find(|g| g.as_str() == code.as_str())
    .expect("the runtime knows every gRPC code")
}

/// The row a generated crate would hold for `code`.
fn info(catalog: &Catalog, code: &model::Code) -> CodeInfo {
    let template = code.message.segments.iter().map(piece).collect();
    let params = code
        .message
        .params
        .iter()
        .map(|p| errcat::Param {
            name: leak_str(&p.name),
            ty: match p.ty {
                model::ParamType::String => errcat::ParamType::String,
                model::ParamType::Integer => errcat::ParamType::Integer,
                model::ParamType::Unsigned => errcat::ParamType::Unsigned,
                model::ParamType::Float => errcat::ParamType::Float,
                model::ParamType::Bool => errcat::ParamType::Bool,
            },
        })
        .collect();
    let headers = HeaderSet::of_names(code.headers.iter().map(|h| h.name.as_str()));
    let header_values = code
        .headers
        .iter()
        .filter_map(|header| match &header.value {
            model::HeaderValue::Template(segments) => Some(errcat::HeaderTemplate {
                name: leak_str(&header.lowercase_name()),
                value: leak(segments.iter().map(piece).collect()),
            }),
            model::HeaderValue::RetryAfter => None,
        })
        .collect();
    let opt = |s: &Option<String>| s.as_deref().map(leak_str);
    CodeInfo {
        code: leak_str(&code.code),
        status: code.http_status(),
        title: leak_str(&code.title),
        message: leak_str(&code.message.source()),
        template: leak(template),
        params: leak(params),
        hint: opt(&code.hint),
        description: opt(&code.description),
        category: leak_str(&catalog.categories[code.category].id),
        retryable: code.retry.retryable,
        throttling: code.retry.throttling,
        retry_after: code.retry.after_seconds,
        headers,
        header_values: leak(header_values),
        details: code.details,
        shape: code.wire_shape,
        docs_url: leak_str(&catalog.docs_url(code)),
        grpc: grpc(code.grpc),
        resolve: code.resolve.as_ref().map(|r| errcat::Resolve {
            message: opt(&r.message),
            url: opt(&r.url),
            action: opt(&r.action),
            method: opt(&r.method),
            endpoint: opt(&r.endpoint),
        }),
        number: code.number,
        deprecated: code.deprecated.is_some(),
        replacement: opt(&code.deprecated.as_ref().and_then(|d| d.replacement.clone())),
        retired: code.retired.is_some(),
        severity: code.severity,
    }
}

fn install(catalog: &Catalog) {
    let codes = leak(catalog.codes.iter().map(|c| info(catalog, c)).collect());
    let mut lookup: Vec<(&'static str, Code)> = Vec::new();
    for (i, code) in catalog.codes.iter().enumerate() {
        lookup.push((leak_str(&code.code), Code(i)));
        for alias in &code.aliases {
            lookup.push((leak_str(alias), Code(i)));
        }
    }
    lookup.sort_by(|a, b| a.0.cmp(b.0));
    let shapes = leak(catalog.shapes().collect());
    let runtime_catalog = Box::leak(Box::new(
        errcat::Catalog::new(
            leak_str(&catalog.name),
            catalog.wire_shape,
            codes,
            leak(lookup),
        )
        .with_shapes(shapes),
    ));
    CURRENT.with(|c| c.set(Some(runtime_catalog)));
}

/// Arguments of every type, including text a naive renderer would break on.
fn args(code: &model::Code) -> Vec<Arg> {
    code.message
        .params
        .iter()
        .map(|p| match p.ty {
            model::ParamType::String => Arg::from(format!("{} \"quoted\" {{braced}}", p.name)),
            model::ParamType::Integer => Arg::from(-7i64),
            model::ParamType::Unsigned => Arg::from(42u64),
            model::ParamType::Float => Arg::from(0.25f64),
            model::ParamType::Bool => Arg::from(false),
        })
        .collect()
}

fn catalogs() -> Vec<Catalog> {
    let dirs = support::catalog_dirs();
    dirs.iter()
        .map(|dir| errcat_codegen::load_dir(dir).unwrap_or_else(|d| panic!("{d}")))
        .collect()
}

fn undeclared(schema: &Value, body: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in body.as_object().unwrap() {
        let declared = &schema["properties"][key];
        if declared.is_null() {
            found.push(key.clone());
        } else if declared["properties"].is_object() && value.is_object() {
            found.extend(undeclared(declared, value));
        }
    }
    found
}

#[test]
fn runtime_bodies_match_the_json_schemas() {
    let mut rendered = 0;
    for catalog in catalogs() {
        install(&catalog);
        let schemas: Vec<(model::WireShape, Value, jsonschema::Validator)> =
            json_schema::emit(&catalog)
                .into_iter()
                .map(|file| {
                    let shape = catalog
                        .shapes()
                        .find(|s| json_schema::file_name(*s) == file.path)
                        .unwrap();
                    let schema: Value = serde_json::from_str(&file.contents).unwrap();
                    let validator = jsonschema::draft202012::options()
                        .should_validate_formats(true)
                        .build(&schema)
                        .unwrap();
                    (shape, schema, validator)
                })
                .collect();
        for (index, code) in catalog.codes.iter().enumerate() {
            if code.retired.is_some() {
                continue;
            }
            let bare = errcat::Error::new(Code(index), args(code));
            let full = errcat::Error::new(Code(index), args(code)).with_request_id("req_7f3a");
            // Typed details come from the generated constructor, which
            // takes them whole.
            let full = if code.detail_members.is_empty() {
                full.with_field_error("name", "Expected string, received number")
            } else {
                full.with_details(model::details_example(&code.detail_members))
            };
            let full = full.with_retry_after(30).with_rate_limit(100, 0, 30);
            for (shape, schema, validator) in &schemas {
                let shown = json_schema::codes_in(&catalog, *shape)
                    .iter()
                    .any(|c| c.code == code.code);
                if !shown {
                    continue;
                }
                for error in [&bare, &full] {
                    let body: Value = serde_json::from_str(&error.to_json(*shape)).unwrap();
                    let errors: Vec<String> = validator
                        .iter_errors(&body)
                        .map(|e| e.to_string())
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{} of `{}` in {}: {errors:?}\n{body}",
                        code.code,
                        catalog.name,
                        shape.as_str()
                    );
                    assert_eq!(undeclared(schema, &body), Vec::<String>::new(), "{body}");
                    rendered += 1;
                }
            }
        }
    }
    assert!(rendered > 100, "only {rendered} bodies were rendered");
}
