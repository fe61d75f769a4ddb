#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_dmeo)]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { order_id: String },
    #[api_error(code = "SLOW_DOWN")]
    Throttled,
}

fn main() {}
