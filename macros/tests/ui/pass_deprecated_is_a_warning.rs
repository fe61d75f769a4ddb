// A deprecated code still builds: the deprecation is a warning (its text is
// in fail_deprecated_code.stderr), not an error.

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum ShopError {
    #[api_error(code = "OUT_OF_STOCK")]
    Gone { sku: String },
}

fn main() {
    let error = errcat::Error::from(ShopError::Gone { sku: "s-1".into() });
    assert_eq!(error.info().replacement, Some("ITEM_UNAVAILABLE"));
}
