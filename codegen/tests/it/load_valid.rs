//! Valid catalogs load into exactly the model docs/catalog-format.md
//! describes: defaults, ordering, template parameters, origins.

use crate::support;

use errcat_codegen::load::load_files;
use errcat_codegen::load_dir;
use errcat_codegen::model::{
    CodeRule, CodeStyle, DetailsKind, GrpcCode, HeaderValue, Origin, Param, ParamType, Segment,
    Severity, Transport, WireShape,
};

fn mini() -> errcat_codegen::Catalog {
    load_dir(&support::fixture("mini")).unwrap_or_else(|d| panic!("mini must load:\n{d}"))
}

#[test]
fn mini_settings_and_categories() {
    let catalog = mini();
    assert_eq!(catalog.name, "mini");
    assert_eq!(catalog.title, "Mini API");
    assert_eq!(catalog.version.as_deref(), Some("2.0.0"));
    assert_eq!(
        catalog.code_style,
        Some(CodeRule::Style(CodeStyle::ScreamingSnake))
    );
    assert_eq!(catalog.wire_shape, WireShape::Flat);
    assert_eq!(
        catalog.docs_base_url.as_deref(),
        Some("https://docs.mini.example/errors")
    );
    let ids: Vec<&str> = catalog.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["auth", "resources", "limits"]);
    assert_eq!(catalog.categories[1].description, None);
}

#[test]
fn mini_codes_follow_category_order_then_file_then_position() {
    let catalog = mini();
    let codes: Vec<&str> = catalog.codes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "AUTH_REQUIRED",
            "MFA_REQUIRED",
            "INVALID_GRANT",
            "VERSION_NOT_FOUND",
            "VALIDATION_ERROR",
            "OLD_NOT_FOUND",
            "LEGACY_GONE",
            "QUEUE_NOT_FOUND",
            "ROW_CONFLICT",
            "ZONE_LOCKED",
            "MESSAGE_UNDELIVERABLE",
            "PROJECT_SUSPENDED",
            "RATE_LIMITED",
            "INTERNAL_ERROR",
        ]
    );
    let categories: Vec<usize> = catalog.codes.iter().map(|c| c.category).collect();
    assert_eq!(categories, [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
}

/// A declared shape is read member by member, in the order written, into
/// the runtime's description of shapes, which every emitter reads.
#[test]
fn a_declared_shape_is_read_in_the_order_written() {
    use errcat::shape::{Literal, Part, Presence};
    let catalog = mini();
    let [shape, numbered] = catalog.declared_shapes[..] else {
        panic!("mini declares two shapes");
    };
    assert_eq!(numbered.spec().code_form, errcat::shape::CodeForm::Number);
    assert_eq!(numbered.spec().path_of(Part::Code), Some(vec!["code"]));
    let spec = shape.spec();
    assert_eq!(spec.name, "cloudflare");
    assert_eq!(spec.schema_name, "CloudflareError");
    assert_eq!(spec.content_type, "application/json");
    assert_eq!(
        spec.outline(),
        "{success, errors: [{code, message, documentation_url}], messages}"
    );
    assert_eq!(spec.members[0].part, Part::Constant(Literal::Bool(false)));
    assert_eq!(spec.members[2].part, Part::Constant(Literal::EmptyList));
    assert_eq!(spec.path_of(Part::Code), Some(vec!["errors", "code"]));
    assert_eq!(spec.signatures, [["success", "errors", "messages"]]);
    assert_eq!(spec.header_of(Part::RequestId), Some("CF-Ray"));
    assert!(spec.members.iter().all(|m| m.presence == Presence::Always));
    assert_eq!(catalog.find("ZONE_LOCKED").unwrap().wire_shape, shape);
    assert_eq!(catalog.shape_index(shape), WireShape::ALL.len());
}

#[test]
fn mini_defaults_are_filled_in() {
    let catalog = mini();
    let ids: Vec<&str> = catalog.classes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["client", "server"]);
    assert_eq!(catalog.classes[0].title, "Client fault");
    assert_eq!(
        catalog.classes[0].description.as_deref(),
        Some("The request must change before it can succeed.")
    );
    assert_eq!(catalog.classes[1].description, None);
    let old = catalog.find("OLD_NOT_FOUND").unwrap();
    assert_eq!(old.class, Some(0));
    assert_eq!(old.tags, ["versions", "legacy"]);
    let auth = catalog.find("AUTH_REQUIRED").unwrap();
    assert_eq!(auth.title, "Auth required");
    assert_eq!(auth.grpc, GrpcCode::Unauthenticated);
    assert_eq!(auth.wire_shape, WireShape::Flat);
    assert_eq!(auth.number, Some(1001));
    assert_eq!(auth.since.as_deref(), Some("1.0.0"));
    assert!(!auth.retry.retryable);
    assert_eq!(auth.details, DetailsKind::None);
    assert_eq!((auth.class, auth.tags.len()), (None, 0));
    assert_eq!(
        auth.origin,
        Origin {
            file: "auth.toml".into(),
            line: 1
        }
    );

    let mfa = catalog.find("MFA_REQUIRED").unwrap();
    assert_eq!(mfa.title, "Second factor required");
    assert_eq!(mfa.origin.line, 9);
    let resolve = mfa.resolve.as_ref().unwrap();
    assert_eq!(resolve.method.as_deref(), Some("POST"));
    assert_eq!(resolve.endpoint.as_deref(), Some("/v1/auth/mfa"));

    let grant = catalog.find("INVALID_GRANT").unwrap();
    assert_eq!(grant.wire_shape, WireShape::OAuth2);
    assert_eq!(grant.grpc, GrpcCode::InvalidArgument);

    let limited = catalog.find("RATE_LIMITED").unwrap();
    assert!(limited.retry.retryable && limited.retry.throttling);
    assert_eq!(limited.retry.after_seconds, None);
    let headers: Vec<(&str, Option<String>)> = limited
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.template_source(&limited.message.params)))
        .collect();
    assert_eq!(
        headers,
        [
            ("Retry-After", Some("60".to_owned())),
            ("RateLimit-Limit", Some("{limit}".to_owned())),
            ("RateLimit-Remaining", Some("0".to_owned())),
            ("RateLimit-Reset", Some("60".to_owned())),
        ]
    );
    assert!(matches!(limited.headers[0].value, HeaderValue::Template(_)));
    assert_eq!(limited.grpc, GrpcCode::ResourceExhausted);

    let internal = catalog.find("INTERNAL_ERROR").unwrap();
    assert!(internal.retry.retryable && !internal.retry.throttling);
    assert_eq!(internal.grpc, GrpcCode::Internal);
}

#[test]
fn mini_references_and_lifecycle() {
    let catalog = mini();
    let version = catalog.find("VERSION_NOT_FOUND").unwrap();
    assert_eq!(version.aliases, ["ROLLBACK_TARGET_MISSING"]);
    assert_eq!(
        catalog
            .resolve_code("ROLLBACK_TARGET_MISSING")
            .unwrap()
            .code,
        "VERSION_NOT_FOUND"
    );
    assert!(
        version
            .docs
            .as_deref()
            .unwrap()
            .starts_with("Rollbacks and activations")
    );
    assert_eq!(
        catalog.find("VALIDATION_ERROR").unwrap().details,
        DetailsKind::FieldErrors
    );
    let old = catalog.find("OLD_NOT_FOUND").unwrap();
    let deprecation = old.deprecated.as_ref().unwrap();
    assert_eq!(
        deprecation.replacement.as_deref(),
        Some("VERSION_NOT_FOUND")
    );
    assert_eq!(deprecation.since.as_deref(), Some("2.0.0"));
    let retired = catalog
        .find("LEGACY_GONE")
        .unwrap()
        .retired
        .clone()
        .unwrap();
    assert_eq!(retired.note.as_deref(), Some("No longer emitted."));
}

#[test]
fn severity_is_an_error_unless_the_code_says() {
    let catalog = mini();
    assert_eq!(
        catalog.find("INVALID_GRANT").unwrap().severity,
        Severity::Warning
    );
    assert!(
        catalog
            .codes
            .iter()
            .filter(|c| c.code != "INVALID_GRANT")
            .all(|c| c.severity == Severity::Error)
    );
}

#[test]
fn a_catalog_not_sent_over_http_may_leave_statuses_out() {
    let catalog = CATALOG.replace("wire_shape = \"problem\"", "transport = \"none\"");
    let catalog = load_files(&[
        ("catalog.toml", catalog.as_str()),
        (
            "errors.toml",
            "[UNIQUE_VIOLATION]\nmessage = \"duplicate key\"\n\n[ALREADY_THERE]\nmessage = \"exists\"\ngrpc = \"ALREADY_EXISTS\"\n\n[GATEWAY_TIMEOUT]\nstatus = 504\nmessage = \"slow\"\n",
        ),
    ])
    .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(catalog.transport, Transport::None);
    let facts: Vec<(Option<u16>, GrpcCode, u16)> = catalog
        .codes
        .iter()
        .map(|c| (c.status, c.grpc, c.http_status()))
        .collect();
    assert_eq!(
        facts,
        [
            (None, GrpcCode::Unknown, 500),
            (None, GrpcCode::AlreadyExists, 409),
            (Some(504), GrpcCode::DeadlineExceeded, 504),
        ]
    );
}

#[test]
fn template_params_follow_first_appearance_not_declaration() {
    let catalog = mini();
    let version = catalog.find("VERSION_NOT_FOUND").unwrap();
    assert_eq!(
        version.message.params,
        [
            Param {
                name: "version".into(),
                ty: ParamType::Unsigned
            },
            Param {
                name: "service".into(),
                ty: ParamType::String
            },
        ]
    );
    assert_eq!(
        version.message.source(),
        "version '{version}' of service '{service}' does not exist"
    );
    let old = catalog.find("OLD_NOT_FOUND").unwrap();
    let types: Vec<ParamType> = old.message.params.iter().map(|p| p.ty).collect();
    assert_eq!(
        types,
        [
            ParamType::String,
            ParamType::Bool,
            ParamType::Float,
            ParamType::Integer
        ]
    );
}

const CATALOG: &str = r#"
[catalog]
name = "shop_api-v2"
title = "T"
code_style = "SCREAMING_SNAKE_CASE"
wire_shape = "problem"

[[category]]
id = "errors"
title = "Errors"
"#;

#[test]
fn braces_escape_and_repeated_placeholders_share_one_param() {
    let catalog = load_files(&[
        ("catalog.toml", CATALOG),
        (
            "errors.toml",
            "[BAD_JSON]\nstatus = 400\nmessage = \"expected {{ at {pos}, not }} at {pos}\"\nparams = { pos = \"unsigned\" }\n",
        ),
    ])
    .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(catalog.name, "shop_api-v2");
    let code = &catalog.codes[0];
    assert_eq!(code.wire_shape, WireShape::Problem);
    assert_eq!(
        code.message.segments,
        [
            Segment::Text("expected { at ".into()),
            Segment::Param(0),
            Segment::Text(", not } at ".into()),
            Segment::Param(0),
        ]
    );
    assert_eq!(code.message.params.len(), 1);
    assert_eq!(
        code.message.source(),
        "expected {{ at {pos}, not }} at {pos}"
    );
}

#[test]
fn explicit_category_any_integer_syntax_and_retry_after_alone_make_a_code_retryable() {
    let catalog = load_files(&[
        ("catalog.toml", CATALOG),
        (
            "zz.toml",
            "[BUSY]\nstatus = 0x1F7\nmessage = \"busy\"\ncategory = \"errors\"\nretry_after = 5\nnumber = 1_000\n",
        ),
    ])
    .unwrap_or_else(|d| panic!("{d}"));
    let busy = &catalog.codes[0];
    assert!(busy.retry.retryable);
    assert!(!busy.retry.throttling);
    assert_eq!(busy.status, Some(503));
    assert_eq!(busy.number, Some(1000));
    assert_eq!(busy.grpc, GrpcCode::Unavailable);
    assert_eq!(busy.origin.file, "zz.toml");
}

/// `{arguments}` in a declared shape is the message's arguments as text,
/// sorted by name, and `{}` for a code without parameters.
#[test]
fn a_declared_shape_can_send_the_arguments() {
    let catalog = format!(
        "{CATALOG}\n[shape.meta]\nsummary = \"With metadata\"\nbody = {{ code = \"{{code}}\", message = \"{{message}}\", metadata = \"{{arguments}}\" }}\n"
    );
    let catalog = load_files(&[
        ("catalog.toml", catalog.as_str()),
        (
            "errors.toml",
            "[QUOTA_EXCEEDED]\nstatus = 429\nmessage = \"{used} of {quota} used by {project}\"\nparams = { used = \"unsigned\", quota = \"unsigned\", project = \"string\" }\nwire_shape = \"meta\"\n\n[BUSY]\nstatus = 429\nmessage = \"Busy\"\nwire_shape = \"meta\"\n",
        ),
    ])
    .unwrap_or_else(|d| panic!("{d}"));
    let body =
        |code: &str| errcat_codegen::emit::example::body(&catalog, catalog.find(code).unwrap());
    assert_eq!(
        body("QUOTA_EXCEEDED"),
        serde_json::json!({
            "code": "QUOTA_EXCEEDED",
            "message": "42 of 42 used by <project>",
            "metadata": { "project": "<project>", "quota": "42", "used": "42" }
        })
    );
    assert_eq!(body("BUSY")["metadata"], serde_json::json!({}));
}
