//! The `details` module: a struct per code with typed details, which its
//! constructor and `#[api_error(details)]` take, and a conversion of each
//! into the body's `details` object. Objects nested in a code's details are
//! structs of a module named like the code's constructor
//! (`details::version_not_found::Retention`), so no two codes' nested
//! structs can share a name.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::paths::Paths;
use crate::model::{Catalog, Code, DetailMember, DetailType, ParamType};

/// The `details` module, or nothing when no code has typed details.
pub fn module(catalog: &Catalog, paths: Paths) -> TokenStream {
    let typed: Vec<&Code> = typed_codes(catalog).collect();
    if typed.is_empty() {
        return TokenStream::new();
    }
    let items = typed.iter().map(|code| code_items(catalog, code, paths));
    quote! {
        /// Typed details of the codes whose catalog entry declares their
        /// members: what each code's constructor and `#[api_error(details)]`
        /// field take, and the body's `details` object holds.
        pub mod details {
            #(#items)*
        }
    }
}

/// Codes that are sent and have typed details.
pub fn typed_codes(catalog: &Catalog) -> impl Iterator<Item = &Code> {
    catalog
        .emitted()
        .filter(|code| !code.detail_members.is_empty())
}

/// The path of `code`'s details struct from the module the error type is
/// in (the crate's root, or the module a build script's output is
/// included in).
pub fn struct_path(code: &Code) -> TokenStream {
    let name = format_ident!("{}", code.rust_variant());
    quote!(details::#name)
}

fn code_items(catalog: &Catalog, code: &Code, paths: Paths) -> TokenStream {
    let variant = format!("{}::{}", catalog.rust_code_type(), code.rust_variant());
    let doc = docs::attrs(&format!(
        "The details of [{}](super::{variant}).",
        docs::code_span(&code.code)
    ));
    let name = format_ident!("{}", code.rust_variant());
    let module = field_ident(&code.rust_fn());
    let nested_doc = docs::attrs(&format!(
        "Objects nested in the details of {}.",
        docs::code_span(&code.code)
    ));
    let object = object(&name, &code.detail_members, &doc, &quote!(#module::), paths);
    let nested = nested(&code.detail_members, paths);
    let nested = (!nested.is_empty()).then(|| {
        quote! {
            #nested_doc
            pub mod #module {
                #nested
            }
        }
    });
    quote! {
        #object
        #nested
    }
}

/// The structs of the objects nested in `members`, with the modules of
/// the objects nested in those.
fn nested(members: &[DetailMember], paths: Paths) -> TokenStream {
    let items = members.iter().filter_map(|member| {
        let inner = member.ty.members()?;
        let name = format_ident!("{}", member.rust_type());
        let module = field_ident(&member.rust_module());
        let doc = docs::attrs(&format!("The object in {}.", docs::code_span(&member.name)));
        let object = object(&name, inner, &doc, &quote!(#module::), paths);
        let deeper = nested(inner, paths);
        let deeper = (!deeper.is_empty()).then(|| {
            let doc = docs::attrs(&format!(
                "Objects nested in {}.",
                docs::code_span(&member.name)
            ));
            quote! {
                #doc
                pub mod #module {
                    #deeper
                }
            }
        });
        Some(quote! {
            #object
            #deeper
        })
    });
    quote!(#(#items)*)
}

/// A struct of `members` and its conversion into a JSON object; `nested`
/// is the path of the module its own nested structs are in.
fn object(
    name: &Ident,
    members: &[DetailMember],
    doc: &TokenStream,
    nested: &TokenStream,
    paths: Paths,
) -> TokenStream {
    let from = paths.from();
    let option = paths.option();
    let fields = members.iter().map(|member| {
        let field = field_ident(&member.rust_field());
        let ty = rust_type(member, &member.ty, nested, paths);
        let ty = if member.optional {
            quote!(#option<#ty>)
        } else {
            ty
        };
        let doc = docs::attrs(&field_doc(member));
        quote! {
            #doc
            pub #field: #ty
        }
    });
    let some = paths.some();
    let inserts = members.iter().map(|member| {
        let field = field_ident(&member.rust_field());
        let key = &member.name;
        if member.optional {
            quote! {
                if let #some(value) = details.#field {
                    object.insert(#key.into(), Self::from(value));
                }
            }
        } else {
            quote!(object.insert(#key.into(), Self::from(details.#field));)
        }
    });
    let bools = members
        .iter()
        .filter(|m| m.ty == DetailType::Scalar(ParamType::Bool))
        .count();
    // The catalog chose the members; a service cannot regroup them.
    let allow = (bools > 3).then(|| quote!(#[allow(clippy::struct_excessive_bools)]));
    let derives = paths.derive_value();
    quote! {
        #doc
        #derives
        #allow
        pub struct #name {
            #(#fields,)*
        }

        impl #from<#name> for ::errcat::serde_json::Value {
            fn from(details: #name) -> Self {
                let mut object = ::errcat::serde_json::Map::new();
                #(#inserts)*
                Self::Object(object)
            }
        }
    }
}

fn field_doc(member: &DetailMember) -> String {
    let mut doc = format!("{}: {}", docs::code_span(&member.name), meaning(&member.ty));
    if member.optional {
        doc.push_str("; left out of the body when `None`");
    }
    doc.push('.');
    doc
}

/// What a value of `ty` is, in words: "unsigned", "a list of string".
fn meaning(ty: &DetailType) -> String {
    match ty {
        DetailType::Scalar(scalar) => scalar.as_str().to_owned(),
        DetailType::List(element) => format!("a list of {}", meaning(element)),
        DetailType::Object(_) => "an object".to_owned(),
    }
}

fn rust_type(
    member: &DetailMember,
    ty: &DetailType,
    nested: &TokenStream,
    paths: Paths,
) -> TokenStream {
    match ty {
        DetailType::Scalar(ParamType::String) => paths.string(),
        DetailType::Scalar(ParamType::Integer) => quote!(i64),
        DetailType::Scalar(ParamType::Unsigned) => quote!(u64),
        DetailType::Scalar(ParamType::Float) => quote!(f64),
        DetailType::Scalar(ParamType::Bool) => quote!(bool),
        DetailType::List(element) => {
            let vec = paths.vec();
            let element = rust_type(member, element, nested, paths);
            quote!(#vec<#element>)
        }
        DetailType::Object(_) => {
            let name = format_ident!("{}", member.rust_type());
            quote!(#nested #name)
        }
    }
}

/// A field or module name as [`DetailMember::rust_field`] spells it, raw
/// identifiers included.
fn field_ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
