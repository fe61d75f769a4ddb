//! The error type: a newtype over `errcat::Error` with one constructor per
//! code, typed by the message template. Everything else forwards to the
//! runtime, so this part does not grow with anything but the code count.

use std::fmt::Write as _;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::paths::Paths;
use super::splice::{self, Kind, List};
use crate::emit::text::escape;
use crate::model::{Catalog, Code, Param, ParamType};

/// The type of a `string` parameter, as [`inputs`] writes it in tokens.
const STRING_PARAM: &str = "impl ::errcat::IntoText";

/// A constructor per code that is not retired.
pub fn constructors(catalog: &Catalog, spliced: bool) -> List<'_> {
    let codes: Vec<&Code> = catalog.emitted().collect();
    let texts = codes.clone();
    List::new(
        "__errcat_constructors",
        Kind::ImplItems,
        spliced,
        codes.len(),
        move |i| constructor(catalog, codes[i]),
    )
    .with_text(move |i, out| constructor_text(catalog, texts[i], out))
}

/// A constructor as prettyplease prints [`constructor`]'s tokens in the
/// `impl`, or false where its layout is not this simple one: lint
/// allowances, and any line that would pass the margin even when broken.
fn constructor_text(catalog: &Catalog, code: &Code, out: &mut String) -> bool {
    let params = &code.message.params;
    if lint_allowances(params, 0).is_some() || !code.detail_members.is_empty() {
        return false;
    }
    let inputs: Vec<String> = params
        .iter()
        .map(|param| {
            let ty = match param.ty {
                ParamType::String => STRING_PARAM,
                ParamType::Integer => "i64",
                ParamType::Unsigned => "u64",
                ParamType::Float => "f64",
                ParamType::Bool => "bool",
            };
            format!("{}: {ty}", param_ident(param))
        })
        .collect();
    let args: Vec<String> = params.iter().map(|p| param_ident(p).to_string()).collect();
    let name = code.rust_fn();
    let variant = format!("{}::{}", catalog.rust_code_type(), code.rust_variant());
    let mut text = String::new();
    for line in docs::doc_lines(&constructor_doc(catalog, code)) {
        let _ = writeln!(text, "    ///{line}");
    }
    if let Some(note) = constructor_note(catalog, code) {
        splice::deprecated(&mut text, "    ", &note);
        text.push_str("    #[allow(deprecated)]\n");
    }
    if !generic(params) {
        text.push_str("    #[inline]\n");
    }
    let signature = format!("    pub fn {name}({}) -> Self {{", inputs.join(", "));
    if !splice::one_line(&mut text, &signature) {
        let _ = writeln!(text, "    pub fn {name}(");
        for input in &inputs {
            let _ = writeln!(text, "        {input},");
        }
        text.push_str("    ) -> Self {\n");
    }
    let helper = helper_name(params);
    let mut call_args = vec![variant];
    call_args.extend(args);
    let call = format!("        Self::{helper}({})", call_args.join(", "));
    if !splice::one_line(&mut text, &call) {
        let _ = writeln!(text, "        Self::{helper}(");
        for arg in &call_args {
            let _ = writeln!(text, "            {arg},");
        }
        text.push_str("        )\n");
    }
    text.push_str("    }\n");
    splice::accept(&text, out)
}

/// Whether a constructor is generic: it takes a `string` parameter, whose
/// type is an `impl` trait.
fn generic(params: &[Param]) -> bool {
    params.iter().any(|p| p.ty == ParamType::String)
}

fn bools(params: &[Param]) -> usize {
    params.iter().filter(|p| p.ty == ParamType::Bool).count()
}

/// The `note` of a deprecated constructor's `#[deprecated]`.
fn constructor_note(catalog: &Catalog, code: &Code) -> Option<String> {
    code.deprecated.as_ref().map(|_| {
        docs::deprecation_note(code, &|replacement| {
            // The loader checked that the replacement exists.
            let path = catalog.find(replacement).map_or_else(
                || replacement.to_owned(),
                |r| format!("{}::{}", catalog.rust_error_type(), r.rust_fn()),
            );
            docs::code_span(&path)
        })
    })
}

/// A constructor's doc: its summary, whose code links to the variant that
/// has the full text.
fn constructor_doc(catalog: &Catalog, code: &Code) -> String {
    let variant = format!("{}::{}", catalog.rust_code_type(), code.rust_variant());
    docs::summary_linked(catalog, code, &variant)
}

pub fn items(catalog: &Catalog, constructors: &List<'_>, paths: Paths) -> TokenStream {
    let option = paths.option();
    let fmt = paths.fmt();
    let ops = paths.ops();
    let into = paths.into();
    let from = paths.from();
    let string = paths.string();
    let std_error = paths.error();
    let ty = format_ident!("{}", catalog.rust_error_type());
    let code_ty = format_ident!("{}", catalog.rust_code_type());
    let constructors = constructors.tokens();
    let helpers = helpers(catalog, paths);
    let doc = format!(
        "An error of the {title}: a [`{code_ty}`] with its message arguments, and what the \
         service attaches at run time.\n\n\
         Build one with the constructor named after its code, e.g. \
         `{ty}::{example}(...)`; render it with the methods of [`errcat::Error`] \
         (through `Deref`), or return it from an axum handler (feature `axum`). \
         A server error (5xx) never shows its source or details to the client.",
        title = escape(&catalog.title),
        example = catalog
            .codes
            .iter()
            .find(|c| c.retired.is_none() && c.deprecated.is_none())
            .unwrap_or(&catalog.codes[0])
            .rust_fn(),
    );
    let doc = docs::attrs(&doc);
    quote! {
        #doc
        #[must_use = "an error does nothing unless it is returned or rendered"]
        pub struct #ty(::errcat::Error<#code_ty>);

        #[allow(clippy::doc_markdown)]
        impl #ty {
            #helpers
            #constructors

            /// Keeps `source` as the cause, for the server's log only.
            pub fn with_source(self, source: impl #into<::errcat::Source>) -> Self {
                Self(self.0.with_source(source))
            }

            /// Replaces the details (sent only for codes that declare details, never for 5xx).
            pub fn with_details(self, details: ::errcat::serde_json::Value) -> Self {
                Self(self.0.with_details(details))
            }

            /// Adds one field-level message: `{"field": ["message", ...]}`.
            pub fn with_field_error(self, field: &str, message: impl #into<#string>) -> Self {
                Self(self.0.with_field_error(field, message))
            }

            /// Attaches the request id, carried in bodies and the server's log line.
            pub fn with_request_id(self, request_id: impl #into<#string>) -> Self {
                Self(self.0.with_request_id(request_id))
            }

            /// `Retry-After` in seconds, overriding the catalog's default.
            pub fn with_retry_after(self, seconds: u32) -> Self {
                Self(self.0.with_retry_after(seconds))
            }

            /// The `RateLimit-Limit`, `-Remaining` and `-Reset` header values.
            pub fn with_rate_limit(self, limit: u64, remaining: u64, reset: u64) -> Self {
                Self(self.0.with_rate_limit(limit, remaining, reset))
            }

            /// Renders in `shape` by default, whatever the catalog says.
            pub fn with_shape(self, shape: ::errcat::WireShape) -> Self {
                Self(self.0.with_shape(shape))
            }

            /// The runtime error inside.
            #[must_use]
            pub fn into_inner(self) -> ::errcat::Error<#code_ty> {
                self.0
            }
        }

        impl #ops::Deref for #ty {
            type Target = ::errcat::Error<#code_ty>;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl #from<#ty> for ::errcat::Error<#code_ty> {
            fn from(error: #ty) -> Self {
                error.0
            }
        }

        impl #from<::errcat::Error<#code_ty>> for #ty {
            fn from(error: ::errcat::Error<#code_ty>) -> Self {
                Self(error)
            }
        }

        impl #fmt::Display for #ty {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                #fmt::Display::fmt(&self.0, f)
            }
        }

        impl #fmt::Debug for #ty {
            fn fmt(&self, f: &mut #fmt::Formatter<'_>) -> #fmt::Result {
                #fmt::Debug::fmt(&self.0, f)
            }
        }

        impl #std_error::Error for #ty {
            fn source(&self) -> #option<&(dyn #std_error::Error + 'static)> {
                #std_error::Error::source(&self.0)
            }
        }

        ::errcat::__impl_into_response!(#ty);
    }
}

fn constructor(catalog: &Catalog, code: &Code) -> TokenStream {
    // The full text is on the variant; written twice it was a quarter of a
    // large catalog's crate, which the compiler reads on every build.
    let doc = docs::attrs(&constructor_doc(catalog, code));
    let name = format_ident!("{}", code.rust_fn());
    let code_ty = format_ident!("{}", catalog.rust_code_type());
    let variant = format_ident!("{}", code.rust_variant());
    let params = &code.message.params;
    let idents: Vec<Ident> = params.iter().map(param_ident).collect();
    let inputs = inputs(params, &idents);
    let helper = format_ident!("{}", helper_name(params));
    let deprecated = constructor_note(catalog, code).map(|note| {
        quote! {
            #[deprecated(note = #note)]
            #[allow(deprecated)]
        }
    });
    // `#[inline]` so that a constructor is compiled where it is used, not
    // all 10,000 in the catalog crate: that took its release build of
    // 10,000 codes from 27 s to 19 s. A generic one is compiled where it
    // is used anyway. `#[must_use]` is the error type's.
    let inline = (!generic(params)).then(|| quote!(#[inline]));
    let allows = lint_allowances(params, 0);
    let call = quote!(Self::#helper(#code_ty::#variant #(, #idents)*));
    if code.detail_members.is_empty() {
        return quote! {
            #doc
            #deprecated
            #allows
            #inline
            pub fn #name(#(#inputs),*) -> Self {
                #call
            }
        };
    }
    // Typed details are an argument like the parameters: the catalog says
    // every such error carries them.
    let details = details_argument(params);
    let ty = super::details::struct_path(code);
    quote! {
        #doc
        #deprecated
        #allows
        #inline
        pub fn #name(#(#inputs,)* #details: #ty) -> Self {
            #call.with_details(::errcat::serde_json::Value::from(#details))
        }
    }
}

/// The name of a constructor's details argument: `details`, with `_`
/// after it while a parameter is called so.
fn details_argument(params: &[Param]) -> Ident {
    let mut name = String::from("details");
    while params.iter().any(|p| p.name == name) {
        name.push('_');
    }
    format_ident!("{name}")
}

/// The constructor helper of codes whose parameters have these types, in
/// order: `__new` and a letter per parameter.
fn helper_name(params: &[Param]) -> String {
    let mut name = String::from("__new");
    if !params.is_empty() {
        name.push('_');
    }
    name.extend(params.iter().map(|param| match param.ty {
        ParamType::String => 's',
        ParamType::Integer => 'i',
        ParamType::Unsigned => 'u',
        ParamType::Float => 'f',
        ParamType::Bool => 'b',
    }));
    name
}

/// One helper per parameter signature the constructors use, in the order
/// of their first use; each constructor's body is a call of its helper.
/// Written once per signature rather than once per code, the conversions
/// into `errcat::Arg` are type-checked a few times instead of 10,000, and
/// a constructor is a line instead of six.
fn helpers(catalog: &Catalog, paths: Paths) -> TokenStream {
    let vec = paths.vec();
    let code_ty = format_ident!("{}", catalog.rust_code_type());
    let mut seen = std::collections::BTreeSet::new();
    let helpers = catalog
        .emitted()
        .map(|code| &code.message.params)
        .filter(|params| seen.insert(helper_name(params)))
        .map(|params| {
            let name = format_ident!("{}", helper_name(params));
            let idents: Vec<Ident> = (0..params.len()).map(|i| format_ident!("p{i}")).collect();
            let inputs = inputs(params, &idents);
            let args = params
                .iter()
                .zip(&idents)
                .map(|(param, ident)| match param.ty {
                    ParamType::String => quote!(::errcat::Arg::Str(#ident.into())),
                    ParamType::Integer => quote!(::errcat::Arg::Int(#ident)),
                    ParamType::Unsigned => quote!(::errcat::Arg::Uint(#ident)),
                    ParamType::Float => quote!(::errcat::Arg::Float(#ident)),
                    ParamType::Bool => quote!(::errcat::Arg::Bool(#ident)),
                });
            let args = if params.is_empty() {
                quote!(#vec::new())
            } else {
                quote!(#vec::from([#(#args),*]))
            };
            let allows = lint_allowances(params, 1);
            quote! {
                #allows
                #[inline]
                fn #name(code: #code_ty #(, #inputs)*) -> Self {
                    Self(::errcat::Error::new(code, #args))
                }
            }
        });
    quote!(#(#helpers)*)
}

/// `ident: type` for each parameter, the types a constructor and its
/// helper both take.
fn inputs<'a>(params: &'a [Param], idents: &'a [Ident]) -> impl Iterator<Item = TokenStream> + 'a {
    params.iter().zip(idents).map(move |(param, ident)| {
        let ty = match param.ty {
            ParamType::String => quote!(impl ::errcat::IntoText),
            ParamType::Integer => quote!(i64),
            ParamType::Unsigned => quote!(u64),
            ParamType::Float => quote!(f64),
            ParamType::Bool => quote!(bool),
        };
        quote!(#ident: #ty)
    })
}

/// Lints about long signatures judge a hand-written API; here the
/// signature is the catalog's template, which is the point. `leading` is
/// how many arguments come before the parameters (a helper's code).
fn lint_allowances(params: &[Param], leading: usize) -> Option<TokenStream> {
    let mut allows = Vec::new();
    if leading + params.len() > 7 {
        allows.push(quote!(clippy::too_many_arguments));
    }
    if bools(params) > 3 {
        allows.push(quote!(clippy::fn_params_excessive_bools));
    }
    (!allows.is_empty()).then(|| quote!(#[allow(#(#allows),*)]))
}

/// A parameter's name as a Rust identifier; keywords become raw
/// identifiers, and the few that cannot be raw get a trailing underscore.
fn param_ident(param: &Param) -> Ident {
    let name = &param.name;
    if syn::parse_str::<Ident>(name).is_ok() {
        return Ident::new(name, Span::call_site());
    }
    match name.as_str() {
        "self" | "Self" | "super" | "crate" | "_" => format_ident!("{}_", name),
        _ => Ident::new_raw(name, Span::call_site()),
    }
}
