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
//! Layout after thiserror: [`attr`] reads attributes, [`ast`] builds the
//! model, [`valid`] checks what rustc cannot, [`expand`] writes the impls and
//! [`fallback`] stands in for them when the input has mistakes, so one
//! mistake is one error. Mistakes are collected as in serde_derive's `Ctxt`.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Maps a service error enum onto a catalog; see the crate docs of `errcat`.
///
/// ```ignore
/// #[derive(Debug, errcat::ApiError)]
/// #[api_error(catalog = fold_errors)]
/// enum DeployError {
///     #[api_error(code = "FUNCTION_NOT_FOUND")]
///     Missing { function_id: String },
///     #[api_error(code = "RATE_LIMITED", retry_after = 30)]
///     Busy,
///     #[api_error(code = "INTERNAL_ERROR")]
///     Io(#[source] std::io::Error),
/// }
/// ```
#[proc_macro_derive(ApiError, attributes(api_error, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
