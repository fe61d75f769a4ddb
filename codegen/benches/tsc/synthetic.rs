//! The catalog the tsc bench checks, built in memory: shaped like a real one
//! (parameters of every type, hints, causes, aliases, deprecations, eight
//! categories) and the same on every run.

use errcat_codegen::Catalog;
use errcat_codegen::model::{
    Category, Code, CodeRule, CodeStyle, Deprecation, DetailsKind, GrpcCode, Origin, Param,
    ParamType, Retry, Segment, Severity, Template, Transport, WireShape,
};

const NOUNS: [&str; 6] = [
    "FUNCTION", "VERSION", "BINDING", "DOMAIN", "TOKEN", "BUCKET",
];
const FAILURES: [(&str, u16); 4] = [
    ("NOT_FOUND", 404),
    ("INVALID", 400),
    ("LIMIT_EXCEEDED", 429),
    ("UNAVAILABLE", 503),
];

/// A catalog of `codes` codes, shaped like a real one: parameters of every
/// type, hints, causes, aliases and deprecations, eight categories.
pub fn synthetic(codes: usize) -> Catalog {
    let categories = (0..8)
        .map(|i| Category {
            id: format!("category_{i}"),
            title: format!("Category {i}"),
            description: None,
        })
        .collect();
    Catalog {
        name: "synthetic".to_owned(),
        title: "Synthetic API".to_owned(),
        description: None,
        version: Some("3.0.0".to_owned()),
        code_style: Some(CodeRule::Style(CodeStyle::ScreamingSnake)),
        wire_shape: WireShape::Flat,
        declared_shapes: Vec::new(),
        transport: Transport::Http,
        docs_base_url: Some("https://docs.synthetic.example/errors".to_owned()),
        domain: None,
        unlocked: None,
        categories,
        classes: Vec::new(),
        codes: (0..codes).map(synthetic_code).collect(),
    }
}

fn synthetic_code(i: usize) -> Code {
    let noun = NOUNS[i % NOUNS.len()];
    let (failure, status) = FAILURES[(i / NOUNS.len()) % FAILURES.len()];
    let code = format!("{noun}_{failure}_{i}");
    let lower = noun.to_lowercase();
    let param = |name: &str, ty| Param {
        name: name.to_owned(),
        ty,
    };
    let text = |s: String| Segment::Text(s);
    let message = match i % 3 {
        0 => Template {
            segments: vec![
                text(format!("{lower} '")),
                Segment::Param(0),
                text("' (version ".into()),
                Segment::Param(1),
                text(") failed".into()),
            ],
            params: vec![
                param("id", ParamType::String),
                param("version", ParamType::Unsigned),
            ],
        },
        1 => Template {
            segments: vec![
                text(format!("{lower} quota is ")),
                Segment::Param(0),
                text(", strict: ".into()),
                Segment::Param(1),
            ],
            params: vec![
                param("limit", ParamType::Integer),
                param("strict", ParamType::Bool),
            ],
        },
        _ => Template {
            segments: vec![text(format!("the {lower} request was rejected"))],
            params: Vec::new(),
        },
    };
    let throttled = status == 429 || status == 503;
    Code {
        ident: None,
        title: errcat_codegen::model::default_title(&code),
        status: Some(status),
        message,
        hint: Some(format!(
            "Check the {lower} and retry; see the docs for code {i}."
        )),
        description: Some(format!("The {lower} operation failed with {failure}.")),
        docs: None,
        category: i % 8,
        class: None,
        tags: Vec::new(),
        retry: Retry {
            retryable: throttled,
            throttling: status == 429,
            after_seconds: throttled.then_some(30),
        },
        headers: Vec::new(),
        details: DetailsKind::None,
        detail_members: Vec::new(),
        resolve: None,
        docs_url: None,
        aliases: if i.is_multiple_of(10) {
            vec![format!("LEGACY_{code}")]
        } else {
            Vec::new()
        },
        deprecated: (i % 50 == 7).then(|| Deprecation {
            since: Some("2.0.0".to_owned()),
            replacement: None,
            note: Some("Superseded.".to_owned()),
        }),
        retired: None,
        since: None,
        grpc: GrpcCode::from_http_status(status),
        number: Some(10_000 + i64::try_from(i).expect("fewer codes than i64 holds")),
        severity: Severity::ALL[i % Severity::ALL.len()],
        wire_shape: WireShape::Flat,
        origin: Origin {
            file: "synthetic.toml".to_owned(),
            line: 1,
        },
        code,
    }
}
