//! What each wire shape's members are, and how client code reads the code
//! from a body of that shape.

use crate::model::WireShape;

/// How a client reads a body of this shape: the expression of the code, of
/// the message, and the members a default branch logs.
pub struct Access {
    pub code: &'static str,
    pub log: &'static str,
}

pub fn access(shape: WireShape) -> Access {
    match shape {
        WireShape::Flat => Access {
            code: "body.code",
            log: "body.error, body.hint",
        },
        WireShape::Nested => Access {
            code: "body.error.code",
            log: "body.error.message, body.error.request_id",
        },
        WireShape::ErrorCode => Access {
            code: "body.errorCode",
            log: "body.errorMessage",
        },
        WireShape::Problem => Access {
            code: "body.error_code",
            log: "body.detail, body.resolve",
        },
        WireShape::OAuth2 => Access {
            code: "body.error",
            log: "body.error_description",
        },
    }
}

/// The members of a response body in `shape`: name, JSON type, meaning.
pub fn shape_fields(shape: WireShape) -> &'static [(&'static str, &'static str, &'static str)] {
    match shape {
        WireShape::Flat => &[
            (
                "error",
                "string",
                "Human-readable message; may change between releases.",
            ),
            (
                "code",
                "string",
                "Machine-readable code from the tables below; stable.",
            ),
            (
                "details",
                "object | null",
                "More context, such as field-level validation errors; null when the code has none.",
            ),
            (
                "hint",
                "string",
                "What to do about it; absent when the code has no hint.",
            ),
        ],
        WireShape::Nested => &[
            (
                "error.code",
                "string",
                "Machine-readable code from the tables below; stable.",
            ),
            (
                "error.message",
                "string",
                "Human-readable message; may change between releases.",
            ),
            (
                "error.request_id",
                "string",
                "Quote it when you report a problem.",
            ),
            (
                "error.details",
                "object",
                "More context; only for codes that carry details.",
            ),
        ],
        WireShape::ErrorCode => &[
            (
                "errorCode",
                "string",
                "Machine-readable code from the tables below; stable.",
            ),
            (
                "errorMessage",
                "string",
                "Human-readable message; may change between releases.",
            ),
        ],
        WireShape::Problem => &[
            ("type", "string", "URI of this error's documentation."),
            ("title", "string", "Short, static summary of the code."),
            ("status", "integer", "HTTP status code."),
            (
                "detail",
                "string",
                "Human-readable explanation of this occurrence.",
            ),
            (
                "instance",
                "string",
                "Identifies this occurrence; quote it when you report a problem.",
            ),
            (
                "error_code",
                "string",
                "Machine-readable code from the tables below; stable.",
            ),
            (
                "details",
                "object",
                "More context; only for codes that carry details.",
            ),
            (
                "resolve",
                "object",
                "How to fix it: message, url, action, method, endpoint. Omitted when there is no self-service fix.",
            ),
        ],
        WireShape::OAuth2 => &[
            (
                "error",
                "string",
                "Machine-readable code from the tables below; stable.",
            ),
            (
                "error_description",
                "string",
                "Human-readable message; may change between releases.",
            ),
        ],
    }
}
