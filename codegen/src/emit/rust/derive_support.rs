//! Items of a generated catalog crate that `#[derive(errcat::ApiError)]`
//! names, so rustc itself checks a service's mapping onto the catalog.
//!
//! Owner: the derive (issue 4). For the Rust emitter: put the tokens of
//! [`module`] at the root of the generated crate (`lib.rs`) and of
//! [`super::module`], next to the code enum: `mod derive_support;` and
//! `derive_support::module(catalog, &derive_support::structs(..))`, the
//! per-code structs being a list `super::splice` formats a chunk at a time.
//! They name `super::<CodeType>` and `super::<ErrorType>` and nothing else of
//! yours, and pass `clippy::pedantic` with `missing_docs` and warnings denied
//! (checked on the mini fixture, the fold catalog and the build-script demo).
//!
//! Per code there is one struct in `__api_error::codes`, named exactly like
//! the code, whose fields are the code's template parameters. The derive
//! writes a struct literal of it with the user's spans:
//!
//! - an unknown code is rustc's "cannot find struct ... in module
//!   `..::codes`" at the code string, with "a struct with a similar name
//!   exists" naming the nearest code;
//! - a parameter without a field is "missing field `x`", a field that is no
//!   parameter is "struct has no field named `y`";
//! - a field of the wrong type fails the parameter's argument trait (the
//!   runtime's, re-exported here), whose `on_unimplemented` message names
//!   the declared type;
//! - a deprecated code's struct is `#[deprecated]`, so its use warns and
//!   names the replacement;
//! - an `#[api_error(details)]` field on a code that declares no details
//!   fails the runtime's `DeclaresDetails`, which only the structs of codes
//!   with details implement, at the field.
//!
//! Retired codes get no struct: they are never emitted again.
//!
//! Size matters (catalogs reach 10,000 codes): one small struct and one
//! `#[inline]` impl per code, so nothing is compiled for a code until a
//! service uses it.

use std::fmt::Write as _;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::splice::{self, Kind, List};
use crate::model::{Catalog, Code, DetailsKind, ParamType};

/// The `__api_error` module for `catalog`.
pub fn module(catalog: &Catalog, structs: &List<'_>) -> TokenStream {
    let code_type = format_ident!("{}", catalog.rust_code_type());
    let error_type = format_ident!("{}", catalog.rust_error_type());
    let structs = structs.tokens();
    quote! {
        /// Support for `#[derive(errcat::ApiError)]`; not an API of its own.
        // Only derives use it: a crate that includes the catalog in a
        // private module (the build-script path) and derives nothing, or
        // derives for some codes, leaves the rest unused by design.
        #[doc(hidden)]
        #[allow(dead_code, unused_imports)]
        pub mod __api_error {
            /// The runtime's error for this catalog, which a derived enum
            /// converts into (and through it, renders).
            pub type Error = ::errcat::Error<super::#code_type>;

            /// The catalog's own error type, which a derived enum also
            /// converts into, so `?` works in code returning it.
            pub type CatalogError = super::#error_type;

            pub use ::errcat::__impl_into_response as impl_into_response;

            /// A code's parameters, as filled from a variant's fields.
            pub trait Params {
                fn into_error(self) -> Error;
            }

            #[inline]
            #[must_use]
            pub fn new(params: impl Params) -> Error {
                params.into_error()
            }

            #[inline]
            #[must_use]
            pub fn with_source(error: Error, source: impl ::core::convert::Into<::errcat::Source>) -> Error {
                error.with_source(source)
            }

            #[inline]
            #[must_use]
            pub fn with_retry_after(error: Error, seconds: u32) -> Error {
                error.with_retry_after(seconds)
            }

            /// A field that can be a body's `details`: a JSON value, or
            /// field-level errors, as `{"field": ["message", ...]}`.
            #[diagnostic::on_unimplemented(
                message = "`{Self}` cannot be an error's `details`",
                label = "marked `#[api_error(details)]`",
                note = "details are a `serde_json::Value`, or field errors: a `Vec<(field, message)>` or a `BTreeMap<field, Vec<message>>`"
            )]
            pub trait Details {
                fn apply(&self, error: Error) -> Error;
            }

            impl<F: ::core::convert::AsRef<str>, M: ::core::fmt::Display> Details for [(F, M)] {
                fn apply(&self, mut error: Error) -> Error {
                    for (field, message) in self {
                        error = error.with_field_error(field.as_ref(), ::std::string::ToString::to_string(message));
                    }
                    error
                }
            }

            impl<F: ::core::convert::AsRef<str>, M: ::core::fmt::Display> Details for ::std::vec::Vec<(F, M)> {
                fn apply(&self, error: Error) -> Error {
                    self.as_slice().apply(error)
                }
            }

            impl<F: ::core::convert::AsRef<str>, M: ::core::fmt::Display> Details
                for ::std::collections::BTreeMap<F, ::std::vec::Vec<M>>
            {
                fn apply(&self, mut error: Error) -> Error {
                    for (field, messages) in self {
                        for message in messages {
                            error = error.with_field_error(field.as_ref(), ::std::string::ToString::to_string(message));
                        }
                    }
                    error
                }
            }

            impl Details for ::errcat::serde_json::Value {
                fn apply(&self, error: Error) -> Error {
                    error.with_details(::core::clone::Clone::clone(self))
                }
            }

            #[inline]
            #[must_use]
            pub fn with_details<D: Details + ?::core::marker::Sized>(error: Error, details: &D) -> Error {
                details.apply(error)
            }

            pub use ::errcat::__private::{
                BoolArg, DeclaresDetails, FloatArg, IntegerArg, StringArg, UnsignedArg, details_declared,
            };

            /// One struct per code, named like the code; its fields are the
            /// code's template parameters.
            // Named exactly like the codes, so the compiler's "did you mean"
            // suggests a code; clippy lints such names only where they are
            // not exported, as in an included catalog.
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            pub mod codes {
                #structs
            }
        }
    }
}

/// The struct and `Params` impl of every code that is not retired.
pub fn structs(catalog: &Catalog, spliced: bool) -> List<'_> {
    let codes: Vec<&Code> = catalog.emitted().collect();
    let texts = codes.clone();
    List::new(
        "__errcat_structs",
        Kind::NestedModItems,
        spliced,
        codes.len(),
        move |i| code_struct(codes[i], &format_ident!("{}", catalog.rust_code_type())),
    )
    .with_text(move |i, out| code_struct_text(texts[i], &catalog.rust_code_type(), out))
}

/// A code's struct and impls as prettyplease prints [`code_struct`]'s
/// tokens in `codes`, or false where a line would pass the margin.
fn code_struct_text(code: &Code, code_type: &str, out: &mut String) -> bool {
    let name = &code.code;
    let params = &code.message.params;
    let mut text = String::new();
    for line in docs::doc_lines(&struct_doc(code)) {
        let _ = writeln!(text, "        ///{line}");
    }
    if let Some(note) = struct_note(code) {
        splice::deprecated(&mut text, "        ", &note);
    }
    let generics = if params.is_empty() {
        let _ = writeln!(text, "        pub struct {name} {{}}");
        ""
    } else {
        let _ = writeln!(text, "        pub struct {name}<'a> {{");
        for param in params {
            let _ = writeln!(
                text,
                "            pub {}: &'a dyn super::{},",
                param.name,
                arg_trait_ident(param.ty)
            );
        }
        text.push_str("        }\n");
        "<'_>"
    };
    if code.details != DetailsKind::None {
        let _ = writeln!(
            text,
            "        impl super::DeclaresDetails for {name}{generics} {{}}"
        );
    }
    text.push_str("        #[allow(deprecated)]\n");
    let _ = writeln!(text, "        impl super::Params for {name}{generics} {{");
    text.push_str("            #[inline]\n            fn into_error(self) -> super::Error {\n");
    let args: String = params
        .iter()
        .map(|param| format!("self.{}.to_arg(),", param.name))
        .collect::<Vec<_>>()
        .join(" ");
    let variant = format!("super::super::{code_type}::{}", code.rust_variant());
    let vec = format!("::std::vec![{args}]");
    let call = format!("                super::Error::new({variant}, {vec})");
    if !splice::one_line(&mut text, &call) {
        text.push_str("                super::Error::new(\n");
        let _ = writeln!(text, "                    {variant},");
        let _ = writeln!(text, "                    {vec},");
        text.push_str("                )\n");
    }
    text.push_str("            }\n        }\n");
    splice::accept(&text, out)
}

/// The `note` of a deprecated code's struct: the derive's paths name codes
/// as written, `#[api_error(code = X)]`.
fn struct_note(code: &Code) -> Option<String> {
    code.deprecated
        .as_ref()
        .map(|_| docs::deprecation_note(code, &|replacement| docs::code_span(replacement)))
}

/// A struct's doc: the code, its status and its message.
fn struct_doc(code: &Code) -> String {
    format!(
        "`{}` ({}): {}",
        code.code,
        code.status,
        docs::code_span(&code.message.source())
    )
}

fn code_struct(code: &Code, code_type: &Ident) -> TokenStream {
    let name = Ident::new(&code.code, Span::call_site());
    let variant = format_ident!("{}", code.rust_variant());
    let doc = docs::attrs(&struct_doc(code));
    let deprecated = struct_note(code).map(|note| quote!(#[deprecated(note = #note)]));
    let params = &code.message.params;
    let names: Vec<Ident> = params
        .iter()
        .map(|p| Ident::new(&p.name, Span::call_site()))
        .collect();
    let traits = params.iter().map(|p| arg_trait_ident(p.ty));
    let (definition, generics) = if params.is_empty() {
        (quote!(pub struct #name {}), quote!())
    } else {
        (
            quote!(pub struct #name<'a> { #(pub #names: &'a dyn super::#traits,)* }),
            quote!(<'_>),
        )
    };
    // Only a code that declares details may take a `#[api_error(details)]`
    // field: the derive asks for this impl.
    let declares_details = (code.details != DetailsKind::None)
        .then(|| quote!(impl super::DeclaresDetails for #name #generics {}));
    quote! {
        #doc
        #deprecated
        #definition
        #declares_details

        #[allow(deprecated)]
        impl super::Params for #name #generics {
            #[inline]
            fn into_error(self) -> super::Error {
                super::Error::new(
                    super::super::#code_type::#variant,
                    ::std::vec![#(self.#names.to_arg(),)*],
                )
            }
        }
    }
}

fn arg_trait_ident(ty: ParamType) -> Ident {
    let name = match ty {
        ParamType::String => "StringArg",
        ParamType::Integer => "IntegerArg",
        ParamType::Unsigned => "UnsignedArg",
        ParamType::Float => "FloatArg",
        ParamType::Bool => "BoolArg",
    };
    Ident::new(name, Span::call_site())
}
