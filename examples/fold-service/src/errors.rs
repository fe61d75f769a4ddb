//! The service's own errors, each variant mapped onto a code of the fold
//! catalog by `#[derive(ApiError)]`: rustc checks every code name and that
//! each variant's fields fill the code's message, and handlers return these
//! types directly (`IntoResponse` and `?` come with the derive).

use errcat::ApiError;
use serde_json::Value;

use crate::store::Role;

/// Who is calling: the `Authorization` header and the caller's role.
#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
pub enum AuthError {
    #[api_error(code = "AUTH_REQUIRED")]
    MissingToken,
    #[api_error(code = "AUTH_INVALID")]
    InvalidToken,
}

/// The organization is going too fast. The catalog sends the window as
/// `Retry-After` and `RateLimit-*`, so the variant cannot leave it out.
#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
pub enum LimitError {
    #[api_error(code = "RATE_LIMITED")]
    RateLimited {
        limit: u64,
        remaining: u64,
        reset: u64,
    },
}

/// A function that is not there: all `GET /v1/functions/{id}` can run into
/// once the caller is let in, so all its OpenAPI document lists beside
/// authentication and the rate limit.
#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
pub enum LookupError {
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    FunctionNotFound { function_id: String },
}

impl From<LookupError> for ApiError {
    fn from(error: LookupError) -> Self {
        match error {
            LookupError::FunctionNotFound { function_id } => {
                ApiError::FunctionNotFound { function_id }
            }
        }
    }
}

/// Everything a request to the API can run into once it is authenticated.
#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
pub enum ApiError {
    #[api_error(code = "FORBIDDEN")]
    Forbidden {
        #[api_error(skip)]
        needs: Role,
    },
    #[api_error(code = "NOT_FOUND")]
    NoSuchRoute,
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    FunctionNotFound { function_id: String },
    #[api_error(code = "VERSION_NOT_FOUND")]
    VersionNotFound { version: u64, function_id: String },
    #[api_error(code = "BINDING_NOT_FOUND")]
    BindingNotFound { binding: String },
    #[api_error(code = "BINDING_NOT_ALLOWED")]
    BindingNotAllowed { binding: String },
    #[api_error(code = "CONFLICT")]
    NameTaken {
        #[api_error(skip)]
        name: String,
    },
    #[api_error(code = "VALIDATION_ERROR")]
    Validation {
        #[api_error(details)]
        problems: Vec<(String, String)>,
    },
    #[api_error(code = "CODE_INVALID")]
    CodeInvalid {
        #[api_error(details)]
        reason: Value,
    },
    #[api_error(code = "PRO_PLAN_REQUIRED")]
    ProPlanRequired { feature: &'static str },
    #[api_error(code = "CUSTOM_DOMAIN_ALREADY_EXISTS")]
    DomainTaken { domain: String },
    #[api_error(code = "DEPLOY_FAILED")]
    Upload(#[source] std::io::Error),
}

impl ApiError {
    /// One field-level problem, the common case of `VALIDATION_ERROR`.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        ApiError::Validation {
            problems: vec![(field.to_owned(), problem.into())],
        }
    }
}
