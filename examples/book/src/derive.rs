//! `#[derive(errcat::ApiError)]`: a service's own error enum, mapped onto
//! catalog codes and checked by the compiler.

// ANCHOR: derive
use errcat::ApiError;

#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
pub enum DeployError {
    /// A named field fills the placeholder of the same name.
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    Missing { function_id: String },

    /// Several placeholders, each with its declared type (`version` is
    /// `unsigned`, so any lossless unsigned integer does).
    #[api_error(code = "VERSION_NOT_FOUND")]
    NoVersion { function_id: String, version: u32 },

    /// The catalog sends the window as `RateLimit-*` and `Retry-After`, so
    /// the variant must carry it; `retry_after` overrides the wait for this
    /// variant.
    #[api_error(code = "RATE_LIMITED", retry_after = 30)]
    Busy {
        limit: u64,
        remaining: u64,
        reset: u64,
    },

    /// The `details` field becomes the body's `details`: field errors, or
    /// any `serde_json::Value`.
    #[api_error(code = "VALIDATION_ERROR")]
    Invalid {
        #[api_error(details)]
        problems: Vec<(&'static str, String)>,
    },

    /// A field the message does not use is kept out with `skip`.
    #[api_error(code = "FORBIDDEN")]
    Forbidden {
        #[api_error(skip)]
        user: String,
    },

    /// `#[from]` makes `?` convert the cause; a 5xx logs it, never sends it.
    #[api_error(code = "INTERNAL_ERROR")]
    Storage(#[from] std::io::Error),
}
// ANCHOR_END: derive

// ANCHOR: question-mark
fn read_bundle(path: &std::path::Path) -> Result<Vec<u8>, DeployError> {
    // `std::io::Error` becomes `DeployError::Storage` through `#[from]`.
    Ok(std::fs::read(path)?)
}

/// The derived enum converts into the catalog's error type too, so `?`
/// works in code that returns `FoldError`.
pub fn deploy(path: &std::path::Path) -> Result<usize, fold_errors::FoldError> {
    let bundle = read_bundle(path)?;
    Ok(bundle.len())
}
// ANCHOR_END: question-mark

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_render_their_codes() {
        let error = DeployError::NoVersion {
            function_id: "fn_1".to_owned(),
            version: 3,
        };
        assert_eq!(error.to_string(), "Version 3 of function 'fn_1' not found");
        let busy: errcat::Error<fold_errors::FoldErrorCode> = DeployError::Busy {
            limit: 100,
            remaining: 0,
            reset: 60,
        }
        .into();
        assert_eq!(busy.retry_after(), Some(30));
        let forbidden: errcat::Error<_> = DeployError::Forbidden {
            user: "ann".to_owned(),
        }
        .into();
        assert_eq!(forbidden.code(), fold_errors::FoldErrorCode::Forbidden);
        let invalid: errcat::Error<_> = DeployError::Invalid {
            problems: vec![("name", "must not be empty".to_owned())],
        }
        .into();
        assert_eq!(
            invalid.details(),
            Some(&serde_json::json!({"name": ["must not be empty"]}))
        );
        let missing = deploy(std::path::Path::new("/nonexistent/bundle")).unwrap_err();
        assert_eq!(missing.code(), fold_errors::FoldErrorCode::InternalError);
    }
}
