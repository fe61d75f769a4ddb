//! How generated code names the standard library. A committed crate names
//! it as people write it (`Some`, `Vec`, `std::fmt::Display`): at its root
//! nothing but the catalog's two types and a hidden module is defined, so
//! the prelude cannot be shadowed. Items for a build script's `include!`
//! land in a module errcat does not see, whose own `Result` or `Error` may
//! shadow the prelude, so there every path is absolute.

use proc_macro2::TokenStream;
use quote::quote;

#[derive(Debug, Clone, Copy)]
pub struct Paths {
    absolute: bool,
}

impl Paths {
    /// For the root of a generated crate.
    pub const CRATE: Paths = Paths { absolute: false };
    /// For a module body that is `include!`d anywhere.
    pub const INCLUDED: Paths = Paths { absolute: true };

    fn pick(self, plain: TokenStream, absolute: TokenStream) -> TokenStream {
        if self.absolute { absolute } else { plain }
    }

    pub fn option(self) -> TokenStream {
        self.pick(quote!(Option), quote!(::core::option::Option))
    }

    pub fn some(self) -> TokenStream {
        self.pick(quote!(Some), quote!(::core::option::Option::Some))
    }

    pub fn result(self) -> TokenStream {
        self.pick(quote!(Result), quote!(::core::result::Result))
    }

    pub fn into(self) -> TokenStream {
        self.pick(quote!(Into), quote!(::core::convert::Into))
    }

    pub fn from(self) -> TokenStream {
        self.pick(quote!(From), quote!(::core::convert::From))
    }

    pub fn string(self) -> TokenStream {
        self.pick(quote!(String), quote!(::std::string::String))
    }

    pub fn vec(self) -> TokenStream {
        self.pick(quote!(Vec), quote!(::std::vec::Vec))
    }

    pub fn fmt(self) -> TokenStream {
        self.pick(quote!(std::fmt), quote!(::core::fmt))
    }

    pub fn ops(self) -> TokenStream {
        self.pick(quote!(std::ops), quote!(::core::ops))
    }

    pub fn str(self) -> TokenStream {
        self.pick(quote!(std::str), quote!(::core::str))
    }

    /// The derives of a plain value type.
    pub fn derive_value(self) -> TokenStream {
        self.pick(
            quote!(#[derive(Debug, Clone, PartialEq)]),
            quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]),
        )
    }

    pub fn error(self) -> TokenStream {
        self.pick(quote!(std::error), quote!(::std::error))
    }
}
