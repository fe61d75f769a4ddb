//! The JSON Schemas in `codegen/schema/` are what editors (taplo, Even Better
//! TOML) use to complete and check catalog files. These tests keep them
//! honest: every catalog the project ships validates against them, each file
//! points its `#:schema` directive at the right one, their enums match the
//! model's, and files the loader would reject are rejected here too. The
//! shipped catalogs must also load, and keep the choices their comments
//! argue for.

use std::fs;
use std::path::{Path, PathBuf};

use errcat_codegen::model::{CodeStyle, DetailsKind, GrpcCode, ParamType, WireShape};
use jsonschema::Validator;
use serde_json::Value;

use crate::support;

fn schema_path(name: &str) -> PathBuf {
    support::repo_root().join("codegen/schema").join(name)
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A validator for one of the schemas, after checking the schema itself is
/// valid draft-07 (the draft taplo supports best). Formats (`uri`) are
/// checked, as editors check them.
fn validator(name: &str) -> Validator {
    let schema = read_json(&schema_path(name));
    if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
        panic!("{name} is not a valid draft-07 schema: {e}");
    }
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A TOML document as the JSON value editors validate.
fn toml_to_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(table).expect("TOML converts to JSON")
}

fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("at `{}`: {e}", e.instance_path()))
        .collect()
}

/// Every folder under `examples/` that holds a `catalog.toml`, found on
/// its own, so that one missing from `errcat.toml` cannot go unchecked.
fn example_catalogs_on_disk() -> Vec<PathBuf> {
    fn find(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
        if dir.join("catalog.toml").is_file() && !found.iter().any(|f| f == dir) {
            found.push(dir.to_owned());
        }
        if depth == 0 {
            return;
        }
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n == "target" || n == "generated" || n == "node_modules")
            })
            .collect();
        children.sort();
        for child in children {
            find(&child, depth - 1, found);
        }
    }
    let mut dirs = Vec::new();
    find(&support::repo_root().join("examples"), 3, &mut dirs);
    dirs
}

/// What the schemas are checked against: the catalogs the tests share,
/// and any other found under `examples/` (a build script's).
fn all_catalogs() -> Vec<PathBuf> {
    let mut dirs = support::catalog_dirs();
    for dir in example_catalogs_on_disk() {
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

#[test]
fn errcat_toml_lists_every_example_catalog() {
    let listed = support::repository_catalogs();
    // A build script generates its crate's catalog; errcat.toml does not.
    let built = |dir: &Path| dir.parent().is_some_and(|p| p.join("build.rs").is_file());
    for dir in example_catalogs_on_disk().into_iter().filter(|d| !built(d)) {
        assert!(
            listed.contains(&dir),
            "`{}` holds a catalog that errcat.toml does not list, so `cargo xtask gen` never generates it",
            dir.display()
        );
    }
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable catalog folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn schema_for(file: &Path) -> &'static str {
    if file.file_name().is_some_and(|n| n == "catalog.toml") {
        "catalog.schema.json"
    } else {
        "codes.schema.json"
    }
}

#[test]
fn every_catalog_file_validates_against_its_schema() {
    let catalog = validator("catalog.schema.json");
    let codes = validator("codes.schema.json");
    let mut problems = Vec::new();
    let mut code_count = 0;
    for dir in all_catalogs() {
        let files = toml_files(&dir);
        assert!(
            files.iter().any(|f| f.ends_with("catalog.toml")) && files.len() > 1,
            "{} needs a catalog.toml and at least one code file",
            dir.display()
        );
        for file in files {
            let instance = toml_to_json(&fs::read_to_string(&file).unwrap());
            let validator = match schema_for(&file) {
                "catalog.schema.json" => &catalog,
                _ => {
                    code_count += instance.as_object().map_or(0, |o| o.len());
                    &codes
                }
            };
            for error in errors(validator, &instance) {
                problems.push(format!("{}: {error}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The four seed catalogs alone hold well over a hundred codes; far fewer
    // means files were skipped, not validated.
    assert!(code_count > 100, "only {code_count} codes validated");
}

/// Editors find the schema through the file's first line, relative to the
/// file; a wrong path silently turns completion and checking off.
#[test]
fn shipped_catalog_files_name_their_schema() {
    let mut problems = Vec::new();
    // The test fixture is kept minimal on purpose.
    for dir in support::repository_catalogs() {
        for file in toml_files(&dir) {
            let text = fs::read_to_string(&file).unwrap();
            let first = text.lines().next().unwrap_or_default();
            let Some(target) = first.strip_prefix("#:schema ") else {
                problems.push(format!(
                    "{}: first line is not `#:schema ...`",
                    file.display()
                ));
                continue;
            };
            let resolved = file.parent().unwrap().join(target.trim());
            let expected = schema_path(schema_for(&file));
            match resolved.canonicalize() {
                Ok(path) if path == expected.canonicalize().unwrap() => {}
                _ => problems.push(format!(
                    "{}: `#:schema {target}` should lead to {}",
                    file.display(),
                    expected.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn enum_at<'a>(schema: &'a Value, pointer: &str) -> Vec<&'a str> {
    schema
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {pointer}"))
        .iter()
        .map(|v| v.as_str().expect("string enum"))
        .collect()
}

/// The schemas spell out what the model accepts; a new wire shape, gRPC code
/// or header must reach editors too.
#[test]
fn schema_enums_match_the_model() {
    let codes = read_json(&schema_path("codes.schema.json"));
    let catalog = read_json(&schema_path("catalog.schema.json"));
    let code = "/definitions/code/properties";
    let shapes: Vec<_> = WireShape::ALL.map(WireShape::as_str).into();
    assert_eq!(
        enum_at(&codes, &format!("{code}/wire_shape/anyOf/0/enum")),
        shapes
    );
    assert_eq!(
        enum_at(
            &catalog,
            "/definitions/catalog/properties/wire_shape/anyOf/0/enum"
        ),
        shapes
    );
    // A declared shape may not take a built-in one's name.
    assert_eq!(
        enum_at(&catalog, "/definitions/shapes/propertyNames/not/enum"),
        shapes
    );
    assert_eq!(
        enum_at(
            &catalog,
            "/definitions/catalog/properties/code_style/oneOf/0/enum"
        ),
        CodeStyle::ALL.map(CodeStyle::as_str)
    );
    assert_eq!(
        enum_at(&codes, &format!("{code}/grpc/enum")),
        GrpcCode::ALL.map(GrpcCode::as_str)
    );
    assert_eq!(
        enum_at(&codes, &format!("{code}/details/anyOf/0/enum")),
        DetailsKind::WRITTEN.map(DetailsKind::as_str)
    );
    assert_eq!(
        enum_at(&codes, &format!("{code}/params/additionalProperties/enum")),
        ParamType::ALL.map(ParamType::as_str)
    );
}

fn code_file_errors(text: &str) -> Vec<String> {
    errors(&validator("codes.schema.json"), &toml_to_json(text))
}

fn catalog_file_errors(text: &str) -> Vec<String> {
    errors(&validator("catalog.schema.json"), &toml_to_json(text))
}

#[test]
fn a_misspelled_field_fails() {
    let problems = code_file_errors(
        r#"
        [RATE_LIMITED]
        status = 429
        message = "Too many requests"
        retriable = true
        "#,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("retriable"), "{problems:?}");
    assert!(problems[0].contains("/RATE_LIMITED"), "{problems:?}");
}

#[test]
fn wrong_values_fail_where_the_loader_would_reject_them() {
    let bad = [
        // Status outside 100..=599.
        r#"[OK]
           status = 600
           message = "fine""#,
        // Missing message.
        "[NO_MESSAGE]\nstatus = 400",
        // A placeholder without `params`.
        r#"[VERSION_NOT_FOUND]
           status = 404
           message = "version {version} does not exist""#,
        // Unknown parameter type.
        r#"[X]
           status = 400
           message = "{n}"
           params = { n = "u64" }"#,
        // Parameter names are snake_case.
        r#"[X]
           status = 400
           message = "{serviceName}"
           params = { serviceName = "string" }"#,
        // A header errcat cannot fill, in the list form.
        r#"[X]
           status = 429
           message = "slow down"
           headers = ["X-RateLimit-Limit"]"#,
        // A framing header, in any case.
        r#"[X]
           status = 400
           message = "m"
           headers = { content-length = "1" }"#,
        // A header value with a line break.
        "[X]\nstatus = 401\nmessage = \"m\"\nheaders = { WWW-Authenticate = \"Bearer\\r\\nX: y\" }",
        // Unknown gRPC code name (OK is not an error).
        r#"[X]
           status = 400
           message = "m"
           grpc = "OK""#,
        // An empty resolve.
        "[X]\nstatus = 400\nmessage = \"m\"\nresolve = {}",
        // Resolve with an unknown method.
        "[X]\nstatus = 400\nmessage = \"m\"\nresolve = { method = \"FETCH\" }",
        // A top-level key that is not a code table.
        "status = 400",
        // A code with whitespace around it, which no platform sends.
        "[\" rate-limited\"]\nstatus = 429\nmessage = \"m\"",
    ];
    for text in bad {
        assert!(
            !code_file_errors(text).is_empty(),
            "should fail the schema:\n{text}"
        );
    }
}

#[test]
fn the_schema_accepts_what_the_format_allows() {
    let problems = code_file_errors(
        r#"
        [LITERAL_BRACES]
        status = 400
        message = "expected {{ and }} around the body"

        [RATE_LIMITED]
        status = 429
        message = "limit is {limit} per minute"
        params = { limit = "unsigned" }
        throttling = true
        retry_after = 60
        headers = ["retry-after"]
        grpc = "RESOURCE_EXHAUSTED"
        deprecated = { since = "2.0", replacement = "LITERAL_BRACES" }
        resolve = { action = "upgrade_plan", method = "POST", endpoint = "/v1/billing/subscription" }

        [TOKEN_INVALID]
        status = 401
        message = "invalid token: {reason}"
        params = { reason = "string" }
        headers = { WWW-Authenticate = 'Bearer realm="api", error="{reason}"', RateLimit-Limit = "100" }
        "#,
    );
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn catalog_settings_are_checked() {
    let good = r#"
        [catalog]
        name = "fold"
        title = "Fold API"
        code_style = "SCREAMING_SNAKE_CASE"

        [[category]]
        id = "limits"
        title = "Limits"
    "#;
    assert!(catalog_file_errors(good).is_empty());
    for (from, to) in [
        (
            r#"code_style = "SCREAMING_SNAKE_CASE""#,
            r#"code_style = "kebab-case""#,
        ),
        (r#"name = "fold""#, r#"name = "Fold""#),
        (r#"title = "Fold API""#, r#"titel = "Fold API""#),
        (r#"id = "limits""#, r#"id = "rate-limits""#),
        ("[[category]]", "[[categories]]"),
    ] {
        let bad = good.replace(from, to);
        assert_ne!(bad, good);
        assert!(!catalog_file_errors(&bad).is_empty(), "should fail:\n{bad}");
    }
}

#[test]
fn every_property_is_documented() {
    fn walk(value: &Value, at: &str, missing: &mut Vec<String>) {
        let Some(object) = value.as_object() else {
            return;
        };
        if let Some(Value::Object(properties)) = object.get("properties") {
            for (name, property) in properties {
                let documented = property.get("description").is_some()
                    || property.get("$ref").is_some_and(|r| r.is_string());
                if !documented {
                    missing.push(format!("{at}/properties/{name}"));
                }
            }
        }
        for (key, child) in object {
            walk(child, &format!("{at}/{key}"), missing);
        }
    }
    for name in ["catalog.schema.json", "codes.schema.json"] {
        let mut missing = Vec::new();
        walk(&read_json(&schema_path(name)), "", &mut missing);
        assert!(missing.is_empty(), "{name}: undocumented {missing:?}");
    }
    // `$ref`s are documented at their definitions.
    let catalog = read_json(&schema_path("catalog.schema.json"));
    for definition in ["catalog", "category"] {
        assert!(
            catalog["definitions"][definition]["description"].is_string(),
            "{definition}"
        );
    }
}

/// The schema is a convenience for editors; the loader is the authority.
/// Every shipped catalog must pass both, or an editor shows a clean file
/// that `errcat gen` rejects.
#[test]
fn shipped_catalogs_also_load() {
    for dir in all_catalogs() {
        if let Err(diagnostics) = errcat_codegen::load_dir(&dir) {
            panic!("{} does not load:\n{diagnostics}", dir.display());
        }
    }
}

/// Statuses and shapes the example catalogs chose on purpose, each argued in
/// a comment next to the code: where the Fold pages disagree the error
/// reference wins, OAuth 2 codes keep their own shape, and the statuses the
/// sources leave open stay as decided unless someone edits them knowingly.
#[test]
fn deliberate_choices_in_the_examples_hold() {
    let root = support::repo_root();
    let load = |dir: &str| {
        errcat_codegen::load_dir(&root.join(dir))
            .unwrap_or_else(|d| panic!("{dir} does not load:\n{d}"))
    };
    let fold = load("catalog");
    let workspaces = load("examples/workspaces/catalog");
    let function_compute = load("examples/function-compute/catalog");
    let billing = load("examples/billing/catalog");
    let expected = [
        (&fold, "BINDING_NOT_FOUND", 404),
        (&fold, "BINDING_NOT_ALLOWED", 400),
        (&fold, "DEPLOY_FAILED", 500),
        (&fold, "ROLLBACK_FAILED", 500),
        (&fold, "DISPATCH_NOT_CONFIGURED", 501),
        (&fold, "USAGE_LIMIT_EXCEEDED", 429),
        (&fold, "DOWNGRADE_BLOCKED", 409),
        (&workspaces, "workspace_slug_invalid", 400),
        (&workspaces, "payment_method_required", 402),
        (&workspaces, "webhook_secret_required", 500),
        (&function_compute, "ConcurrentUpdateError", 409),
        (&billing, "no_active_plan", 402),
        (&billing, "rate_limit_exceeded", 429),
        (&billing, "email_exists", 409),
        (&billing, "token_expired", 410),
        (&billing, "feature_check_failed", 500),
    ];
    for (catalog, code, status) in expected {
        let found = catalog
            .find(code)
            .unwrap_or_else(|| panic!("{} has no {code}", catalog.name));
        assert_eq!(found.status, Some(status), "{code}");
    }
    for code in [
        "invalid_grant",
        "invalid_client",
        "unsupported_grant_type",
        "access_denied",
    ] {
        assert_eq!(
            workspaces.find(code).map(|c| c.wire_shape),
            Some(WireShape::OAuth2),
            "{code}"
        );
    }
    let rate_limited = fold.find("RATE_LIMITED").unwrap();
    assert!(rate_limited.retry.throttling && rate_limited.retry.retryable);
    let names: Vec<&str> = rate_limited
        .headers
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset"
        ]
    );
    let version = function_compute.find("VersionNotFound").unwrap();
    let types: Vec<_> = version.message.params.iter().map(|p| p.ty).collect();
    assert_eq!(types, [ParamType::Integer, ParamType::String]);
}
