//! `#[derive(ApiError)]`: maps each variant of a service's own error enum to
//! a code of an errcat catalog, and lets the compiler check the mapping.
//!
//! The macro never reads the catalog. The generated catalog crate carries,
//! per code, a struct whose fields are the code's template parameters (see
//! `codegen/src/emit/rust/derive_support.rs`); the derive writes a struct
//! literal of it from the variant's fields, with the user's spans. So rustc
//! itself reports an unknown code ("cannot find struct ... a struct with a
//! similar name exists"), a parameter with no field ("missing field"), a field
//! of the wrong type (a trait bound naming the declared type) and a
//! deprecated code (the deprecation lint, naming the replacement) — and the
//! catalog is a dependency like any other, so cargo rebuilds exactly when it
//! changes.
//!
//! Layout after thiserror: `attr` reads attributes, `ast` builds the
//! model, `valid` checks what rustc cannot, `expand` writes the impls and
//! `fallback` stands in for them when the input has mistakes, so one
//! mistake is one error. Mistakes are collected as in serde_derive's `Ctxt`.

mod ast;
mod attr;
mod code_name;
mod ctxt;
mod expand;
mod fallback;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Maps a service error enum onto a catalog, re-exported as
/// `errcat::ApiError` (feature `macros`).
///
/// ```ignore
/// #[derive(Debug, errcat::ApiError)]
/// #[api_error(catalog = fold_errors)]
/// enum DeployError {
///     #[api_error(code = "FUNCTION_NOT_FOUND")]
///     Missing { function_id: String },
///     #[api_error(code = "RATE_LIMITED", retry_after = 30)]
///     Busy { limit: u32 },
///     #[api_error(code = "VALIDATION_ERROR")]
///     Invalid { #[api_error(details)] problems: Vec<(String, String)> },
///     #[api_error(code = "INTERNAL_ERROR")]
///     Io(#[from] std::io::Error),
/// }
/// ```
///
/// - `catalog = path` (on the enum): the generated catalog crate, or the
///   module a build script's output is `include!`d into (`crate` works).
/// - `code = "CODE"` (on every variant; a bare `CODE` works too): the code
///   the variant answers with. `retry_after = N` overrides its `Retry-After`.
/// - Every named field fills the template parameter of the same name and
///   must have its declared type (`string`: anything `Display`; numbers:
///   lossless integer and float types; `bool`), except the source
///   (`#[source]`, `#[from]` or a field named `source`), the
///   `#[api_error(details)]` field (a `serde_json::Value` or field errors)
///   and `#[api_error(skip)]` fields. Tuple fields are never parameters.
///
/// The enum gets `Display` (the rendered message), `std::error::Error`
/// (with its source), `From` into `errcat::Error<Code>` (by value, with the
/// source, and by reference) and into the catalog's error type, `From` for
/// each `#[from]` field, and with errcat's `axum` feature `IntoResponse`, so
/// handlers return it directly. A server error's source is kept for logs and
/// never rendered.
#[proc_macro_derive(ApiError, attributes(api_error, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
