//! The code enum and the catalog's tables.
//!
//! One C-like variant per code; everything that varies per code is a row of
//! a `static` table indexed by the discriminant, so methods are one line
//! each whatever the catalog's size and the compiler never sees a `match`
//! with one arm per code.

use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::paths::Paths;
use super::splice::{Kind, List};
use crate::emit::text::escape;
use crate::model::Catalog;

/// The enum's variants, one per code.
pub fn variants(catalog: &Catalog, spliced: bool) -> List<'_> {
    List::new(
        "__ErrcatVariants",
        Kind::Variants,
        spliced,
        catalog.codes.len(),
        move |i| variant(catalog, i),
    )
    .with_text(move |i, out| variant_text(catalog, i, out))
}

/// The `note` of a deprecated variant's `#[deprecated]`.
fn variant_note(catalog: &Catalog, code: &crate::model::Code) -> Option<String> {
    code.deprecated.is_some().then(|| {
        docs::deprecation_note(code, &|replacement| {
            // The loader checked that the replacement exists.
            let path = catalog.find(replacement).map_or_else(
                || replacement.to_owned(),
                |r| format!("{}::{}", catalog.rust_code_type(), r.rust_variant()),
            );
            docs::code_span(&path)
        })
    })
}

/// A variant as prettyplease prints [`variant`]'s tokens inside the enum.
fn variant_text(catalog: &Catalog, i: usize, out: &mut String) -> bool {
    let code = &catalog.codes[i];
    for line in docs::doc_lines(&docs::code(catalog, code)) {
        let _ = writeln!(out, "    ///{line}");
    }
    if let Some(note) = variant_note(catalog, code) {
        super::splice::deprecated(out, "    ", &note);
    }
    let _ = writeln!(out, "    {},", code.rust_variant());
    true
}

fn variant(catalog: &Catalog, i: usize) -> TokenStream {
    let code = &catalog.codes[i];
    let doc = docs::attrs(&docs::code(catalog, code));
    let variant = format_ident!("{}", code.rust_variant());
    let deprecated = variant_note(catalog, code).map(|note| quote!(#[deprecated(note = #note)]));
    // No `= i`: the discriminants are the positions all the same, and an
    // explicit one is an anonymous constant each, which cost a release
    // build of 10,000 codes 12 s of constant evaluation.
    quote! {
        #doc
        #deprecated
        #variant
    }
}

pub fn items(catalog: &Catalog, variants: &List<'_>, paths: Paths) -> TokenStream {
    let option = paths.option();
    let fmt = paths.fmt();
    let result = paths.result();
    let str_ = paths.str();
    let ty = format_ident!("{}", catalog.rust_code_type());
    let len = Literal::usize_unsuffixed(catalog.codes.len());
    let variants = variants.tokens();
    let all = catalog.codes.iter().map(|code| {
        let variant = format_ident!("{}", code.rust_variant());
        // Not `Self::`: rustc finds a variant through `Self` by a scan of
        // every variant, which at 10,000 codes took a release build 0.9 s.
        quote!(#ty::#variant)
    });
    let statuses = catalog
        .codes
        .iter()
        .map(|c| Literal::u16_unsuffixed(c.http_status()));
    let enum_doc = format!(
        "Every error code of the {}.\n\nParse wire strings with `str::parse` (codes and aliases), or \
         with [`errcat::AnyCode`] to keep codes this build does not know yet; \
         the enum is `#[non_exhaustive]` because catalogs grow.",
        escape(&catalog.title)
    );
    let enum_doc = docs::attrs(&enum_doc);
    let name = &catalog.name;
    let default_shape = super::shapes::path(&ty, catalog.wire_shape);
    let with_shapes = super::shapes::with_shapes(catalog, &ty);
    let with_typed_details = crate::emit::json_schema::typed_details_json(catalog).map(|json| {
        let json = raw_string(&json);
        quote!(.with_typed_details(#json))
    });
    let with_domain = catalog
        .domain
        .as_deref()
        .map(|domain| quote!(.with_domain(#domain)));
    let shape_items = super::shapes::items(catalog, &ty);
    let code_schema = crate::emit::openapi::code_schema_name(catalog);
    let code_description = crate::emit::json_schema::code_description(catalog);

    quote! {
        #enum_doc
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[repr(u16)]
        #[allow(clippy::doc_markdown)]
        pub enum #ty {
            #variants
        }

        #shape_items

        #[allow(clippy::doc_markdown)]
        impl #ty {
            /// Every code, in catalog order (the order of the discriminants).
            #[allow(deprecated)]
            pub const ALL: [Self; #len] = [#(#all),*];

            /// The HTTP status of every code, indexed by discriminant, for `const` contexts.
            pub const STATUS: [u16; #len] = [#(#statuses),*];

            /// The HTTP status as a number, in `const` contexts.
            #[must_use]
            pub const fn http_status(self) -> u16 {
                Self::STATUS[self as usize]
            }

            /// Everything the catalog says about the code.
            #[must_use]
            pub fn info(self) -> &'static ::errcat::CodeInfo {
                ::errcat::ErrorCode::info(self)
            }

            /// The wire string.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                self.info().code
            }

            /// The HTTP status.
            #[must_use]
            pub fn status(self) -> ::errcat::http::StatusCode {
                ::errcat::http::StatusCode::from_u16(self.http_status())
                    .unwrap_or(::errcat::http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            /// Static summary (RFC 9457 `title`).
            #[must_use]
            pub fn title(self) -> &'static str {
                self.info().title
            }

            /// What the caller should do about it.
            #[must_use]
            pub fn hint(self) -> #option<&'static str> {
                self.info().hint
            }

            /// The id of the code's category.
            #[must_use]
            pub fn category(self) -> &'static str {
                self.info().category
            }

            /// Whether retrying the same request can succeed.
            #[must_use]
            pub fn retryable(self) -> bool {
                self.info().retryable
            }

            /// The code's documentation page (RFC 9457 `type`).
            #[must_use]
            pub fn docs_url(self) -> &'static str {
                self.info().docs_url
            }

            /// The matching `google.rpc.Code`.
            #[must_use]
            pub fn grpc_code(self) -> ::errcat::GrpcCode {
                self.info().grpc
            }

            /// The code whose stable `number` (in the catalog) is `number`.
            #[must_use]
            pub fn from_number(number: i64) -> #option<Self> {
                <Self as ::errcat::ErrorCode>::from_number(number)
            }
        }

        impl ::errcat::ErrorCode for #ty {
            #[allow(deprecated, clippy::too_many_lines)]
            fn catalog() -> &'static ::errcat::Catalog<Self> {
                static CATALOG: ::errcat::Catalog<#ty> = ::errcat::Catalog::encoded(
                    #name,
                    #default_shape,
                    __ERRCAT_TABLE,
                    &#ty::ALL,
                )
                .described(#code_schema, #code_description)
                #with_domain
                #with_shapes
                #with_typed_details;
                &CATALOG
            }

            fn index(self) -> usize {
                self as usize
            }
        }

        // Table-driven rather than derived: a derived `Debug` is a `match` with
        // an arm per code, which at 10,000 codes tripled the compiler's peak
        // memory (3.4 GB against 1.2 GB).
        impl #fmt::Debug for #ty {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #fmt::Display for #ty {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::errcat::__private::serde::Serialize for #ty {
            fn serialize<S: ::errcat::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> #result<S::Ok, S::Error> {
                ::errcat::__private::serde_code::serialize(*self, serializer)
            }
        }

        impl<'de> ::errcat::__private::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::errcat::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> #result<Self, D::Error> {
                ::errcat::__private::serde_code::deserialize(deserializer)
            }
        }

        impl #str_::FromStr for #ty {
            type Err = ::errcat::UnknownCode;

            fn from_str(s: &str) -> #result<Self, Self::Err> {
                <Self as ::errcat::ErrorCode>::parse(s)
                    .ok_or_else(|| ::errcat::UnknownCode(s.into()))
            }
        }
    }
}

/// A variant of one of the runtime's enums, which the model uses as they
/// are, by the name its derived `Debug` prints.
pub fn runtime_variant(value: impl std::fmt::Debug) -> proc_macro2::Ident {
    format_ident!("{}", format!("{value:?}"))
}

/// `text` as a raw string literal, which shows JSON as it is rather than
/// with every quote escaped: as many `#` as it takes that none of its
/// quotes ends the literal.
fn raw_string(text: &str) -> proc_macro2::Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal with enough `#` parses")
}
