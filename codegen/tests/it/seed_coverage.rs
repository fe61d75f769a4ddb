//! Every code in every seed table is in its platform's catalog, as a code
//! or an alias, with the status the seed documents. The seeds are the real
//! error pages errcat was built from (`shared/seeds/` beside the
//! repository); their tables are copied here, so the test needs nothing
//! outside the repository and a catalog that drops a code fails it.

use crate::support;

use errcat_codegen::{Catalog, load_dir};

/// (code, status) rows of seed 001, the Fold error reference, plus the rows
/// only seed 000 (the troubleshooting page) has. Where the two disagree on
/// status, 001 is canonical.
const FOLD: &[(&str, u16)] = &[
    ("AUTH_REQUIRED", 401),
    ("AUTH_INVALID", 401),
    ("FORBIDDEN", 403),
    ("MFA_REQUIRED", 403),
    ("MFA_INVALID_CODE", 401),
    ("MFA_NOT_ENABLED", 400),
    ("MFA_ALREADY_ENABLED", 400),
    ("OAUTH_FAILED", 400),
    ("OAUTH_STATE_INVALID", 400),
    ("EMAIL_NOT_VERIFIED", 403),
    ("VERIFICATION_TOKEN_INVALID", 400),
    ("VERIFICATION_TOKEN_EXPIRED", 400),
    ("RESET_TOKEN_INVALID", 400),
    ("RESET_TOKEN_EXPIRED", 400),
    ("TENANT_NOT_FOUND", 404),
    ("FUNCTION_NOT_FOUND", 404),
    ("BINDING_NOT_FOUND", 404),
    ("VERSION_NOT_FOUND", 404),
    ("CUSTOM_DOMAIN_NOT_FOUND", 404),
    ("NOT_FOUND", 404),
    ("CONFLICT", 409),
    ("VALIDATION_ERROR", 400),
    ("CODE_INVALID", 400),
    ("BINDING_NOT_ALLOWED", 400),
    ("DEPLOY_FAILED", 500),
    ("ROLLBACK_FAILED", 500),
    ("DISPATCH_FAILED", 502),
    ("REVIEW_FAILED", 500),
    ("CUSTOM_DOMAIN_ALREADY_EXISTS", 409),
    ("CUSTOM_DOMAIN_API_ERROR", 502),
    ("RATE_LIMITED", 429),
    ("LIMIT_EXCEEDED", 429),
    ("STORAGE_LIMIT_EXCEEDED", 429),
    ("TEAM_LIMIT_EXCEEDED", 429),
    ("PRO_PLAN_REQUIRED", 403),
    ("INTERNAL_ERROR", 500),
    // Seed 000 only.
    ("USAGE_LIMIT_EXCEEDED", 429),
    ("DOWNGRADE_BLOCKED", 409),
];

/// Seed 002: the status table, the extra codes it lists without a status
/// (0 here: the catalog chose one and says why), and the OAuth 2 codes.
const WORKSPACES: &[(&str, u16)] = &[
    ("invalid_request", 400),
    ("validation_failed", 400),
    ("unauthorized", 401),
    ("invalid_token", 401),
    ("forbidden_by_scope", 403),
    ("requires_confirmation", 403),
    ("not_found", 404),
    ("workspace_slug_taken", 409),
    ("state_conflict", 409),
    ("enterprise_only", 422),
    ("pro_required", 422),
    ("rate_limited", 429),
    ("internal_error", 500),
    ("upstream_error", 502),
    ("service_unavailable", 503),
    ("workspace_slug_invalid", 0),
    ("workspace_slug_too_short", 0),
    ("workspace_slug_reserved", 0),
    ("workspace_provisioning_failed", 0),
    ("redirect_uri_invalid", 0),
    ("redirect_uri_localhost_only_dev", 0),
    ("client_secret_revoked", 0),
    ("idp_oauth_failed", 0),
    ("idp_metadata_invalid", 0),
    ("idp_already_configured", 0),
    ("payment_method_required", 0),
    ("subscription_past_due", 0),
    ("signups_blocked", 0),
    ("webhook_url_invalid", 0),
    ("webhook_secret_required", 0),
    ("invalid_grant", 0),
    ("invalid_client", 0),
    ("unsupported_grant_type", 0),
    ("access_denied", 0),
];

/// Seed 003's table.
const FUNCTION_COMPUTE: &[(&str, u16)] = &[
    ("InvalidArgument", 400),
    ("MissingRequiredHeader", 400),
    ("PathNotSupported", 400),
    ("EntityTooLarge", 400),
    ("AccessDenied", 403),
    ("SignatureNotMatch", 403),
    ("InvalidAccessKeyID", 403),
    ("ServiceNotFound", 404),
    ("AliasNotFound", 404),
    ("DomainNameNotFound", 404),
    ("VersionNotFound", 404),
    ("ConcurrentUpdateError", 409),
    ("ResourceExhausted", 429),
    ("InternalServerError", 500),
    ("ResourceThrottled", 503),
];

/// Seed 004's codes; its table gives no statuses.
const BILLING: &[(&str, u16)] = &[
    ("no_active_plan", 0),
    ("billing_info_required", 0),
    ("plan_required", 0),
    ("payment_past_due", 0),
    ("subscription_suspended", 0),
    ("subscription_inactive", 0),
    ("subscription_not_found", 0),
    ("no_active_subscription", 0),
    ("spend_limit_exceeded", 0),
    ("credits_depleted", 0),
    ("rate_limit_exceeded", 0),
    ("auth_required", 0),
    ("api_key_required", 0),
    ("pro_required", 0),
    ("not_a_member", 0),
    ("email_exists", 0),
    ("token_invalid", 0),
    ("token_expired", 0),
    ("social_login_only", 0),
    ("invite_expired", 0),
    ("email_verification_required", 0),
    ("feature_check_failed", 0),
];

fn check(folder: &str, rows: &[(&str, u16)]) {
    let dir = support::repo_root().join(folder);
    let catalog: Catalog = load_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
    let mut problems = Vec::new();
    for &(wire, status) in rows {
        let found = catalog
            .codes
            .iter()
            .find(|code| code.code == wire || code.aliases.iter().any(|a| a == wire));
        match found {
            None => problems.push(format!("`{wire}` is not in {folder}")),
            Some(code) if status != 0 && code.status != Some(status) => problems.push(format!(
                "`{wire}` has status {:?} in {folder}; the seed documents {status}",
                code.status
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fold_has_every_code_of_seeds_000_and_001() {
    check("catalog", FOLD);
}

#[test]
fn workspaces_has_every_code_of_seed_002() {
    check("examples/workspaces/catalog", WORKSPACES);
}

#[test]
fn function_compute_has_every_code_of_seed_003() {
    check("examples/function-compute/catalog", FUNCTION_COMPUTE);
}

#[test]
fn billing_has_every_code_of_seed_004() {
    check("examples/billing/catalog", BILLING);
}
