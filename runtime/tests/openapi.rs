//! `errcat::openapi`: a derived enum's codes as utoipa responses, and the
//! catalog's schemas for a service's own document. What they say of a code
//! is what the catalog's generated `openapi.json` says: the same schemas
//! and the same example bodies, checked here for every code of every
//! catalog in the repository.

// The enums below are only documented, never raised.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use errcat::openapi::{Errors, Schemas, responses, schemas};
use errcat::{ApiError, ErrorCode};
use serde_json::{Value, json};
use utoipa::IntoResponses;
use utoipa::OpenApi as _;

fn generated(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Every code of `C` against the catalog's generated document.
fn agrees_with_generated<C: ErrorCode>(document: &str) {
    let document = generated(document);
    let components = &document["components"];

    let ours: BTreeMap<String, Value> = schemas::<C>().into_iter().collect();
    let theirs: BTreeMap<String, Value> = components["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    assert_eq!(ours, theirs, "{document}", document = C::catalog().name);
    // And unchanged through utoipa's types, which the modifier uses.
    let mut through_utoipa = utoipa::openapi::OpenApiBuilder::new().build();
    utoipa::Modify::modify(&Schemas::<C>::NEW, &mut through_utoipa);
    let through_utoipa = serde_json::to_value(through_utoipa).unwrap();
    // utoipa's schema model has no `if`/`then`: built through it, a body
    // schema keeps everything but the clauses that type typed details.
    let mut expected = components["schemas"].clone();
    for schema in expected.as_object_mut().unwrap().values_mut() {
        schema.as_object_mut().unwrap().remove("allOf");
    }
    assert_eq!(
        through_utoipa["components"]["schemas"],
        expected,
        "{}",
        C::catalog().name
    );

    for info in C::catalog().codes() {
        let code = C::parse(info.code).unwrap();
        let ours = serde_json::to_value(responses(&[code])).unwrap();
        let ours = &ours[info.status.to_string()];
        let theirs = &components["responses"][info.code];
        let media: Vec<&String> = theirs["content"].as_object().unwrap().keys().collect();
        assert_eq!(
            media,
            ours["content"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            "{}",
            info.code
        );
        for media in media {
            assert_eq!(
                ours["content"][media]["examples"][info.code]["value"],
                theirs["content"][media]["example"],
                "{} as {media}",
                info.code
            );
        }
        let names = |response: &Value| -> BTreeSet<String> {
            response["headers"]
                .as_object()
                .map(|h| h.keys().map(|k| k.to_ascii_lowercase()).collect())
                .unwrap_or_default()
        };
        assert_eq!(names(ours), names(theirs), "headers of {}", info.code);
    }
}

#[test]
fn schemas_and_examples_are_the_generated_documents() {
    agrees_with_generated::<fold_errors::FoldErrorCode>("generated/openapi/openapi.json");
    agrees_with_generated::<workspaces_errors::WorkspacesErrorCode>(
        "examples/workspaces/generated/openapi/openapi.json",
    );
    agrees_with_generated::<function_compute_errors::FunctionComputeErrorCode>(
        "examples/function-compute/generated/openapi/openapi.json",
    );
    agrees_with_generated::<billing_errors::BillingErrorCode>(
        "examples/billing/generated/openapi/openapi.json",
    );
    agrees_with_generated::<postgres_errors::PostgresErrorCode>(
        "examples/postgres/generated/openapi/openapi.json",
    );
}

#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
enum LookupError {
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    Function { function_id: String },
    #[api_error(code = "VERSION_NOT_FOUND")]
    Version { version: u64, function_id: String },
    // Twice, as enums often have: listed once.
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    Alias { function_id: String },
}

#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
enum AuthError {
    #[api_error(code = "AUTH_REQUIRED")]
    Missing,
    #[api_error(code = "AUTH_INVALID")]
    Invalid,
    #[api_error(code = "NOT_FOUND")]
    Hidden,
}

#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
enum LimitError {
    #[api_error(code = "RATE_LIMITED")]
    Limited {
        limit: u64,
        remaining: u64,
        reset: u64,
    },
}

fn json_of(
    responses: &BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>>,
) -> Value {
    serde_json::to_value(responses).unwrap()
}

#[test]
fn a_derived_enum_lists_exactly_its_codes_merged_per_status() {
    let responses = json_of(&LookupError::responses());
    insta::assert_json_snapshot!(responses);
}

#[test]
fn several_enums_merge_per_status_where_listing_them_one_by_one_would_not() {
    let merged = json_of(&Errors::<(AuthError, LookupError, LimitError)>::responses());
    assert_eq!(
        merged.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["401", "404", "429"]
    );
    assert_eq!(
        merged["404"]["description"],
        "Not Found: `NOT_FOUND`, `FUNCTION_NOT_FOUND`, `VERSION_NOT_FOUND`."
    );
    let examples: Vec<&String> = merged["404"]["content"]["application/json"]["examples"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        examples,
        ["FUNCTION_NOT_FOUND", "NOT_FOUND", "VERSION_NOT_FOUND"]
    );
    insta::assert_json_snapshot!(
        "merged_401_and_429",
        json!({
            "401": merged["401"],
            "429": merged["429"],
        })
    );
}

#[derive(Debug, ApiError)]
#[api_error(catalog = workspaces_errors)]
enum TokenError {
    #[api_error(code = "invalid_grant")]
    Grant { reason: String },
    #[api_error(code = "redirect_uri_invalid")]
    Redirect { redirect_uri: String },
}

#[test]
fn codes_of_one_status_in_two_json_shapes_have_either_schema() {
    let responses = json_of(&TokenError::responses());
    let json = &responses["400"]["content"]["application/json"];
    assert_eq!(
        json["schema"],
        json!({ "oneOf": [
            { "$ref": "#/components/schemas/NestedError" },
            { "$ref": "#/components/schemas/OAuth2Error" },
        ]})
    );
    assert_eq!(
        json["examples"]["invalid_grant"]["value"]["error"],
        "invalid_grant"
    );
    assert_eq!(
        json["examples"]["redirect_uri_invalid"]["value"]["error"]["code"],
        "redirect_uri_invalid"
    );
    assert_eq!(
        responses["400"]["content"]["application/problem+json"]["schema"],
        json!({ "$ref": "#/components/schemas/ProblemDetails" })
    );
}

/// utoipa's attribute takes a path, not a turbofish: the modifier is named.
const FOLD_SCHEMAS: Schemas<fold_errors::FoldErrorCode> = Schemas::NEW;

#[derive(utoipa::OpenApi)]
#[openapi(modifiers(&FOLD_SCHEMAS))]
struct Document;

#[test]
fn the_modifier_puts_the_catalog_schemas_into_the_document_unchanged() {
    let document = serde_json::to_value(Document::openapi()).unwrap();
    let generated = generated("generated/openapi/openapi.json");
    assert_eq!(
        document["components"]["schemas"],
        generated["components"]["schemas"]
    );
}

/// A generic enum gets no integration impls (they take a type, not
/// generics), but builds with every feature on and converts.
#[derive(Debug, ApiError)]
#[api_error(catalog = fold_errors)]
enum Generic<T: std::fmt::Display + std::fmt::Debug> {
    #[api_error(code = "FUNCTION_NOT_FOUND")]
    Missing { function_id: T },
}

#[test]
fn a_generic_enum_still_converts() {
    let error = errcat::Error::from(Generic::Missing { function_id: 7 });
    assert_eq!(error.message(), "Function '7' not found");
}
