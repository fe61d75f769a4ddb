#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "STORAGE_FAILED")]
    Storage {
        #[api_error(details)]
        context: errcat::serde_json::Value,
    },
}

fn main() {}
