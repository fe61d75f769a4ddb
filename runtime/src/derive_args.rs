//! The argument traits `#[derive(errcat::ApiError)]` checks a variant's
//! fields against: one per template parameter type, with the message a user
//! sees when a field does not fit. They depend on no catalog, so they live
//! here once, with the field types of the per-code structs a generated
//! crate's `__api_error` module has (each field type's [`Fill`] impl asks
//! for its argument trait), which that module re-exports.
//!
//! Only lossless conversions are admitted for numbers; a `string` takes
//! anything `Display`, since it only ever becomes text.

use crate::{Arg, Error, ErrorCode};

/// A field that can fill a `string` template parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template parameter of type `string`",
    label = "the catalog declares this parameter `string`",
    note = "a `string` parameter takes any type that implements `Display`"
)]
pub trait StringArg {
    /// The field as a template argument.
    fn to_arg(&self) -> Arg;
}

impl<T: std::fmt::Display + ?Sized> StringArg for T {
    #[inline]
    fn to_arg(&self) -> Arg {
        Arg::from(self.to_string())
    }
}

/// A field that can fill an `integer` template parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template parameter of type `integer`",
    label = "the catalog declares this parameter `integer`",
    note = "an `integer` parameter takes `i8`, `i16`, `i32`, `i64`, `u8`, `u16` or `u32`"
)]
pub trait IntegerArg {
    /// The field as a template argument.
    fn to_arg(&self) -> Arg;
}

/// A field that can fill an `unsigned` template parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template parameter of type `unsigned`",
    label = "the catalog declares this parameter `unsigned`",
    note = "an `unsigned` parameter takes `u8`, `u16`, `u32`, `u64` or `usize`"
)]
pub trait UnsignedArg {
    /// The field as a template argument.
    fn to_arg(&self) -> Arg;
}

/// A field that can fill a `float` template parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template parameter of type `float`",
    label = "the catalog declares this parameter `float`",
    note = "a `float` parameter takes `f32` or `f64`"
)]
pub trait FloatArg {
    /// The field as a template argument.
    fn to_arg(&self) -> Arg;
}

/// A field that can fill a `bool` template parameter.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template parameter of type `bool`",
    label = "the catalog declares this parameter `bool`",
    note = "a `bool` parameter takes `bool`"
)]
pub trait BoolArg {
    /// The field as a template argument.
    fn to_arg(&self) -> Arg;
}

/// The template arguments a derived variant's fields became, by name. The
/// derive fills them in the variant's order while it writes the code's
/// struct literal; [`error_from_fields`] puts them in the template's.
#[derive(Default)]
pub struct Fields(Vec<(&'static str, Arg)>);

/// A parameter's field in a code's struct (`Self`, one type per parameter
/// type), made from a variant's field of type `T`, which it records in
/// [`Fields`]. The derive calls it as the field's initializer, so the
/// struct's field type picks the impl, and a `T` of the wrong type fails
/// that impl's argument trait, with the trait's message.
pub trait Fill<T: ?Sized> {
    /// Records `value` as the argument `name` and returns the field.
    fn fill(fields: &mut Fields, name: &'static str, value: &T) -> Self;
}

/// A field type per argument trait, each filled by the types of its trait.
macro_rules! field_types {
    ($($field:ident: $trait:ident, $ty:literal;)+) => {
        $(#[doc = concat!("A `", $ty, "` parameter's field in a code's struct.")]
        pub struct $field;

        impl<T: $trait + ?Sized> Fill<T> for $field {
            #[inline]
            fn fill(fields: &mut Fields, name: &'static str, value: &T) -> Self {
                fields.0.push((name, value.to_arg()));
                $field
            }
        })+
    };
}

field_types! {
    StringField: StringArg, "string";
    IntegerField: IntegerArg, "integer";
    UnsignedField: UnsignedArg, "unsigned";
    FloatField: FloatArg, "float";
    BoolField: BoolArg, "bool";
}

/// The error of the code `code` with the arguments the derive recorded, in
/// the order of the code's parameters.
///
/// # Panics
///
/// Never for what the derive writes: it calls this only after a struct
/// literal of the code's struct, which the generated crate has for its own
/// codes only, and with exactly the code's parameters. A code string the
/// catalog does not have would be a bug in errcat, and panics naming it.
#[must_use]
pub fn error_from_fields<C: ErrorCode>(code: &str, fields: Fields) -> Error<C> {
    let Some(code) = C::parse(code) else {
        panic!("errcat: the derive named `{code}`, which is no code of its catalog");
    };
    let mut fields = fields.0;
    let args = code
        .info()
        .params
        .iter()
        .map(
            |param| match fields.iter().position(|(name, _)| *name == param.name) {
                Some(at) => fields.swap_remove(at).1,
                // The struct literal had every parameter; kept total all the
                // same, as a missing argument of `Error::new` is.
                None => Arg::from(""),
            },
        )
        .collect();
    Error::new(code, args)
}

/// Impls of `$trait` converting each source type into `$target` losslessly.
macro_rules! lossless {
    ($trait:ident => $target:ty: $($source:ty),+) => {
        $(impl $trait for $source {
            #[inline]
            fn to_arg(&self) -> Arg {
                Arg::from(<$target>::from(*self))
            }
        })+
    };
}

lossless!(IntegerArg => i64: i8, i16, i32, i64, u8, u16, u32);
lossless!(UnsignedArg => u64: u8, u16, u32, u64);
lossless!(FloatArg => f64: f32, f64);

// By hand, not by `lossless!`: with one implementor, rustc quotes this impl
// to a user whose field is not a `bool`, and it should read as itself.
impl BoolArg for bool {
    #[inline]
    fn to_arg(&self) -> Arg {
        Arg::from(*self)
    }
}

impl UnsignedArg for usize {
    #[inline]
    fn to_arg(&self) -> Arg {
        // `usize` is at most 64 bits on every target Rust supports.
        Arg::from(*self as u64)
    }
}
