//! Runtime for errcat-generated error catalogs.
//!
//! A generated crate hands this crate its table (one string, decoded into a
//! [`CodeInfo`] row per code when first used; see [`ErrorCode`] and
//! [`Catalog`]) and wraps [`Error`] in its own type with one
//! constructor per code. Everything else lives here once: the message
//! template, every wire shape ([`WireShape`]), headers, content negotiation
//! and, with the `axum` feature, `IntoResponse`.
//!
//! What a client sees is the catalog's: for a server error (5xx) neither the
//! source error nor attached details ever reach the body; they go to
//! [`Error::log_line`] and the [`ErrorReport`] in the response's extensions.

mod accept;
mod any_code;
mod catalog;
mod derive_args;
mod error;
pub mod example;
mod lookup;
mod render;
pub mod schema;
pub mod shape;
mod table;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "tracing")]
pub mod trace;

#[cfg(feature = "tonic")]
pub mod grpc;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "utoipa")]
pub mod openapi;

pub use any_code::{AnyCode, UnknownCode};

/// What generated code names and services do not: re-exports and helpers
/// whose only users are generated impls.
#[doc(hidden)]
pub mod __private {
    pub use crate::any_code::serde_code;
    pub use crate::derive_args::{
        BoolArg, BoolField, Fields, Fill, FloatArg, FloatField, IntegerArg, IntegerField,
        StringArg, StringField, UnsignedArg, UnsignedField, error_from_fields,
    };
    pub use serde;

    /// The code type of a catalog's [`crate::Error`], which the derive
    /// names only through the catalog's support module.
    pub trait ErrorOf {
        type Code: crate::ErrorCode;
    }

    impl<C: crate::ErrorCode> ErrorOf for crate::Error<C> {
        type Code = C;
    }

    /// The first line of a generated catalog table, which its writer in
    /// `errcat-codegen` starts every table with.
    pub use crate::table::HEADER as TABLE_HEADER;

    /// How a table row's template written `=` splits its message, which
    /// the writer's tests hold it to.
    pub use crate::table::split_message;
}
pub use catalog::{
    Catalog, CodeInfo, DetailsKind, ErrorCode, GrpcCode, HeaderSet, HeaderTemplate, Param,
    ParamType, Piece, Resolve, ResolveMember, ResolveValue, Severity, WireShape,
};
pub use error::{Arg, Error, IntoText, RateLimit, Source};
/// Re-exported so generated code and services name the same `http` types.
pub use http;
/// Re-exported so generated code can take JSON details without its own dependency.
pub use serde_json;

pub use render::{Body, ErrorReport, RATELIMIT_LIMIT, RATELIMIT_REMAINING, RATELIMIT_RESET};

/// Maps a service's own error enum onto catalog codes, checked by rustc
/// against the generated catalog (feature `macros`).
#[cfg(feature = "macros")]
pub use errcat_macros::ApiError;

/// What a generated error type or a derived enum answers with, for every
/// integration errcat is built with: axum's `IntoResponse`, tonic's
/// `Status`. Generated crates and the derive invoke it unconditionally, so
/// the features of `errcat`, not of the invoking crate, decide.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_into_response {
    ($ty:ty) => {
        $crate::__impl_axum_response!($ty);
        $crate::__impl_grpc_status!($ty);
    };
    // A derived enum: also the codes it can answer with, for OpenAPI.
    ($ty:ty; $error:ty; $($code:literal),* $(,)?) => {
        $crate::__impl_into_response!($ty);
        $crate::__impl_openapi_responses!($ty; $error; $($code),*);
    };
}

/// Without the `utoipa` feature, no `IntoResponses`.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_openapi_responses {
    ($ty:ty; $error:ty; $($code:literal),*) => {};
}

/// The codes of a derived enum, and its responses for utoipa.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_openapi_responses {
    ($ty:ty; $error:ty; $($code:literal),*) => {
        #[automatically_derived]
        impl $crate::openapi::ErrorSet for $ty {
            type Code = <$error as $crate::__private::ErrorOf>::Code;

            fn codes() -> ::std::vec::Vec<Self::Code> {
                const CODES: &[&str] = &[$($code),*];
                CODES
                    .iter()
                    .filter_map(|code| <Self::Code as $crate::ErrorCode>::parse(code))
                    .collect()
            }
        }

        #[automatically_derived]
        impl $crate::openapi::utoipa::IntoResponses for $ty {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::openapi::utoipa::openapi::RefOr<
                    $crate::openapi::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::responses(&<$ty as $crate::openapi::ErrorSet>::codes())
            }
        }
    };
}

/// Without the `axum` feature, no `IntoResponse`.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum_response {
    ($ty:ty) => {};
}

/// Without the `tonic` feature, no `From<_> for tonic::Status`.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_grpc_status {
    ($ty:ty) => {};
}
