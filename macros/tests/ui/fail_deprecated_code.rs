// Deprecation is a warning; denied here so the test sees its text.
#![deny(deprecated)]

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "OUT_OF_STOCK")]
    Gone { sku: String },
}

fn main() {}
