//! The `tracing` feature: each error an axum handler returns is one event,
//! with what the client is not told, captured by a subscriber of the test's
//! own and compared field by field with the response the client got.

#![cfg(all(feature = "axum", feature = "tracing"))]

mod support;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use errcat::Error;
use support::{Demo, error};
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Level, Metadata, Subscriber};

/// An event as the subscriber saw it.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

/// Keeps every event; spans are not used by errcat.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Seen>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Seen {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A cause with a cause of its own.
#[derive(Debug)]
struct Outer(std::io::Error);

impl fmt::Display for Outer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ledger write failed")
    }
}

impl std::error::Error for Outer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

async fn broken() -> Result<&'static str, Error<Demo>> {
    let cause = Outer(std::io::Error::other("disk /dev/sdb1 is full"));
    Err(error(Demo::InternalError, vec![])
        .with_source(cause)
        .with_details(serde_json::json!({ "shard": 7 }))
        .with_request_id("req_500"))
}

async fn missing() -> Result<&'static str, Error<Demo>> {
    Err(error(Demo::TenantNotFound, vec![]).with_request_id("req_404"))
}

async fn refused() -> Result<&'static str, Error<Demo>> {
    Err(error(Demo::TenantNotFound, vec![])
        .with_source(std::io::Error::other("tenant table locked")))
}

/// The events of `errcat`, and the body, of a request to `path`.
fn request(path: &str) -> (Vec<Seen>, String) {
    let capture = Capture::default();
    let body = tracing::subscriber::with_default(capture.clone(), || {
        // tracing caches per call site whether anyone listens; with
        // subscribers on several test threads, ask again under this one.
        tracing::callsite::rebuild_interest_cache();
        let app = Router::new()
            .route("/broken", get(broken))
            .route("/missing", get(missing))
            .route("/refused", get(refused));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let response = app
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        })
    });
    let events = capture.0.lock().unwrap().clone();
    let ours = events
        .into_iter()
        .filter(|e| e.target == "errcat")
        .collect();
    (ours, body)
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_server_error_logs_its_cause_chain_and_the_client_sees_none_of_it() {
    let (events, body) = request("/broken");
    assert_eq!(
        events,
        [Seen {
            level: Level::ERROR,
            target: "errcat".to_owned(),
            fields: fields(&[
                ("message", "Unexpected server error"),
                ("code", "INTERNAL_ERROR"),
                ("status", "500"),
                ("request_id", "req_500"),
                ("cause", "ledger write failed: disk /dev/sdb1 is full"),
                ("details", r#"{"shard":7}"#),
            ]),
        }]
    );
    for secret in ["ledger", "sdb1", "shard"] {
        assert!(!body.contains(secret), "{secret} in {body}");
    }
}

/// Puts the client-error level back to the default however a test ends.
struct DefaultLevelAfter;

impl Drop for DefaultLevelAfter {
    fn drop(&mut self) {
        errcat::trace::log_client_errors_at(Some(Level::DEBUG));
    }
}

/// One test, since the client-error level is the process's setting.
#[test]
fn client_errors_log_at_debug_or_at_the_level_a_service_sets() {
    let _restore = DefaultLevelAfter;
    let expected = |level| {
        vec![Seen {
            level,
            target: "errcat".to_owned(),
            fields: fields(&[
                ("message", "Tenant not found"),
                ("code", "TENANT_NOT_FOUND"),
                ("status", "404"),
                ("request_id", "req_404"),
            ]),
        }]
    };
    assert_eq!(request("/missing").0, expected(Level::DEBUG));
    // A client error's cause is logged too (at its level), never sent.
    let (events, body) = request("/refused");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, Level::DEBUG);
    assert_eq!(events[0].fields["cause"], "tenant table locked");
    assert!(!body.contains("locked"), "{body}");

    errcat::trace::log_client_errors_at(Some(Level::WARN));
    assert_eq!(request("/missing").0, expected(Level::WARN));
    errcat::trace::log_client_errors_at(None);
    assert_eq!(request("/missing").0, []);
    // Server errors are logged whatever the client-error level.
    assert_eq!(request("/broken").0.len(), 1);
}
