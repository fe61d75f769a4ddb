//! An axum service whose every error is a catalog code: handlers return the
//! derived enum, `?` converts causes, a middleware negotiates RFC 9457, and
//! another logs what the client is never told.

use std::path::Path as FilePath;

// ANCHOR: handlers
use axum::Router;
use axum::extract::Path;
use axum::routing::get;

use crate::derive::DeployError;

async fn function(Path(function_id): Path<String>) -> Result<String, DeployError> {
    if function_id.starts_with("fn_") {
        Ok(format!("function {function_id}"))
    } else {
        Err(DeployError::Missing { function_id })
    }
}

async fn bundle(Path(function_id): Path<String>) -> Result<Vec<u8>, DeployError> {
    // An I/O error becomes INTERNAL_ERROR (500): the body says only that.
    let bundle = std::fs::read(FilePath::new("/bundles").join(function_id))?;
    Ok(bundle)
}
// ANCHOR_END: handlers

// ANCHOR: router
/// The routes, with RFC 9457 for clients that ask for it (`Accept:
/// application/problem+json`) and a log line for every server error.
pub fn router() -> Router {
    Router::new()
        .route("/functions/{id}", get(function))
        .route("/functions/{id}/bundle", get(bundle))
        .layer(axum::middleware::from_fn(errcat::axum::negotiate))
        .layer(axum::middleware::from_fn(log_server_errors))
}
// ANCHOR_END: router

// ANCHOR: logging
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Every error response carries an `ErrorReport`: the code, the status, the
/// request id and the log line with the source chain, which the body never
/// holds. Log it with whatever logger the service uses.
async fn log_server_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if let Some(report) = response.extensions().get::<errcat::ErrorReport>()
        && report.status >= 500
    {
        eprintln!("{}", report.log_line);
    }
    response
}
// ANCHOR_END: logging

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn get(path: &str, accept: &str) -> (StatusCode, String, serde_json::Value) {
        let request = Request::get(path)
            .header(header::ACCEPT, accept)
            .body(Body::empty())
            .unwrap();
        let response = super::router().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            serde_json::from_slice(&bytes).unwrap(),
        )
    }

    #[tokio::test]
    async fn errors_answer_in_the_catalogs_shapes() {
        let (status, content_type, body) = get("/functions/x1", "application/json").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, "application/json");
        assert_eq!(body["code"], "FUNCTION_NOT_FOUND");
        assert_eq!(body["error"], "Function 'x1' not found");

        let (status, content_type, body) = get("/functions/x1", "application/problem+json").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["error_code"], "FUNCTION_NOT_FOUND");

        let (status, _, body) = get("/functions/fn_1/bundle", "*/*").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body["code"], "INTERNAL_ERROR");
        assert!(!body.to_string().contains("No such file"), "{body}");
    }
}
