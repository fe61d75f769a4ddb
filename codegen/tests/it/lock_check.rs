//! The stability lock against real catalog edits: the `mini` fixture is
//! copied, locked, edited the way people edit catalogs, and generated again.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};

use errcat_codegen::generate::{self, GenError, Targets};
use errcat_codegen::lock::{self, LockError};
use errcat_codegen::write::Mode;

/// A locked copy of the `mini` fixture in a temporary folder.
struct Published {
    _dir: tempfile::TempDir,
    catalog: PathBuf,
    out: PathBuf,
}

impl Published {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let catalog = dir.path().join("catalog");
        fs::create_dir(&catalog).unwrap();
        for entry in fs::read_dir(support::fixture("mini")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), catalog.join(entry.file_name())).unwrap();
        }
        let out = dir.path().join("generated");
        let published = Published {
            _dir: dir,
            catalog,
            out,
        };
        let loaded = published.load();
        lock::update(&published.catalog, &loaded, None).unwrap();
        published
    }

    fn load(&self) -> errcat_codegen::Catalog {
        errcat_codegen::load_dir(&self.catalog).unwrap_or_else(|d| panic!("{d}"))
    }

    /// Replaces `from` (which must occur) with `to` in a catalog file.
    fn edit(&self, file: &str, from: &str, to: &str) -> &Self {
        support::edit_catalog(&self.catalog, file, from, to);
        self
    }

    fn generate(&self, mode: Mode) -> Result<(), GenError> {
        // Only the cheapest target: the lock check runs before any emitter.
        let targets = Targets {
            rust: None,
            typescript: false,
            markdown: None,
            ..Targets::default()
        };
        generate::run(&self.catalog, &self.out, &targets, mode).map(drop)
    }

    /// The headline of every breaking change `errcat gen` reports.
    fn breaks(&self) -> Vec<String> {
        match self.generate(Mode::Write) {
            Err(GenError::Lock(LockError::Breaking { breaks, .. })) => {
                breaks.into_iter().map(|b| b.message).collect()
            }
            Err(other) => panic!("expected breaking changes, got:\n{other}"),
            Ok(()) => panic!("expected breaking changes, but gen passed"),
        }
    }

    fn relative(&self, text: &str) -> String {
        text.replace(&format!("{}/", parent(&self.catalog)), "")
    }

    /// What `errcat gen` prints for the breaking changes, with relative paths.
    fn rendered(&self) -> String {
        match self.generate(Mode::Write) {
            Err(err @ GenError::Lock(LockError::Breaking { .. })) => {
                self.relative(&err.to_string())
            }
            Err(other) => panic!("expected breaking changes, got:\n{other}"),
            Ok(()) => panic!("expected breaking changes, but gen passed"),
        }
    }

    /// Rewrites the lock as format 1 wrote it: no contract, parameters
    /// sorted by name.
    fn downgrade_lock(&self) {
        let path = lock::path(&self.catalog);
        let text = fs::read_to_string(&path).unwrap();
        let contract = [
            "type = ",
            "grpc = ",
            "retryable = ",
            "throttling = ",
            "headers = ",
            "details = ",
            "detail_members = ",
            "resolve = ",
        ];
        let codes = text.find("\n[codes.").unwrap();
        let (top, codes) = text.split_at(codes);
        let top = top.replace("wire_shape = \"flat\"\n", "");
        let old: Vec<String> = (top + codes)
            .lines()
            .filter(|line| !contract.iter().any(|key| line.starts_with(key)))
            .map(|line| match line {
                "version = 2" => "version = 1".to_owned(),
                "params = { version = \"unsigned\", service = \"string\" }" => {
                    "params = { service = \"string\", version = \"unsigned\" }".to_owned()
                }
                other => other.to_owned(),
            })
            .collect();
        fs::write(&path, old.join("\n") + "\n").unwrap();
    }
}

fn parent(path: &Path) -> String {
    path.parent().unwrap().display().to_string()
}

#[test]
fn a_removed_code_is_reported_at_its_lock_entry() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\nmessage = \"Unexpected server error\"\nretryable = true\nhint = \"Retry; report the request id if it persists.\"\n",
        "",
    );
    assert_eq!(p.breaks(), ["code `INTERNAL_ERROR` was removed"]);
    let Err(err) = p.generate(Mode::Write) else {
        unreachable!()
    };
    let expected = r#"error: code `INTERNAL_ERROR` was removed
  --> catalog/errcat.lock:41:1
   |
41 | [codes.INTERNAL_ERROR]
   | ^^^^^^^^^^^^^^^^^^^^^^ published here
   |
   = note: clients that handle `INTERNAL_ERROR` would never match it again, and the code could later be reused
   = help: keep `INTERNAL_ERROR`: mark it `deprecated = { replacement = "..." }` if a new code replaces it, or `retired = { since = "..." }` if it is no longer sent

error: could not accept the changes to `catalog` due to 1 previous error
help: if breaking these clients is intended, record why with `errcat lock --catalog catalog --allow-breaking "<reason>"`
"#;
    assert_eq!(p.relative(&err.to_string()), expected);
}

#[test]
fn a_rename_without_an_alias_is_a_removal_and_frees_the_number() {
    let p = Published::new();
    p.edit("resources.toml", "[VALIDATION_ERROR]", "[INPUT_INVALID]");
    assert_eq!(
        p.breaks(),
        [
            "code `VALIDATION_ERROR` was removed",
            "number 1002 of code `VALIDATION_ERROR` is reused by `INPUT_INVALID`",
        ]
    );
}

#[test]
fn a_rename_that_keeps_the_old_string_as_an_alias_still_breaks_clients() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "[VALIDATION_ERROR]\n",
        "[INPUT_INVALID]\naliases = [\"VALIDATION_ERROR\"]\n",
    );
    insta::assert_snapshot!(p.rendered());
    // ... and the renamed code is still held to what was published.
    p.edit(
        "resources.toml",
        "status = 400\nmessage = \"Validation failed\"",
        "status = 422\nmessage = \"Validation failed\"",
    );
    assert_eq!(
        p.breaks(),
        [
            "code `VALIDATION_ERROR` was renamed to `INPUT_INVALID`",
            "code `VALIDATION_ERROR` (renamed to `INPUT_INVALID`) changed its HTTP status from 400 to 422",
        ]
    );
}

#[test]
fn folding_a_code_into_another_as_its_alias_breaks_clients() {
    let p = Published::new();
    p.edit(
        "auth.toml",
        "[AUTH_REQUIRED]\nstatus = 401\nmessage = \"No authentication token provided\"\nhint = \"Send Authorization: Bearer <token>.\"\ndescription = \"No token was sent.\"\nsince = \"1.0.0\"\nnumber = 1001\n",
        "",
    );
    p.edit(
        "auth.toml",
        "[MFA_REQUIRED]\nstatus = 403\n",
        "[MFA_REQUIRED]\nstatus = 403\naliases = [\"AUTH_REQUIRED\"]\n",
    );
    assert_eq!(
        p.breaks(),
        [
            "code `AUTH_REQUIRED` was merged into `MFA_REQUIRED`",
            "code `AUTH_REQUIRED` (renamed to `MFA_REQUIRED`) changed its HTTP status from 401 to 403",
            "code `AUTH_REQUIRED` (renamed to `MFA_REQUIRED`) lost its number 1001",
        ]
    );
}

#[test]
fn a_changed_status_points_at_the_code_in_the_catalog() {
    let p = Published::new();
    p.edit("auth.toml", "status = 403", "status = 401");
    let Err(err) = p.generate(Mode::Check) else {
        panic!("a changed status must fail")
    };
    let expected = r#"error: code `MFA_REQUIRED` changed its HTTP status from 403 to 401
  --> catalog/auth.toml:10:1
   |
10 | status = 401
   | ^^^^^^^^^^^^ published with status 403
   |
   = note: clients that branch on the status would take another path
   = help: keep `status = 403`, or add a new code and deprecate `MFA_REQUIRED`
"#;
    assert!(
        p.relative(&err.to_string()).starts_with(expected),
        "{}",
        p.relative(&err.to_string())
    );
}

#[test]
fn parameter_changes_are_each_reported() {
    let p = Published::new();
    p.edit("limits.toml", "limit = \"unsigned\"", "limit = \"integer\"");
    p.edit(
        "resources.toml",
        "params = { version = \"unsigned\", service = \"string\" }",
        "params = { version = \"unsigned\", name = \"string\" }",
    );
    p.edit(
        "resources.toml",
        "of service '{service}'",
        "of service '{name}'",
    );
    assert_eq!(
        p.breaks(),
        [
            "code `RATE_LIMITED` changed the type of parameter `limit` from unsigned to integer",
            "code `VERSION_NOT_FOUND` lost its parameter `service`",
            "code `VERSION_NOT_FOUND` gained the parameter `name`",
        ]
    );
}

#[test]
fn a_number_may_be_neither_changed_nor_reused() {
    let p = Published::new();
    p.edit("auth.toml", "number = 1001\n", "");
    p.edit(
        "limits.toml",
        "status = 429\n",
        "status = 429\nnumber = 1001\n",
    );
    p.edit("resources.toml", "number = 1002", "number = 1003");
    assert_eq!(
        p.breaks(),
        [
            "code `AUTH_REQUIRED` lost its number 1001",
            "code `VALIDATION_ERROR` changed its number from 1002 to 1003",
            "number 1001 of code `AUTH_REQUIRED` is reused by `RATE_LIMITED`",
        ]
    );
}

#[test]
fn aliases_shapes_and_retirement_are_kept() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "aliases = [\"ROLLBACK_TARGET_MISSING\"]\n",
        "",
    );
    p.edit("auth.toml", "wire_shape = \"oauth2\"\n", "");
    p.edit(
        "resources.toml",
        "retired = { since = \"2.0.0\", note = \"No longer emitted.\" }\n",
        "",
    );
    assert_eq!(
        p.breaks(),
        [
            "code `INVALID_GRANT` changed its wire shape from oauth2 to flat",
            "retired code `LEGACY_GONE` is no longer retired",
            "alias `ROLLBACK_TARGET_MISSING` of code `VERSION_NOT_FOUND` was dropped",
        ]
    );
}

#[test]
fn a_retired_code_may_not_be_deleted() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "[LEGACY_GONE]\nstatus = 410\nmessage = \"This endpoint was removed\"\nretired = { since = \"2.0.0\", note = \"No longer emitted.\" }\n",
        "",
    );
    assert_eq!(p.breaks(), ["retired code `LEGACY_GONE` was removed"]);
}

#[test]
fn compatible_changes_pass_and_check_mode_wants_them_locked() {
    let p = Published::new();
    p.generate(Mode::Check).unwrap();
    p.edit(
        "auth.toml",
        "hint = \"Send Authorization: Bearer <token>.\"",
        "hint = \"Log in first.\"\ndocs = \"Every endpoint but /login needs a token.\"",
    );
    p.edit(
        "auth.toml",
        "title = \"Second factor required\"",
        "title = \"MFA required\"",
    );
    p.edit(
        "limits.toml",
        "message = \"Unexpected server error\"",
        "message = \"Something broke on our side\"",
    );
    p.edit(
        "limits.toml",
        "hint = \"Wait and retry.\"",
        "hint = \"Wait and retry.\"\ncategory = \"resources\"\ndeprecated = { since = \"2.1.0\" }",
    );
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]",
        "[QUOTA_EXCEEDED]\nstatus = 429\nmessage = \"Quota used up\"\nsince = \"2.1.0\"\n\n[INTERNAL_ERROR]",
    );
    p.generate(Mode::Write).unwrap();

    let Err(GenError::Lock(LockError::Stale { diff, .. })) = p.generate(Mode::Check) else {
        panic!("check mode must want the new state locked")
    };
    let lock = lock::path(&p.catalog).display().to_string();
    let expected = format!(
        "--- {lock} (locked)\n+++ {lock} (catalog now)\n@@ -105,7 +105,14 @@\n params = {{ queue = \"string\" }}\n \n+[codes.QUOTA_EXCEEDED]\n+status = 429\n+state = \"active\"\n+wire_shape = \"flat\"\n+type = \"https://docs.mini.example/errors#quota_exceeded\"\n+grpc = \"RESOURCE_EXHAUSTED\"\n+\n [codes.RATE_LIMITED]\n status = 429\n-state = \"active\"\n+state = \"deprecated\"\n wire_shape = \"flat\"\n type = \"https://docs.mini.example/errors#rate_limited\"\n"
    );
    assert_eq!(diff, expected);

    let updated = lock::update(&p.catalog, &p.load(), None).unwrap();
    assert_eq!(updated.added, ["QUOTA_EXCEEDED"]);
    assert!(updated.accepted.is_empty());
    p.generate(Mode::Check).unwrap();
}

#[test]
fn an_ident_that_renames_the_generated_api_breaks_clients() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\nident = \"ServerFault\"\n",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn an_ident_that_keeps_the_generated_names_is_compatible_and_then_kept() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\nident = \"InternalError\"\n",
    );
    p.generate(Mode::Write).unwrap();
    lock::update(&p.catalog, &p.load(), None).unwrap();
    let locked = fs::read_to_string(lock::path(&p.catalog)).unwrap();
    assert!(locked.contains("ident = \"InternalError\"\n"), "{locked}");

    p.edit("limits.toml", "ident = \"InternalError\"\n", "");
    p.generate(Mode::Write).unwrap();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\nident = \"Internal\"\n",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn a_code_that_becomes_a_warning_or_an_error_breaks_clients() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\nseverity = \"notice\"\n",
    );
    p.edit("auth.toml", "severity = \"warning\"\n", "");
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn dropping_a_status_breaks_clients() {
    let p = Published::new();
    p.edit(
        "catalog.toml",
        "title = \"Mini API\"",
        "title = \"Mini API\"\ntransport = \"grpc\"",
    );
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\ngrpc = \"INTERNAL\"\n",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn an_accepted_removal_keeps_the_code_spent() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\nmessage = \"Unexpected server error\"\nretryable = true\nhint = \"Retry; report the request id if it persists.\"\n",
        "",
    );
    let updated = lock::update(&p.catalog, &p.load(), Some("never sent")).unwrap();
    assert_eq!(updated.accepted, ["code `INTERNAL_ERROR` was removed"]);
    p.generate(Mode::Check).unwrap();

    p.edit(
        "limits.toml",
        "[RATE_LIMITED]",
        "[INTERNAL_ERROR]\nstatus = 503\nmessage = \"Down\"\n\n[RATE_LIMITED]",
    );
    assert_eq!(
        p.breaks(),
        ["code `INTERNAL_ERROR` was removed by an accepted break and is used again"]
    );
}

#[test]
fn a_catalog_without_a_lock_is_unpublished_and_passes() {
    let p = Published::new();
    fs::remove_file(lock::path(&p.catalog)).unwrap();
    p.edit("auth.toml", "status = 403", "status = 401");
    p.generate(Mode::Check).unwrap();
}

#[test]
fn reordering_the_declared_parameters_breaks_positional_calls() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "params = { version = \"unsigned\", service = \"string\" }",
        "params = { service = \"string\", version = \"unsigned\" }",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn retry_advice_is_part_of_the_contract() {
    let p = Published::new();
    p.edit("limits.toml", "retryable = true\n", "retryable = false\n");
    p.edit("limits.toml", "throttling = true\n", "");
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn dropping_a_declared_header_breaks_clients() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "headers = { Retry-After = \"60\", RateLimit-Limit",
        "headers = { RateLimit-Limit",
    );
    insta::assert_snapshot!(p.rendered());
    p.edit(
        "limits.toml",
        "headers = { RateLimit-Limit = \"{limit}\", RateLimit-Remaining = \"0\", RateLimit-Reset = \"60\" }\n",
        "",
    );
    assert_eq!(
        p.breaks(),
        [
            "code `RATE_LIMITED` no longer declares the headers `Retry-After`, `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`"
        ]
    );
}

#[test]
fn the_details_kind_is_part_of_the_contract() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "details = \"field_errors\"",
        "details = \"object\"",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn a_code_of_its_own_changes_its_problem_type() {
    let p = Published::new();
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\ndocs_url = \"https://status.mini.example/internal\"\n",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn a_new_docs_base_url_is_one_change_for_every_code() {
    let p = Published::new();
    p.edit(
        "catalog.toml",
        "docs_base_url = \"https://docs.mini.example/errors\"",
        "docs_base_url = \"https://mini.example/docs/errors\"",
    );
    insta::assert_snapshot!(p.rendered());
    p.edit(
        "catalog.toml",
        "docs_base_url = \"https://mini.example/docs/errors\"\n",
        "",
    );
    assert_eq!(
        p.breaks(),
        [
            "`docs_base_url` `https://docs.mini.example/errors` was removed, which changes the RFC 9457 `type` of 14 code(s) to about:blank"
        ]
    );
}

#[test]
fn a_new_default_wire_shape_is_one_change_for_every_code_in_it() {
    let p = Published::new();
    p.edit(
        "catalog.toml",
        "wire_shape = \"flat\"",
        "wire_shape = \"problem\"",
    );
    // A code of its own shape keeps it; one that had the default keeps it
    // by saying so.
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]\nstatus = 500\n",
        "[INTERNAL_ERROR]\nstatus = 500\nwire_shape = \"flat\"\n",
    );
    insta::assert_snapshot!(p.rendered());
    // A code that moves to another shape of its own is its own change.
    p.edit(
        "limits.toml",
        "wire_shape = \"flat\"",
        "wire_shape = \"nested\"",
    );
    assert_eq!(
        p.breaks(),
        [
            "the catalog's `wire_shape` changed from flat to problem, which changes the wire shape of 7 code(s)",
            "code `INTERNAL_ERROR` changed its wire shape from flat to nested",
        ]
    );
}

#[test]
fn the_grpc_code_is_part_of_the_contract() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "grpc = \"NOT_FOUND\"",
        "grpc = \"FAILED_PRECONDITION\"",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn a_grpc_code_that_follows_a_changed_status_is_one_change() {
    let p = Published::new();
    p.edit("auth.toml", "status = 403", "status = 401");
    assert_eq!(
        p.breaks(),
        ["code `MFA_REQUIRED` changed its HTTP status from 403 to 401"]
    );
}

#[test]
fn resolve_members_agents_act_on_are_kept_in_a_sub_table() {
    let p = Published::new();
    p.edit("auth.toml", "action = \"enter_totp\"", "action = \"totp\"");
    p.edit("auth.toml", "method = \"POST\"\n", "");
    p.edit("auth.toml", "\"/v1/auth/mfa\"", "\"/v2/auth/mfa\"");
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn resolve_members_agents_act_on_are_kept_in_an_inline_table() {
    let p = Published::new();
    p.edit(
        "auth.toml",
        "\n[MFA_REQUIRED.resolve]\nmessage = \"Enter your one-time code.\"\nurl = \"https://app.mini.example/login/mfa\"\naction = \"enter_totp\"\nmethod = \"POST\"\nendpoint = \"/v1/auth/mfa\"\n",
        "resolve = { action = \"enter_code\", method = \"POST\", endpoint = \"/v1/auth/mfa\" }\n",
    );
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn renaming_the_catalog_renames_the_crate_and_types() {
    let p = Published::new();
    p.edit("catalog.toml", "name = \"mini\"", "name = \"tiny\"");
    insta::assert_snapshot!(p.rendered());
}

#[test]
fn edits_clients_cannot_see_stay_silent() {
    let p = Published::new();
    // Reworded so the placeholders swap: the declared order, not the
    // template's, is the constructor's.
    p.edit(
        "resources.toml",
        "message = \"version '{version}' of service '{service}' does not exist\"",
        "message = \"service '{service}' has no version '{version}'\"",
    );
    // Moved to another file (and so to its category).
    p.edit(
        "auth.toml",
        "[AUTH_REQUIRED]\nstatus = 401\nmessage = \"No authentication token provided\"\nhint = \"Send Authorization: Bearer <token>.\"\ndescription = \"No token was sent.\"\nsince = \"1.0.0\"\nnumber = 1001\n",
        "",
    );
    p.edit(
        "limits.toml",
        "[INTERNAL_ERROR]",
        "[AUTH_REQUIRED]\nstatus = 401\nmessage = \"Log in first\"\ndescription = \"No token was sent.\"\nnumber = 1001\n\n[INTERNAL_ERROR]",
    );
    // Gained what it never had: a number, an alias, a header, `resolve`.
    p.edit(
        "limits.toml",
        "retryable = true\n",
        "retryable = true\nnumber = 1500\naliases = [\"SERVER_ERROR\"]\nheaders = [\"Retry-After\"]\nresolve = { action = \"retry\", method = \"GET\", endpoint = \"/v1/status\" }\n",
    );
    p.edit(
        "resources.toml",
        "details = \"field_errors\"\nhint = \"Check body.details for field-level errors.\"",
        "details = \"field_errors\"\nhint = \"Fix the fields listed.\"\ntitle = \"Invalid input\"\ndescription = \"The body did not validate.\"\ndocs = \"See the schema.\"",
    );
    p.edit(
        "auth.toml",
        "message = \"Enter your one-time code.\"",
        "message = \"Type the code from your app.\"",
    );
    p.edit(
        "auth.toml",
        "[INVALID_GRANT]",
        "[INVALID_GRANT]\ndeprecated = { since = \"2.1.0\" }",
    );
    p.edit(
        "catalog.toml",
        "title = \"Mini API\"",
        "title = \"Mini platform API\"",
    );
    p.generate(Mode::Write).unwrap();
    let updated = lock::update(&p.catalog, &p.load(), None).unwrap();
    assert!(updated.accepted.is_empty());
    p.generate(Mode::Check).unwrap();
}

#[test]
fn a_format_1_lock_reports_nothing_it_did_not_record_and_is_stale() {
    let p = Published::new();
    p.downgrade_lock();
    p.edit("limits.toml", "retryable = true\n", "retryable = false\n");
    p.edit(
        "resources.toml",
        "params = { version = \"unsigned\", service = \"string\" }",
        "params = { service = \"string\", version = \"unsigned\" }",
    );
    p.generate(Mode::Write).unwrap();
    let Err(GenError::Lock(LockError::Stale { diff, .. })) = p.generate(Mode::Check) else {
        panic!("check mode must want the contract recorded")
    };
    assert!(
        diff.contains(
            "\n+type = \"https://docs.mini.example/errors#internal_error\"\n+grpc = \"INTERNAL\"\n"
        ),
        "{diff}"
    );

    // What format 1 recorded is still checked.
    p.edit("auth.toml", "status = 403", "status = 401");
    assert_eq!(
        p.breaks(),
        ["code `MFA_REQUIRED` changed its HTTP status from 403 to 401"]
    );
    p.edit("auth.toml", "status = 401\ntitle", "status = 403\ntitle");

    lock::update(&p.catalog, &p.load(), None).unwrap();
    p.generate(Mode::Check).unwrap();
    p.edit("limits.toml", "retryable = false\n", "retryable = true\n");
    assert_eq!(
        p.breaks(),
        ["code `INTERNAL_ERROR` changed `retryable` from false to true"]
    );
}

/// Codes record their declared shape by name, and the lock records what the
/// shape's clients read: adding a member is compatible, moving one that
/// clients read is a break, reported once at the shape.
#[test]
fn a_declared_shape_is_locked_with_what_its_clients_read() {
    let p = Published::new();
    let lock = fs::read_to_string(lock::path(&p.catalog)).unwrap();
    assert!(
        lock.contains("[shapes.cloudflare]\nfacts = [\n    \"content_type = application/json\",\n    \"code_form = exact\",\n    \"success = false\",\n    \"errors[0].code = {code}\",\n"),
        "{lock}"
    );
    p.edit(
        "catalog.toml",
        "documentation_url = \"{docs_url}\" }]",
        "documentation_url = \"{docs_url}\", hint = \"{hint?}\" }]",
    );
    assert!(
        p.generate(Mode::Write).is_ok(),
        "a new member breaks no client"
    );
    p.edit("catalog.toml", "errors = [{ code", "problems = [{ code");
    insta::assert_snapshot!(p.rendered());
}

/// gRPC and AIP-193 clients tell codes apart by `(reason, domain)`: a new
/// `domain` is one break, at the setting.
#[test]
fn a_new_domain_is_one_break() {
    let p = Published::new();
    let lock = fs::read_to_string(lock::path(&p.catalog)).unwrap();
    assert!(lock.contains("\ndomain = \"mini.example.com\"\n"), "{lock}");
    p.edit(
        "catalog.toml",
        "domain = \"mini.example.com\"",
        "domain = \"api.mini.example.com\"",
    );
    insta::assert_snapshot!(p.rendered());
}

/// Clients read typed details member by member: removing one, changing its
/// type or making it optional is a break each, located at `details`;
/// adding a member or making one required is not.
#[test]
fn typed_details_are_locked_member_by_member() {
    let p = Published::new();
    p.edit(
        "resources.toml",
        "\"latest?\" = \"unsigned\"",
        "latest = \"unsigned\"\nadded = \"string\"",
    );
    p.generate(Mode::Write).unwrap();
    p.edit(
        "resources.toml",
        "service = \"string\"\n",
        "\"service?\" = \"string\"\n",
    );
    p.edit(
        "resources.toml",
        "versions = \"unsigned[]\"",
        "versions = \"string[]\"",
    );
    p.edit("resources.toml", ", \"policy?\" = \"string\"", "");
    p.edit(
        "resources.toml",
        "pinned = \"bool\"",
        "pinned = \"bool\", \"delta?\" = \"integer\"",
    );
    p.edit("resources.toml", ", delta = \"integer\" }", " }");
    insta::assert_snapshot!(p.rendered());
}

/// Details where a code had none, and typed details where it had an object,
/// are what clients already accept: no break.
#[test]
fn details_added_or_typed_are_compatible() {
    let p = Published::new();
    let code = "[MFA_REQUIRED]\nstatus = 403\n";
    p.edit("auth.toml", code, &format!("{code}details = \"object\"\n"));
    p.generate(Mode::Write).unwrap();
    lock::update(&p.catalog, &p.load(), None).unwrap();
    p.edit(
        "auth.toml",
        "details = \"object\"\n",
        "details = { factor = \"string\" }\n",
    );
    p.generate(Mode::Write).unwrap();
    lock::update(&p.catalog, &p.load(), None).unwrap();
    p.edit(
        "auth.toml",
        "details = { factor = \"string\" }\n",
        "details = \"object\"\n",
    );
    assert_eq!(
        p.breaks(),
        ["code `MFA_REQUIRED` changed its details from typed to object"]
    );
}
