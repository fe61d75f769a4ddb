//! `errcat lock` and the lock check of `errcat gen`, through the real binary,
//! run from a temporary folder so every path it prints is relative.

use crate::support;

use support::{CHECK, GEN};

use std::fs;
use std::path::Path;

struct Run {
    success: bool,
    stderr: String,
}

fn errcat(dir: &Path, args: &[&str]) -> Run {
    let output = support::errcat(dir, args);
    Run {
        success: output.status.success(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    support::edit_catalog(&dir.join("catalog"), file, from, to);
}

#[test]
fn publish_then_break_on_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    support::copy_fixture("mini", dir);

    let first = errcat(dir, GEN);
    assert!(first.success, "{}", first.stderr);
    assert!(
        first.stderr.ends_with(
            "note: `catalog` has no stability lock yet, so nothing protects its codes from breaking changes\n  \
             = help: when the catalog is published, run `errcat lock --catalog catalog` and commit `catalog/errcat.lock`\n"
        ),
        "{}",
        first.stderr
    );

    let locked = errcat(dir, &["lock", "--catalog", "catalog"]);
    assert!(locked.success, "{}", locked.stderr);
    assert_eq!(
        locked.stderr,
        "catalog/errcat.lock: 14 code(s) locked, 14 new\n"
    );
    let again = errcat(dir, &["lock", "--catalog", "catalog"]);
    assert_eq!(
        again.stderr,
        "catalog/errcat.lock: up to date, 14 code(s) locked\n"
    );
    // The outputs record that the catalog is now locked, so that deleting
    // the lock later is noticed: until they are regenerated, they are stale.
    let check = errcat(dir, CHECK);
    assert!(!check.success);
    assert_eq!(
        check.stderr,
        "error: 1 generated file(s) in `generated` are stale\n  = help: run `errcat gen --catalog catalog --out generated` and commit the result\n"
    );
    assert!(errcat(dir, GEN).success);
    let check = errcat(dir, CHECK);
    assert!(check.success, "{}", check.stderr);

    edit(dir, "auth.toml", "status = 403", "status = 401");
    let lock_before = fs::read_to_string(dir.join("catalog/errcat.lock")).unwrap();
    for args in [GEN, &["lock", "--catalog", "catalog"][..]] {
        let refused = errcat(dir, args);
        assert!(!refused.success);
        assert!(
            refused.stderr.starts_with(
                "error: code `MFA_REQUIRED` changed its HTTP status from 403 to 401\n"
            ),
            "{}",
            refused.stderr
        );
        assert!(
            refused.stderr.ends_with(
                "error: could not accept the changes to `catalog` due to 1 previous error\n\
                 help: if breaking these clients is intended, record why with \
                 `errcat lock --catalog catalog --allow-breaking \"<reason>\"`\n"
            ),
            "{}",
            refused.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("catalog/errcat.lock")).unwrap(),
        lock_before,
        "a refused lock run must not touch the lock"
    );

    let accepted = errcat(
        dir,
        &[
            "lock",
            "--catalog",
            "catalog",
            "--allow-breaking",
            "RFC 6750: a missing second factor is a 401",
        ],
    );
    assert!(accepted.success, "{}", accepted.stderr);
    assert_eq!(
        accepted.stderr,
        "catalog/errcat.lock: accepted 1 breaking change(s), reason recorded\n\
         catalog/errcat.lock: 14 code(s) locked, 0 new\n"
    );
    let lock = fs::read_to_string(dir.join("catalog/errcat.lock")).unwrap();
    assert!(
        lock.ends_with(
            "\n[[accepted_break]]\n\
             reason = \"RFC 6750: a missing second factor is a 401\"\n\
             version = \"2.0.0\"\n\
             changes = [\n    \"code `MFA_REQUIRED` changed its HTTP status from 403 to 401\",\n]\n"
        ),
        "{lock}"
    );

    assert!(errcat(dir, GEN).success);
    let check = errcat(dir, CHECK);
    assert!(check.success, "{}", check.stderr);
}

#[test]
fn check_mode_fails_until_a_new_code_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    support::copy_fixture("mini", dir);
    assert!(errcat(dir, &["lock", "--catalog", "catalog"]).success);
    edit(
        dir,
        "limits.toml",
        "[INTERNAL_ERROR]",
        "[QUOTA_EXCEEDED]\nstatus = 429\nmessage = \"Quota used up\"\n\n[INTERNAL_ERROR]",
    );
    assert!(errcat(dir, GEN).success, "adding a code breaks nobody");

    let stale = errcat(dir, CHECK);
    assert!(!stale.success);
    assert!(
        stale.stderr.ends_with(
            "error: `catalog/errcat.lock` is out of date\n   \
             = note: the catalog changed without breaking clients, but the lock does not record it yet\n   \
             = help: run `errcat lock --catalog catalog` and commit the result\n"
        ),
        "{}",
        stale.stderr
    );
    assert!(
        stale.stderr.contains("+[codes.QUOTA_EXCEEDED]\n"),
        "{}",
        stale.stderr
    );

    let locked = errcat(
        dir,
        &[
            "lock",
            "--catalog",
            "catalog",
            "--allow-breaking",
            "unneeded",
        ],
    );
    assert_eq!(
        locked.stderr,
        "note: nothing breaking changed in `catalog/errcat.lock`, so no reason was recorded\n\
         catalog/errcat.lock: 15 code(s) locked, 1 new\n"
    );
    assert!(errcat(dir, CHECK).success);
}

#[test]
fn a_lock_edited_into_nonsense_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    support::copy_fixture("mini", dir);
    assert!(errcat(dir, &["lock", "--catalog", "catalog"]).success);
    let path = dir.join("catalog/errcat.lock");
    let lock = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        lock.replacen("state = \"active\"", "state = \"asleep\"", 1),
    )
    .unwrap();

    let run = errcat(dir, GEN);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        r#"error: `catalog/errcat.lock` is not a valid errcat lock
  --> catalog/errcat.lock:33:1
   |
33 | [codes.AUTH_REQUIRED]
   | ^^^^^^^^^^^^^^^^^^^^^ `AUTH_REQUIRED`: unknown state `asleep`
   |
   = help: restore it from version control, then run `errcat lock --catalog catalog`: the lock is written only by it

error: could not read `catalog/errcat.lock` due to 1 previous error
"#
    );
}
