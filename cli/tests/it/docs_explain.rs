//! `errcat explain`, through the real binary, output compared byte for byte.

use crate::support;

use std::process::{Command, Output};

fn explain(code: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["explain", code, "--catalog"])
        .arg(support::fixture("mini"))
        .current_dir(support::outside_any_project())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

const VERSION_NOT_FOUND: &str = r#"VERSION_NOT_FOUND: Version not found
HTTP 404 Not Found · category: Resources

What to do: Use a version that exists.

  Message     version '{version}' of service '{service}' does not exist
  Parameters  version (unsigned), service (string)
  Details     an object of the members below
  Retry       Not retryable: the same request fails the same way until it changes.
  gRPC        NOT_FOUND (5)
  Aliases     ROLLBACK_TARGET_MISSING
  Docs URL    https://docs.mini.example/errors#version_not_found

Details members:
  Member               Type        Sent
  service              string      always
  latest               unsigned    when it has a value
  versions             unsigned[]  always
  retention            object      always
  retention.days       unsigned    always
  retention.policy     string      when it has a value
  conflicts            object[]    always
  conflicts[].version  unsigned    always
  conflicts[].type     string      always
  conflicts[].ratio    float       always
  conflicts[].pinned   bool        always
  conflicts[].delta    integer     always

Rollbacks and activations name a version by number. The number must be one
that `GET /functions/{id}/versions` lists.

Example response:

    HTTP/1.1 404 Not Found
    Content-Type: application/json

    {
      "error": "version '42' of service '<service>' does not exist",
      "code": "VERSION_NOT_FOUND",
      "details": {
        "service": "<service>",
        "latest": 42,
        "versions": [
          42
        ],
        "retention": {
          "days": 42,
          "policy": "<policy>"
        },
        "conflicts": [
          {
            "version": 42,
            "type": "<type>",
            "ratio": 0.5,
            "pinned": true,
            "delta": -3
          }
        ]
      },
      "hint": "Use a version that exists."
    }
"#;

#[test]
fn prints_the_entry_of_a_code() {
    let output = explain("VERSION_NOT_FOUND");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), VERSION_NOT_FOUND);
    assert_eq!(stderr(&output), "");
}

#[test]
fn finds_codes_and_aliases_in_any_case() {
    for query in ["version_not_found", "Rollback_Target_Missing"] {
        let output = explain(query);
        assert!(output.status.success(), "{query}: {}", stderr(&output));
        assert_eq!(stdout(&output), VERSION_NOT_FOUND, "{query}");
    }
}

#[test]
fn shows_deprecation_resolve_and_retry_advice() {
    let output = explain("OLD_NOT_FOUND");
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("\nwarning: deprecated since 2.0.0: use VERSION_NOT_FOUND instead. Versions have their own code now.\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "\"error\": \"Resource <id> does not exist (strict: true, score 0.5, delta -3)\""
        ),
        "{text}"
    );

    let text = stdout(&explain("MFA_REQUIRED")).to_owned();
    assert!(
        text.contains("\nHow to resolve:\n  What to do  Enter your one-time code.\n  Where       https://app.mini.example/login/mfa\n  Action      enter_totp\n  Endpoint    POST /v1/auth/mfa\n"),
        "{text}"
    );

    let text = stdout(&explain("rate_limited")).to_owned();
    assert!(
        text.contains("  Retry       Retryable: you are sending too fast; wait as long as the Retry-After header says, then retry.\n"),
        "{text}"
    );
    assert!(
        text.contains("  Headers     Retry-After: 60, RateLimit-Limit: {limit}, RateLimit-Remaining: 0, RateLimit-Reset: 60\n"),
        "{text}"
    );
    assert!(text.contains("    Retry-After: 60\n"), "{text}");
}

#[test]
fn unknown_codes_get_suggestions_and_exit_1() {
    let output = explain("VERSION_NOTFOUND");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: `VERSION_NOTFOUND` is not a code of the `mini` catalog\n  = help: did you mean `VERSION_NOT_FOUND`?\n"
    );

    let output = explain("zzz");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: `zzz` is not a code of the `mini` catalog\n"
    );
}
