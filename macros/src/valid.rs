//! What the derive checks itself: the shape of the input and its attributes.
//! Whether a code exists, and whether the fields match its parameters, is
//! left to rustc on purpose (see the crate docs): it knows the catalog.

use syn::Member;

use crate::ast::{Input, Style, Variant};
use crate::code_name::code_problem;
use crate::ctxt::Ctxt;

pub fn check(cx: &mut Ctxt, input: &Input) {
    if let Some(span) = input.not_an_enum {
        cx.push(syn::Error::new(
            span,
            "`ApiError` can only be derived for enums: each variant maps to one catalog code",
        ));
        return;
    }
    if input.catalog.is_none() {
        cx.error_spanned_by(
            input.ident,
            "missing `#[api_error(catalog = ...)]` on the enum: name the generated catalog crate or module, e.g. `#[api_error(catalog = fold_errors)]`",
        );
    }
    for variant in &input.variants {
        check_variant(cx, variant);
    }
}

fn check_variant(cx: &mut Ctxt, variant: &Variant) {
    match &variant.code {
        None => cx.error_spanned_by(
            variant.ident,
            format_args!(
                "variant `{}` has no catalog code; add `#[api_error(code = \"...\")]` naming the code it answers with",
                variant.ident
            ),
        ),
        Some(code) => {
            if let Some(problem) = code_problem(&code.value()) {
                cx.error_spanned_by(
                    code,
                    format_args!(
                        "`{}` cannot be an error code: it {problem}; write the code exactly as the catalog defines it",
                        code.value().escape_debug()
                    ),
                );
            }
        }
    }

    let sources: Vec<_> = variant.fields.iter().filter(|f| f.source).collect();
    if let [_, extra, ..] = sources.as_slice() {
        cx.push(extra.error(format_args!(
            "variant `{}` has more than one source; an error has one cause",
            variant.ident
        )));
    }

    let details: Vec<_> = variant.fields.iter().filter(|f| f.details).collect();
    if let [_, extra, ..] = details.as_slice() {
        cx.push(extra.error(format_args!(
            "variant `{}` has more than one `#[api_error(details)]` field; a body has one `details`",
            variant.ident
        )));
    }
    for field in details.iter().filter(|f| f.source) {
        cx.push(
            field.error("a source is never sent to clients, so it cannot be the `details` too"),
        );
    }

    for field in &variant.fields {
        if let Some(from) = &field.from
            && variant.fields.len() != 1
        {
            cx.error_spanned_by(
                from,
                "`#[from]` needs the field to be the variant's only one, so `From` can build the variant from it",
            );
        }
        let is_tuple_param = matches!(field.member, Member::Unnamed(_))
            && !field.source
            && !field.skip
            && !field.details;
        if is_tuple_param && variant.style == Style::Tuple {
            cx.push(field.error(
                "a tuple field cannot fill a template parameter, which is matched by name; name the field, or mark it `#[source]`, `#[api_error(details)]` or `#[api_error(skip)]`",
            ));
        }
    }
}
