//! Writes the impls. Everything catalog-specific is named through
//! `<catalog>::__api_error`, the support module every generated catalog
//! carries, with the user's spans, so rustc's own errors point at the code
//! string or the field that is wrong.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt as _;
use syn::{DeriveInput, Ident, Member};

use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::{fallback, valid};

pub fn derive(node: &DeriveInput) -> TokenStream {
    let mut cx = Ctxt::default();
    let input = Input::from_syn(&mut cx, node);
    valid::check(&mut cx, &input);
    match cx.check() {
        Ok(()) => impls(&input),
        Err(errors) => {
            let mut tokens = errors.to_compile_error();
            tokens.extend(fallback::impls(&input));
            tokens
        }
    }
}

fn impls(input: &Input) -> TokenStream {
    let catalog = input
        .catalog
        .as_ref()
        .expect("validation rejects an enum without a catalog");
    let alias = alias_for(catalog);
    let support = quote!(#alias);
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let ty = quote!(#ident #ty_generics);

    let arms = input.variants.iter().map(|v| build_arm(&support, ident, v));
    let codes = input.variants.iter().filter_map(|v| v.code.as_ref());
    // The integrations' impls (axum, tonic, utoipa) are macro_rules over a
    // type, without generics: a generic enum gets none of them, rather than
    // impls that do not compile. It still converts into the catalog error,
    // which has them all.
    let into_response = if input.generics.params.is_empty() {
        quote!(#support::impl_into_response!(#ty; #support::Error; #(#codes),*);)
    } else {
        TokenStream::new()
    };
    let attach_source = input.variants.iter().filter_map(|v| {
        let source = v.source()?;
        let pattern = source_pattern(ident, v, &source.member);
        Some(quote! {
            #pattern => #support::with_source(error, __source),
        })
    });
    let source_arms = input.variants.iter().filter_map(|v| {
        let source = v.source()?;
        let pattern = source_pattern(ident, v, &source.member);
        Some(quote_spanned! {source.span=>
            #pattern => ::core::option::Option::Some(__source),
        })
    });
    let from_impls = input.variants.iter().filter_map(|v| {
        let field = v.fields.iter().find(|f| f.from.is_some())?;
        let variant = v.ident;
        let field_ty = field.ty;
        let build = match &field.member {
            Member::Named(name) => quote!(#ident::#variant { #name: value }),
            Member::Unnamed(_) => quote!(#ident::#variant(value)),
        };
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#field_ty> for #ty #where_clause {
                fn from(value: #field_ty) -> Self {
                    #build
                }
            }
        })
    });
    // `match *this {}` keeps an enum without variants well-typed.
    let body = if input.variants.is_empty() {
        quote!(match *this {})
    } else {
        // One `Fields` for all arms, each of which moves it into its error:
        // one per arm gave every arm cleanup code for unwinding, which was
        // a third of a debug build of 1,000 derived variants.
        let fields = Ident::new(FIELDS, Span::mixed_site());
        let any_params = input.variants.iter().any(|v| v.params().next().is_some());
        let binding = if any_params {
            quote!(mut #fields)
        } else {
            quote!(#fields)
        };
        quote! {
            let #binding = #support::Fields::default();
            match this { #(#arms)* }
        }
    };

    quote! {
        #[allow(non_snake_case, clippy::needless_borrow)]
        const _: () = {
            // Named after the catalog, so rustc's messages read
            // "in module `fold_errors::codes`"; one import, so a wrong
            // catalog path is one error rather than one per variant.
            use #catalog::__api_error as #alias;

            /// The catalog error a value of the enum stands for, without its
            /// source (which only an owned value can hand over).
            fn __api_error #impl_generics (this: &#ty) -> #support::Error #where_clause {
                #body
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #support::Error #where_clause {
                fn from(this: #ty) -> Self {
                    let error = __api_error(&this);
                    #[allow(unreachable_patterns)]
                    match this {
                        #(#attach_source)*
                        _ => error,
                    }
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<&#ty> for #support::Error #where_clause {
                fn from(this: &#ty) -> Self {
                    __api_error(this)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #support::CatalogError #where_clause {
                fn from(this: #ty) -> Self {
                    <#support::CatalogError as ::core::convert::From<#support::Error>>::from(
                        ::core::convert::From::from(this),
                    )
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ty #where_clause {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&__api_error(self), f)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::std::error::Error for #ty #where_clause {
                fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                    #[allow(unreachable_patterns)]
                    match self {
                        #(#source_arms)*
                        _ => ::core::option::Option::None,
                    }
                }
            }

            #into_response
        };

        // Outside the block above: a field's type may name the catalog's
        // crate, which the import there shadows.
        const _: () = {
            #(#from_impls)*
        };
    }
}

/// The local of `__api_error` that records the arguments of its arm.
const FIELDS: &str = "__fields";

/// One arm of `__api_error`: binds the variant's parameter fields and writes
/// the code's struct literal from them, each field's initializer recording
/// its argument; then builds the error from the code string and what was
/// recorded. The struct's path carries the code string's span (all of it,
/// so rustc underlines the string and nothing else) and each field its own:
/// that is where rustc's errors point. Nothing is read back from the
/// struct, so a field the code lacks is one error, not two.
fn build_arm(support: &TokenStream, enum_ident: &Ident, variant: &Variant) -> TokenStream {
    let code = variant
        .code
        .as_ref()
        .expect("validation rejects a variant without a code");
    let code_ident = Ident::new(&crate::code_name::struct_name(&code.value()), code.span());
    // The function's local, hygienic: no field of the user's can name it.
    let fields = Ident::new(FIELDS, Span::mixed_site());
    // The details field's binding, at the field for both its binding and
    // its use, so they resolve alike and rustc points at the field.
    let details_binding = variant
        .details()
        .map(|field| Ident::new("__details", field.span));
    let params: Vec<_> = variant.params().collect();
    let mut bindings: Vec<TokenStream> =
        params.iter().map(|f| f.member.to_token_stream()).collect();
    let details = variant.details();
    if let Some(field) = details {
        let member = &field.member;
        bindings.push(quote!(#member: #details_binding));
    }
    let variant_ident = variant.ident;
    // A deprecated code's struct deprecates its fields too; the code string
    // carries the one warning, the fields need not repeat it.
    let inits = params.iter().map(|f| {
        let member = &f.member;
        let name = match member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        };
        let fill = respan(quote!(#support::Fill::fill), f.span);
        quote_spanned!(f.span=> #[allow(deprecated)] #member: #fill(&mut #fields, #name, #member))
    });
    let path = respan(quote!(#support::codes::#code_ident), code.span());
    let construct = quote_spanned!(code.span()=> {
        let _ = #path { #(#inits,)* };
        #support::new(#code, #fields)
    });
    let construct = match &variant.retry_after {
        Some(seconds) => quote!(#support::with_retry_after(#construct, #seconds)),
        None => construct,
    };
    // All of the call at the field, so a details type without `Details`,
    // or a code that declares no details, underlines the field and nothing
    // else.
    let construct = match details {
        Some(field) => {
            let with_details = respan(
                quote!(#support::with_details::<#support::codes::#code_ident, _>),
                field.span,
            );
            quote_spanned!(field.span=> #with_details(#construct, #details_binding))
        }
        None => construct,
    };
    quote! {
        #enum_ident::#variant_ident { #(#bindings,)* .. } => #construct,
    }
}

/// A pattern matching `variant` that binds its source field as `__source`.
fn source_pattern(enum_ident: &Ident, variant: &Variant, member: &Member) -> TokenStream {
    let ident = variant.ident;
    quote!(#enum_ident::#ident { #member: __source, .. })
}

/// The name the catalog's support module is imported as: the catalog path's
/// last segment (`fold_errors`, `errors` for `crate::errors`), or `catalog`
/// when that is `crate`, `self` or `super`.
fn alias_for(catalog: &syn::Path) -> Ident {
    match catalog.segments.last() {
        Some(last) if !matches!(last.ident.to_string().as_str(), "crate" | "self" | "super") => {
            Ident::new(&last.ident.to_string(), Span::call_site())
        }
        _ => Ident::new("catalog", Span::call_site()),
    }
}

/// `tokens` with every span set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}
