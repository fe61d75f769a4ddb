//! `errcat init` through the real binary: what it writes and says, that the
//! result generates in every wire shape and code style, that it never
//! overwrites a file, and that it joins an existing Cargo workspace.

use crate::support;

use std::fs;

use support::errcat;

fn stderr(output: &std::process::Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

/// A folder named `name` in a fresh temporary folder.
fn folder(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join(name);
    fs::create_dir(&dir).unwrap();
    (temp, dir)
}

#[test]
fn init_in_an_empty_folder_writes_a_project_that_generates_and_checks() {
    let (_temp, dir) = folder("Acme Shop");
    let run = errcat(&dir, &["init"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "     named the catalog `acme-shop` after this folder (`--name` picks another)\n     \
         created errcat.toml\n     \
         created catalog/catalog.toml\n     \
         created catalog/requests.toml\n\
         \n\
         Next:\n  \
         errcat gen                write `generated/` from the catalog\n  \
         errcat explain NOT_FOUND  read a code's docs, as clients will\n  \
         errcat gen --check        what CI should run (`errcat init --ci github` or `--ci gitlab` writes the job): fails when `generated/` is stale\n"
    );
    let catalog = fs::read_to_string(dir.join("catalog/catalog.toml")).unwrap();
    assert!(catalog.starts_with("#:schema ../generated/editor/catalog.schema.json\n"));
    assert!(catalog.contains("\nname = \"acme-shop\"\ntitle = \"Acme Shop API\"\n"));

    // The three commands it prints, as printed.
    let generated = errcat(&dir, &["gen"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    for schema in ["catalog.schema.json", "codes.schema.json"] {
        assert!(
            dir.join("generated/editor").join(schema).is_file(),
            "{schema}"
        );
    }
    let explained = errcat(&dir, &["explain", "NOT_FOUND"]);
    let entry = String::from_utf8(explained.stdout).unwrap();
    assert!(entry.starts_with("NOT_FOUND: "), "{entry}");
    assert!(errcat(&dir, &["gen", "--check"]).status.success());
}

#[test]
fn every_wire_shape_and_code_style_gives_a_catalog_that_loads() {
    let shapes = ["flat", "nested", "error_code", "problem", "oauth2"];
    let styles = [
        ("SCREAMING_SNAKE_CASE", "RATE_LIMITED"),
        ("snake_case", "rate_limited"),
        ("PascalCase", "RateLimited"),
    ];
    for shape in shapes {
        for (style, rate_limited) in styles {
            let (_temp, dir) = folder("api");
            let run = errcat(
                &dir,
                &["init", "--wire-shape", shape, "--code-style", style],
            );
            assert!(run.status.success(), "{shape} {style}: {}", stderr(&run));
            let catalog = errcat_codegen::load_dir(&dir.join("catalog"))
                .unwrap_or_else(|d| panic!("{shape} {style}:\n{d}"));
            assert_eq!(catalog.wire_shape.as_str(), shape);
            assert!(
                catalog.codes.iter().any(|c| c.code == rate_limited),
                "{shape} {style}"
            );
            let explain = format!("errcat explain {}", catalog.codes[0].code);
            assert!(stderr(&run).contains(&explain), "{}", stderr(&run));
        }
    }
}

#[test]
fn init_never_overwrites_a_file_and_says_what_it_would_have_written() {
    let (_temp, dir) = folder("shop");
    let mine = "# my own config\n[[catalog]]\npath = \"errors\"\nout = \"out\"\n";
    fs::write(dir.join("errcat.toml"), mine).unwrap();
    let run = errcat(&dir, &["init", "--ci", "gitlab"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(fs::read_to_string(dir.join("errcat.toml")).unwrap(), mine);
    let said = stderr(&run);
    assert!(
        said.contains(
            "note: `errcat.toml` exists, so errcat left it as it is; it would have written:\n\n    \
             # Where errcat finds the catalog and writes what it generates. Every\n"
        ),
        "{said}"
    );
    assert!(
        said.contains("     created catalog/requests.toml\n"),
        "{said}"
    );
    assert!(said.contains("     created .gitlab-ci.yml\n"), "{said}");
    let job = fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap();
    assert!(job.contains("    - errcat gen --check\n"), "{job}");

    // A second run finds every file and changes none.
    let before = support::tree(&dir);
    let again = errcat(&dir, &["init", "--ci", "gitlab"]);
    assert!(again.status.success());
    // errcat.toml, the catalog (whose example codes it leaves out) and the job.
    assert_eq!(
        stderr(&again).matches("note: `").count(),
        3,
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains(
            "note: `catalog/catalog.toml` exists, so errcat left the catalog as it is and wrote no example codes into it\n"
        ),
        "{}",
        stderr(&again)
    );
    assert!(support::tree(&dir) == before, "a second init changed files");
}

#[test]
fn in_a_cargo_workspace_the_generated_crate_becomes_a_member() {
    let temp = tempfile::tempdir().unwrap();
    let manifest = "[workspace]\nresolver = \"3\"\n# the services\nmembers = [\n    \"services/api\",\n]\n\n[workspace.package]\nedition = \"2024\"\n";
    fs::write(temp.path().join("Cargo.toml"), manifest).unwrap();
    let dir = temp.path().join("errors");
    fs::create_dir(&dir).unwrap();
    let run = errcat(&dir, &["init", "--ci", "github"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("     added `errors/generated/rust` to the workspace members in "),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(temp.path().join("Cargo.toml")).unwrap(),
        "[workspace]\nresolver = \"3\"\n# the services\nmembers = [\n    \"services/api\",\n    \"errors/generated/rust\",\n]\n\n[workspace.package]\nedition = \"2024\"\n"
    );
    assert!(dir.join(".github/workflows/errcat.yml").is_file());
    // Once only.
    let again = errcat(&dir, &["init"]);
    assert!(!stderr(&again).contains("added"), "{}", stderr(&again));

    // A list on one line stays on one line.
    let temp = tempfile::tempdir().unwrap();
    fs::write(
        temp.path().join("Cargo.toml"),
        "[workspace]
members = [\"app\"]
",
    )
    .unwrap();
    assert!(errcat(temp.path(), &["init"]).status.success());
    assert_eq!(
        fs::read_to_string(temp.path().join("Cargo.toml")).unwrap(),
        "[workspace]
members = [\"app\", \"generated/rust\"]
"
    );
}

#[test]
fn a_name_the_loader_would_refuse_is_refused_before_anything_is_written() {
    let (_temp, dir) = folder("x");
    let run = errcat(&dir, &["init", "--name", "Shop API"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stderr(&run),
        "error: `Shop API` is not usable as a catalog name\n  \
         = help: start with a lowercase letter; then use only lowercase letters, digits, `_` and `-`\n"
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn init_beside_a_catalog_of_its_own_style_keeps_it_working() {
    let (_temp, dir) = folder("billing");
    let catalog = dir.join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    let billing = support::repo_root().join("examples/billing/catalog");
    for entry in std::fs::read_dir(&billing).unwrap().flatten() {
        std::fs::copy(entry.path(), catalog.join(entry.file_name())).unwrap();
    }
    let run = errcat(&dir, &["init"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!catalog.join("requests.toml").exists());
    // The next steps name a code of that catalog, in its own style.
    let first = errcat_codegen::load_dir(&catalog).unwrap().codes[0]
        .code
        .clone();
    assert!(
        stderr(&run).contains(&format!("errcat explain {first} ")),
        "{}",
        stderr(&run)
    );
    let generated = errcat(&dir, &["gen"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
}

#[test]
fn init_below_a_project_says_whose_config_this_one_hides() {
    let temp = tempfile::tempdir().unwrap();
    support::copy_fixture("mini", temp.path());
    fs::write(
        temp.path().join("errcat.toml"),
        "[[catalog]]\npath = \"catalog\"\nout = \"generated\"\n",
    )
    .unwrap();
    let below = temp.path().join("services/api");
    fs::create_dir_all(&below).unwrap();
    let run = errcat(&below, &["init"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "note: `../../errcat.toml` lists the catalogs of the project around this folder; here errcat now reads this folder's `errcat.toml` instead\n"
        ),
        "{}",
        stderr(&run)
    );
}
