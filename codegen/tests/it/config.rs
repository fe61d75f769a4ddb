//! `errcat.toml`: what a valid one means, and every mistake in one as a
//! located diagnostic, all at once.

use std::path::{Path, PathBuf};

use errcat_codegen::config::{self, Config, GitReference, Runtime, Target};

fn parse(text: &str) -> Result<Config, String> {
    config::parse("errcat.toml", text, PathBuf::from(".")).map_err(|d| d.to_string())
}

fn errors(text: &str) -> String {
    parse(text).expect_err("the config has mistakes")
}

#[test]
fn a_config_with_every_setting() {
    let config = parse(
        r#"
[rust]
runtime = { path = "vendor/errcat" }

[[catalog]]
path = "./catalog/"
out = "generated"

[[catalog]]
path = "billing/catalog"
out = "billing/generated"
site = "public/billing"
targets = ["typescript", "rust"]

[catalog.rust]
crate_name = "billing-api-errors"
runtime = { git = "https://example.com/errcat.git", tag = "v0.1.0" }

[catalog.docs]
front_matter = true

[[catalog]]
path = "legacy/catalog"
out = "legacy/out"
[catalog.rust]
runtime = "0.1"
"#,
    )
    .unwrap();
    let [fold, billing, legacy] = &config.catalogs[..] else {
        panic!("three catalogs");
    };
    assert_eq!(fold.catalog, Path::new("catalog"));
    assert_eq!(fold.site, Path::new("generated/site"));
    assert_eq!(fold.targets, Target::ALL[..8]);
    assert_eq!(Target::ALL[8], Target::Site);
    assert_eq!(fold.targets().site, None);
    assert_eq!(fold.runtime, Runtime::Path(PathBuf::from("vendor/errcat")));
    assert_eq!(
        fold.targets().rust.unwrap().runtime_dependency,
        r#"{ path = "../../vendor/errcat" }"#
    );
    assert_eq!(billing.site, Path::new("public/billing"));
    assert_eq!(billing.targets, [Target::Rust, Target::Typescript]);
    assert_eq!(billing.crate_name.as_deref(), Some("billing-api-errors"));
    assert_eq!(
        billing.runtime,
        Runtime::Git {
            url: "https://example.com/errcat.git".to_owned(),
            reference: Some((GitReference::Tag, "v0.1.0".to_owned())),
        }
    );
    let targets = billing.targets();
    assert!(targets.typescript && targets.markdown.is_none() && !targets.openapi);
    assert!(billing.front_matter && !fold.front_matter);
    let docs = fold.targets().markdown.unwrap();
    assert!(!docs.front_matter);
    assert_eq!(legacy.runtime, Runtime::Registry("0.1".to_owned()));
}

#[test]
fn without_a_runtime_the_generated_crate_uses_the_published_one_of_this_version() {
    let config = parse("[[catalog]]\npath = \"catalog\"\nout = \"generated\"\n").unwrap();
    let rust = config.catalogs[0].targets().rust.unwrap();
    assert_eq!(
        rust.runtime_dependency,
        format!("\"{}\"", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(rust.crate_name, None);
}

#[test]
fn every_mistake_in_a_config_at_once() {
    insta::assert_snapshot!(errors(
        r#"
[rust]
crate_name = "shared"
runtime = { version = "0.1", path = "runtime" }
colour = true

[[catalog]]
path = "/srv/catalog"
out = "generated"
targets = ["rust", "markdown", "rust", "ts"]

[[catalog]]
path = "billing"
out = "billing"
site = ""
[catalog.rust]
crate_name = "billing errors"
runtime = { path = "runtime", rev = "abc" }

[[catalog]]
path = "orders"
out = "shared/out"

[[catalog]]
path = "orders/"
out = "./shared/out"
target = ["rust"]
"#
    ));
}

#[test]
fn a_config_that_lists_no_catalog() {
    insta::assert_snapshot!(errors("[rust]\nruntime = \"0.1\"\n"));
    insta::assert_snapshot!(errors("catalog = []\n"));
    insta::assert_snapshot!(errors("[catalog]\npath = \"catalog\"\n"));
}

#[test]
fn runtimes_that_say_nothing_or_too_much() {
    insta::assert_snapshot!(errors(
        r#"
[[catalog]]
path = "a"
out = "a-out"
[catalog.rust]
runtime = {}

[[catalog]]
path = "b"
out = "b-out"
[catalog.rust]
runtime = { git = "https://example.com/e.git", tag = "v1", branch = "main" }

[[catalog]]
path = "c"
out = "c-out"
[catalog.rust]
runtime = "latest"

[[catalog]]
path = "d"
out = "d-out"
targets = []
"#
    ));
}

#[test]
fn a_config_that_is_not_toml() {
    insta::assert_snapshot!(errors("[[catalog]\npath = \"a\"\n"));
}

#[test]
fn folders_that_are_one_or_nest() {
    insta::assert_snapshot!(errors(
        r#"
[[catalog]]
path = "a"
out = "gen"
site = "public"

[[catalog]]
path = "b"
out = "gen/rust"
site = "public"

[[catalog]]
path = "c"
out = "c/generated"

[[catalog]]
path = "d"
out = "elsewhere"
site = "d-site"
[catalog.rust]
crate_name = "shared-errors"

[[catalog]]
path = "gen/e"
out = "e-out"
[catalog.rust]
crate_name = "shared-errors"
"#
    ));
}

#[test]
fn folders_are_compared_where_they_are_not_as_written() {
    let parse_in = |text: &str| {
        config::parse("errcat.toml", text, PathBuf::from("/work/shop")).map_err(|d| d.to_string())
    };
    let hidden = parse_in("[[catalog]]\npath = \"catalog\"\nout = \"../shop/catalog\"\n")
        .expect_err("the output folder is the catalog folder");
    assert!(
        hidden.contains("error: `out` of the catalog `catalog` is the catalog's own folder\n"),
        "{hidden}"
    );
    let above = parse_in("[[catalog]]\npath = \"catalog\"\nout = \"..\"\n").expect_err("above");
    assert!(
        above.contains("error: the catalog folder `catalog` is inside its `out`\n"),
        "{above}"
    );
    // A catalog beside the project, and outputs here: nothing overlaps.
    let beside = parse_in("[[catalog]]\npath = \"../shared\"\nout = \"generated\"\n");
    assert!(beside.is_ok(), "{beside:?}");
}
