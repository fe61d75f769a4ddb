//! The shapes a catalog declares, as `const`s of the code enum holding the
//! runtime's description of each, and the list the catalog's table names
//! shapes by. A catalog that declares none gets neither: its codes name the
//! runtime's built-in shapes.

use errcat::shape::{CodeForm, Literal, Member, Part, Presence, ShapeSpec};
use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::code_enum::runtime_variant;
use super::docs;
use crate::model::{Catalog, WireShape};

/// How generated code names `shape`: `::errcat::WireShape::Flat`, or the
/// code enum's `const` for a declared one.
pub fn path(ty: &Ident, shape: WireShape) -> TokenStream {
    match shape {
        WireShape::Declared(spec) => {
            let name = const_name(spec);
            quote!(#ty::#name)
        }
        built_in => {
            let variant = runtime_variant(built_in);
            quote!(::errcat::WireShape::#variant)
        }
    }
}

/// `.with_shapes(&FoldErrorCode::SHAPES)` for a catalog that declares
/// shapes; nothing otherwise.
pub fn with_shapes(catalog: &Catalog, ty: &Ident) -> TokenStream {
    if catalog.declared_shapes.is_empty() {
        return TokenStream::new();
    }
    quote!(.with_shapes(&#ty::SHAPES))
}

/// The `const`s of the declared shapes and `SHAPES`, in an `impl` of the
/// code enum `ty`.
pub fn items(catalog: &Catalog, ty: &Ident) -> TokenStream {
    if catalog.declared_shapes.is_empty() {
        return TokenStream::new();
    }
    let consts = catalog.declared_shapes.iter().map(|shape| {
        let spec = shape.spec();
        let name = const_name(spec);
        let doc = docs::attrs(&format!(
            "The catalog's `{}` wire shape: {}, `{}`.",
            spec.name,
            crate::emit::text::escape(spec.summary),
            spec.outline()
        ));
        let spec = spec_tokens(spec);
        quote! {
            #doc
            pub const #name: ::errcat::WireShape = ::errcat::WireShape::Declared(&#spec);
        }
    });
    let all = catalog.shapes().map(|shape| path(ty, shape));
    let count = proc_macro2::Literal::usize_unsuffixed(catalog.shapes().count());
    quote! {
        #[allow(clippy::doc_markdown)]
        impl #ty {
            #(#consts)*

            /// Every shape the catalog's codes are sent in and its clients
            /// read: errcat's built-in ones, then the catalog's own.
            pub const SHAPES: [::errcat::WireShape; #count] = [#(#all),*];
        }
    }
}

/// `SHAPE_CLOUDFLARE`: names of codes are PascalCase variants, so no code
/// can take it.
fn const_name(spec: &ShapeSpec) -> Ident {
    format_ident!("SHAPE_{}", spec.name.to_shouty_snake_case())
}

fn spec_tokens(spec: &ShapeSpec) -> TokenStream {
    let ShapeSpec {
        name,
        summary,
        schema_name,
        content_type,
        members,
        signatures,
        headers,
        code_form,
    } = *spec;
    let members = members_tokens(members);
    let signatures = signatures.iter().map(|set| quote!(&[#(#set),*]));
    let headers = headers.iter().map(|header| {
        let (name, part) = (header.name, part_tokens(header.part));
        quote!(::errcat::shape::HeaderMember { name: #name, part: #part })
    });
    let code_form = match code_form {
        CodeForm::Exact => quote!(Exact),
        CodeForm::SmithyShapeName => quote!(SmithyShapeName),
        CodeForm::Number => quote!(Number),
        CodeForm::ErrorInfoReason => quote!(ErrorInfoReason),
    };
    quote! {
        ::errcat::shape::ShapeSpec {
            name: #name,
            summary: #summary,
            schema_name: #schema_name,
            content_type: #content_type,
            members: #members,
            signatures: &[#(#signatures),*],
            headers: &[#(#headers),*],
            code_form: ::errcat::shape::CodeForm::#code_form,
        }
    }
}

fn members_tokens(members: &[Member]) -> TokenStream {
    let members = members.iter().map(|member| {
        let name = member.name;
        let part = part_tokens(member.part);
        let presence = match member.presence {
            Presence::Always => quote!(Always),
            Presence::WhenPresent => quote!(WhenPresent),
            Presence::NullWhenAbsent => quote!(NullWhenAbsent),
        };
        quote! {
            ::errcat::shape::Member {
                name: #name,
                part: #part,
                presence: ::errcat::shape::Presence::#presence,
            }
        }
    });
    quote!(&[#(#members),*])
}

fn part_tokens(part: Part) -> TokenStream {
    let simple = |variant: TokenStream| quote!(::errcat::shape::Part::#variant);
    match part {
        Part::Message => simple(quote!(Message)),
        Part::Code => simple(quote!(Code)),
        Part::Status => simple(quote!(Status)),
        Part::GrpcStatus => simple(quote!(GrpcStatus)),
        Part::Domain => simple(quote!(Domain)),
        Part::Title => simple(quote!(Title)),
        Part::DocsUrl => simple(quote!(DocsUrl)),
        Part::Hint => simple(quote!(Hint)),
        Part::RequestId => simple(quote!(RequestId)),
        Part::Details => simple(quote!(Details)),
        Part::Resolve => simple(quote!(Resolve)),
        Part::Arguments => simple(quote!(Arguments)),
        Part::Object(inner) => {
            let inner = members_tokens(inner);
            quote!(::errcat::shape::Part::Object(#inner))
        }
        Part::List(inner) => {
            let inner = members_tokens(inner);
            quote!(::errcat::shape::Part::List(#inner))
        }
        Part::Constant(literal) => {
            let literal = match literal {
                Literal::Null => quote!(Null),
                Literal::Bool(value) => quote!(Bool(#value)),
                Literal::Integer(value) => quote!(Integer(#value)),
                Literal::String(value) => quote!(String(#value)),
                Literal::EmptyList => quote!(EmptyList),
                Literal::EmptyObject => quote!(EmptyObject),
            };
            quote!(::errcat::shape::Part::Constant(::errcat::shape::Literal::#literal))
        }
    }
}
