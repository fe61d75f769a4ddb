//! The real `errcat` binary on a bad catalog: exit status 1, every
//! diagnostic on stderr, nothing written.

mod support;

use std::process::Command;

#[test]
fn gen_on_a_bad_catalog_reports_everything_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("generated");
    let catalog = "tests/fixtures/bad/several";
    let output = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .current_dir(support::repo_root().join("codegen"))
        .args(["gen", "--catalog", catalog, "--out"])
        .arg(&target)
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
    let codegen = support::repo_root().join("codegen");
    let expected = errcat_codegen::load_dir(&codegen.join(catalog))
        .unwrap_err()
        .to_string()
        .replace(&format!("{}/", codegen.display()), "");
    assert_eq!(stderr, expected);
    assert!(stderr.contains("error: unknown field `stauts` in code `RATE_LIMITED`"));
    assert!(!target.exists(), "nothing may be written for a bad catalog");
}
