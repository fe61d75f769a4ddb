//! The conformance kit: its format, that it covers every code in every
//! shape a service sends it in, and that its bodies are the ones the docs
//! show. The parsers are run against it in `typescript_node` (TypeScript)
//! and the example service's `tests/conformance.rs` (Rust).

use crate::harness;

use std::collections::BTreeSet;

use errcat_codegen::emit::{conformance, example, is_generated};
use errcat_codegen::model::{Catalog, WireShape};
use serde_json::Value;

fn kit(catalog: &Catalog) -> (String, Value) {
    let files = conformance::emit(catalog);
    assert_eq!(files.len(), 1, "the kit is one file");
    assert_eq!(files[0].path, conformance::FILE);
    let text = files[0].contents.clone();
    let value = serde_json::from_str(&text).expect("the kit is JSON");
    (text, value)
}

fn all_catalogs() -> Vec<Catalog> {
    let mut catalogs: Vec<Catalog> = harness::catalogs().into_iter().map(|(_, c)| c).collect();
    catalogs.push(harness::mini());
    catalogs
}

#[test]
fn every_code_is_there_in_its_shape_and_as_problem_details() {
    for catalog in all_catalogs() {
        let (text, kit) = kit(&catalog);
        assert!(is_generated(&text));
        assert_eq!(kit["catalog"], catalog.name.as_str());
        assert_eq!(kit["now"], conformance::NOW);
        let cases = kit["cases"].as_array().unwrap();
        let names: BTreeSet<&str> = cases.iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(
            names.len(),
            cases.len(),
            "{}: case names repeat",
            catalog.name
        );
        let body_of = |name: &str| {
            let case = cases.iter().find(|c| c["name"] == name);
            let case = case.unwrap_or_else(|| panic!("{}: no case {name}", catalog.name));
            serde_json::from_str::<Value>(case["response"]["body"].as_str().unwrap()).unwrap()
        };
        for code in &catalog.codes {
            let kind = if code.retired.is_some() {
                "retired"
            } else {
                "code"
            };
            for shape in [code.wire_shape, WireShape::Problem] {
                let name = format!("{kind}/{}/{}", code.code, shape.as_str());
                assert_eq!(
                    body_of(&name),
                    example::body_in(&catalog, code, shape),
                    "{}: {name} is not the docs' example",
                    catalog.name
                );
            }
            for alias in &code.aliases {
                let body = body_of(&format!("alias/{alias}")).to_string();
                assert!(body.contains(&format!("\"{alias}\"")), "{body}");
            }
        }
        // Every case says what it expects of every field, and each trap why
        // it is there.
        for case in cases {
            let expect = case["expect"].as_object().unwrap();
            assert_eq!(expect.len(), 13, "{}", case["name"]);
            let name = case["name"].as_str().unwrap();
            let is_code = ["code/", "retired/", "alias/"]
                .iter()
                .any(|p| name.starts_with(p));
            assert_eq!(case.get("about").is_some(), !is_code, "{name}");
        }
    }
}

#[test]
fn the_kit_changes_only_with_the_catalog() {
    let catalog = harness::mini();
    assert_eq!(kit(&catalog).0, kit(&catalog).0);
    insta::assert_snapshot!("conformance_mini_cases_json", kit(&catalog).0);
}
