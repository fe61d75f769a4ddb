//! The OpenAPI document passes the reference validator, and every example
//! body it shows matches its own JSON Schema, for every catalog in the
//! repository.

use crate::support;

use std::path::PathBuf;
use std::process::Command;

use errcat::shape::CodeForm;
use errcat_codegen::emit::{example, json_schema, openapi};
use errcat_codegen::model::{Catalog, WireShape};
use serde_json::Value;

/// Every catalog the repository ships, and the fixture that uses every field.
fn catalogs() -> Vec<(PathBuf, Catalog)> {
    let dirs = support::catalog_dirs();
    dirs.into_iter()
        .map(|dir| {
            let catalog = errcat_codegen::load_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
            (dir, catalog)
        })
        .collect()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("emitted JSON parses")
}

/// Runs openapi-spec-validator (what `cargo xtask test` installs); `None`
/// when it is missing and the tools are not required.
fn validator_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        if std::env::var_os("ERRCAT_REQUIRE_TOOLS").is_some() {
            panic!(
                "openapi-spec-validator is missing; `cargo xtask test` installs it \
                 (python3 -m pip install openapi-spec-validator==0.9.0)"
            );
        }
        eprintln!("skipped: openapi-spec-validator is not installed");
    }
    found
}

#[test]
fn openapi_documents_pass_the_reference_validator() {
    if !validator_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (source, catalog) in catalogs() {
        let [file] = &openapi::emit(&catalog)[..] else {
            panic!("one OpenAPI document per catalog")
        };
        assert!(errcat_codegen::emit::is_generated(&file.contents));
        let path = dir.path().join(format!("{}.json", catalog.name));
        std::fs::write(&path, &file.contents).unwrap();
        files.push((source, path));
    }
    // One run for all documents: the validator's start-up dominates.
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .args(files.iter().map(|(_, path)| path))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "invalid OpenAPI among {:?}:\n{}{}",
        files.iter().map(|(source, _)| source).collect::<Vec<_>>(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(report.matches(": OK").count(), files.len(), "{report}");
}

#[test]
fn a_broken_document_fails_the_reference_validator() {
    // Proves the test above can fail: a response without its required
    // description is not OpenAPI.
    if !validator_available() {
        return;
    }
    let (_, catalog) = catalogs().remove(0);
    let mut document = openapi::document(&catalog);
    document["components"]["responses"]["AUTH_REQUIRED"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, document.to_string()).unwrap();
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn every_code_has_a_response_and_is_in_the_enum() {
    for (_, catalog) in catalogs() {
        let document = openapi::document(&catalog);
        let components = &document["components"];
        let name = openapi::code_schema_name(&catalog);
        let codes: Vec<&str> = components["schemas"][&name]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for code in &catalog.codes {
            let response = &components["responses"][&code.code];
            if code.retired.is_some() {
                assert!(response.is_null(), "retired {} has a response", code.code);
                assert!(!codes.contains(&code.code.as_str()));
                continue;
            }
            assert!(codes.contains(&code.code.as_str()), "{}", code.code);
            let content = response["content"].as_object().unwrap();
            let types: Vec<&str> = content.keys().map(String::as_str).collect();
            let mut expected = vec![code.wire_shape.content_type()];
            if code.wire_shape != WireShape::Problem {
                expected.push("application/problem+json");
            }
            assert_eq!(types, expected, "{}", code.code);
            for header in &code.headers {
                let object = &response["headers"][header.name.as_str()];
                match object.get("$ref") {
                    Some(reference) => {
                        assert_eq!(reference, &format!("#/components/headers/{}", header.name))
                    }
                    None => assert_eq!(object["schema"]["type"], "string", "{}", code.code),
                }
            }
        }
        // Only the shapes in use are described, and problem details always.
        let schemas = components["schemas"].as_object().unwrap();
        for shape in catalog.shapes() {
            let used = shape == WireShape::Problem
                || catalog
                    .codes
                    .iter()
                    .any(|c| c.retired.is_none() && c.wire_shape == shape);
            assert_eq!(
                schemas.contains_key(openapi::schema_name(shape)),
                used,
                "{} in {}",
                shape.as_str(),
                catalog.name
            );
        }
    }
}

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::meta::validate(schema).expect("a valid 2020-12 schema");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// Members of `body` (and of the nested shape's `error` object) that the
/// schema does not declare: allowed for clients, but a sign that the schema
/// and the bodies have drifted apart.
fn undeclared(schema: &Value, body: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let declared = &schema["properties"];
    for (key, value) in body.as_object().unwrap() {
        if declared.get(key).is_none() {
            found.push(key.clone());
        } else if declared[key]["properties"].is_object() && value.is_object() {
            found.extend(undeclared(&declared[key], value));
        }
    }
    found
}

#[test]
fn example_bodies_match_the_json_schemas() {
    for (_, catalog) in catalogs() {
        let files = json_schema::emit(&catalog);
        let shapes = json_schema::shapes_in_use(&catalog);
        assert_eq!(files.len(), shapes.len());
        for (file, shape) in files.iter().zip(shapes) {
            assert_eq!(file.path, json_schema::file_name(shape));
            assert!(errcat_codegen::emit::is_generated(&file.contents));
            let schema = parse(&file.contents);
            let validator = compile(&schema);
            let codes = json_schema::codes_in(&catalog, shape);
            assert!(!codes.is_empty(), "{} has no codes", file.path);
            for code in codes {
                let body = example::body_in(&catalog, code, shape);
                let errors: Vec<String> = validator
                    .iter_errors(&body)
                    .map(|e| e.to_string())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{} in {}: {errors:?}",
                    code.code,
                    file.path
                );
                assert_eq!(undeclared(&schema, &body), Vec::<String>::new());
            }
        }
    }
}

#[test]
fn the_schemas_reject_unknown_codes_and_missing_members() {
    let (_, catalog) = catalogs().remove(0);
    for file in json_schema::emit(&catalog) {
        let validator = compile(&parse(&file.contents));
        let shape = catalog
            .shapes()
            .find(|s| json_schema::file_name(*s) == file.path)
            .unwrap();
        let code = json_schema::codes_in(&catalog, shape)[0];
        let good = example::body_in(&catalog, code, shape);
        assert!(validator.is_valid(&good), "{}", file.path);
        let text = good.to_string();
        // A shape of numbered codes holds the number where others hold
        // the code.
        let (sent, other) = match shape.spec().code_form {
            CodeForm::Number => (code.number.unwrap().to_string(), "999999999".to_owned()),
            _ => (format!("\"{}\"", code.code), "\"NOT_A_CODE\"".to_owned()),
        };
        assert!(text.contains(&sent), "{text}");
        let unknown = parse(&text.replace(&sent, &other));
        assert!(!validator.is_valid(&unknown), "{}", file.path);
        let mut missing = good.clone();
        let first = missing.as_object().unwrap().keys().next().unwrap().clone();
        missing.as_object_mut().unwrap().remove(&first);
        assert!(
            !validator.is_valid(&missing),
            "{} without {first}",
            file.path
        );
    }
}

/// An edit that makes a body's details break their declared types.
type Breaking = fn(&mut Value);

fn details(body: &mut Value) -> &mut Value {
    &mut body["details"]
}

/// Typed details are part of the schema: in every shape that carries the
/// code, a body whose details break the declared types is rejected, and
/// one that leaves out an optional member is not.
#[test]
fn the_schemas_type_declared_details() {
    let dir = support::repo_root().join("codegen/tests/fixtures/mini");
    let catalog = errcat_codegen::load_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
    let code = catalog.find("VERSION_NOT_FOUND").unwrap();
    for shape in [WireShape::Flat, WireShape::Problem] {
        let file = json_schema::emit(&catalog)
            .into_iter()
            .find(|f| f.path == json_schema::file_name(shape))
            .unwrap();
        let validator = compile(&parse(&file.contents));
        let good = example::body_in(&catalog, code, shape);
        assert!(validator.is_valid(&good), "{}", file.path);
        let mut lean = good.clone();
        details(&mut lean).as_object_mut().unwrap().remove("latest");
        details(&mut lean)["retention"]
            .as_object_mut()
            .unwrap()
            .remove("policy");
        assert!(validator.is_valid(&lean), "{}: optional members", file.path);
        let broken: [(&str, Breaking); 4] = [
            ("a string for unsigned", |d| {
                d["retention"]["days"] = "7".into()
            }),
            ("a required member missing", |d| {
                d.as_object_mut().unwrap().remove("service");
            }),
            ("a negative unsigned", |d| d["versions"][0] = (-1).into()),
            ("an element of the wrong type", |d| {
                d["conflicts"][0]["pinned"] = "yes".into();
            }),
        ];
        for (what, breaking) in broken {
            let mut body = good.clone();
            breaking(details(&mut body));
            assert!(!validator.is_valid(&body), "{}: {what}", file.path);
        }
        // Another code's details are not held to these types.
        let mut other = good.clone();
        let code_member = if shape == WireShape::Flat {
            "code"
        } else {
            "error_code"
        };
        other[code_member] = "VALIDATION_ERROR".into();
        details(&mut other)["service"] = 3.into();
        assert!(validator.is_valid(&other), "{}: another code", file.path);
    }
}
