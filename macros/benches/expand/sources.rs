//! The sources the derive bench compiles: a catalog of `CODES` codes and a
//! service enum of `VARIANTS` variants mapped onto it, with the derive or
//! without it.

use std::fmt::Write as _;

use crate::{CODES, VARIANTS};

pub const CATALOG_TOML: &str = r#"[catalog]
name = "bench"
title = "Bench API"
code_style = "SCREAMING_SNAKE_CASE"

[[category]]
id = "codes"
title = "Codes"
"#;

/// Every third code has a string parameter, every third an unsigned one,
/// the rest none, so the derive exercises each kind of field.
pub fn codes_toml() -> String {
    let mut out = String::new();
    for i in 0..CODES {
        let _ = writeln!(out, "[CODE_{i:05}]\nstatus = {}", 400 + i % 100);
        let _ = match i % 3 {
            0 => writeln!(
                out,
                "message = \"Item {{name}} failed\"\nparams = {{ name = \"string\" }}"
            ),
            1 => writeln!(
                out,
                "message = \"Limit {{limit}} reached\"\nparams = {{ limit = \"unsigned\" }}"
            ),
            _ => writeln!(out, "message = \"Code {i} happened\""),
        };
        out.push('\n');
    }
    out
}

/// The service's enum: variant `i` answers with code `i * 10`, with the
/// fields that code's message needs.
pub fn service_enum(derive: bool) -> String {
    let mut out = String::new();
    if derive {
        out.push_str("#[derive(Debug, errcat::ApiError)]\n#[api_error(catalog = bench_errors)]\n");
    } else {
        out.push_str("#[derive(Debug)]\n");
    }
    out.push_str("pub enum ServiceError {\n");
    for v in 0..VARIANTS {
        let code = v * (CODES / VARIANTS);
        if derive {
            let _ = writeln!(out, "    #[api_error(code = \"CODE_{code:05}\")]");
        }
        let _ = match code % 3 {
            0 => writeln!(out, "    Variant{v} {{ name: String }},"),
            1 => writeln!(out, "    Variant{v} {{ limit: u32 }},"),
            _ => writeln!(out, "    Variant{v},"),
        };
    }
    out.push_str("}\n");
    out
}
