#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FUOND")]
    Missing { order_id: String },
}

fn main() {}
