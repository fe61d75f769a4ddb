#[derive(Debug, errcat::ApiError)]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { order_id: String },
}

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
struct NotAnEnum {
    order_id: String,
}

// The fallback impls keep uses of the enum quiet: only the mistake above is
// reported, not that `ShopError` is no error.
fn use_it() -> Result<(), Box<dyn std::error::Error>> {
    Err(ShopError::Missing { order_id: String::new() })?
}

fn main() {
    let _ = use_it();
}
