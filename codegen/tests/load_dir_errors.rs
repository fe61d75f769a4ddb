//! `load_dir` on real folders: paths shown relative to the current
//! directory, every problem of a badly broken catalog in one run, and the
//! folder-level problems.

mod support;

use std::path::Path;

use errcat_codegen::load_dir;

fn problems(dir: &Path) -> String {
    match load_dir(dir) {
        Ok(catalog) => panic!("expected problems, loaded {} codes", catalog.codes.len()),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

/// Syntax, unknown field and value, undeclared placeholder, duplicate
/// number, identifier collision, status range and unknown category, spread
/// over four files: all reported at once, sorted by file then position.
#[test]
fn every_problem_of_a_catalog_in_one_run() {
    let rendered = problems(&support::fixture("bad/several"));
    insta::assert_snapshot!(rendered);
    assert!(rendered.ends_with(
        "error: could not load catalog `tests/fixtures/bad/several/` due to 8 previous errors\n"
    ));
}

#[test]
fn relative_folders_are_shown_as_given() {
    let absolute = problems(&support::fixture("bad/no-codes"));
    let relative = problems(Path::new("tests/fixtures/bad/no-codes"));
    assert_eq!(absolute, relative);
    insta::assert_snapshot!(relative);
}

#[test]
fn missing_folder() {
    let missing = Path::new("tests/fixtures/bad/does-not-exist");
    let diagnostics = load_dir(missing).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(diagnostics.to_string());
}

#[test]
fn a_file_instead_of_a_folder() {
    let file = Path::new("tests/fixtures/bad/no-codes/catalog.toml");
    insta::assert_snapshot!(problems(file));
}
