//! What the docs say about a wire shape, read from the runtime's
//! description of it: its members as rows, its outline, and how client code
//! reads a body of it.

use errcat::shape::{CodeForm, Member, Part, Presence, Step};

use crate::model::WireShape;

/// One member of a body as the docs list it.
pub struct Field {
    /// Its path from the body's top: `error.code`.
    pub path: String,
    /// Its JSON type: `string`, `object | null`.
    pub ty: String,
    /// What it means, with when it is absent.
    pub meaning: String,
}

/// Every member that holds a value (not the objects around them), in body
/// order, then the headers that carry a part of the error.
pub fn fields(shape: WireShape) -> Vec<Field> {
    let spec = shape.spec();
    let members = spec
        .members()
        .filter(|(_, member)| !matches!(member.part, Part::Object(_) | Part::List(_)))
        .map(|(path, member)| {
            let numbered = member.part == Part::Code && spec.code_form == CodeForm::Number;
            Field {
                path: spec.written_path(&path),
                ty: if numbered {
                    "integer".to_owned()
                } else {
                    json_type(member)
                },
                meaning: if numbered {
                    format!("{}.", CodeForm::Number.code_meaning())
                } else {
                    member.sentence()
                },
            }
        });
    let headers = spec.headers.iter().map(|header| Field {
        path: header.name.to_owned(),
        ty: "header".to_owned(),
        meaning: format!("{}, in a response header.", header.part.meaning()),
    });
    members.chain(headers).collect()
}

/// The member's JSON type, with `| null` when it is `null` without a value.
fn json_type(member: &Member) -> String {
    let ty = member.part.json_type();
    match member.presence {
        Presence::NullWhenAbsent => format!("{ty} | null"),
        Presence::Always | Presence::WhenPresent => ty.to_owned(),
    }
}

/// How client code reads a body of this shape, as `body.…` expressions.
pub struct Access {
    /// The code.
    pub code: String,
    /// What a default branch logs: the message, and the hint, request id
    /// and fix where the shape has them.
    pub log: String,
}

pub fn access(shape: WireShape) -> Access {
    let spec = shape.spec();
    let logged: Vec<String> = [Part::Message, Part::Hint, Part::RequestId, Part::Resolve]
        .into_iter()
        .filter_map(|part| spec.steps_of(part))
        .map(|steps| expression(&steps))
        .collect();
    Access {
        code: spec
            .steps_of(Part::Code)
            .map(|steps| expression(&steps))
            .unwrap_or_default(),
        log: logged.join(", "),
    }
}

/// The JavaScript that reads the member at the end of `steps` from
/// `body`, the way a reader takes them: a list's element is the one with
/// the element's constants (AIP-193's `ErrorInfo` by its `@type`), else
/// its first.
fn expression(steps: &[Step]) -> String {
    let mut out = String::from("body");
    // After `.find(...)`, which may find nothing.
    let mut maybe = false;
    for step in steps {
        match step {
            Step::Member(name) => {
                let identifier = is_identifier(name);
                if maybe {
                    out.push_str("?.");
                } else if identifier {
                    out.push('.');
                }
                if identifier {
                    out.push_str(name);
                } else {
                    out.push_str(&format!("[{}]", serde_json::Value::from(*name)));
                }
            }
            Step::Element(members) => {
                let tests: Vec<String> = Step::matches(members)
                    .map(|(name, literal)| {
                        let value = serde_json::to_string(&literal).unwrap_or_default();
                        format!("item[{}] === {value}", serde_json::Value::from(name))
                    })
                    .collect();
                if tests.is_empty() {
                    out.push_str(if maybe { "?.[0]" } else { "[0]" });
                } else {
                    let chain = if maybe { "?." } else { "." };
                    out.push_str(&format!("{chain}find((item) => {})", tests.join(" && ")));
                    maybe = true;
                }
            }
        }
    }
    out
}

/// Whether `name` can follow a `.` in JavaScript without quoting (ASCII
/// only, which is all the built-in shapes use; anything else is quoted).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snippet reads a code the way the clients do: AIP-193's from the
    /// `ErrorInfo` found by its `@type`, wherever it is among the details.
    #[test]
    fn the_snippet_reads_the_code_where_a_client_finds_it() {
        assert_eq!(access(WireShape::Nested).code, "body.error.code");
        assert_eq!(access(WireShape::Problem).code, "body.error_code");
        assert_eq!(access(WireShape::AwsJson).code, "body.__type");
        let aip193 = access(WireShape::Aip193);
        assert_eq!(
            aip193.code,
            r#"body.error.details.find((item) => item["@type"] === "type.googleapis.com/google.rpc.ErrorInfo")?.reason"#
        );
        assert_eq!(aip193.log, "body.error.message");
    }

    #[test]
    fn a_header_that_carries_the_code_is_listed_after_the_members() {
        let rows: Vec<(String, String, String)> = fields(WireShape::AwsJson)
            .into_iter()
            .map(|f| (f.path, f.ty, f.meaning))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "__type".to_owned(),
                    "string".to_owned(),
                    "Machine-readable error code; stable, so branch on it.".to_owned()
                ),
                (
                    "message".to_owned(),
                    "string".to_owned(),
                    "Human-readable message; its wording may change between releases.".to_owned()
                ),
                (
                    "X-Amzn-ErrorType".to_owned(),
                    "header".to_owned(),
                    "Machine-readable error code; stable, so branch on it, in a response header."
                        .to_owned()
                ),
            ]
        );
    }
}
