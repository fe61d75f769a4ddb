//! The part of the module that knows the wire shapes: their names, the
//! `resolve` members, and a table saying how to read a body of each shape,
//! all written from the runtime's description, so the parser in `client.ts`
//! knows no shape by name.

use std::fmt::Write as _;

use errcat::shape::{CodeForm, Part, ShapeSpec, Step};

use super::escape::{jsdoc_text, string_literal};
use crate::model::{Catalog, WireShape};

/// The `WireShape` and `ErrorResolve` types, and the `shapeReaders` table.
pub fn emit(out: &mut String, catalog: &Catalog) {
    let shapes: Vec<WireShape> = catalog.shapes().collect();
    let names: Vec<String> = shapes
        .iter()
        .map(|shape| string_literal(shape.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "/** The wire shapes an error body can have, named as in the catalog format. */\n\
         export type WireShape = {};\n",
        names.join(" | ")
    );

    out.push_str(
        "/** RFC 9457 `resolve`: how a human or an agent can fix the problem. */\n\
         export interface ErrorResolve {\n",
    );
    for member in errcat::Resolve::MEMBERS {
        let _ = writeln!(
            out,
            "  /** {} */\n  readonly {}?: string;",
            jsdoc_text(member.meaning),
            member.name
        );
    }
    out.push_str("}\n\n");
    let members: Vec<String> = errcat::Resolve::MEMBERS
        .iter()
        .map(|member| string_literal(member.name))
        .collect();
    let _ = writeln!(
        out,
        "const resolveMembers = [{}] as const;\n",
        members.join(", ")
    );

    out.push_str(
        "// How to read a body of each shape, longest signature first: a body is\n\
         // in the first shape whose signature members it has, with their types.\n\
         const shapeReaders: readonly ShapeReader[] = [\n",
    );
    for shape in WireShape::by_signature(&shapes) {
        out.push_str(&reader(shape));
    }
    out.push_str("];\n\n");
}

fn reader(shape: WireShape) -> String {
    let spec = shape.spec();
    let signatures: Vec<String> = spec
        .signature_checks()
        .iter()
        .map(|set| {
            let members: Vec<String> = set
                .iter()
                .map(|(name, expect)| {
                    format!(
                        "[{}, {}]",
                        string_literal(name),
                        string_literal(expect.as_str())
                    )
                })
                .collect();
            format!("[{}]", members.join(", "))
        })
        .collect();
    let mut fields = vec![
        format!("shape: {}", string_literal(spec.name)),
        format!("signatures: [{}]", signatures.join(", ")),
    ];
    // RFC 9457 calls the member holding the occurrence `instance`, a URI
    // that a top-level `request_id` is preferred to.
    let problem_json = spec.content_type == WireShape::Problem.content_type();
    let roles = [
        ("code", Part::Code),
        ("message", Part::Message),
        ("title", Part::Title),
        ("status", Part::Status),
        ("hint", Part::Hint),
        ("details", Part::Details),
        ("requestId", Part::RequestId),
        ("resolve", Part::Resolve),
        ("type", Part::DocsUrl),
    ];
    for (field, part) in roles {
        let field = if problem_json && part == Part::RequestId {
            "instance"
        } else {
            field
        };
        if let Some(path) = path(spec, part) {
            fields.push(format!("{field}: {path}"));
        }
    }
    let headers: Vec<String> = spec
        .headers
        .iter()
        .filter_map(|header| {
            let role = roles.iter().find(|(_, part)| *part == header.part)?.0;
            // Read from the response's own status, never a header.
            (header.part != Part::Status)
                .then(|| format!("{role}: {}", string_literal(header.name)))
        })
        .collect();
    if !headers.is_empty() {
        fields.push(format!("headers: {{ {} }}", headers.join(", ")));
    }
    match spec.code_form {
        CodeForm::Exact => {}
        CodeForm::SmithyShapeName => fields.push("codeForm: \"smithy\"".to_owned()),
        CodeForm::Number => fields.push("codeForm: \"number\"".to_owned()),
        // A reason reads as it is.
        CodeForm::ErrorInfoReason => {}
    }
    let mut object = String::from("  {\n");
    for field in fields {
        let _ = writeln!(object, "    {field},");
    }
    object.push_str("  },\n");
    object
}

/// The way to `part`: member names, and for a list the element's constant
/// members, which pick the element (`{ "@type": "type.googleapis.com/..." }`).
fn path(spec: &ShapeSpec, part: Part) -> Option<String> {
    let steps: Vec<String> = spec
        .steps_of(part)?
        .into_iter()
        .map(|step| match step {
            Step::Member(name) => string_literal(name),
            Step::Element(members) => {
                let constants: Vec<String> = Step::matches(members)
                    .map(|(name, literal)| {
                        let value = serde_json::to_string(&literal).unwrap_or_default();
                        format!("{}: {value}", string_literal(name))
                    })
                    .collect();
                if constants.is_empty() {
                    "{}".to_owned()
                } else {
                    format!("{{ {} }}", constants.join(", "))
                }
            }
        })
        .collect();
    Some(format!("[{}]", steps.join(", ")))
}
