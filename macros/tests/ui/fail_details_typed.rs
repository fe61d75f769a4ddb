#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "REFUND_REJECTED")]
    Rejected {
        order_id: String,
        #[api_error(details)]
        context: errcat::serde_json::Value,
    },
}

fn main() {}
