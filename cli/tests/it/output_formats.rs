//! What CI sees: JSON lines with `--message-format json`, GitHub Actions
//! annotations under `GITHUB_ACTIONS=true`, colour only when asked for or on
//! a terminal, and nothing but problems with `--quiet`. Each output is
//! compared whole.

use crate::support;

use std::path::Path;
use std::process::{Command, Output};

/// A project whose `errcat.toml` has one mistake.
fn broken_project(dir: &Path) {
    support::copy_fixture("mini", dir);
    std::fs::write(
        dir.join("errcat.toml"),
        "[[catalog]]\npath = \"catalog\"\nout = \"generated\"\ntargets = [\"rustt\"]\n",
    )
    .unwrap();
}

/// `errcat` in `dir` with `env` set and the CI and colour variables of the
/// machine running the test removed.
fn errcat(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errcat"));
    command.args(args).current_dir(dir);
    for name in ["GITHUB_ACTIONS", "NO_COLOR", "CLICOLOR_FORCE"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

const HUMAN: &str = "error: unknown target `rustt` in a `[[catalog]]`
 --> errcat.toml:4:12
  |
4 | targets = [\"rustt\"]
  |            ^^^^^^^ not a target
  |
  = help: did you mean `rust`?
  = note: expected one of `rust`, `typescript`, `docs`, `openapi`, `schema`, `changelog`, `editor`, `conformance` or `site`

error: could not read `errcat.toml` due to 1 previous error
";

#[test]
fn json_lines_on_stdout_one_per_problem_in_rustcs_shape() {
    let dir = tempfile::tempdir().unwrap();
    broken_project(dir.path());
    let run = errcat(dir.path(), &["gen", "--message-format", "json"], &[]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(text(&run.stderr), "");
    let lines: Vec<&str> = text(&run.stdout).lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"$message_type":"diagnostic","message":"unknown target `rustt` in a `[[catalog]]`","code":null,"level":"error","spans":[{"file_name":"errcat.toml","byte_start":58,"byte_end":65,"line_start":4,"line_end":4,"column_start":12,"column_end":19,"is_primary":true,"text":[],"label":"not a target","suggested_replacement":null,"suggestion_applicability":null,"expansion":null}],"children":[{"message":"did you mean `rust`?","code":null,"level":"help","spans":[],"children":[],"rendered":null},{"message":"expected one of `rust`, `typescript`, `docs`, `openapi`, `schema`, `changelog`, `editor`, `conformance` or `site`","code":null,"level":"note","spans":[],"children":[],"rendered":null}],"rendered":"error: unknown target `rustt` in a `[[catalog]]`\n --> errcat.toml:4:12\n  |\n4 | targets = [\"rustt\"]\n  |            ^^^^^^^ not a target\n  |\n  = help: did you mean `rust`?\n  = note: expected one of `rust`, `typescript`, `docs`, `openapi`, `schema`, `changelog`, `editor`, `conformance` or `site`\n"}"#,
            r#"{"$message_type":"diagnostic","message":"could not read `errcat.toml` due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":"error: could not read `errcat.toml` due to 1 previous error\n"}"#,
        ]
    );
}

#[test]
fn a_plain_problem_is_a_json_line_too() {
    let dir = tempfile::tempdir().unwrap();
    let run = errcat(dir.path(), &["lock", "--message-format", "json"], &[]);
    let line = format!(
        r#"{{"$message_type":"diagnostic","message":"there is no `errcat.toml` in `{0}` or any folder above it, so errcat does not know which catalog to lock","code":null,"level":"error","spans":[],"children":[{{"message":"run `errcat init` to start one here, or name the folders: `errcat lock --catalog <folder>`","code":null,"level":"help","spans":[],"children":[],"rendered":null}}],"rendered":"error: there is no `errcat.toml` in `{0}` or any folder above it, so errcat does not know which catalog to lock\n  = help: run `errcat init` to start one here, or name the folders: `errcat lock --catalog <folder>`\n"}}"#,
        dir.path().display()
    );
    assert_eq!(text(&run.stdout), format!("{line}\n"));
}

#[test]
fn on_github_actions_each_problem_is_also_an_annotation_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    broken_project(dir.path());
    let run = errcat(dir.path(), &["gen"], &[("GITHUB_ACTIONS", "true")]);
    assert_eq!(text(&run.stderr), HUMAN);
    assert_eq!(
        text(&run.stdout),
        "::error file=errcat.toml,line=4,endLine=4,col=12,endColumn=19,title=errcat::unknown target `rustt` in a `[[catalog]]`%0Ahelp: did you mean `rust`?%0Anote: expected one of `rust`, `typescript`, `docs`, `openapi`, `schema`, `changelog`, `editor`, `conformance` or `site`\n"
    );
    let elsewhere = errcat(dir.path(), &["gen"], &[("GITHUB_ACTIONS", "false")]);
    assert_eq!(text(&elsewhere.stdout), "");
}

#[test]
fn colour_only_on_request_or_a_terminal_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    broken_project(dir.path());
    // Not a terminal (a pipe), so no colour by default.
    let piped = errcat(dir.path(), &["gen"], &[]);
    assert_eq!(text(&piped.stderr), HUMAN);
    let forced = errcat(dir.path(), &["gen"], &[("CLICOLOR_FORCE", "1")]);
    let coloured = text(&forced.stderr);
    assert!(
        coloured.starts_with("\u{1b}[1m\u{1b}[91merror\u{1b}[0m\u{1b}[1m: unknown target"),
        "{coloured:?}"
    );
    assert!(
        coloured.ends_with(
            "\u{1b}[1m\u{1b}[91merror\u{1b}[0m\u{1b}[1m: could not read `errcat.toml` due to 1 previous error\u{1b}[0m\n"
        ),
        "{coloured:?}"
    );
    let always = errcat(
        dir.path(),
        &["gen", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(text(&always.stderr), coloured);
    let never = errcat(
        dir.path(),
        &["gen", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert_eq!(text(&never.stderr), HUMAN);
    let no_color = errcat(dir.path(), &["gen"], &[("NO_COLOR", "1")]);
    assert_eq!(text(&no_color.stderr), HUMAN);
}

#[test]
fn quiet_leaves_only_problems() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_fixture("mini", dir.path());
    std::fs::write(
        dir.path().join("errcat.toml"),
        "[[catalog]]\npath = \"catalog\"\nout = \"generated\"\n",
    )
    .unwrap();
    let loud = errcat(dir.path(), &["gen"], &[]);
    assert!(
        text(&loud.stderr).starts_with("generated: "),
        "{}",
        text(&loud.stderr)
    );
    std::fs::remove_dir_all(dir.path().join("generated")).unwrap();
    let quiet = errcat(dir.path(), &["gen", "--quiet"], &[]);
    assert!(quiet.status.success());
    assert_eq!(text(&quiet.stderr), "");
    assert!(dir.path().join("generated/rust/Cargo.toml").is_file());
    support::edit_catalog(
        &dir.path().join("catalog"),
        "limits.toml",
        "status = 429",
        "status = 503",
    );
    let stale = errcat(dir.path(), &["gen", "--check", "-q"], &[]);
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(
        text(&stale.stderr),
        "error: 6 generated file(s) in `generated` are stale\n  = help: run `errcat gen` and commit the result\n"
    );
    assert!(text(&stale.stdout).starts_with("--- a/"), "the diff stays");
}
