//! Authentication and the rate limit, as one middleware in front of the API
//! (and one check in front of each gRPC method): a request without a valid
//! bearer token never counts against anyone's limit, and every answer to an
//! authenticated one carries the `RateLimit-*` headers.

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
    let (principal, decision) = match admit(&app, request.headers()) {
        Ok(admitted) => admitted,
        Err(Refused::Auth(error)) => return error.into_response(),
        Err(Refused::Limit(error)) => return error.into_response(),
    };
    request.extensions_mut().insert(principal);
    let mut response = next.run(request).await;
    rate_limit_headers(response.headers_mut(), decision);
    response
}

/// Why a request is not let in.
pub enum Refused {
    Auth(AuthError),
    Limit(LimitError),
}

impl From<Refused> for tonic::Status {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::Auth(error) => error.into(),
            Refused::Limit(error) => error.into(),
        }
    }
}

/// The caller, and where they stand against their organization's limit.
pub fn admit(app: &App, headers: &HeaderMap) -> Result<(Principal, Decision), Refused> {
    let principal = authenticate(app, headers).map_err(Refused::Auth)?;
    let decision = app.limiter.check(&principal.org, Instant::now());
    if !decision.allowed {
        return Err(Refused::Limit(LimitError::RateLimited {
            limit: decision.limit,
            remaining: decision.remaining,
            reset: decision.reset,
        }));
    }
    Ok((principal, decision))
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
