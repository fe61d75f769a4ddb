//! `errcat.toml` through the real binary: found from any subfolder, every
//! catalog it lists generated and checked with no flags, and each "run
//! this" hint a command that, run as printed, fixes what it is about.

use crate::support;

use std::fs;
use std::path::Path;

use support::errcat;

/// A project of two catalogs (copies of the `mini` fixture) listed in an
/// `errcat.toml` at `dir`.
fn project(dir: &Path) {
    for name in ["orders", "billing"] {
        let folder = dir.join(name);
        fs::create_dir(&folder).unwrap();
        support::copy_fixture("mini", &folder);
    }
    fs::write(
        dir.join("errcat.toml"),
        "[[catalog]]\npath = \"orders/catalog\"\nout = \"orders/generated\"\n\n\
         [[catalog]]\npath = \"billing/catalog\"\nout = \"billing/generated\"\n",
    )
    .unwrap();
}

fn stderr(output: &std::process::Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

/// Runs a hint exactly as printed: `errcat` and its arguments, split on
/// spaces (the hints never quote).
fn run_hint(dir: &Path, hint: &str) -> std::process::Output {
    let words: Vec<&str> = hint.split(' ').collect();
    assert_eq!(words[0], "errcat", "{hint}");
    errcat(dir, &words[1..])
}

/// The command in the line `= help: run `<command>` and commit the result`.
fn hint(stderr: &str) -> &str {
    let start = stderr.find("help: run `").expect("a hint") + "help: run `".len();
    let end = start + stderr[start..].find('`').unwrap();
    &stderr[start..end]
}

#[test]
fn from_a_subfolder_gen_writes_every_catalog_of_the_config() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let run = errcat(&dir.path().join("billing/catalog"), &["gen"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let lines: Vec<&str> = stderr(&run).lines().collect();
    assert!(
        lines[0].starts_with("orders/generated: ") && lines[0].ends_with(" removed, 0 unchanged"),
        "{}",
        stderr(&run)
    );
    assert!(lines.iter().any(|l| l.starts_with("billing/generated: ")));
    for name in ["orders", "billing"] {
        let cargo = dir.path().join(name).join("generated/rust/Cargo.toml");
        let manifest = fs::read_to_string(cargo).unwrap();
        // No runtime in the config: the published one, of this version.
        let dependency = format!("errcat = \"{}\"\n", env!("CARGO_PKG_VERSION"));
        assert!(manifest.contains(&dependency), "{manifest}");
    }
    let check = errcat(&dir.path().join("orders"), &["gen", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn the_drift_checks_hint_regenerates_exactly_what_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    assert!(errcat(dir.path(), &["gen"]).status.success());
    support::edit_catalog(
        &dir.path().join("billing/catalog"),
        "limits.toml",
        "status = 429",
        "status = 503",
    );
    let check = errcat(dir.path(), &["gen", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    assert!(
        message.ends_with(
            "error: 6 generated file(s) in `billing/generated` are stale\n  \
             = help: run `errcat gen` and commit the result\n"
        ),
        "{message}"
    );
    let fix = run_hint(&dir.path().join("orders"), hint(message));
    assert!(fix.status.success(), "{}", stderr(&fix));
    assert!(errcat(dir.path(), &["gen", "--check"]).status.success());
}

#[test]
fn a_lock_hint_names_the_catalog_when_the_config_lists_several() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let locked = errcat(dir.path(), &["lock", "--catalog", "orders/catalog"]);
    assert!(locked.status.success(), "{}", stderr(&locked));
    assert_eq!(
        stderr(&locked),
        "orders/catalog/errcat.lock: 14 code(s) locked, 14 new\n"
    );
    assert!(!dir.path().join("billing/catalog/errcat.lock").exists());
    assert!(errcat(dir.path(), &["gen"]).status.success());
    support::edit_catalog(
        &dir.path().join("orders/catalog"),
        "limits.toml",
        "[RATE_LIMITED]",
        "[QUOTA_EXCEEDED]\nstatus = 429\nmessage = \"over quota\"\ncategory = \"limits\"\n\n[RATE_LIMITED]",
    );
    let check = errcat(dir.path(), &["gen", "--check"]);
    let message = stderr(&check);
    assert!(
        message
            .contains("= help: run `errcat lock --catalog orders/catalog` and commit the result\n"),
        "{message}"
    );
    let fix = run_hint(&dir.path().join("billing"), hint(message));
    assert!(fix.status.success(), "{}", stderr(&fix));
    assert!(errcat(dir.path(), &["gen"]).status.success());
    assert!(errcat(dir.path(), &["gen", "--check"]).status.success());
}

#[test]
fn catalog_picks_one_and_out_is_the_configs_to_say() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let one = errcat(&dir.path().join("orders"), &["gen", "--catalog", "catalog"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(dir.path().join("orders/generated").is_dir());
    assert!(!dir.path().join("billing/generated").exists());

    let unknown = errcat(dir.path(), &["gen", "--catalog", "shipping"]);
    assert_eq!(
        stderr(&unknown),
        "error: `shipping` is not a catalog of `errcat.toml`\n  \
         = note: it lists `orders/catalog`, `billing/catalog`\n  \
         = help: add a `[[catalog]]` for it there, or pass one of those\n"
    );
    let out = errcat(&dir.path().join("orders"), &["gen", "--out", "elsewhere"]);
    assert_eq!(
        stderr(&out),
        "error: `--out elsewhere` conflicts with `../errcat.toml`, which says where each catalog's outputs go\n  \
         = help: change `out` (or `site`) there, or run `errcat gen` without `--out`\n"
    );
    assert!(!dir.path().join("orders/elsewhere").exists());
}

#[test]
fn without_a_config_errcat_says_so_and_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let run = errcat(dir.path(), &["gen"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        format!(
            "error: there is no `errcat.toml` in `{}` or any folder above it, so errcat does not know which catalog to generate\n  \
             = help: run `errcat init` to start one here, or name the folders: `errcat gen --catalog <folder> --out <folder>`\n",
            dir.path().display()
        )
    );
    let explain = errcat(dir.path(), &["explain", "RATE_LIMITED"]);
    assert!(
        stderr(&explain).ends_with(
            "= help: run `errcat init` to start one here, or name the folders: `errcat explain RATE_LIMITED --catalog <folder>`\n"
        ),
        "{}",
        stderr(&explain)
    );
}

#[test]
fn a_broken_config_is_reported_with_its_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    fs::write(
        dir.path().join("errcat.toml"),
        "[[catalog]]\npath = \"orders/catalog\"\nout = \"orders/generated\"\ntargets = [\"rust\", \"tyepscript\"]\n",
    )
    .unwrap();
    let run = errcat(&dir.path().join("orders"), &["gen"]);
    assert_eq!(
        stderr(&run),
        "error: unknown target `tyepscript` in a `[[catalog]]`\n \
         --> ../errcat.toml:4:20\n  \
         |\n\
         4 | targets = [\"rust\", \"tyepscript\"]\n  \
         |                    ^^^^^^^^^^^^ not a target\n  \
         |\n  \
         = help: did you mean `typescript`?\n  \
         = note: expected one of `rust`, `typescript`, `docs`, `openapi`, `schema`, `changelog`, `editor`, `conformance` or `site`\n\n\
         error: could not read `../errcat.toml` due to 1 previous error\n"
    );
    assert!(!dir.path().join("orders/generated").exists());
}

#[test]
fn a_hint_to_run_again_names_the_command_as_it_was_run() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_fixture("mini", dir.path());
    assert!(errcat(dir.path(), support::GEN).status.success());
    let journal = dir.path().join("generated/.errcat/journal.toml");
    fs::write(&journal, "not a journal").unwrap();
    let flags = errcat(dir.path(), support::GEN);
    assert!(
        stderr(&flags).contains(
            "= help: delete it and run `errcat gen --catalog catalog --out generated` again: it writes every output anew\n"
        ),
        "{}",
        stderr(&flags)
    );
    let site_flags = ["site", "--catalog", "catalog", "--out", "site"];
    assert!(errcat(dir.path(), &site_flags).status.success());
    fs::write(
        dir.path().join("site/.errcat/journal.toml"),
        "not a journal",
    )
    .unwrap();
    let site = errcat(dir.path(), &site_flags);
    assert!(
        stderr(&site).contains("run `errcat site --catalog catalog --out site` again"),
        "{}",
        stderr(&site)
    );
    fs::write(
        dir.path().join("errcat.toml"),
        "[[catalog]]\npath = \"catalog\"\nout = \"generated\"\n",
    )
    .unwrap();
    let configured = errcat(&dir.path().join("catalog"), &["gen"]);
    assert!(
        stderr(&configured).contains("= help: delete it and run `errcat gen` again"),
        "{}",
        stderr(&configured)
    );
}

#[test]
fn the_site_and_the_generated_outputs_never_share_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_fixture("mini", dir.path());
    let flags = ["--catalog", "catalog", "--out", "out dir"];
    assert!(
        errcat(dir.path(), &[&["gen"][..], &flags].concat())
            .status
            .success()
    );
    let before = support::tree(&dir.path().join("out dir"));
    let site = errcat(dir.path(), &[&["site"][..], &flags].concat());
    assert_eq!(site.status.code(), Some(1));
    assert_eq!(
        stderr(&site),
        "error: output folder `out dir` holds the generated outputs of the `mini` catalog, and its site would remove them\n \
         --> out dir/.errcat/manifest.toml\n  \
         = note: each kind of output needs a folder of its own: a run removes what it wrote before and no longer writes\n  \
         = help: set `site` in `errcat.toml`, or `--out` of `errcat site`, to a folder of its own beside this one, such as `site`\n\n\
         error: could not write the outputs due to 1 previous error\n"
    );
    assert!(
        support::tree(&dir.path().join("out dir")) == before,
        "the site removed outputs"
    );

    let site_first = ["--catalog", "catalog", "--out", "pages"];
    assert!(
        errcat(dir.path(), &[&["site"][..], &site_first].concat())
            .status
            .success()
    );
    let generated = errcat(dir.path(), &[&["gen"][..], &site_first].concat());
    assert_eq!(generated.status.code(), Some(1));
    assert!(
        stderr(&generated).starts_with(
            "error: output folder `pages` holds the site of the `mini` catalog, and its generated outputs would remove them\n"
        ),
        "{}",
        stderr(&generated)
    );
}

#[test]
fn hints_quote_the_folders_they_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("my api")).unwrap();
    support::copy_fixture("mini", &dir.path().join("my api"));
    let flags = ["--catalog", "my api/catalog", "--out", "my api/generated"];
    assert!(
        errcat(dir.path(), &[&["gen"][..], &flags].concat())
            .status
            .success()
    );
    support::edit_catalog(
        &dir.path().join("my api/catalog"),
        "limits.toml",
        "status = 429",
        "status = 503",
    );
    let check = errcat(dir.path(), &[&["gen", "--check"][..], &flags].concat());
    let fix = hint(stderr(&check)).to_owned();
    assert_eq!(
        fix,
        "errcat gen --catalog 'my api/catalog' --out 'my api/generated'"
    );
    let words = shlex::split(&fix).unwrap();
    let words: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
    assert!(errcat(dir.path(), &words).status.success());
    assert!(
        errcat(dir.path(), &[&["gen", "--check"][..], &flags].concat())
            .status
            .success()
    );

    let no_out = errcat(dir.path(), &["gen", "--catalog", "my api/catalog"]);
    assert_eq!(
        stderr(&no_out),
        "error: `--out` is missing: without an `errcat.toml`, errcat has to be told where to write\n  \
         = help: name the folder: `errcat gen --catalog 'my api/catalog' --out <folder>`, or run `errcat init` to keep the folders in `errcat.toml`\n"
    );
}

#[test]
fn a_path_runtime_is_the_same_from_every_folder() {
    let temp = tempfile::tempdir().unwrap();
    let project = temp.path().join("shop");
    fs::create_dir(&project).unwrap();
    support::copy_fixture("mini", &project);
    fs::write(
        project.join("errcat.toml"),
        "[rust]\nruntime = { path = \"vendor/errcat\" }\n\n[[catalog]]\npath = \"catalog\"\nout = \"../outside\"\n",
    )
    .unwrap();
    assert!(errcat(&project, &["gen"]).status.success());
    let manifest = fs::read_to_string(temp.path().join("outside/rust/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("errcat = { path = \"../../shop/vendor/errcat\" }\n"),
        "{manifest}"
    );
    let check = errcat(&project.join("catalog"), &["gen", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_site_written_before_manifests_named_their_kind_is_still_a_site() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_fixture("mini", dir.path());
    let flags = ["site", "--catalog", "catalog", "--out", "site"];
    assert!(errcat(dir.path(), &flags).status.success());
    let manifest = dir.path().join("site/.errcat/manifest.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("outputs = \"site\"\n"), "{text}");
    fs::write(&manifest, text.replace("outputs = \"site\"\n", "")).unwrap();
    let again = errcat(dir.path(), &flags);
    assert!(again.status.success(), "{}", stderr(&again));
}

/// `site` is a target like the others: listed, `gen` writes the site into
/// the catalog's `site` folder and `gen --check` holds it to the catalog.
#[test]
fn the_site_as_a_target_is_written_and_checked_by_gen() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("orders");
    fs::create_dir(&folder).unwrap();
    support::copy_fixture("mini", &folder);
    fs::write(
        dir.path().join("errcat.toml"),
        "[[catalog]]\npath = \"orders/catalog\"\nout = \"orders/generated\"\n\
         site = \"public/orders\"\ntargets = [\"docs\", \"site\"]\n",
    )
    .unwrap();
    let run = errcat(dir.path(), &["gen"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let lines: Vec<&str> = stderr(&run).lines().collect();
    assert!(
        lines[0].starts_with("orders/generated: "),
        "{}",
        stderr(&run)
    );
    assert!(lines[1].starts_with("public/orders: "), "{}", stderr(&run));
    assert!(dir.path().join("public/orders/index.html").is_file());
    assert!(!dir.path().join("orders/generated/rust").exists());
    assert!(errcat(dir.path(), &["gen", "--check"]).status.success());

    let page = dir.path().join("public/orders/index.html");
    fs::write(&page, fs::read_to_string(&page).unwrap() + "edited\n").unwrap();
    let check = errcat(dir.path(), &["gen", "--check"]);
    assert!(!check.status.success());
    assert!(
        stderr(&check).contains("error: 1 generated file(s) in `public/orders` are stale"),
        "{}",
        stderr(&check)
    );
    assert_eq!(hint(stderr(&check)), "errcat gen");
    assert!(run_hint(dir.path(), "errcat gen").status.success());
    assert!(errcat(dir.path(), &["gen", "--check"]).status.success());
}
