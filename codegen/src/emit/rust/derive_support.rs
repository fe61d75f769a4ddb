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
//! (checked on the mini fixture and the fold catalog, and on a crate that
//! derives from an included catalog).
//!
//! Per code there is one struct in `__api_error::codes`, named like the
//! code (exactly, where the code is an identifier; `code_name.rs`, which
//! the derive shares, says how others are escaped), whose fields are the code's template parameters, of the
//! runtime's field types (one per parameter type). The derive writes a
//! struct literal of it with the user's spans, each field's initializer
//! the runtime's `Fill::fill`, which records the argument as it checks its
//! type, and then builds the error from the code string and the recorded
//! arguments (`new`):
//!
//! - an unknown code is rustc's "cannot find struct ... in module
//!   `..::codes`" at the code string, with "a struct with a similar name
//!   exists" naming the nearest code;
//! - a parameter without a field is "missing field `x`", a field that is no
//!   parameter is "struct has no field named `y`";
//! - a field of the wrong type fails the parameter's argument trait (the
//!   runtime's, which its field type's `Fill` asks for), whose
//!   `on_unimplemented` message names the declared type;
//! - a deprecated code's struct is `#[deprecated]`, so its use warns and
//!   names the replacement;
//! - an `#[api_error(details)]` field on a code that declares no details
//!   fails `TakesDetails`, which only the structs of codes with details
//!   implement, at the field; a field of the wrong type fails `Details`
//!   (a code of untyped details) or is a type mismatch naming the code's
//!   typed details struct.
//!
//! Retired codes get no struct: they are never emitted again.
//!
//! Size matters (catalogs reach 10,000 codes): a struct per code and no
//! impl or constant, since each impl's body is type-checked,
//! borrow-checked and, in a release build, optimized into the crate's
//! metadata whether a service uses it or not, and each constant (even a
//! const generic argument) is evaluated. The struct says nothing of which
//! code it is for: the derive passes the code string, which it has, and
//! the runtime looks it up (as fast as parsing a code from the wire).

use std::fmt::Write as _;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::splice::{self, Kind, List};
use crate::code_name::struct_name;
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

            /// The error of the code `code`, from the arguments the
            /// literal of its struct recorded.
            #[inline]
            #[must_use]
            pub fn new(code: &str, fields: Fields) -> Error {
                ::errcat::__private::error_from_fields(code, fields)
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

            /// The struct of a code whose catalog entry declares details,
            /// for each type of field its details can be sent from: a JSON
            /// value or field errors, or the code's typed details struct.
            #[diagnostic::on_unimplemented(
                message = "this variant's code declares no `details` in the catalog, so this field would never be sent",
                label = "marked `#[api_error(details)]`",
                note = "declare `details` for the code in the catalog (`\"object\"`, `\"field_errors\"` or its typed members), or remove `#[api_error(details)]`"
            )]
            pub trait TakesDetails<D: ?::core::marker::Sized> {
                fn attach(error: Error, details: &D) -> Error;
            }

            /// `error` with `details` attached, which must be what `C`'s
            /// code declares: one bound, so each mistake is one error.
            #[inline]
            #[must_use]
            pub fn with_details<C: TakesDetails<D> + ?::core::marker::Sized, D: ?::core::marker::Sized>(
                error: Error,
                details: &D,
            ) -> Error {
                C::attach(error, details)
            }

            #[inline]
            #[must_use]
            pub fn attach_untyped<D: Details + ?::core::marker::Sized>(error: Error, details: &D) -> Error {
                details.apply(error)
            }

            #[inline]
            #[must_use]
            pub fn attach_typed<T>(error: Error, details: &T) -> Error
            where
                T: ::core::clone::Clone + ::core::convert::Into<::errcat::serde_json::Value>,
            {
                error.with_details(::core::convert::Into::into(::core::clone::Clone::clone(details)))
            }

            pub use ::errcat::__private::{
                BoolField, Fields, Fill, FloatField, IntegerField, StringField, UnsignedField,
            };

            /// One struct per code, named like the code; its fields are the
            /// code's template parameters.
            // Named exactly like the codes where a code is an identifier
            // (else escaped, `crate::code_name::struct_name`), so the
            // compiler's "did you mean" suggests a code; clippy lints such
            // names only where they are not exported, as in an included
            // catalog.
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            pub mod codes {
                #structs
            }
        }
    }
}

/// The struct of every code that is not retired.
pub fn structs(catalog: &Catalog, spliced: bool) -> List<'_> {
    let codes: Vec<&Code> = catalog.emitted().collect();
    let texts = codes.clone();
    List::new(
        "__errcat_structs",
        Kind::NestedModItems,
        spliced,
        codes.len(),
        move |i| code_struct(codes[i]),
    )
    .with_text(move |i, out| code_struct_text(texts[i], out))
}

/// A code's struct and impls as prettyplease prints [`code_struct`]'s
/// tokens in `codes`, or false where a line would pass the margin.
fn code_struct_text(code: &Code, out: &mut String) -> bool {
    let name = struct_name(&code.code);
    let params = &code.message.params;
    let mut text = String::new();
    if let Some(note) = struct_note(code) {
        splice::deprecated(&mut text, "        ", &note);
    }
    if params.is_empty() {
        let _ = writeln!(text, "        pub struct {name} {{}}");
    } else {
        let _ = writeln!(text, "        pub struct {name} {{");
        for param in params {
            let _ = writeln!(
                text,
                "            pub {}: super::{},",
                param.name,
                field_type(param.ty)
            );
        }
        text.push_str("        }\n");
    }
    if !code.detail_members.is_empty() {
        // Written by prettyplease only: rare, and long.
        return false;
    }
    if code.details != DetailsKind::None {
        let _ = writeln!(
            text,
            "        impl<D: super::Details + ?Sized> super::TakesDetails<D> for {name} {{"
        );
        let _ = writeln!(
            text,
            "            fn attach(error: super::Error, details: &D) -> super::Error {{"
        );
        text.push_str("                super::attach_untyped(error, details)\n");
        text.push_str("            }\n        }\n");
    }
    splice::accept(&text, out)
}

/// The `note` of a deprecated code's struct: the derive's paths name codes
/// as written, `#[api_error(code = X)]`.
fn struct_note(code: &Code) -> Option<String> {
    code.deprecated
        .as_ref()
        .map(|_| docs::deprecation_note(code, &|replacement| docs::code_span(replacement)))
}

fn code_struct(code: &Code) -> TokenStream {
    let name = Ident::new(&struct_name(&code.code), Span::call_site());
    let deprecated = struct_note(code).map(|note| quote!(#[deprecated(note = #note)]));
    let params = &code.message.params;
    let names = params
        .iter()
        .map(|p| Ident::new(&p.name, Span::call_site()));
    let types = params.iter().map(|p| field_type(p.ty));
    // Only a code that declares details may take a `#[api_error(details)]`
    // field, of the types they can be: the derive asks for this impl.
    let declares_details = if !code.detail_members.is_empty() {
        let ty = super::details::struct_path(code);
        Some(quote! {
            impl super::TakesDetails<super::super::#ty> for #name {
                fn attach(error: super::Error, details: &super::super::#ty) -> super::Error {
                    super::attach_typed(error, details)
                }
            }
        })
    } else {
        (code.details != DetailsKind::None).then(|| {
            quote! {
                impl<D: super::Details + ?Sized> super::TakesDetails<D> for #name {
                    fn attach(error: super::Error, details: &D) -> super::Error {
                        super::attach_untyped(error, details)
                    }
                }
            }
        })
    };
    // No doc: nobody reads this module's docs (it is hidden), rustc's
    // messages name the struct, and the code's docs are on its variant.
    quote! {
        #deprecated
        pub struct #name {
            #(pub #names: super::#types,)*
        }
        #declares_details
    }
}

/// The field type of a parameter of type `ty`, which the runtime fills
/// from any variant field its argument trait admits.
fn field_type(ty: ParamType) -> Ident {
    let name = match ty {
        ParamType::String => "StringField",
        ParamType::Integer => "IntegerField",
        ParamType::Unsigned => "UnsignedField",
        ParamType::Float => "FloatField",
        ParamType::Bool => "BoolField",
    };
    Ident::new(name, Span::call_site())
}
