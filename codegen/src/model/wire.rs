//! The wire shapes a catalog renders in, and the gRPC codes it maps to.

/// The wire shapes the seeds use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireShape {
    /// `{"error", "code", "details", "hint"}` (seeds 000, 001).
    Flat,
    /// `{"error": {"code", "message", "request_id"}}` (seed 002).
    Nested,
    /// `{"errorCode", "errorMessage"}` (seed 003).
    ErrorCode,
    /// RFC 9457 `application/problem+json` with `error_code`, `resolve` (seed 004).
    Problem,
    /// OAuth 2 `{"error", "error_description"}` (seed 002).
    OAuth2,
}

/// `google.rpc.Code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GrpcCode {
    Cancelled,
    Unknown,
    InvalidArgument,
    DeadlineExceeded,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    ResourceExhausted,
    FailedPrecondition,
    Aborted,
    OutOfRange,
    Unimplemented,
    Internal,
    Unavailable,
    DataLoss,
    Unauthenticated,
}

impl WireShape {
    pub const ALL: [WireShape; 5] = [
        WireShape::Flat,
        WireShape::Nested,
        WireShape::ErrorCode,
        WireShape::Problem,
        WireShape::OAuth2,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WireShape::Flat => "flat",
            WireShape::Nested => "nested",
            WireShape::ErrorCode => "error_code",
            WireShape::Problem => "problem",
            WireShape::OAuth2 => "oauth2",
        }
    }

    pub fn parse(s: &str) -> Option<WireShape> {
        Self::ALL.into_iter().find(|w| w.as_str() == s)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            WireShape::Problem => "application/problem+json",
            _ => "application/json",
        }
    }
}

impl GrpcCode {
    pub const ALL: [GrpcCode; 16] = [
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The `google.rpc.Code` name, e.g. `NOT_FOUND`.
    pub fn as_str(self) -> &'static str {
        match self {
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The numeric value of the code in `google.rpc.Code`.
    pub fn number(self) -> u8 {
        match self {
            GrpcCode::Cancelled => 1,
            GrpcCode::Unknown => 2,
            GrpcCode::InvalidArgument => 3,
            GrpcCode::DeadlineExceeded => 4,
            GrpcCode::NotFound => 5,
            GrpcCode::AlreadyExists => 6,
            GrpcCode::PermissionDenied => 7,
            GrpcCode::ResourceExhausted => 8,
            GrpcCode::FailedPrecondition => 9,
            GrpcCode::Aborted => 10,
            GrpcCode::OutOfRange => 11,
            GrpcCode::Unimplemented => 12,
            GrpcCode::Internal => 13,
            GrpcCode::Unavailable => 14,
            GrpcCode::DataLoss => 15,
            GrpcCode::Unauthenticated => 16,
        }
    }

    pub fn parse(s: &str) -> Option<GrpcCode> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The default for an HTTP status, following the HTTP mapping documented
    /// in `google/rpc/code.proto`; statuses it does not list fall back to
    /// `FAILED_PRECONDITION` (4xx) and `INTERNAL` (5xx), its general rule.
    pub fn from_http_status(status: u16) -> GrpcCode {
        match status {
            400 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 => GrpcCode::NotFound,
            409 => GrpcCode::Aborted,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            504 => GrpcCode::DeadlineExceeded,
            _ if status < 500 => GrpcCode::FailedPrecondition,
            _ => GrpcCode::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_defaults_follow_the_google_mapping() {
        assert_eq!(GrpcCode::from_http_status(404), GrpcCode::NotFound);
        assert_eq!(
            GrpcCode::from_http_status(422),
            GrpcCode::FailedPrecondition
        );
        assert_eq!(GrpcCode::from_http_status(502), GrpcCode::Unavailable);
        assert_eq!(GrpcCode::from_http_status(500), GrpcCode::Internal);
    }
}
