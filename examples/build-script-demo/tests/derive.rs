//! What `#[derive(ApiError)]` gives a variant, checked on the catalog this
//! crate's build script generated.

use std::error::Error as _;

use build_script_demo::{DemoError, DemoErrorCode, OrderError};
use errcat::WireShape;
use serde_json::json;

type ApiError = errcat::Error<DemoErrorCode>;

#[test]
fn a_variant_renders_its_code_with_its_fields() {
    let error = ApiError::from(OrderError::Missing {
        order_id: "o-17".into(),
    });
    assert_eq!(error.code(), DemoErrorCode::OrderNotFound);
    assert_eq!(error.status().as_u16(), 404);
    assert_eq!(error.message(), "Order o-17 not found");
    assert_eq!(
        error.info().hint,
        Some("List your orders to find the right id.")
    );
    let body: serde_json::Value = serde_json::from_str(&error.to_json(WireShape::Flat)).unwrap();
    assert_eq!(
        body,
        json!({
            "error": "Order o-17 not found",
            "code": "ORDER_NOT_FOUND",
            "details": null,
            "hint": "List your orders to find the right id.",
        })
    );
}

/// A code that is no identifier is sent exactly as written; its variant is
/// named from its words.
#[test]
fn a_code_that_is_no_identifier_is_sent_as_written() {
    let error = ApiError::from(OrderError::Declined {
        reason: "insufficient funds".into(),
    });
    assert_eq!(error.code(), DemoErrorCode::PayCardDeclined);
    assert_eq!(error.code().as_str(), "PAY:card-declined");
    assert_eq!(error.status().as_u16(), 402);
    let body: serde_json::Value = serde_json::from_str(&error.to_json(WireShape::Flat)).unwrap();
    assert_eq!(body["code"], "PAY:card-declined");
    assert_eq!(body["error"], "The card was declined: insufficient funds");
    assert_eq!(
        DemoError::pay_card_declined("expired").code(),
        DemoErrorCode::PayCardDeclined
    );
}

#[test]
fn display_is_the_rendered_message_and_narrower_integers_fill_unsigned_parameters() {
    let error = OrderError::TooMany {
        quantity: 12,
        max: 10,
    };
    assert_eq!(
        error.to_string(),
        "Quantity 12 exceeds the limit of 10 per order"
    );
    assert_eq!(
        ApiError::from(&error).args(),
        &[errcat::Arg::Uint(12), errcat::Arg::Uint(10)]
    );
}

#[test]
fn a_details_field_becomes_field_errors() {
    let error = ApiError::from(OrderError::Invalid {
        problems: vec![
            ("quantity", "must be positive".into()),
            ("quantity", "must be a whole number".into()),
            ("sku", "is required".into()),
        ],
    });
    assert_eq!(
        error.details(),
        Some(&json!({
            "quantity": ["must be positive", "must be a whole number"],
            "sku": ["is required"],
        }))
    );
}

/// Typed details go as the catalog declares them, an optional member left
/// out when it is `None`, from the derive and from the constructor alike.
#[test]
fn a_typed_details_field_is_the_body_s_details() {
    let processor = build_script_demo::details::RefundRejected {
        processor: "acme".into(),
        decline_code: None,
        attempts: 2,
    };
    let error = ApiError::from(OrderError::RefundRejected {
        order_id: "o-9".into(),
        processor: processor.clone(),
    });
    assert_eq!(error.message(), "Refund of order o-9 rejected");
    assert_eq!(
        error.details(),
        Some(&json!({ "processor": "acme", "attempts": 2 }))
    );
    let built = DemoError::refund_rejected("o-9", processor);
    assert_eq!(built.details(), error.details());
}

#[test]
fn retry_after_on_the_variant_overrides_the_catalog() {
    let error = ApiError::from(OrderError::Throttled);
    assert_eq!(error.retry_after(), Some(5));
    let headers = error.headers(WireShape::Flat);
    assert_eq!(headers["retry-after"], "5");
}

#[test]
fn a_source_is_kept_for_logs_and_never_rendered() {
    let io = std::io::Error::other("disk /dev/sdb1 is on fire");
    let error = OrderError::from(io);
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("disk /dev/sdb1 is on fire")
    );
    let error = ApiError::from(error);
    assert_eq!(error.status().as_u16(), 503);
    assert!(error.log_line().contains("disk /dev/sdb1 is on fire"));
    for shape in WireShape::ALL {
        let body = error.to_json(shape);
        assert!(!body.contains("sdb1"), "{shape:?} leaks the source: {body}");
    }
}

#[test]
fn services_can_return_the_catalog_error_type_with_question_mark() {
    fn handler() -> Result<(), DemoError> {
        Err(OrderError::Missing {
            order_id: "o-1".into(),
        })?;
        Ok(())
    }
    let error = handler().unwrap_err();
    assert_eq!(error.code(), DemoErrorCode::OrderNotFound);
}
