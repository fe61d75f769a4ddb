//! `errcat::grpc`: a catalog error as a `tonic::Status` with the google.rpc
//! rich error model, read back by a client as the same error.

mod support;

use std::time::Duration;

use errcat::AnyCode;
use errcat::grpc::{MESSAGE_LOCALE, StatusError};
use support::{Demo, error};
use tonic::{Code, Status};
use tonic_types::StatusExt;

fn received(status: &Status) -> StatusError<Demo> {
    StatusError::from_status(status)
}

#[test]
fn a_client_error_carries_its_code_parameters_and_request_id() {
    let status = error(Demo::VersionNotFound, vec![42_u64.into(), "api".into()])
        .with_request_id("req_7")
        .to_status();
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(
        status.message(),
        "version '42' of service 'api' does not exist"
    );
    let details = status.get_error_details();
    let info = details.error_info().expect("ErrorInfo");
    // google.rpc asks for UPPER_SNAKE_CASE reasons, whatever the catalog's style.
    assert_eq!(info.reason, "VERSION_NOT_FOUND");
    assert_eq!(info.domain, "demo");
    assert_eq!(info.metadata.len(), 2);
    assert_eq!(info.metadata["version"], "42");
    assert_eq!(info.metadata["service"], "api");
    assert_eq!(details.request_info().unwrap().request_id, "req_7");
    let localized = details.localized_message().unwrap();
    assert_eq!(localized.locale, MESSAGE_LOCALE);
    assert_eq!(localized.message, status.message());
    assert!(details.retry_info().is_none());
    assert!(details.help().is_none(), "about:blank is no help");
    assert!(details.bad_request().is_none());
}

#[test]
fn retry_help_and_field_violations_have_their_own_details() {
    let limited = error(Demo::RateLimited, vec![]).to_status();
    let retry = limited.get_details_retry_info().unwrap();
    assert_eq!(retry.retry_delay, Some(Duration::from_secs(60)));
    let sooner = error(Demo::RateLimited, vec![])
        .with_retry_after(5)
        .to_status();
    assert_eq!(
        sooner.get_details_retry_info().unwrap().retry_delay,
        Some(Duration::from_secs(5))
    );

    let plan = error(Demo::NoActivePlan, vec![]).to_status();
    let help = plan.get_details_help().unwrap();
    assert_eq!(help.links.len(), 1);
    assert_eq!(
        help.links[0].description,
        "What no_active_plan means and how to fix it"
    );
    assert_eq!(
        help.links[0].url,
        "https://docs.example.com/errors#no_active_plan"
    );

    let invalid = error(Demo::ValidationError, vec![])
        .with_field_error("name", "Too long")
        .with_field_error("name", "Not a slug")
        .with_field_error("url", "Expected string")
        .to_status();
    let violations: Vec<(String, String)> = invalid
        .get_details_bad_request()
        .unwrap()
        .field_violations
        .into_iter()
        .map(|v| (v.field, v.description))
        .collect();
    assert_eq!(
        violations,
        [
            ("name".to_owned(), "Too long".to_owned()),
            ("name".to_owned(), "Not a slug".to_owned()),
            ("url".to_owned(), "Expected string".to_owned()),
        ]
    );
}

#[test]
fn the_status_code_is_the_catalogs_grpc_code() {
    use fold_errors::FoldErrorCode;
    for code in FoldErrorCode::ALL {
        let args = code
            .info()
            .params
            .iter()
            .map(|p| match p.ty {
                errcat::ParamType::String => errcat::Arg::from("x"),
                _ => errcat::Arg::Uint(1),
            })
            .collect();
        let status = errcat::Error::new(code, args).to_status();
        assert_eq!(
            status.code() as i32,
            i32::from(code.info().grpc.number()),
            "{}",
            code.info().code
        );
    }
    let limited = errcat::Error::new(
        FoldErrorCode::RateLimited,
        vec![100_u64.into(), 0_u64.into(), 30_u64.into()],
    )
    .to_status();
    assert_eq!(limited.code(), Code::ResourceExhausted);
    assert_eq!(limited.get_details_error_info().unwrap().domain, "fold");
}

#[test]
fn a_server_error_keeps_its_source_and_details_on_the_server() {
    let status = error(Demo::InternalError, vec![])
        .with_source(std::io::Error::other("disk /dev/sda1 on 10.0.0.7 is full"))
        .with_details(serde_json::json!({ "host": "10.0.0.7" }))
        .to_status();
    assert_eq!(status.code(), Code::Unknown);
    assert_eq!(status.message(), "Unexpected server error");
    let bytes = String::from_utf8_lossy(status.details()).into_owned();
    assert!(!bytes.contains("10.0.0.7"), "{bytes}");
    assert!(status.get_details_bad_request().is_none());
}

#[test]
fn a_client_reads_back_the_error_it_was_sent() {
    let sent = error(Demo::ValidationError, vec![])
        .with_request_id("req_9")
        .with_field_error("name", "Too long");
    let back = received(&sent.to_status());
    assert_eq!(back.code, Some(AnyCode::Known(Demo::ValidationError)));
    assert_eq!(back.domain.as_deref(), Some("demo"));
    assert_eq!(
        back.grpc,
        Code::Unknown,
        "the demo row declares no gRPC code"
    );
    assert_eq!(back.request_id.as_deref(), Some("req_9"));
    assert_eq!(
        back.field_errors,
        [("name".to_owned(), "Too long".to_owned())]
    );
    assert_eq!(
        back.localized,
        Some((MESSAGE_LOCALE.to_owned(), "Validation failed".to_owned()))
    );
    let error = back.to_error().expect("a known code");
    assert_eq!(error.code(), Demo::ValidationError);
    assert_eq!(error.request_id(), Some("req_9"));
    assert_eq!(error.details(), sent.details());

    let typed = error_with_params();
    let back = received(&typed.to_status());
    assert_eq!(
        back.params,
        [
            ("service".to_owned(), "api".to_owned()),
            ("version".to_owned(), "42".to_owned()),
        ]
    );
    let error = back.to_error().unwrap();
    assert_eq!(error.args(), typed.args());
    assert_eq!(error.to_string(), typed.to_string());
    assert_eq!(error.retry_after(), Some(9));
}

fn error_with_params() -> errcat::Error<Demo> {
    error(Demo::VersionNotFound, vec![42_u64.into(), "api".into()]).with_retry_after(9)
}

#[test]
fn reasons_are_upper_snake_case_and_read_back_as_their_codes() {
    use errcat::grpc::reason;
    assert_eq!(reason("VALIDATION_ERROR"), "VALIDATION_ERROR");
    assert_eq!(reason("VersionNotFound"), "VERSION_NOT_FOUND");
    assert_eq!(reason("invalid_grant"), "INVALID_GRANT");
    assert_eq!(reason("workspace-slug.taken"), "WORKSPACE_SLUG_TAKEN");
    assert_eq!(reason("HTTP2Error"), "HTTP2_ERROR");
    for code in [
        Demo::VersionNotFound,
        Demo::InvalidGrant,
        Demo::WorkspaceSlugTaken,
    ] {
        let args = vec!["x".into(), "y".into()];
        let args = if code == Demo::VersionNotFound {
            vec![1_u64.into(), "api".into()]
        } else if code == Demo::InvalidGrant {
            vec!["expired".into()]
        } else {
            args
        };
        let back = received(&error(code, args).to_status());
        assert_eq!(back.code, Some(AnyCode::Known(code)));
    }
}

#[test]
fn codes_this_build_does_not_know_are_kept_as_received() {
    let newer = Status::with_error_details(
        Code::FailedPrecondition,
        "Quota frozen",
        tonic_types::ErrorDetails::with_error_info(
            "QUOTA_FROZEN",
            "demo",
            std::collections::HashMap::new(),
        ),
    );
    let back = received(&newer);
    assert_eq!(back.code, Some(AnyCode::Unknown("QUOTA_FROZEN".into())));
    assert_eq!(back.message, "Quota frozen");
    assert!(back.to_error().is_none());

    // A known wire string from another domain is that domain's code.
    let other = Status::with_error_details(
        Code::NotFound,
        "gone",
        tonic_types::ErrorDetails::with_error_info(
            "TENANT_NOT_FOUND",
            "billing",
            std::collections::HashMap::new(),
        ),
    );
    let back = received(&other);
    assert_eq!(back.code, Some(AnyCode::Unknown("TENANT_NOT_FOUND".into())));
    assert_eq!(back.domain.as_deref(), Some("billing"));

    let bare = received(&Status::unavailable("connection refused"));
    assert_eq!(bare.code, None);
    assert_eq!(bare.grpc, Code::Unavailable);
    assert_eq!(bare.message, "connection refused");
}

#[test]
fn a_parameter_that_does_not_parse_as_its_type_gives_no_error() {
    let mut metadata = std::collections::HashMap::new();
    metadata.insert("version".to_owned(), "forty-two".to_owned());
    metadata.insert("service".to_owned(), "api".to_owned());
    let status = Status::with_error_details(
        Code::NotFound,
        "version 'forty-two' of service 'api' does not exist",
        tonic_types::ErrorDetails::with_error_info("VersionNotFound", "demo", metadata),
    );
    let back = received(&status);
    assert_eq!(back.code, Some(AnyCode::Known(Demo::VersionNotFound)));
    assert!(back.to_error().is_none());
}

/// AIP-193's JSON body and the gRPC status carry the same `ErrorInfo`
/// domain and metadata, so a client reads the same from either transport.
#[test]
fn the_aip_193_body_and_the_status_agree_on_error_info() {
    let error = error(Demo::VersionNotFound, vec![42_u64.into(), "api".into()]);
    let status = error.to_status();
    let details = status.get_error_details();
    let info = details.error_info().expect("ErrorInfo");
    let body: serde_json::Value =
        serde_json::from_str(&error.to_json(errcat::WireShape::Aip193)).unwrap();
    let sent = &body["error"]["details"][0];
    assert_eq!(sent["domain"], info.domain.as_str());
    let metadata: std::collections::HashMap<String, String> =
        serde_json::from_value(sent["metadata"].clone()).unwrap();
    assert_eq!(metadata, info.metadata);
}
