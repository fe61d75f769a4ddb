//! One code table of a code file, read field by field into a draft [`Code`]
//! that still carries the spans the catalog-wide checks point at.

use std::ops::Range;

use toml::de::DeTable;

use super::declared::Declared;
use super::fields::{Fields, list};
use super::text::{Lines, UrlKind};
use super::{Context, Located, SourceFile, headers, template};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Code, Deprecation, DetailsKind, GrpcCode, Origin, Resolve, Retirement, Retry, Severity,
    Template, Transport, WireShape, default_title, is_ident,
};

/// Every field a code table may have.
pub const CODE_FIELDS: &[&str] = &[
    "status",
    "message",
    "params",
    "title",
    "hint",
    "description",
    "docs",
    "category",
    "class",
    "tags",
    "retryable",
    "throttling",
    "retry_after",
    "headers",
    "details",
    "wire_shape",
    "docs_url",
    "aliases",
    "since",
    "grpc",
    "number",
    "deprecated",
    "retired",
    "resolve",
    "ident",
    "severity",
];
const RESOLVE_METHODS: &[&str] = &errcat::Resolve::METHODS;
const DEPRECATED_FIELDS: &[&str] = &["since", "replacement", "note"];
const RETIRED_FIELDS: &[&str] = &["since", "note"];

/// A code as read from its table. Fields that need the whole catalog
/// (category index, inherited wire shape) are filled in by `validate`.
pub(crate) struct CodeDraft<'s> {
    /// The code as the model will hold it, once the checks across the
    /// catalog pass.
    pub(crate) model: Code,
    pub(crate) file: &'s SourceFile,
    /// Position of the file among the code files, for ordering.
    pub(crate) file_rank: usize,
    /// The code's key in its table header.
    pub(crate) key_span: Range<usize>,
    /// The category as written, or the file stem (then spanning the key).
    pub(crate) category: Located<String>,
    pub(crate) category_written: bool,
    /// The `class` as written; `validate` finds its index.
    pub(crate) class: Option<Located<String>>,
    pub(crate) own_wire_shape: Option<Located<WireShape>>,
    /// The declared details kind, where it is written.
    pub(crate) details: Option<Located<DetailsKind>>,
    /// Fields given but unreadable (already reported): checks that need
    /// them are skipped rather than report what follows from that mistake.
    pub(crate) unreadable: Vec<&'static str>,
    pub(crate) aliases: Vec<Located<String>>,
    pub(crate) replacement: Option<Located<String>>,
    pub(crate) number: Option<Located<i64>>,
    /// The names in `headers`, where they are written.
    pub(crate) header_names: Vec<Located<String>>,
}

/// The numbers a code's `number` may be: every language reads them
/// exactly, JavaScript's doubles included.
const SAFE_INTEGERS: &str = "an integer from -9007199254740991 to 9007199254740991";
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

fn within_safe_integers(cx: &mut Context, fields: &Fields<'_, '_>, number: &Located<i64>) -> bool {
    if number.value.abs() <= MAX_SAFE_INTEGER {
        return true;
    }
    cx.report(
        Diagnostic::error(format!(
            "`number` of {} must be {SAFE_INTEGERS}, found {}",
            fields.owner, number.value
        ))
        .with_label(
            &fields.file.shown,
            number.span.clone(),
            format!("expected {SAFE_INTEGERS}"),
        )
        .with_note(
            "JavaScript reads a number beyond it as the nearest double, which may be another code's",
        ),
    );
    false
}

/// What reading a code needs to know of `catalog.toml`; `None` where it
/// could not be read.
#[derive(Clone, Copy)]
pub(crate) struct FromCatalog<'d> {
    pub(crate) transport: Option<Transport>,
    pub(crate) declared: Option<&'d Declared>,
}

pub(crate) fn read<'s>(
    cx: &mut Context,
    file: &'s SourceFile,
    file_rank: usize,
    name: Located<String>,
    table: &DeTable<'_>,
    catalog: FromCatalog<'_>,
) -> CodeDraft<'s> {
    let transport = catalog.transport;
    let owner = format!("code `{}`", name.value);
    let fields = Fields::new(file, table, owner, name.span.clone());
    fields.reject_unknown(cx, CODE_FIELDS);

    let status = read_status(cx, &fields, transport);
    let params = fields.table(cx, "params");
    let (written_headers, values_left_out) = headers::read(cx, &fields);
    let valued: Vec<_> = written_headers
        .iter()
        .filter_map(|h| Some((&h.name, h.value.as_ref()?)))
        .collect();
    let (message, header_values) = match fields
        .required_string(cx, "message")
        .filter(|message| fields.check_text(cx, "message", message, Lines::One))
    {
        Some(message) => {
            let headers = template::Headers {
                values: &valued,
                complete: !values_left_out,
            };
            template::build(cx, &fields, &message, params.as_ref(), &headers)
        }
        None => (
            Template {
                segments: Vec::new(),
                params: Vec::new(),
            },
            Vec::new(),
        ),
    };
    let header_names = written_headers.iter().map(|h| h.name.clone()).collect();
    let headers = headers::finish(written_headers, header_values);
    let written_category = fields.string(cx, "category");
    let category_written = written_category.is_some();
    let category =
        written_category.unwrap_or_else(|| Located::new(file.stem().to_owned(), name.span.clone()));
    let (deprecated, replacement) = read_deprecation(cx, &fields);
    let class = super::classes::read_class(cx, &fields);
    let tags = super::classes::read_tags(cx, &fields);
    let mut aliases = fields.strings(cx, "aliases");
    aliases.retain(|alias| fields.check_text(cx, "aliases", alias, Lines::One));
    let number = fields
        .integer_in::<i64>(cx, "number", SAFE_INTEGERS)
        .filter(|number| within_safe_integers(cx, &fields, number));
    // Unknown while `catalog.toml` is unreadable: not checked then.
    let own_wire_shape = catalog
        .declared
        .and_then(|declared| super::settings::shape_named(cx, &fields, declared));
    let grpc = fields
        .one_of::<GrpcCode>(cx, "grpc", "a google.rpc.Code name")
        .map(|l| l.value);
    let grpc = match (grpc, status) {
        (Some(grpc), _) => grpc,
        (None, Some(status)) => GrpcCode::from_http_status(status),
        (None, None) => {
            let unwritten = fields.get("status").is_none() && fields.get("grpc").is_none();
            if unwritten && transport == Some(Transport::Grpc) {
                cx.report(
                    Diagnostic::error(format!(
                        "{} has neither a `grpc` code nor a `status`",
                        fields.owner
                    ))
                    .with_label(&fields.file.shown, name.span.clone(), "needs `grpc`")
                    .with_note("over gRPC, the gRPC code is how clients tell errors apart")
                    .with_help(
                        "add its google.rpc.Code, such as `grpc = \"NOT_FOUND\"`, or the HTTP `status` it follows",
                    ),
                );
            }
            GrpcCode::Unknown
        }
    };
    let (details, detail_members) = match super::details::read(cx, &fields) {
        Some((kind, members)) => (Some(kind), members),
        None => (None, Vec::new()),
    };
    if let Some(details) = &details
        && !detail_members.is_empty()
        && status.unwrap_or_else(|| grpc.http_status()) >= 500
    {
        cx.report(
            Diagnostic::error(format!(
                "{} is a server error, whose details are never sent",
                fields.owner
            ))
            .with_label(&fields.file.shown, details.span.clone(), "never sent")
            .with_note(
                "a 5xx response tells clients nothing of its cause: the runtime leaves details out",
            )
            .with_help(
                "remove `details`; log what the service knows with the error's source instead",
            ),
        );
    }
    let read = [
        ("category", category_written),
        ("wire_shape", own_wire_shape.is_some()),
        ("number", number.is_some()),
    ];
    let unreadable = read
        .into_iter()
        .filter(|(key, read)| !read && fields.get(key).is_some())
        .map(|(key, _)| key)
        .collect();
    let optional =
        |cx: &mut Context, key: &str, lines| fields.text(cx, key, lines).map(|l| l.value);
    let ident = read_ident(cx, &fields);
    let severity = fields
        .one_of::<Severity>(cx, "severity", "a severity")
        .map_or(Severity::Error, |l| l.value);

    let code = Code {
        code: name.value.clone(),
        status,
        title: optional(cx, "title", Lines::One)
            .unwrap_or_else(|| default_title(ident.as_deref().unwrap_or(&name.value))),
        message,
        hint: optional(cx, "hint", Lines::Many),
        description: optional(cx, "description", Lines::Many),
        docs: optional(cx, "docs", Lines::Many),
        // Set by `validate`, which knows the categories.
        category: 0,
        // Set by `validate`, which knows the classes.
        class: None,
        tags,
        retry: read_retry(cx, &fields),
        headers,
        details: details.as_ref().map_or(DetailsKind::None, |l| l.value),
        detail_members,
        resolve: fields
            .table(cx, "resolve")
            .map(|t| read_resolve(cx, &fields, &t)),
        docs_url: fields
            .url(cx, "docs_url", UrlKind::Absolute)
            .map(|l| l.value),
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        deprecated,
        retired: read_retirement(cx, &fields),
        since: optional(cx, "since", Lines::One),
        grpc,
        number: number.as_ref().map(|l| l.value),
        severity,
        ident,
        // Set by `validate`, which knows the catalog's default.
        wire_shape: WireShape::Flat,
        origin: Origin {
            file: file.name.clone(),
            line: file.line_of(name.span.start),
        },
    };
    CodeDraft {
        model: code,
        file,
        file_rank,
        key_span: name.span,
        category,
        category_written,
        class,
        own_wire_shape,
        details,
        unreadable,
        aliases,
        replacement,
        number,
        header_names,
    }
}

/// The `ident` the code's generated names are made from, if it is one.
fn read_ident(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<String> {
    let ident = fields.string(cx, "ident")?;
    if is_ident(&ident.value) {
        return Some(ident.value);
    }
    cx.report(
        Diagnostic::error(format!(
            "`{}` cannot be an ident",
            ident.value.escape_debug()
        ))
        .with_label(&fields.file.shown, ident.span, "invalid `ident`")
        .with_help(
            "an ident starts with an ASCII letter and holds only ASCII letters, digits and `_`, in any case style: `UndefinedTable`, `undefined_table`, `UNDEFINED_TABLE`",
        ),
    );
    None
}

fn read_retry(cx: &mut Context, fields: &Fields<'_, '_>) -> Retry {
    let throttling = fields.bool(cx, "throttling").is_some_and(|t| t.value);
    let after_seconds = fields
        .integer_in::<u32>(
            cx,
            "retry_after",
            "a number of seconds from 0 to 4294967295",
        )
        .map(|l| l.value);
    let retryable = fields
        .bool(cx, "retryable")
        .map_or(throttling || after_seconds.is_some(), |r| r.value);
    Retry {
        retryable,
        throttling,
        after_seconds,
    }
}

/// The deprecation, and its replacement with a span for the check that it
/// names a code.
fn read_deprecation(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
) -> (Option<Deprecation>, Option<Located<String>>) {
    let Some(table) = fields.table(cx, "deprecated") else {
        return (None, None);
    };
    let deprecated = nested(fields, &table, "deprecated");
    deprecated.reject_unknown(cx, DEPRECATED_FIELDS);
    let replacement = deprecated.string(cx, "replacement");
    let deprecation = Deprecation {
        since: deprecated.text(cx, "since", Lines::One).map(|l| l.value),
        replacement: replacement.as_ref().map(|l| l.value.clone()),
        note: deprecated.text(cx, "note", Lines::Many).map(|l| l.value),
    };
    (Some(deprecation), replacement)
}

fn read_retirement(cx: &mut Context, fields: &Fields<'_, '_>) -> Option<Retirement> {
    let table = fields.table(cx, "retired")?;
    let retired = nested(fields, &table, "retired");
    retired.reject_unknown(cx, RETIRED_FIELDS);
    Some(Retirement {
        since: retired.text(cx, "since", Lines::One).map(|l| l.value),
        note: retired.text(cx, "note", Lines::Many).map(|l| l.value),
    })
}

/// Fields of an inline or sub-table, named in messages after its parent.
fn nested<'a, 'i>(
    parent: &Fields<'a, '_>,
    table: &Located<&'a DeTable<'i>>,
    key: &str,
) -> Fields<'a, 'i> {
    Fields::new(
        parent.file,
        table.value,
        format!("`{key}` of {}", parent.owner),
        table.span.clone(),
    )
}

/// The status, if written and readable. Only an HTTP catalog needs one;
/// when the transport is unknown (`catalog.toml` unreadable) none is
/// reported missing.
fn read_status(
    cx: &mut Context,
    fields: &Fields<'_, '_>,
    transport: Option<Transport>,
) -> Option<u16> {
    if fields.get("status").is_none() {
        if transport == Some(Transport::Http) {
            fields.missing(cx, "status");
        }
        return None;
    }
    let status = fields.integer(cx, "status")?;
    match u16::try_from(status.value) {
        Ok(ok) if (100..=599).contains(&ok) => Some(ok),
        _ => {
            cx.report(
                Diagnostic::error(format!(
                    "status {} of {} is outside 100–599",
                    status.value, fields.owner
                ))
                .with_label(&fields.file.shown, status.span, "not an HTTP status")
                .with_help(
                    "write the HTTP status the platform sends with this code: usually 4xx for the caller's mistakes and 5xx for the server's",
                ),
            );
            None
        }
    }
}

fn read_resolve(
    cx: &mut Context,
    parent: &Fields<'_, '_>,
    table: &Located<&DeTable<'_>>,
) -> Resolve {
    let fields = nested(parent, table, "resolve");
    let names = errcat::Resolve::MEMBERS.map(|member| member.name);
    fields.reject_unknown(cx, &names);
    let resolve = Resolve {
        message: fields.text(cx, "message", Lines::Many).map(|l| l.value),
        url: fields
            .url(cx, "url", UrlKind::AbsoluteOrPath)
            .map(|l| l.value),
        action: fields.text(cx, "action", Lines::One).map(|l| l.value),
        method: fields
            .choice(cx, "method", "an HTTP method", RESOLVE_METHODS, |m| {
                RESOLVE_METHODS.contains(&m).then(|| m.to_owned())
            })
            .map(|l| l.value),
        endpoint: fields
            .url(cx, "endpoint", UrlKind::AbsoluteOrPath)
            .map(|l| l.value),
    };
    if resolve == Resolve::default() && table.value.is_empty() {
        cx.report(
            Diagnostic::error(format!("`resolve` of {} is empty", parent.owner))
                .with_label(&parent.file.shown, table.span.clone(), "no members")
                .with_help(format!("set at least one of {}", list(&names))),
        );
    }
    resolve
}
