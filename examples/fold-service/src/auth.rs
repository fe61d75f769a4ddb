//! Authentication and the rate limit, as one middleware in front of the API:
//! a request without a valid bearer token never counts against anyone's
//! limit, and every answer to an authenticated one carries the
//! `RateLimit-*` headers.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use errcat::{RATELIMIT_LIMIT, RATELIMIT_REMAINING, RATELIMIT_RESET};

use crate::App;
use crate::errors::{ApiError, AuthError, LimitError};
use crate::limit::Decision;
use crate::store::{Principal, Role};

pub async fn guard(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    let principal = match authenticate(&app, request.headers()) {
        Ok(principal) => principal,
        Err(error) => return error.into_response(),
    };
    let decision = app.limiter.check(&principal.org, Instant::now());
    if !decision.allowed {
        return LimitError::RateLimited {
            limit: decision.limit,
            remaining: decision.remaining,
            reset: decision.reset,
        }
        .into_response();
    }
    request.extensions_mut().insert(principal);
    let mut response = next.run(request).await;
    rate_limit_headers(response.headers_mut(), decision);
    response
}

fn authenticate(app: &App, headers: &HeaderMap) -> Result<Principal, AuthError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AuthError::MissingToken)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(AuthError::InvalidToken)?;
    app.store()
        .tokens
        .get(token)
        .cloned()
        .ok_or(AuthError::InvalidToken)
}

fn rate_limit_headers(headers: &mut HeaderMap, decision: Decision) {
    headers.insert(RATELIMIT_LIMIT, HeaderValue::from(decision.limit));
    headers.insert(RATELIMIT_REMAINING, HeaderValue::from(decision.remaining));
    headers.insert(RATELIMIT_RESET, HeaderValue::from(decision.reset));
}

impl Principal {
    /// `FORBIDDEN` unless the caller's role is at least `needs`.
    pub fn require(&self, needs: Role) -> Result<(), ApiError> {
        if self.role >= needs {
            Ok(())
        } else {
            Err(ApiError::Forbidden { needs })
        }
    }
}
