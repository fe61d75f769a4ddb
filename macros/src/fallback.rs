//! What the derive emits next to `compile_error!` when the input has
//! mistakes: the same impls with bodies that never run (the build fails
//! anyway), so code using the enum as an error type still type-checks and
//! one mistake is reported once, not once per use.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;

pub fn impls(input: &Input) -> TokenStream {
    if input.not_an_enum.is_some() {
        return TokenStream::new();
    }
    let ident = input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let ty = quote!(#ident #ty_generics);
    let catalog_impls = input.catalog.as_ref().map(|catalog| {
        let support = quote!(__catalog);
        quote! {
            use #catalog::__api_error as __catalog;

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #support::Error #where_clause {
                fn from(_: #ty) -> Self {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<&#ty> for #support::Error #where_clause {
                fn from(_: &#ty) -> Self {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #support::CatalogError #where_clause {
                fn from(_: #ty) -> Self {
                    ::core::unreachable!()
                }
            }

            #support::impl_into_response!(#ty);
        }
    });
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ty #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::std::error::Error for #ty #where_clause {}

            #catalog_impls
        };
    }
}
