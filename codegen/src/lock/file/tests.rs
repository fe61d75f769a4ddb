//! The lock format: round trips, its fixed layout, older versions, and
//! every way a lock can be unreadable.

use super::*;

fn sample() -> Lock {
    let mut codes = BTreeMap::new();
    codes.insert(
        "VERSION_NOT_FOUND".to_owned(),
        Entry {
            status: Some(404),
            state: State::Deprecated,
            wire_shape: "problem".to_owned(),
            number: Some(1004),
            ident: Some("VersionMissing".to_owned()),
            severity: Severity::Warning,
            aliases: vec!["ROLLBACK_TARGET_MISSING".to_owned()],
            params: vec![
                ("version".to_owned(), ParamType::Unsigned),
                ("service".to_owned(), ParamType::String),
            ],
            contract: Some(Contract {
                problem_type: "https://docs.example/errors#version_not_found".to_owned(),
                grpc: GrpcCode::NotFound,
                retryable: true,
                throttling: true,
                headers: vec!["Retry-After".to_owned(), "RateLimit-Reset".to_owned()],
                details: DetailsKind::FieldErrors,
                detail_members: Vec::new(),
                action: Some("pick_version".to_owned()),
                method: None,
                endpoint: Some("/v1/versions".to_owned()),
            }),
        },
    );
    codes.insert(
        "GONE".to_owned(),
        Entry {
            status: Some(410),
            state: State::Removed,
            wire_shape: "flat".to_owned(),
            number: None,
            ident: None,
            severity: Severity::Error,
            aliases: Vec::new(),
            params: Vec::new(),
            // Removed while the lock was still in format 1.
            contract: None,
        },
    );
    Lock {
        catalog: "fold".to_owned(),
        wire_shape: Some("flat".to_owned()),
        domain: Some("fold.run".to_owned()),
        shapes: BTreeMap::from([(
            "cloudflare".to_owned(),
            vec![
                "content_type = application/json".to_owned(),
                "errors[0].code = {code}".to_owned(),
                "header CF-Ray = {request_id?}".to_owned(),
            ],
        )]),
        codes,
        accepted_breaks: vec![AcceptedBreak {
            reason: "GONE was never \"really\" used".to_owned(),
            version: Some("2.0.0".to_owned()),
            changes: vec!["code `GONE` was removed".to_owned()],
        }],
    }
}

#[test]
fn a_rendered_lock_reads_back_the_same() {
    let lock = sample();
    let text = render(&lock);
    let (parsed, lines) = parse(&text).unwrap();
    assert_eq!(parsed, lock);
    assert_eq!(lines["GONE"], 16);
    assert_eq!(lines["VERSION_NOT_FOUND"], 21);
}

#[test]
fn the_layout_is_fixed_and_sorted() {
    let text = render(&sample());
    let expected = r#"
[shapes.cloudflare]
facts = [
    "content_type = application/json",
    "errors[0].code = {code}",
    "header CF-Ray = {request_id?}",
]

[codes.GONE]
status = 410
state = "removed"
wire_shape = "flat"

[codes.VERSION_NOT_FOUND]
status = 404
state = "deprecated"
wire_shape = "problem"
severity = "warning"
type = "https://docs.example/errors#version_not_found"
grpc = "NOT_FOUND"
retryable = true
throttling = true
headers = ["Retry-After", "RateLimit-Reset"]
details = "field_errors"
resolve = { action = "pick_version", endpoint = "/v1/versions" }
number = 1004
ident = "VersionMissing"
aliases = ["ROLLBACK_TARGET_MISSING"]
params = { version = "unsigned", service = "string" }

[[accepted_break]]
reason = 'GONE was never "really" used'
version = "2.0.0"
changes = [
    "code `GONE` was removed",
]
"#;
    assert!(text.starts_with("# The errcat stability lock"), "{text}");
    assert!(
        text.contains(
            "\nversion = 2\ncatalog = \"fold\"\nwire_shape = \"flat\"\ndomain = \"fold.run\"\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(expected), "{text}");
}

#[test]
fn a_format_1_lock_reads_with_nothing_of_format_2_recorded() {
    let text = r#"version = 1
catalog = "fold"

[codes.VERSION_NOT_FOUND]
status = 404
state = "active"
wire_shape = "flat"
params = { service = "string", version = "unsigned" }
"#;
    let (lock, _) = parse(text).unwrap();
    assert_eq!(lock.wire_shape, None);
    let entry = &lock.codes["VERSION_NOT_FOUND"];
    assert_eq!(entry.contract, None);
    assert_eq!(
        entry.params,
        [
            ("service".to_owned(), ParamType::String),
            ("version".to_owned(), ParamType::Unsigned),
        ]
    );
}

#[test]
fn a_bad_lock_names_the_line() {
    let text = render(&sample()).replace("\"deprecated\"", "\"sleeping\"");
    assert_eq!(
        parse(&text).unwrap_err(),
        (
            21,
            "`VERSION_NOT_FOUND`: unknown state `sleeping`".to_owned()
        )
    );
    let (line, message) = parse("version = 1\ncatalog = \"x\"\nextra = 3\n").unwrap_err();
    assert_eq!(line, 3);
    assert!(message.contains("unknown field `extra`"), "{message}");
}

#[test]
fn every_part_of_the_contract_is_read_or_refused() {
    let text = render(&sample());
    for (from, to, problem) in [
        ("\"NOT_FOUND\"", "\"LOST\"", "unknown gRPC code `LOST`"),
        (
            "\"field_errors\"",
            "\"list\"",
            "unknown details kind `list`",
        ),
        (
            "grpc = \"NOT_FOUND\"\n",
            "",
            "`type` is recorded without `grpc`",
        ),
        (
            "type = \"https://docs.example/errors#version_not_found\"\n",
            "",
            "`grpc` is recorded without `type`",
        ),
    ] {
        let (line, message) = parse(&text.replace(from, to)).unwrap_err();
        assert_eq!(line, 21);
        assert_eq!(message, format!("`VERSION_NOT_FOUND`: {problem}"));
    }
    // Any snake_case name may be a shape the catalog declares.
    let shape = text.replacen("wire_shape = \"flat\"", "wire_shape = \"Xml\"", 1);
    assert_eq!(
        parse(&shape).unwrap_err(),
        (6, "unknown wire shape `Xml`".to_owned())
    );
    let (_, message) = parse(&text.replace("version = 2", "version = 3")).unwrap_err();
    assert_eq!(
        message,
        "lock format version 3 is not supported (this errcat reads versions 1 to 2)"
    );
}
