//! The generated Rust API: constructors, what an error knows, its bodies.

// ANCHOR: construct
use fold_errors::{FoldError, FoldErrorCode};

/// One constructor per code, named after it; its arguments are the
/// message's placeholders, typed as the catalog declares them.
pub fn missing_version(function_id: &str, version: u64) -> FoldError {
    FoldError::version_not_found(version, function_id.to_owned())
}
// ANCHOR_END: construct

// ANCHOR: inspect
/// Everything the catalog says about an error is a method away.
pub fn describe(error: &FoldError) -> String {
    let code: FoldErrorCode = error.code();
    format!(
        "{} {} ({}): {}",
        error.status().as_u16(),
        code.as_str(),
        error.title(),
        error.message()
    )
}
// ANCHOR_END: inspect

// ANCHOR: builders
/// Builders add what only the service knows.
pub fn invalid_body(request_id: &str) -> FoldError {
    FoldError::validation_error()
        .with_field_error("name", "must not be empty")
        .with_field_error("runtime", "unknown runtime `node12`")
        .with_request_id(request_id)
}

/// A server error keeps its cause for the log; the body never shows it.
pub fn storage_failed(cause: std::io::Error) -> FoldError {
    FoldError::internal_error().with_source(cause)
}
// ANCHOR_END: builders

// ANCHOR: codes
/// Codes parse from their wire strings, so a code read from a log line or a
/// client's report is typed again.
pub fn code_of(wire: &str) -> Option<FoldErrorCode> {
    wire.parse().ok()
}
// ANCHOR_END: codes

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_chapter_says_is_what_happens() {
        let error = missing_version("fn_1", 3);
        assert_eq!(
            describe(&error),
            "404 VERSION_NOT_FOUND (Version not found): Version 3 of function 'fn_1' not found"
        );
        let body: serde_json::Value =
            serde_json::from_str(&invalid_body("req_7").to_json(errcat::WireShape::Flat)).unwrap();
        assert_eq!(
            body["details"],
            serde_json::json!({"name": ["must not be empty"], "runtime": ["unknown runtime `node12`"]})
        );
        let failed = storage_failed(std::io::Error::other("disk full"));
        assert!(
            !failed
                .to_json(errcat::WireShape::Flat)
                .contains("disk full")
        );
        assert!(failed.log_line().contains("disk full"));
        assert_eq!(code_of("RATE_LIMITED"), Some(FoldErrorCode::RateLimited));
        assert_eq!(code_of("NO_SUCH_CODE"), None);
    }
}
