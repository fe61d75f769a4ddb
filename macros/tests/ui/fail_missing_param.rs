#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    // The template is "Quantity {quantity} exceeds the limit of {max} per order".
    #[api_error(code = "QUANTITY_TOO_LARGE")]
    TooMany {
        quantity: u64,
        #[api_error(skip)]
        max: u64,
    },
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing,
}

fn main() {}
