// Every attribute mistake of one enum, reported in one build.

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo, format = "json")]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FOUND", code = "ITEM_UNAVAILABLE")]
    Missing { order_id: String },
    #[api_error(code = " ORDER_NOT_FOUND")]
    Spaces,
    #[api_error(code = "SLOW_DOWN", retry_after = -1)]
    Throttled,
    #[api_error(code = "STORAGE_FAILED")]
    Storage(std::io::Error),
    #[api_error(code = "STORAGE_FAILED")]
    Twice(#[source] std::io::Error, #[source] std::io::Error),
    #[api_error(code = "STORAGE_FAILED")]
    FromWithOthers(#[from] std::fmt::Error, #[api_error(skip)] u8),
    #[api_error(code = "INVALID_ORDER")]
    TwoDetails {
        #[api_error(details)]
        first: Vec<(String, String)>,
        #[api_error(details)]
        second: Vec<(String, String)>,
    },
    #[api_error(code = "STORAGE_FAILED")]
    SourceAsDetails(#[source] #[api_error(details)] std::io::Error),
    #[api_error(code = "INVALID_ORDER")]
    Details {
        #[api_error(details, skip = true)]
        problems: Vec<(String, String)>,
    },
}

fn main() {}
