// A code may be written as a bare identifier, the form rustc's "a struct
// with a similar name exists" suggestion writes.

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = ORDER_NOT_FOUND)]
    Missing { order_id: String },
}

fn main() {
    let error = errcat::Error::from(ShopError::Missing { order_id: "o-9".into() });
    assert_eq!(error.message(), "Order o-9 not found");
}
