//! gRPC (feature `tonic`): a catalog error as a `tonic::Status` in the
//! google.rpc rich error model, and back.
//!
//! The status carries the catalog's gRPC code and message, and in its
//! details (through `tonic-types`): `ErrorInfo` (reason = the wire code in
//! `UPPER_SNAKE_CASE`, as `google.rpc.ErrorInfo` requires, domain = the
//! catalog's `domain` (else its name), metadata = the message's parameters),
//! `RetryInfo` from `Retry-After`, `RequestInfo` with the request id, `Help`
//! linking the code's docs, `BadRequest` with the field errors of a client
//! error, and `LocalizedMessage`. As over HTTP, a server error's source and
//! details never leave the server. Details of `details = "object"` codes
//! and typed details have no google.rpc message and are not sent.
//!
//! The API is tonic 0.14's: a service on another tonic major converts with
//! [`Error::to_status`] and its own tonic's `Status::from_parts`.

use std::collections::HashMap;
use std::time::Duration;

use tonic::Code;
pub use tonic::Status;
use tonic_types::{ErrorDetails, StatusExt};

use crate::any_code::AnyCode;
use crate::catalog::{DetailsKind, ErrorCode, GrpcCode, ParamType};
use crate::error::{Arg, Error};

/// The locale of the catalog's messages in `LocalizedMessage`. Catalogs are
/// written in one language until they can carry translations.
pub const MESSAGE_LOCALE: &str = "en";

impl<C: ErrorCode> Error<C> {
    /// The status a gRPC service answers with; see the [module](self).
    #[must_use]
    pub fn to_status(&self) -> Status {
        let info = self.info();
        let message = self.message();
        let metadata: HashMap<String, String> = info
            .params
            .iter()
            .zip(self.args())
            .map(|(param, arg)| (param.name.to_owned(), arg.to_string()))
            .collect();
        let mut details =
            ErrorDetails::with_error_info(reason(info.code), C::catalog().domain, metadata);
        if let Some(seconds) = self.retry_after() {
            details.set_retry_info(Some(Duration::from_secs(u64::from(seconds))));
        }
        if let Some(id) = self.request_id() {
            details.set_request_info(id, "");
        }
        if info.docs_url != "about:blank" {
            details.add_help_link(
                format!("What {} means and how to fix it", info.code),
                info.docs_url,
            );
        }
        if info.details == DetailsKind::FieldErrors && !info.is_server_error() {
            for (field, reasons) in self
                .details()
                .and_then(|d| d.as_object())
                .into_iter()
                .flatten()
            {
                for reason in reasons.as_array().into_iter().flatten() {
                    if let Some(reason) = reason.as_str() {
                        details.add_bad_request_violation(field.as_str(), reason);
                    }
                }
            }
        }
        details.set_localized_message(MESSAGE_LOCALE, message.as_str());
        Status::with_error_details(code(info.grpc), message, details)
    }
}

impl<C: ErrorCode> From<Error<C>> for Status {
    fn from(error: Error<C>) -> Self {
        // Where an error leaves the service: logged once, with its cause.
        #[cfg(feature = "tracing")]
        crate::trace::log(&error);
        error.to_status()
    }
}

fn code(grpc: GrpcCode) -> Code {
    Code::from_i32(i32::from(grpc.number()))
}

/// The `ErrorInfo.reason` of a wire code: `[A-Z][A-Z0-9_]+[A-Z0-9]`, as
/// google.rpc asks, whatever the catalog's code style (`VersionNotFound`
/// is `VERSION_NOT_FOUND`, `invalid_grant` is `INVALID_GRANT`); a code
/// already in that style is itself.
#[must_use]
pub fn reason(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 4);
    let mut previous: Option<char> = None;
    for c in code.chars() {
        let boundary = c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        if boundary {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        previous = Some(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The code whose [`reason`] `reason` is: its wire string first, then each
/// code of the catalog in turn.
fn code_of_reason<C: ErrorCode>(reason_text: &str) -> AnyCode<C> {
    if let Some(code) = C::parse(reason_text) {
        return AnyCode::Known(code);
    }
    let catalog = C::catalog();
    let found = catalog
        .lookup()
        .iter()
        .find(|(wire, _)| reason(wire) == reason_text)
        .map(|(_, code)| *code);
    found.map_or_else(|| AnyCode::Unknown(reason_text.into()), AnyCode::Known)
}

/// A status as a client received it: everything the rich error model said,
/// with the code read against the catalog (a code added after this build,
/// or another domain's, is kept as [`AnyCode::Unknown`]).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusError<C> {
    /// The wire code from `ErrorInfo.reason`; `None` when the status has no
    /// `ErrorInfo` (a transport error, a service outside any catalog).
    pub code: Option<AnyCode<C>>,
    /// `ErrorInfo.domain`.
    pub domain: Option<String>,
    /// The gRPC status code.
    pub grpc: Code,
    /// The status message.
    pub message: String,
    /// `ErrorInfo.metadata`: the message's parameters, sorted by name.
    pub params: Vec<(String, String)>,
    /// `RetryInfo.retry_delay`.
    pub retry_after: Option<Duration>,
    /// `RequestInfo.request_id`.
    pub request_id: Option<String>,
    /// `Help` links: description and URL.
    pub help: Vec<(String, String)>,
    /// `BadRequest` field violations: field and description.
    pub field_errors: Vec<(String, String)>,
    /// `LocalizedMessage`: locale and message.
    pub localized: Option<(String, String)>,
}

impl<C: ErrorCode> StatusError<C> {
    /// Reads a received status. Details that do not decode are left out,
    /// never an error: the status itself is still what the server said.
    #[must_use]
    pub fn from_status(status: &Status) -> Self {
        // Each kind of detail decodes on its own, so one that does not
        // decode leaves the others.
        let info = status.get_details_error_info();
        let code = info.as_ref().map(|info| {
            if info.domain == C::catalog().domain {
                code_of_reason(&info.reason)
            } else {
                AnyCode::Unknown(info.reason.as_str().into())
            }
        });
        let mut params: Vec<(String, String)> = info
            .as_ref()
            .map(|info| info.metadata.clone().into_iter().collect())
            .unwrap_or_default();
        params.sort();
        StatusError {
            code,
            domain: info.map(|info| info.domain),
            grpc: status.code(),
            message: status.message().to_owned(),
            params,
            retry_after: status.get_details_retry_info().and_then(|r| r.retry_delay),
            request_id: status
                .get_details_request_info()
                .map(|r| r.request_id)
                .filter(|id| !id.is_empty()),
            help: status
                .get_details_help()
                .map(|help| {
                    help.links
                        .into_iter()
                        .map(|l| (l.description, l.url))
                        .collect()
                })
                .unwrap_or_default(),
            field_errors: status
                .get_details_bad_request()
                .map(|bad| {
                    bad.field_violations
                        .into_iter()
                        .map(|v| (v.field, v.description))
                        .collect()
                })
                .unwrap_or_default(),
            localized: status
                .get_details_localized_message()
                .map(|l| (l.locale, l.message)),
        }
    }

    /// The catalog error the status stands for, with its arguments typed as
    /// the catalog declares them, its request id, `Retry-After` and field
    /// errors; `None` when the code is not one of this build's, or a
    /// parameter is missing or does not parse as its type.
    #[must_use]
    pub fn to_error(&self) -> Option<Error<C>> {
        let code = self.code.as_ref()?.known()?;
        let args = code
            .info()
            .params
            .iter()
            .map(|param| {
                let (_, text) = self.params.iter().find(|(name, _)| name == param.name)?;
                typed(param.ty, text)
            })
            .collect::<Option<Vec<Arg>>>()?;
        let mut error = Error::new(code, args);
        if let Some(id) = &self.request_id {
            error = error.with_request_id(id.clone());
        }
        if let Some(delay) = self.retry_after {
            error = error.with_retry_after(u32::try_from(delay.as_secs()).unwrap_or(u32::MAX));
        }
        for (field, reason) in &self.field_errors {
            error = error.with_field_error(field, reason.clone());
        }
        Some(error)
    }
}

fn typed(ty: ParamType, text: &str) -> Option<Arg> {
    Some(match ty {
        ParamType::String => Arg::from(text.to_owned()),
        ParamType::Integer => Arg::Int(text.parse().ok()?),
        ParamType::Unsigned => Arg::Uint(text.parse().ok()?),
        ParamType::Float => Arg::Float(text.parse().ok()?),
        ParamType::Bool => Arg::Bool(text.parse().ok()?),
    })
}

/// Implements `From<_> for tonic::Status` for a generated error type or a
/// derived enum that converts into [`Error`] (through
/// `__impl_into_response`).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_grpc_status {
    ($ty:ty) => {
        impl ::core::convert::From<$ty> for $crate::grpc::Status {
            fn from(error: $ty) -> Self {
                $crate::grpc::Status::from($crate::Error::from(error))
            }
        }
    };
}
