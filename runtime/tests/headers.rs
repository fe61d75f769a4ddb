//! The headers a code declares with values: rendered from the error's
//! arguments on every response, with what the service sets outranking them.

use errcat::{
    Catalog, CodeInfo, Error, ErrorCode, HeaderSet, HeaderTemplate, Param, ParamType, Piece,
    WireShape,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
enum Code {
    Limited,
    Expired,
}

static CODES: [CodeInfo; 2] = [
    CodeInfo {
        code: "LIMITED",
        status: 429,
        title: "Limited",
        message: "Slow down",
        template: &[Piece::Text("Slow down")],
        params: &[
            Param {
                name: "limit",
                ty: ParamType::Unsigned,
            },
            Param {
                name: "reset",
                ty: ParamType::Unsigned,
            },
        ],
        category: "limits",
        throttling: true,
        retryable: true,
        retry_after: Some(60),
        headers: HeaderSet::RETRY_AFTER.union(HeaderSet::RATE_LIMIT_LIMIT),
        header_values: &[
            HeaderTemplate {
                name: "ratelimit-limit",
                value: &[Piece::Param(0)],
            },
            HeaderTemplate {
                name: "retry-after",
                value: &[Piece::Param(1)],
            },
        ],
        ..CodeInfo::DEFAULTS
    },
    CodeInfo {
        code: "EXPIRED",
        status: 401,
        title: "Expired",
        message: "Token expired",
        template: &[Piece::Text("Token expired")],
        params: &[Param {
            name: "scope",
            ty: ParamType::String,
        }],
        category: "auth",
        header_values: &[
            HeaderTemplate {
                name: "www-authenticate",
                value: &[
                    Piece::Text("Bearer error=\"invalid_token\", scope=\""),
                    Piece::Param(0),
                    Piece::Text("\""),
                ],
            },
            HeaderTemplate {
                name: "link",
                value: &[Piece::Param(0)],
            },
        ],
        ..CodeInfo::DEFAULTS
    },
];

static CATALOG: Catalog<Code> = Catalog::new(
    "headers",
    WireShape::Flat,
    &CODES,
    &[("EXPIRED", Code::Expired), ("LIMITED", Code::Limited)],
);

impl ErrorCode for Code {
    fn catalog() -> &'static Catalog<Self> {
        &CATALOG
    }

    fn index(self) -> usize {
        self as usize
    }
}

fn header(error: &Error<Code>, name: &str) -> Option<String> {
    let headers = error.headers(WireShape::Flat);
    let values: Vec<_> = headers.get_all(name).iter().collect();
    assert!(values.len() <= 1, "{name} sent {} times", values.len());
    values.first().map(|v| v.to_str().unwrap().to_owned())
}

#[test]
fn declared_values_come_from_the_arguments() {
    let error = Error::new(Code::Limited, vec![100_u64.into(), 7_u64.into()]);
    assert_eq!(header(&error, "ratelimit-limit").as_deref(), Some("100"));
    // The template, not the code's `retry_after` default.
    assert_eq!(header(&error, "retry-after").as_deref(), Some("7"));
}

#[test]
fn what_the_service_sets_outranks_the_catalog() {
    let error = Error::new(Code::Limited, vec![100_u64.into(), 7_u64.into()])
        .with_retry_after(3)
        .with_rate_limit(50, 1, 3);
    assert_eq!(header(&error, "retry-after").as_deref(), Some("3"));
    assert_eq!(header(&error, "ratelimit-limit").as_deref(), Some("50"));
    assert_eq!(header(&error, "ratelimit-remaining").as_deref(), Some("1"));
}

#[test]
fn a_value_is_made_safe_and_an_empty_one_is_not_sent() {
    let error = Error::new(Code::Expired, vec!["read\" x=\"y".into()]);
    assert_eq!(
        header(&error, "www-authenticate").as_deref(),
        Some(r#"Bearer error="invalid_token", scope="read\" x=\"y""#)
    );
    let empty = Error::new(Code::Expired, vec!["".into()]);
    assert_eq!(header(&empty, "link"), None);
    assert!(header(&empty, "www-authenticate").is_some());
    let response = empty.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
}
