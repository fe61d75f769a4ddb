//! The real `errcat` binary on a bad catalog: exit status 1, every
//! diagnostic on stderr, nothing written.

use crate::support;

use std::process::Command;

#[test]
fn gen_on_a_bad_catalog_reports_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_fixture("bad/several", dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .current_dir(dir.path())
        .args(["gen", "--catalog", "catalog", "--out", "generated"])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    // The library's diagnostics, with paths as the binary was given them.
    let expected = errcat_codegen::load_dir(&dir.path().join("catalog"))
        .unwrap_err()
        .to_string()
        .replace(&format!("{}/", dir.path().display()), "");
    assert_eq!(stderr, expected);
    assert!(stderr.contains("error: unknown field `stauts` in code `RATE_LIMITED`"));
    assert!(stderr.contains("\n --> catalog/limits.toml:2:1\n"));
    assert!(
        !dir.path().join("generated").exists(),
        "nothing may be written for a bad catalog"
    );
}
