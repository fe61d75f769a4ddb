#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "INVALID_ORDER")]
    Invalid {
        #[api_error(details)]
        problems: Vec<String>,
    },
}

fn main() {}
