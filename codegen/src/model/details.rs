//! Typed details: the members a code's `details` object carries, with the
//! types the generated Rust struct, the TypeScript type, the schemas, the
//! docs and the lock all read from here.

use std::fmt::Write as _;

use errcat::ParamType;
use heck::{ToSnakeCase, ToUpperCamelCase};

/// A member of a typed `details` object, or of an object nested in one.
#[derive(Debug, Clone, PartialEq)]
pub struct DetailMember {
    /// The member's name on the wire, exactly as the platform sends it.
    pub name: String,
    /// Left out of the object when there is no value (`"region?"`).
    pub optional: bool,
    pub ty: DetailType,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DetailType {
    /// A string, number or boolean, of a parameter type.
    Scalar(ParamType),
    /// A JSON array of the element type.
    List(Box<DetailType>),
    /// A JSON object of the members, in declared order.
    Object(Vec<DetailMember>),
}

impl DetailType {
    /// How the catalog writes the type, as the docs and the lock show it:
    /// `string`, `unsigned[]`, `object`, `object[]`.
    pub fn spelling(&self) -> String {
        match self {
            DetailType::Scalar(ty) => ty.as_str().to_owned(),
            DetailType::List(element) => format!("{}[]", element.spelling()),
            DetailType::Object(_) => "object".to_owned(),
        }
    }

    /// The members of the object this type is or holds, however deep in
    /// lists: `None` for scalars and lists of them.
    pub fn members(&self) -> Option<&[DetailMember]> {
        match self {
            DetailType::Scalar(_) => None,
            DetailType::List(element) => element.members(),
            DetailType::Object(members) => Some(members),
        }
    }
}

impl DetailMember {
    /// The Rust field the member becomes, snake_case, as text: a keyword
    /// is a raw identifier (`r#type`), and the few that cannot be raw get
    /// a trailing underscore.
    pub fn rust_field(&self) -> String {
        let name = super::naming::identifier(&self.name, |w| w.to_snake_case(), "m");
        match name.as_str() {
            "self" | "super" | "crate" => format!("{name}_"),
            _ if crate::code_name::is_rust_keyword(&name) => format!("r#{name}"),
            _ => name,
        }
    }

    /// The name of the struct a nested object member becomes, UpperCamelCase
    /// (`Self` cannot be one).
    pub fn rust_type(&self) -> String {
        let name = super::naming::identifier(&self.name, |w| w.to_upper_camel_case(), "M");
        if name == "Self" {
            "SelfValue".to_owned()
        } else {
            name
        }
    }

    /// The module a nested object member's own nested structs go in: its
    /// field name.
    pub fn rust_module(&self) -> String {
        self.rust_field()
    }
}

/// The example of an object of `members`: every member, optional ones too,
/// each scalar the example value of a parameter of its type and name, each
/// list one element.
pub fn example(members: &[DetailMember]) -> serde_json::Value {
    let object = members
        .iter()
        .map(|member| (member.name.clone(), example_of(&member.name, &member.ty)))
        .collect();
    serde_json::Value::Object(object)
}

fn example_of(name: &str, ty: &DetailType) -> serde_json::Value {
    match ty {
        DetailType::Scalar(scalar) => errcat::example::value(name, *scalar),
        DetailType::List(element) => serde_json::Value::Array(vec![example_of(name, element)]),
        DetailType::Object(members) => example(members),
    }
}

/// Every member of `members` and of the objects nested in them, each with
/// its path as the docs and the lock write it (`limit.max`,
/// `violations[].field`), depth first in declared order.
pub fn flatten(members: &[DetailMember]) -> Vec<(String, &DetailMember)> {
    let mut out = Vec::new();
    flatten_into(members, "", &mut out);
    out
}

fn flatten_into<'m>(
    members: &'m [DetailMember],
    prefix: &str,
    out: &mut Vec<(String, &'m DetailMember)>,
) {
    for member in members {
        let mut path = format!("{prefix}{}", member.name);
        out.push((path.clone(), member));
        let mut ty = &member.ty;
        while let DetailType::List(element) = ty {
            path.push_str("[]");
            ty = element;
        }
        if let DetailType::Object(inner) = ty {
            let _ = write!(path, ".");
            flatten_into(inner, &path, out);
        }
    }
}
