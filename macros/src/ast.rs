//! The derive's model of the input enum, built once from syn's tree with
//! every attribute read, so validation and expansion never look at raw
//! attributes again.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Generics, Ident, LitInt, LitStr, Member, Path, Type};

use crate::attr;
use crate::ctxt::Ctxt;

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub catalog: Option<Path>,
    pub variants: Vec<Variant<'a>>,
    /// `Some` when the input is a struct or union, which the derive refuses:
    /// a service error type maps to several codes, so it is an enum.
    pub not_an_enum: Option<Span>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub code: Option<LitStr>,
    pub retry_after: Option<LitInt>,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Named,
    Tuple,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    /// `#[source]`, `#[from]`, or a named field called `source` (thiserror's
    /// convention, so enums move over unchanged).
    pub source: bool,
    pub from: Option<syn::Attribute>,
    pub skip: bool,
    /// `#[api_error(details)]`: sent as the body's `details`.
    pub details: bool,
    /// Where generated code for the field points: its name, or for a tuple
    /// field its type's first token (a single span is all rustc takes).
    pub span: Span,
    /// The field's name, or its type when it has none.
    pub original: &'a syn::Field,
}

impl<'a> Input<'a> {
    pub fn from_syn(cx: &mut Ctxt, node: &'a DeriveInput) -> Self {
        let container = attr::container(cx, &node.attrs);
        let (variants, not_an_enum) = match &node.data {
            Data::Enum(data) => (
                data.variants
                    .iter()
                    .map(|v| Variant::from_syn(cx, v))
                    .collect(),
                None,
            ),
            Data::Struct(data) => (Vec::new(), Some(data.struct_token.span)),
            Data::Union(data) => (Vec::new(), Some(data.union_token.span)),
        };
        Input {
            ident: &node.ident,
            generics: &node.generics,
            catalog: container.catalog,
            variants,
            not_an_enum,
        }
    }
}

impl<'a> Variant<'a> {
    fn from_syn(cx: &mut Ctxt, node: &'a syn::Variant) -> Self {
        let attrs = attr::variant(cx, &node.attrs);
        let style = match &node.fields {
            Fields::Unit => Style::Unit,
            Fields::Named(_) => Style::Named,
            Fields::Unnamed(_) => Style::Tuple,
        };
        let fields = node
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| Field::from_syn(cx, i, field))
            .collect();
        Variant {
            ident: &node.ident,
            code: attrs.code,
            retry_after: attrs.retry_after,
            style,
            fields,
        }
    }

    /// The field whose value becomes the error's source, if any.
    pub fn source(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.source)
    }

    /// The field sent as the body's `details`, if any.
    pub fn details(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.details)
    }

    /// Fields that fill template parameters: every named field that is not
    /// the source, the details or skipped.
    pub fn params(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|f| f.is_param())
    }
}

impl Field<'_> {
    /// An error underlining the field's name, or all of its type.
    pub fn error(&self, message: impl std::fmt::Display) -> syn::Error {
        match &self.original.ident {
            Some(ident) => syn::Error::new_spanned(ident, message),
            None => syn::Error::new_spanned(&self.original.ty, message),
        }
    }

    pub fn is_param(&self) -> bool {
        matches!(self.member, Member::Named(_)) && !self.source && !self.skip && !self.details
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &mut Ctxt, index: usize, node: &'a syn::Field) -> Self {
        let attrs = attr::field(cx, &node.attrs);
        let member = match &node.ident {
            Some(ident) => Member::Named(ident.clone()),
            None => Member::Unnamed(syn::Index {
                index: index as u32,
                span: syn::spanned::Spanned::span(&node.ty),
            }),
        };
        let named_source = node.ident.as_ref().is_some_and(|i| i == "source");
        let span = match &node.ident {
            Some(ident) => ident.span(),
            None => syn::spanned::Spanned::span(&node.ty),
        };
        Field {
            member,
            ty: &node.ty,
            source: attrs.source.is_some() || attrs.from.is_some() || named_source,
            from: attrs.from,
            skip: attrs.skip.is_some(),
            details: attrs.details.is_some(),
            span,
            original: node,
        }
    }
}
