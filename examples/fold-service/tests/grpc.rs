//! The service's gRPC method, called over loopback by a real tonic client:
//! every error is the fold catalog's code in the google.rpc rich error
//! model, and a client reads it back as the catalog error.

mod support;

use std::time::Duration;

use errcat::AnyCode;
use errcat::grpc::{MESSAGE_LOCALE, StatusError};
use fold_errors::FoldErrorCode;
use fold_service::grpc::proto::GetFunctionRequest;
use fold_service::grpc::proto::functions_client::FunctionsClient;
use serde_json::json;
use support::Service;
use tonic::Code;
use tonic::transport::Channel;
use tonic_types::StatusExt;

const ADMIN: &str = "fold_admin_acme";

async fn client(service: &Service) -> FunctionsClient<Channel> {
    FunctionsClient::connect(service.base().to_owned())
        .await
        .expect("the gRPC client connects")
}

fn request(id: &str, token: Option<&str>) -> tonic::Request<GetFunctionRequest> {
    let mut request = tonic::Request::new(GetFunctionRequest { id: id.to_owned() });
    if let Some(token) = token {
        let value = format!("Bearer {token}").parse().unwrap();
        request.metadata_mut().insert("authorization", value);
    }
    request
}

#[tokio::test]
async fn a_function_is_served_beside_the_http_api() {
    let service = Service::start(&[]);
    let created = service
        .post(
            "/v1/functions",
            ADMIN,
            json!({ "name": "api", "code": "export default {}" }),
        )
        .await;
    assert_eq!(created.status.as_u16(), 201, "{}", created.text);
    let response = client(&service)
        .await
        .get_function(request("fn_1", Some(ADMIN)))
        .await
        .expect("the function exists");
    assert_eq!(response.metadata().get("ratelimit-limit").unwrap(), "100");
    assert_eq!(
        response.metadata().get("ratelimit-remaining").unwrap(),
        "98"
    );
    let function = response.into_inner();
    assert_eq!(function.id, "fn_1");
    assert_eq!(function.name, "api");
    assert_eq!(function.active_version, 1);
}

#[tokio::test]
async fn every_error_carries_the_catalogs_details() {
    let service = Service::start(&[]);
    let mut client = client(&service).await;

    let status = client
        .get_function(request("fn_1", None))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated);
    assert_eq!(status.message(), "No authentication token provided");
    let details = status.get_error_details();
    let info = details.error_info().expect("ErrorInfo");
    assert_eq!(
        (info.reason.as_str(), info.domain.as_str()),
        ("AUTH_REQUIRED", "fold")
    );
    assert!(info.metadata.is_empty());
    let help = details.help().expect("Help");
    assert_eq!(
        help.links[0].description,
        "What AUTH_REQUIRED means and how to fix it"
    );
    assert_eq!(
        help.links[0].url,
        "https://docs.fold.run/errors#auth_required"
    );
    let localized = details.localized_message().expect("LocalizedMessage");
    assert_eq!(localized.locale, MESSAGE_LOCALE);
    assert_eq!(localized.message, "No authentication token provided");

    let status = client
        .get_function(request("fn_404", Some(ADMIN)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "Function 'fn_404' not found");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "FUNCTION_NOT_FOUND");
    assert_eq!(info.metadata["function_id"], "fn_404");

    let status = client
        .get_function(request(" ", Some(ADMIN)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "VALIDATION_ERROR"
    );
    let violations = status.get_details_bad_request().expect("BadRequest");
    assert_eq!(violations.field_violations.len(), 1);
    assert_eq!(violations.field_violations[0].field, "id");
    assert_eq!(
        violations.field_violations[0].description,
        "Must not be empty"
    );
}

#[tokio::test]
async fn the_rate_limit_is_retry_info_and_the_client_reads_it_back() {
    let service = Service::start(&["--rate-limit", "1"]);
    let mut client = client(&service).await;
    let first = client
        .get_function(request("fn_404", Some(ADMIN)))
        .await
        .unwrap_err();
    assert_eq!(first.code(), Code::NotFound);
    let status = client
        .get_function(request("fn_404", Some(ADMIN)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    let retry = status.get_details_retry_info().expect("RetryInfo");
    let delay = retry.retry_delay.expect("a delay");
    assert!(
        delay > Duration::ZERO && delay <= Duration::from_secs(60),
        "{delay:?}"
    );

    // ANCHOR: the_client_reads_back
    let received = StatusError::<FoldErrorCode>::from_status(&status);
    assert_eq!(
        received.code,
        Some(AnyCode::Known(FoldErrorCode::RateLimited))
    );
    assert_eq!(received.retry_after, Some(delay));
    let names: Vec<&str> = received.params.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["limit", "remaining", "reset"]);
    let error = received.to_error().expect("a fold code");
    assert_eq!(
        error.to_string(),
        "Too many requests: the limit is 1 requests per minute"
    );
    assert_eq!(
        error.retry_after(),
        Some(u32::try_from(delay.as_secs()).unwrap())
    );
    let headers = error.headers(errcat::WireShape::Flat);
    assert_eq!(headers["ratelimit-limit"], "1");
    assert_eq!(headers["ratelimit-remaining"], "0");
    // ANCHOR_END: the_client_reads_back
}
