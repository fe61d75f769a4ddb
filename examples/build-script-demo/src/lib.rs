//! A crate whose error catalog lives next to it (`errors/`) and is generated
//! at build time by `build.rs`, instead of being a generated crate: the path
//! `errcat_codegen::build::Builder` serves.
//!
//! The catalog's items (`DemoError`, `DemoErrorCode`, the derive support) are
//! included at the crate root, and [`OrderError`] maps a service's own
//! errors onto it with `#[derive(ApiError)]`, naming this very crate.

include!(concat!(env!("OUT_DIR"), "/demo_errors.rs"));

/// A service's own errors, each answering with a code of the catalog.
#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = crate)]
pub enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { order_id: String },
    #[api_error(code = "QUANTITY_TOO_LARGE")]
    TooMany { quantity: u32, max: u64 },
    #[api_error(code = "INVALID_ORDER")]
    Invalid {
        #[api_error(details)]
        problems: Vec<(&'static str, String)>,
    },
    #[api_error(code = "SLOW_DOWN", retry_after = 5)]
    Throttled,
    #[api_error(code = "STORAGE_FAILED")]
    Storage(#[from] std::io::Error),
    #[api_error(code = "PAY:card-declined")]
    Declined { reason: String },
    #[api_error(code = "REFUND_REJECTED")]
    RefundRejected {
        order_id: String,
        #[api_error(details)]
        processor: details::RefundRejected,
    },
}
