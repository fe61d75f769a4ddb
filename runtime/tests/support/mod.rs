//! A catalog built by hand, the way generated code builds one, with one code
//! per seed example: the runtime is tested without the code generator.

#![allow(dead_code)]

use errcat::shape::{CodeForm, HeaderMember, Literal, Member, Part, Presence, ShapeSpec};
use errcat::{
    Arg, Catalog, CodeInfo, DetailsKind, Error, ErrorCode, GrpcCode, HeaderSet, Param, ParamType,
    Piece, Resolve, WireShape,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum Demo {
    TenantNotFound,
    ValidationError,
    WorkspaceSlugTaken,
    InvalidGrant,
    VersionNotFound,
    NoActivePlan,
    RateLimited,
    InternalError,
}

const fn row(code: &'static str, status: u16, message: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        status,
        title: code,
        message,
        category: "demo",
        ..CodeInfo::DEFAULTS
    }
}

static CODES: [CodeInfo; 8] = [
    CodeInfo {
        template: &[Piece::Text("Tenant not found")],
        hint: Some("Check that the tenant_id is correct"),
        details: DetailsKind::Object,
        number: Some(4004),
        ..row("TENANT_NOT_FOUND", 404, "Tenant not found")
    },
    CodeInfo {
        template: &[Piece::Text("Validation failed")],
        details: DetailsKind::FieldErrors,
        number: Some(-32602),
        ..row("VALIDATION_ERROR", 400, "Validation failed")
    },
    CodeInfo {
        template: &[
            Piece::Text("The slug '"),
            Piece::Param(0),
            Piece::Text("' is already in use. Try '"),
            Piece::Param(1),
            Piece::Text("' or pick another."),
        ],
        params: &[
            Param {
                name: "slug",
                ty: ParamType::String,
            },
            Param {
                name: "suggestion",
                ty: ParamType::String,
            },
        ],
        shape: WireShape::Nested,
        ..row(
            "workspace_slug_taken",
            409,
            "The slug '{slug}' is already in use. Try '{suggestion}' or pick another.",
        )
    },
    CodeInfo {
        template: &[Piece::Param(0)],
        params: &[Param {
            name: "reason",
            ty: ParamType::String,
        }],
        shape: WireShape::OAuth2,
        ..row("invalid_grant", 400, "{reason}")
    },
    CodeInfo {
        template: &[
            Piece::Text("version '"),
            Piece::Param(0),
            Piece::Text("' of service '"),
            Piece::Param(1),
            Piece::Text("' does not exist"),
        ],
        params: &[
            Param {
                name: "version",
                ty: ParamType::Unsigned,
            },
            Param {
                name: "service",
                ty: ParamType::String,
            },
        ],
        shape: WireShape::ErrorCode,
        grpc: GrpcCode::NotFound,
        ..row(
            "VersionNotFound",
            404,
            "version '{version}' of service '{service}' does not exist",
        )
    },
    CodeInfo {
        title: "No active plan",
        template: &[Piece::Text("No billing plan selected.")],
        shape: WireShape::Problem,
        docs_url: "https://docs.example.com/errors#no_active_plan",
        resolve: Some(Resolve {
            message: Some("Select a billing plan to continue."),
            url: Some("https://app.example.com/billing"),
            action: Some("select_plan"),
            method: Some("POST"),
            endpoint: Some("/v1/billing/plan"),
        }),
        ..row("no_active_plan", 402, "No billing plan selected.")
    },
    CodeInfo {
        template: &[Piece::Text("Too many requests")],
        hint: Some("Wait and retry."),
        retryable: true,
        throttling: true,
        retry_after: Some(60),
        headers: HeaderSet::RETRY_AFTER
            .union(HeaderSet::RATE_LIMIT_LIMIT)
            .union(HeaderSet::RATE_LIMIT_REMAINING)
            .union(HeaderSet::RATE_LIMIT_RESET),
        ..row("RATE_LIMITED", 429, "Too many requests")
    },
    CodeInfo {
        template: &[Piece::Text("Unexpected server error")],
        details: DetailsKind::Object,
        ..row("INTERNAL_ERROR", 500, "Unexpected server error")
    },
];

static CATALOG: Catalog<Demo> = Catalog::new(
    "demo",
    WireShape::Flat,
    &CODES,
    &[
        ("INTERNAL_ERROR", Demo::InternalError),
        ("RATE_LIMITED", Demo::RateLimited),
        ("ROLLBACK_TARGET_MISSING", Demo::VersionNotFound),
        ("TENANT_NOT_FOUND", Demo::TenantNotFound),
        ("VALIDATION_ERROR", Demo::ValidationError),
        ("VersionNotFound", Demo::VersionNotFound),
        ("invalid_grant", Demo::InvalidGrant),
        ("no_active_plan", Demo::NoActivePlan),
        ("workspace_slug_taken", Demo::WorkspaceSlugTaken),
    ],
)
.with_shapes(&SHAPES);

/// A shape as a catalog declares it, the way a generated crate holds it:
/// Cloudflare's envelope, the error in a list of one, and the request id
/// in a header.
pub const CLOUDFLARE: WireShape = WireShape::Declared(&ShapeSpec {
    name: "cloudflare",
    summary: "Cloudflare API v4 error envelope",
    schema_name: "CloudflareError",
    content_type: "application/json",
    members: &[
        Member {
            name: "success",
            part: Part::Constant(Literal::Bool(false)),
            presence: Presence::Always,
        },
        Member {
            name: "errors",
            part: Part::List(&[
                Member {
                    name: "code",
                    part: Part::Code,
                    presence: Presence::Always,
                },
                Member {
                    name: "message",
                    part: Part::Message,
                    presence: Presence::Always,
                },
            ]),
            presence: Presence::Always,
        },
        Member {
            name: "messages",
            part: Part::Constant(Literal::EmptyList),
            presence: Presence::Always,
        },
    ],
    signatures: &[&["success", "errors", "messages"]],
    headers: &[HeaderMember {
        name: "CF-Ray",
        part: Part::RequestId,
    }],
    code_form: CodeForm::Exact,
});

/// Twilio's shape, which sends a code as its number.
pub const TWILIO: WireShape = WireShape::Declared(&ShapeSpec {
    name: "twilio",
    summary: "Twilio REST API error",
    schema_name: "TwilioError",
    content_type: "application/json",
    members: &[
        Member {
            name: "code",
            part: Part::Code,
            presence: Presence::Always,
        },
        Member {
            name: "message",
            part: Part::Message,
            presence: Presence::Always,
        },
        Member {
            name: "status",
            part: Part::Status,
            presence: Presence::Always,
        },
    ],
    signatures: &[&["code", "message", "status"]],
    headers: &[],
    code_form: CodeForm::Number,
});

/// The built-in shapes, then the declared ones.
pub const SHAPES: [WireShape; 10] = [
    WireShape::Flat,
    WireShape::Nested,
    WireShape::ErrorCode,
    WireShape::Problem,
    WireShape::OAuth2,
    WireShape::AwsJson,
    WireShape::Postgrest,
    WireShape::Aip193,
    CLOUDFLARE,
    TWILIO,
];

impl ErrorCode for Demo {
    fn catalog() -> &'static Catalog<Self> {
        &CATALOG
    }

    fn index(self) -> usize {
        self as usize
    }
}

pub fn error(code: Demo, args: Vec<Arg>) -> Error<Demo> {
    Error::new(code, args)
}

pub fn json(error: &Error<Demo>, shape: WireShape) -> serde_json::Value {
    serde_json::from_str(&error.to_json(shape)).expect("bodies are JSON")
}
