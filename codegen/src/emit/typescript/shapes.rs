//! The part of the module that knows the wire shapes: their names, the
//! `resolve` members, and a table saying how to read a body of each shape,
//! all written from the runtime's description, so the parser in `client.ts`
//! knows no shape by name.

use std::fmt::Write as _;

use errcat::shape::{Part, ShapeSpec};

use super::escape::{jsdoc_text, string_literal};
use crate::model::WireShape;

/// The `WireShape` and `ErrorResolve` types, and the `shapeReaders` table.
pub fn emit(out: &mut String) {
    let names: Vec<String> = WireShape::ALL
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
    for shape in by_signature() {
        out.push_str(&reader(shape));
    }
    out.push_str("];\n\n");
}

/// The shapes, those with longer signatures first and otherwise in
/// declaration order (the sort is stable).
fn by_signature() -> Vec<WireShape> {
    let mut shapes = WireShape::ALL.to_vec();
    shapes.sort_by_key(|shape| std::cmp::Reverse(shape.spec().signature.len()));
    shapes
}

fn reader(shape: WireShape) -> String {
    let spec = shape.spec();
    let signature: Vec<String> = spec
        .signature
        .iter()
        .map(|name| {
            let part = spec
                .members
                .iter()
                .find(|member| member.name == *name)
                .map_or(Part::Code, |member| member.part);
            format!(
                "[{}, {}]",
                string_literal(name),
                string_literal(typeof_(part))
            )
        })
        .collect();
    let mut fields = vec![
        format!("shape: {}", string_literal(spec.name)),
        format!("signature: [{}]", signature.join(", ")),
    ];
    // RFC 9457 calls the member holding the occurrence `instance`.
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
        if let Some(path) = path(spec, part) {
            fields.push(format!("{field}: {path}"));
        }
    }
    if problem_json && let Some(path) = path(spec, Part::RequestId) {
        fields.push(format!("instance: {path}"));
    }
    let mut object = String::from("  {\n");
    for field in fields {
        let _ = writeln!(object, "    {field},");
    }
    object.push_str("  },\n");
    object
}

fn path(spec: &ShapeSpec, part: Part) -> Option<String> {
    let path = spec.path_of(part)?;
    let names: Vec<String> = path.iter().map(|name| string_literal(name)).collect();
    Some(format!("[{}]", names.join(", ")))
}

/// What JavaScript's `typeof` says of a member holding `part`.
fn typeof_(part: Part) -> &'static str {
    match part.json_type() {
        "integer" => "number",
        other => other,
    }
}
