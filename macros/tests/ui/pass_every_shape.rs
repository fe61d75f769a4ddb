// Every variant style, attribute and parameter type the derive accepts.

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { order_id: &'static str },
    #[api_error(code = "QUANTITY_TOO_LARGE")]
    TooMany {
        quantity: u8,
        max: usize,
        #[api_error(skip)]
        requested_by: String,
    },
    #[api_error(code = "PRICE_CHANGED")]
    Price { delta: i32, ratio: f32, confirmed: bool },
    #[api_error(code = "INVALID_ORDER")]
    Invalid(#[api_error(details)] errcat::serde_json::Value),
    #[api_error(code = "SLOW_DOWN", retry_after = 1)]
    Throttled,
    #[api_error(code = "STORAGE_FAILED")]
    Storage { source: std::io::Error },
}

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum Generic<T: std::fmt::Display + std::fmt::Debug> {
    #[api_error(code = "ITEM_UNAVAILABLE")]
    Unavailable { sku: T },
}

// A raw identifier names the same field, and the same parameter.
#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum Raw {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { r#order_id: u32 },
}

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum Never {}

fn main() {
    let error = build_script_demo::DemoError::from(ShopError::Throttled);
    assert_eq!(error.retry_after(), Some(1));
    let error = errcat::Error::from(Generic::Unavailable { sku: 7 });
    assert_eq!(error.message(), "Item '7' is unavailable");
    let error = errcat::Error::from(Raw::Missing { r#order_id: 17 });
    assert_eq!(error.message(), "Order 17 not found");
    let _ = |never: Never| errcat::Error::from(never);
}
