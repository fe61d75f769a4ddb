//! The messages a user sees for every mistake the derive catches, word for
//! word: `ui/*.stderr` is the product. Regenerate after an intended change
//! with `TRYBUILD=overwrite cargo test -p errcat-macros --test ui`, then
//! read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass_*.rs");
    t.compile_fail("tests/ui/fail_*.rs");
}
