//! `model::RESERVED_RUST_FNS` must name every method a per-code constructor
//! could collide with: the generated error type's own, and those of
//! `errcat::Error`, which it derefs to. Both are read from source here, so a
//! method added to either without reserving its name fails this test.

use crate::support;

use errcat_codegen::emit::rust;
use errcat_codegen::model::RESERVED_RUST_FNS;

/// Names of `pub fn`s in inherent impls of types named `type_name`.
fn pub_fns(source: &str, type_name: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("Rust source parses");
    let mut names = Vec::new();
    for item in file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(self_ty) = &*block.self_ty else {
            continue;
        };
        let is_type = self_ty
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == type_name);
        if !is_type || block.trait_.is_some() {
            continue;
        }
        for member in block.items {
            if let syn::ImplItem::Fn(f) = member
                && matches!(f.vis, syn::Visibility::Public(_))
            {
                names.push(f.sig.ident.to_string());
            }
        }
    }
    names
}

#[test]
fn every_runtime_error_method_is_reserved() {
    let runtime = support::repo_root().join("runtime/src");
    let mut methods = Vec::new();
    for file in ["error.rs", "render.rs"] {
        let source = std::fs::read_to_string(runtime.join(file)).unwrap();
        methods.extend(pub_fns(&source, "Error"));
    }
    assert!(methods.len() > 20, "found only {methods:?}");
    let missing: Vec<&String> = methods
        .iter()
        .filter(|m| !RESERVED_RUST_FNS.contains(&m.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in RESERVED_RUST_FNS: {missing:?}");
}

#[test]
fn every_method_of_the_generated_error_type_is_reserved() {
    let catalog = errcat_codegen::load_dir(&support::fixture("mini")).unwrap();
    let constructors: Vec<String> = catalog.codes.iter().map(|c| c.rust_fn()).collect();
    let module = rust::module(&catalog);
    let methods = pub_fns(&module, &catalog.rust_error_type());
    let missing: Vec<&String> = methods
        .iter()
        .filter(|m| !constructors.contains(m) && !RESERVED_RUST_FNS.contains(&m.as_str()))
        .collect();
    assert!(methods.contains(&"with_source".to_owned()));
    assert!(missing.is_empty(), "not in RESERVED_RUST_FNS: {missing:?}");
}
