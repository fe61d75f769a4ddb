#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    // `quantity` and `max` are `unsigned`.
    #[api_error(code = "QUANTITY_TOO_LARGE")]
    TooMany { quantity: String, max: i64 },
    // `delta` is `integer`, `ratio` is `float`, `confirmed` is `bool`.
    #[api_error(code = "PRICE_CHANGED")]
    Price { delta: u64, ratio: f64, confirmed: &'static str },
}

fn main() {}
