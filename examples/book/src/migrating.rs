//! From `thiserror` and a hand-kept error table to a catalog.

// ANCHOR: before
/// Before: the status, the code string and the message live in three places
/// (this enum, a `match` for the status, and the docs' table), kept in step
/// by hand.
#[derive(Debug)]
pub enum OldError {
    FunctionNotFound {
        function_id: String,
    },
    RateLimited {
        limit: u64,
        remaining: u64,
        reset: u64,
    },
}

impl std::fmt::Display for OldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OldError::FunctionNotFound { function_id } => {
                write!(f, "Function '{function_id}' not found")
            }
            OldError::RateLimited { limit, .. } => {
                write!(
                    f,
                    "Too many requests: the limit is {limit} requests per minute"
                )
            }
        }
    }
}

impl OldError {
    pub fn status(&self) -> u16 {
        match self {
            OldError::FunctionNotFound { .. } => 404,
            OldError::RateLimited { .. } => 429,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            OldError::FunctionNotFound { .. } => "FUNCTION_NOT_FOUND",
            OldError::RateLimited { .. } => "RATE_LIMITED",
        }
    }
}
// ANCHOR_END: before

// ANCHOR: after
/// After: the same enum, its variants and fields unchanged; the catalog
/// holds the status, the code, the message and the docs, and the compiler
/// checks this mapping against it.
#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = fold_errors)]
pub enum NewError {
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    FunctionNotFound { function_id: String },
    #[api_error(code = "RATE_LIMITED")]
    RateLimited {
        limit: u64,
        remaining: u64,
        reset: u64,
    },
}
// ANCHOR_END: after

#[cfg(test)]
mod tests {
    use super::*;

    /// The migration changes nothing a client sees: same messages, codes
    /// and statuses.
    #[test]
    fn the_catalog_says_what_the_hand_kept_code_said() {
        let pairs = [
            (
                OldError::FunctionNotFound {
                    function_id: "fn_1".to_owned(),
                },
                NewError::FunctionNotFound {
                    function_id: "fn_1".to_owned(),
                },
            ),
            (
                OldError::RateLimited {
                    limit: 100,
                    remaining: 0,
                    reset: 30,
                },
                NewError::RateLimited {
                    limit: 100,
                    remaining: 0,
                    reset: 30,
                },
            ),
        ];
        for (old, new) in pairs {
            assert_eq!(old.to_string(), new.to_string());
            let new: errcat::Error<fold_errors::FoldErrorCode> = new.into();
            assert_eq!(old.code(), new.code().as_str());
            assert_eq!(old.status(), new.status().as_u16());
        }
    }
}
