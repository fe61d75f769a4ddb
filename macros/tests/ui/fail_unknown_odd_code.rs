#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = build_script_demo)]
enum PaymentError {
    #[api_error(code = "PAY:card-declinde")]
    Declined { reason: String },
    #[api_error(code = "PAY:card-declined")]
    Misfilled { reasons: String },
}

fn main() {}
