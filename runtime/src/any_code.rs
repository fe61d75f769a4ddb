//! Codes read from elsewhere, including ones this build does not know.

use std::fmt;
use std::str::FromStr;

use crate::catalog::ErrorCode;

/// A wire string that names no code of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub Box<str>);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// A code as read from elsewhere: one this build knows, or one added to the
/// catalog after it was compiled. Parsing never fails.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnyCode<C> {
    /// A code of the catalog (aliases resolve to their code).
    Known(C),
    /// A string this build does not know, kept as received.
    Unknown(Box<str>),
}

impl<C: ErrorCode> AnyCode<C> {
    /// Reads a wire string; unknown strings are kept, not rejected.
    #[must_use]
    pub fn parse(s: &str) -> Self {
        C::parse(s).map_or_else(|| AnyCode::Unknown(s.into()), AnyCode::Known)
    }

    /// The wire string: the canonical code for known ones (so an alias comes
    /// back as its code), the received text otherwise.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            AnyCode::Known(code) => code.info().code,
            AnyCode::Unknown(s) => s,
        }
    }

    /// The known code, if any.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        match self {
            AnyCode::Known(code) => Some(*code),
            AnyCode::Unknown(_) => None,
        }
    }
}

impl<C: ErrorCode> FromStr for AnyCode<C> {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(AnyCode::parse(s))
    }
}

impl<C: ErrorCode> fmt::Display for AnyCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<C: ErrorCode> serde::Serialize for AnyCode<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, C: ErrorCode> serde::Deserialize<'de> for AnyCode<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<C>(std::marker::PhantomData<C>);
        impl<C: ErrorCode> serde::de::Visitor<'_> for Visitor<C> {
            type Value = AnyCode<C>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(AnyCode::parse(s))
            }
        }
        deserializer.deserialize_str(Visitor(std::marker::PhantomData))
    }
}

/// Serde for a generated code enum, as its wire string; generated impls
/// call these so the generated crate needs no serde dependency of its own.
#[doc(hidden)]
pub mod serde_code {
    use super::{ErrorCode, UnknownCode};

    pub fn serialize<C: ErrorCode, S: serde::Serializer>(
        code: C,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(code.info().code)
    }

    /// Unknown strings are an error here; deserialize into
    /// [`super::AnyCode`] to keep them instead.
    pub fn deserialize<'de, C: ErrorCode, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<C, D::Error> {
        let any: super::AnyCode<C> = serde::Deserialize::deserialize(deserializer)?;
        match any {
            super::AnyCode::Known(code) => Ok(code),
            super::AnyCode::Unknown(text) => Err(serde::de::Error::custom(UnknownCode(text))),
        }
    }
}
