//! The build-script path: the catalog in `errors/` becomes `demo_errors.rs`
//! in OUT_DIR, which `src/lib.rs` includes.

fn main() {
    errcat_codegen::build::Builder::new()
        .catalog_dir("errors")
        .generate()
        .unwrap();
}
