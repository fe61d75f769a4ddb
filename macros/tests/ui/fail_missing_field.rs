#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    // The template is "Order {order_id} not found".
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { id: String },
}

fn main() {}
