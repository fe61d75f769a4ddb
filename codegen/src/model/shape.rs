//! A wire shape a catalog declares, made into the runtime's own description
//! of a shape, so every emitter reads it as it reads the built-in ones.
//!
//! The runtime's [`ShapeSpec`] is `'static` data (a generated crate holds
//! its shapes in `const`s); a shape read from a catalog becomes one by
//! being leaked. Declarations are interned, so a process that loads the
//! same catalog again and again (a test suite, `errcat gen --watch`, a
//! benchmark) leaks each distinct shape once.

use std::sync::Mutex;

use errcat::shape::{CodeForm, HeaderMember, Literal, Member, Part, Presence, ShapeSpec};

use super::WireShape;

/// A declared shape as the loader reads it, owning its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeDecl {
    pub name: String,
    pub summary: String,
    pub schema_name: String,
    pub content_type: String,
    pub members: Vec<MemberDecl>,
    pub signatures: Vec<Vec<String>>,
    pub headers: Vec<(String, Part)>,
    pub code_form: CodeForm,
}

/// One member of a declared body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDecl {
    pub name: String,
    pub part: PartDecl,
    pub presence: Presence,
}

/// What a declared member holds: a part of the error without members of
/// its own, or further members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartDecl {
    /// Any [`Part`] but an object, a list or a string constant.
    Simple(Part),
    Object(Vec<MemberDecl>),
    List(Vec<MemberDecl>),
    Text(String),
}

/// The parts a declared shape's placeholders name, as catalogs spell them
/// (`{code}`): the loader reads them, the lock writes them.
pub const PLACEHOLDERS: &[(&str, Part)] = &[
    ("code", Part::Code),
    ("message", Part::Message),
    ("status", Part::Status),
    ("grpc_status", Part::GrpcStatus),
    ("domain", Part::Domain),
    ("title", Part::Title),
    ("docs_url", Part::DocsUrl),
    ("hint", Part::Hint),
    ("request_id", Part::RequestId),
    ("details", Part::Details),
    ("resolve", Part::Resolve),
    ("arguments", Part::Arguments),
];

static INTERNED: Mutex<Vec<(ShapeDecl, &'static ShapeSpec)>> = Mutex::new(Vec::new());

impl ShapeDecl {
    /// The shape, as the runtime describes shapes.
    pub fn intern(&self) -> WireShape {
        let mut interned = INTERNED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, spec)) = interned.iter().find(|(decl, _)| decl == self) {
            return WireShape::Declared(spec);
        }
        let spec: &'static ShapeSpec = Box::leak(Box::new(ShapeSpec {
            name: leak(&self.name),
            summary: leak(&self.summary),
            schema_name: leak(&self.schema_name),
            content_type: leak(&self.content_type),
            members: leak_members(&self.members),
            signatures: Box::leak(
                self.signatures
                    .iter()
                    .map(|set| &*Box::leak(set.iter().map(|name| leak(name)).collect()))
                    .collect(),
            ),
            headers: Box::leak(
                self.headers
                    .iter()
                    .map(|(name, part)| HeaderMember {
                        name: leak(name),
                        part: *part,
                    })
                    .collect(),
            ),
            code_form: self.code_form,
        }));
        interned.push((self.clone(), spec));
        WireShape::Declared(spec)
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.into())
}

fn leak_members(members: &[MemberDecl]) -> &'static [Member] {
    Box::leak(
        members
            .iter()
            .map(|member| Member {
                name: leak(&member.name),
                part: match &member.part {
                    PartDecl::Simple(part) => *part,
                    PartDecl::Object(inner) => Part::Object(leak_members(inner)),
                    PartDecl::List(inner) => Part::List(leak_members(inner)),
                    PartDecl::Text(text) => Part::Constant(Literal::String(leak(text))),
                },
                presence: member.presence,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(summary: &str) -> ShapeDecl {
        ShapeDecl {
            name: "mine".into(),
            summary: summary.into(),
            schema_name: "MineError".into(),
            content_type: "application/json".into(),
            members: vec![MemberDecl {
                name: "errors".into(),
                part: PartDecl::List(vec![MemberDecl {
                    name: "code".into(),
                    part: PartDecl::Simple(Part::Code),
                    presence: Presence::Always,
                }]),
                presence: Presence::Always,
            }],
            signatures: vec![vec!["errors".into()]],
            headers: Vec::new(),
            code_form: CodeForm::Exact,
        }
    }

    #[test]
    fn the_same_declaration_is_leaked_once() {
        let (WireShape::Declared(a), WireShape::Declared(b)) =
            (decl("Mine").intern(), decl("Mine").intern())
        else {
            panic!("declared shapes are declared");
        };
        assert!(std::ptr::eq(a, b));
        let WireShape::Declared(c) = decl("Other").intern() else {
            panic!("declared shapes are declared");
        };
        assert!(!std::ptr::eq(a, c));
        assert_eq!(a.path_of(Part::Code), Some(vec!["errors", "code"]));
        assert_eq!(a.written_path(&["errors", "code"]), "errors[0].code");
    }
}
