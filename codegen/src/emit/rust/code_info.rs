//! The rows of the catalog's `errcat::CodeInfo` table, one per code.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::code_enum::{runtime_variant, shape};
use super::paths::Paths;
use super::splice::{Kind, List};
use crate::model::{Catalog, Code, DetailsKind, Header, Segment};

/// The catalog's `CodeInfo` rows, one per code.
pub fn list(catalog: &Catalog, spliced: bool, paths: Paths) -> List<'_> {
    List::new(
        "__errcat_rows",
        Kind::CatalogArray,
        spliced,
        catalog.codes.len(),
        move |i| row(catalog, &catalog.codes[i], paths),
    )
}

/// The code's `errcat::CodeInfo` row: the fields every code has, then only
/// those the catalog sets, over `CodeInfo::DEFAULTS`, so a row reads like
/// the catalog entry it comes from.
fn row(catalog: &Catalog, code: &Code, paths: Paths) -> TokenStream {
    let some = paths.some();
    let text = &code.code;
    let status = Literal::u16_unsuffixed(code.status);
    let title = &code.title;
    let message = code.message.source();
    let template = code.message.segments.iter().map(|segment| match segment {
        Segment::Text(text) => quote!(::errcat::Piece::Text(#text)),
        Segment::Param(i) => {
            let i = Literal::usize_unsuffixed(*i);
            quote!(::errcat::Piece::Param(#i))
        }
    });
    let category = &catalog.categories[code.category].id;
    let wire_shape = shape(code.wire_shape);
    let docs_url = catalog.docs_url(code);
    let grpc = runtime_variant(code.grpc);
    let mut optional = Vec::new();
    if !code.message.params.is_empty() {
        let params = code.message.params.iter().map(|param| {
            let name = &param.name;
            let ty = runtime_variant(param.ty);
            quote!(::errcat::Param { name: #name, ty: ::errcat::ParamType::#ty })
        });
        optional.push(quote!(params: &[#(#params),*]));
    }
    if let Some(hint) = &code.hint {
        optional.push(quote!(hint: #some(#hint)));
    }
    if let Some(description) = &code.description {
        optional.push(quote!(description: #some(#description)));
    }
    if code.retry.retryable {
        optional.push(quote!(retryable: true));
    }
    if code.retry.throttling {
        optional.push(quote!(throttling: true));
    }
    if let Some(seconds) = code.retry.after_seconds {
        let seconds = Literal::u32_unsuffixed(seconds);
        optional.push(quote!(retry_after: #some(#seconds)));
    }
    if !code.headers.is_empty() {
        let headers = headers(&code.headers);
        optional.push(quote!(headers: #headers));
    }
    match code.details {
        DetailsKind::None => {}
        DetailsKind::Object => optional.push(quote!(details: ::errcat::DetailsKind::Object)),
        DetailsKind::FieldErrors => {
            optional.push(quote!(details: ::errcat::DetailsKind::FieldErrors));
        }
    }
    if let Some(r) = &code.resolve {
        let members = [
            ("message", &r.message),
            ("url", &r.url),
            ("action", &r.action),
            ("method", &r.method),
            ("endpoint", &r.endpoint),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            let name = format_ident!("{}", name);
            value.as_ref().map(|value| quote!(#name: #some(#value)))
        })
        .collect::<Vec<_>>();
        // Clippy's `needless_update` rejects `..NONE` when every member is set.
        let rest = (members.len() < 5).then(|| quote!(..::errcat::Resolve::NONE));
        optional.push(quote! {
            resolve: #some(::errcat::Resolve {
                #(#members,)*
                #rest
            })
        });
    }
    if let Some(number) = code.number {
        let number = Literal::u32_unsuffixed(number);
        optional.push(quote!(number: #some(#number)));
    }
    if let Some(deprecation) = &code.deprecated {
        optional.push(quote!(deprecated: true));
        if let Some(replacement) = &deprecation.replacement {
            optional.push(quote!(replacement: #some(#replacement)));
        }
    }
    if code.retired.is_some() {
        optional.push(quote!(retired: true));
    }
    let every_row = [
        quote!(code: #text),
        quote!(status: #status),
        quote!(title: #title),
        quote!(message: #message),
        quote!(template: &[#(#template),*]),
        quote!(category: #category),
        quote!(shape: #wire_shape),
        quote!(docs_url: #docs_url),
        quote!(grpc: ::errcat::GrpcCode::#grpc),
    ];
    let set = every_row.len() + optional.len();
    let rest =
        (set < errcat::CodeInfo::FIELD_COUNT).then(|| quote!(..::errcat::CodeInfo::DEFAULTS));
    quote! {
        ::errcat::CodeInfo {
            #(#every_row,)*
            #(#optional,)*
            #rest
        }
    }
}

fn headers(headers: &[Header]) -> TokenStream {
    let mut set = quote!(::errcat::HeaderSet::NONE);
    for header in Header::ALL.into_iter().filter(|h| headers.contains(h)) {
        let name = format_ident!(
            "{}",
            match header {
                Header::RetryAfter => "RETRY_AFTER",
                Header::RateLimitLimit => "RATE_LIMIT_LIMIT",
                Header::RateLimitRemaining => "RATE_LIMIT_REMAINING",
                Header::RateLimitReset => "RATE_LIMIT_RESET",
            }
        );
        set = quote!(#set.union(::errcat::HeaderSet::#name));
    }
    set
}
