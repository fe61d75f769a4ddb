//! What a docs entry says, independent of how it is written down.
//!
//! The markdown pages, the static site and `errcat explain` all render the
//! same facts from here, so the three can never disagree about a code. Text is
//! kept as small inline pieces (plain text, code, links) and each renderer
//! escapes them for its own format.

use crate::emit::example;
use crate::emit::text::{push_autolink, push_code_span, push_escaped};
use crate::model::{Catalog, Code, DetailsKind, Severity, Transport};

/// A piece of inline text. Nothing in here is escaped yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    /// A link to another code's entry, shown as the code.
    CodeLink(String),
    /// An external link, shown as the URL.
    Url(String),
}

/// How a target names a code another piece refers to: a markdown link to
/// its entry, a Rust path in a code span.
pub type LinkFn<'a> = &'a dyn Fn(&str) -> String;

/// Inline pieces as CommonMark (the pages, rustdoc, OpenAPI descriptions);
/// `link` writes a [`Inline::CodeLink`] whole.
pub fn markdown(pieces: &[Inline], in_table: bool, link: LinkFn) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Inline::Text(t) => push_escaped(&mut out, t),
            Inline::Code(c) => push_code_span(&mut out, c, in_table),
            Inline::CodeLink(c) => out.push_str(&link(c)),
            Inline::Url(url) => push_autolink(&mut out, url, in_table),
        }
    }
    out
}

/// The markdown link to a code's entry at `target`.
pub fn entry_link(code: &str, target: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(code.len() + target.len() + 6);
    out.push('[');
    push_code_span(&mut out, code, in_table);
    out.push_str("](");
    out.push_str(target);
    out.push(')');
    out
}

/// One labelled line of an entry, like `Status: 404 Not Found`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: Vec<Inline>,
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
}

/// `items` joined by `, `.
fn list(items: impl IntoIterator<Item = Vec<Inline>>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(text(", "));
        }
        out.extend(item);
    }
    out
}

/// `404 Not Found`, or just the number for statuses without a phrase.
pub fn status_text(status: u16) -> String {
    match example::reason_phrase(status) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// What a code is classified by first, which docs show beside it: by the
/// catalog's transport, its HTTP status, its gRPC code, or (for a catalog
/// sent over neither) its class. `None` when it has none. `long` writes a
/// status with its reason phrase.
pub fn classification(catalog: &Catalog, code: &Code, long: bool) -> Option<String> {
    match catalog.transport {
        Transport::Http => Some(if long {
            status_text(code.http_status())
        } else {
            code.http_status().to_string()
        }),
        Transport::Grpc => Some(code.grpc.as_str().to_owned()),
        Transport::None => code.class.map(|i| catalog.classes[i].id.clone()),
    }
}

/// [`classification`] after its kind: `HTTP 404`, `gRPC NOT_FOUND`,
/// `Class 42`.
pub fn labelled_classification(catalog: &Catalog, code: &Code, long: bool) -> Option<String> {
    classification(catalog, code, long)
        .map(|value| format!("{} {value}", classification_label(catalog)))
}

/// What an entry's heading shows beside the code: `404 Not Found`, and
/// outside HTTP the kind too (`gRPC NOT_FOUND`, `Class 42`).
pub fn classification_badge(catalog: &Catalog, code: &Code) -> Option<String> {
    match catalog.transport {
        Transport::Http => classification(catalog, code, true),
        _ => labelled_classification(catalog, code, true),
    }
}

/// The name of what [`classification`] shows, as a column heading.
pub fn classification_label(catalog: &Catalog) -> &'static str {
    match catalog.transport {
        Transport::Http => "HTTP",
        Transport::Grpc => "gRPC",
        Transport::None => "Class",
    }
}

/// Whether and how to retry, as a sentence a caller can act on.
pub fn retry_advice(code: &Code) -> String {
    let wait = match code.retry.after_seconds {
        Some(seconds) => format!("the `Retry-After` header (default {seconds} s)"),
        None if code.has_header(crate::model::Header::RETRY_AFTER) => {
            "the `Retry-After` header".to_owned()
        }
        None => String::new(),
    };
    match (code.retry.retryable, code.retry.throttling, wait.is_empty()) {
        (false, _, _) => {
            "Not retryable: the same request fails the same way until it changes.".to_owned()
        }
        (true, true, false) => {
            format!("Retryable: you are sending too fast; wait as long as {wait} says, then retry.")
        }
        (true, true, true) => {
            "Retryable: you are sending too fast; slow down and retry with exponential backoff."
                .to_owned()
        }
        (true, false, false) => format!("Retryable: wait as long as {wait} says, then retry."),
        (true, false, true) => "Retryable: retry with exponential backoff.".to_owned(),
    }
}

/// The facts table of an entry, in reading order. Rows that do not apply to
/// the code are left out rather than shown empty.
/// The table of a code's typed details, which every docs target shows
/// after the facts: a row per member, however deep.
pub struct DetailsTable {
    pub title: &'static str,
    pub columns: [&'static str; 3],
    /// The member's path (`retention.policy`), its type, and when it is
    /// sent.
    pub rows: Vec<[String; 3]>,
}

/// When a member that is always sent with its object is sent.
const ALWAYS: &str = "always";

/// The table of `c`'s typed details, `None` when it has none.
pub fn details_table(c: &Code) -> Option<DetailsTable> {
    if c.detail_members.is_empty() {
        return None;
    }
    let mut rows: Vec<[String; 3]> = Vec::new();
    for (path, member) in crate::model::flatten_details(&c.detail_members) {
        // A member of an object that may be left out is sent with it.
        let parent = path
            .rsplit_once('.')
            .map(|(parent, _)| parent.trim_end_matches("[]"));
        let parent_sent = parent.and_then(|parent| {
            rows.iter()
                .find(|row| row[0] == parent && row[2] != ALWAYS)
                .map(|_| parent.to_owned())
        });
        let sent = match (member.optional, parent_sent) {
            (true, _) => "when it has a value".to_owned(),
            (false, Some(parent)) => format!("with {parent}"),
            (false, None) => ALWAYS.to_owned(),
        };
        rows.push([path, member.ty.spelling(), sent]);
    }
    Some(DetailsTable {
        title: "Details members",
        columns: ["Member", "Type", "Sent"],
        rows,
    })
}

pub fn facts(catalog: &Catalog, c: &Code) -> Vec<Fact> {
    // The status is not a fact here: every renderer shows it in the entry's
    // heading line.
    let mut facts = vec![Fact {
        label: "Message",
        value: vec![code(c.message.source())],
    }];
    // Over HTTP the status is in the heading; elsewhere a documented one is
    // still worth knowing (a gateway in front sends it).
    if let Some(status) = c.status.filter(|_| catalog.transport != Transport::Http) {
        facts.push(Fact {
            label: "HTTP status",
            value: vec![text(status_text(status))],
        });
    }
    if c.severity != Severity::Error {
        facts.push(Fact {
            label: "Severity",
            value: vec![code(c.severity.as_str())],
        });
    }
    if let Some(class) = c.class.map(|i| &catalog.classes[i]) {
        facts.push(Fact {
            label: "Class",
            value: vec![code(class.id.clone()), text(format!(" ({})", class.title))],
        });
    }
    if !c.tags.is_empty() {
        facts.push(Fact {
            label: "Tags",
            value: list(c.tags.iter().map(|t| vec![code(t.clone())])),
        });
    }
    if !c.message.params.is_empty() {
        let params = c
            .message
            .params
            .iter()
            .map(|p| vec![code(p.name.clone()), text(format!(" ({})", p.ty.as_str()))]);
        facts.push(Fact {
            label: "Parameters",
            value: list(params),
        });
    }
    match c.details {
        DetailsKind::Typed => facts.push(Fact {
            label: "Details",
            value: vec![text("an object of the members below")],
        }),
        DetailsKind::None => {}
        DetailsKind::Object => facts.push(Fact {
            label: "Details",
            value: vec![text("a JSON object with more context")],
        }),
        DetailsKind::FieldErrors => facts.push(Fact {
            label: "Details",
            value: vec![
                text("field-level errors, each field to its problems: "),
                code(example::details(c).unwrap_or_default().to_string()),
            ],
        }),
    }
    facts.push(Fact {
        label: "Retry",
        value: split_code_spans(&retry_advice(c)),
    });
    if !c.headers.is_empty() {
        facts.push(Fact {
            label: "Headers",
            value: list(c.headers.iter().map(|h| {
                vec![code(match h.template_source(&c.message.params) {
                    Some(value) => format!("{}: {value}", h.name),
                    None => h.name.clone(),
                })]
            })),
        });
    }
    if c.wire_shape != catalog.wire_shape {
        facts.push(Fact {
            label: "Response shape",
            value: vec![
                code(c.wire_shape.as_str()),
                text(format!(" ({})", c.wire_shape.content_type())),
            ],
        });
    }
    facts.push(Fact {
        label: "gRPC",
        value: vec![
            code(c.grpc.as_str()),
            text(format!(" ({})", c.grpc.number())),
        ],
    });
    if let Some(number) = c.number {
        facts.push(Fact {
            label: "Number",
            value: vec![text(number.to_string())],
        });
    }
    if !c.aliases.is_empty() {
        facts.push(Fact {
            label: "Aliases",
            value: list(c.aliases.iter().map(|a| vec![code(a.clone())])),
        });
    }
    if let Some(since) = &c.since {
        facts.push(Fact {
            label: "Since",
            value: vec![text(since.clone())],
        });
    }
    let url = catalog.docs_url(c);
    if url != "about:blank" {
        facts.push(Fact {
            label: "Docs URL",
            value: vec![Inline::Url(url)],
        });
    }
    facts
}

/// `resolve`: how a person or an agent fixes the problem, one fact per member.
pub fn resolve(c: &Code) -> Vec<Fact> {
    let Some(resolve) = &c.resolve else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    if let Some(message) = &resolve.message {
        facts.push(Fact {
            label: "What to do",
            value: vec![text(message.clone())],
        });
    }
    if let Some(url) = &resolve.url {
        facts.push(Fact {
            label: "Where",
            value: vec![Inline::Url(url.clone())],
        });
    }
    if let Some(action) = &resolve.action {
        facts.push(Fact {
            label: "Action",
            value: vec![code(action.clone())],
        });
    }
    let call = match (&resolve.method, &resolve.endpoint) {
        (Some(method), Some(endpoint)) => Some(format!("{method} {endpoint}")),
        (None, Some(endpoint)) => Some(endpoint.clone()),
        (Some(method), None) => Some(method.clone()),
        (None, None) => None,
    };
    if let Some(call) = call {
        facts.push(Fact {
            label: "Endpoint",
            value: vec![code(call)],
        });
    }
    facts
}

/// A warning shown above an entry, like `Deprecated since 2.0: use X
/// instead.`: the label, and the rest of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub label: &'static str,
    /// Follows the label directly: starts with its own space or colon.
    pub body: Vec<Inline>,
}

impl Notice {
    /// The whole sentence as one run of pieces.
    pub fn sentence(&self) -> Vec<Inline> {
        let mut out = vec![text(self.label)];
        out.extend(self.body.iter().cloned());
        out
    }
}

/// The sentence every target says of a deprecated code, without its note:
/// `Deprecated since 2.0: use X instead.`
pub fn deprecation(c: &Code) -> Option<Notice> {
    let deprecated = c.deprecated.as_ref()?;
    let mut body = Vec::new();
    if let Some(since) = &deprecated.since {
        body.push(text(format!(" since {since}")));
    }
    body.push(text(": "));
    body.extend(deprecation_advice(c)?);
    Some(Notice {
        label: "Deprecated",
        body,
    })
}

/// What to do instead of a deprecated code, the end of [`deprecation`]'s
/// sentence: `use X instead.`
pub fn deprecation_advice(c: &Code) -> Option<Vec<Inline>> {
    Some(match &c.deprecated.as_ref()?.replacement {
        Some(replacement) => vec![
            text("use "),
            Inline::CodeLink(replacement.clone()),
            text(" instead."),
        ],
        None => vec![text("do not use it in new code.")],
    })
}

/// The sentence every target says of a retired code, without its note.
pub fn retirement(c: &Code) -> Option<Notice> {
    let retired = c.retired.as_ref()?;
    let mut body = Vec::new();
    if let Some(since) = &retired.since {
        body.push(text(format!(" in {since}")));
    }
    body.push(text(
        ": no longer sent. The code stays reserved so it is never reused, and older clients still parse it.",
    ));
    Some(Notice {
        label: "Retired",
        body,
    })
}

/// The catalog's note on a code's deprecation or retirement.
pub fn lifecycle_note(c: &Code) -> Option<&str> {
    match (&c.retired, &c.deprecated) {
        (Some(retired), _) => retired.note.as_deref(),
        (None, Some(deprecated)) => deprecated.note.as_deref(),
        (None, None) => None,
    }
}

/// Retirement and deprecation, each with its note, for the top of an entry.
pub fn notices(c: &Code) -> Vec<Notice> {
    let with_note = |mut notice: Notice, note: Option<&str>| {
        if let Some(note) = note {
            notice.body.push(text(format!(" {note}")));
        }
        notice
    };
    let retired = retirement(c)
        .map(|notice| with_note(notice, c.retired.as_ref().and_then(|r| r.note.as_deref())));
    let deprecated = deprecation(c).map(|notice| {
        with_note(
            notice,
            c.deprecated.as_ref().and_then(|d| d.note.as_deref()),
        )
    });
    retired.into_iter().chain(deprecated).collect()
}

/// The "What to do" cell of an index table: the hint, after the
/// deprecation sentence (or instead of it, the retirement's).
pub fn what_to_do(c: &Code) -> Vec<Inline> {
    if let Some(retired) = retirement(c) {
        return retired.sentence();
    }
    let mut out = deprecation(c).map(|d| d.sentence()).unwrap_or_default();
    if let Some(hint) = &c.hint {
        if !out.is_empty() {
            out.push(text(" "));
        }
        out.push(text(hint.clone()));
    }
    out
}

/// The index's first sentence on the response format, before the sample body.
pub fn shape_intro(catalog: &Catalog) -> Vec<Inline> {
    vec![
        text("Every error response is "),
        code(catalog.wire_shape.content_type()),
        text(" with this shape:"),
    ]
}

/// The index's advice on handling errors, before the client snippet.
pub fn handling_intro(catalog: &Catalog) -> Vec<Inline> {
    vec![
        text("Switch on "),
        code(super::shape::access(catalog.wire_shape).code),
        text(" for programmatic handling; the message is for people and may change."),
    ]
}

/// Why links to entries keep working.
pub fn anchors_note(catalog: &Catalog) -> Vec<Inline> {
    vec![
        text("Links are stable: a code's anchor is the code in lowercase ("),
        code(format!("#{}", catalog.codes[0].anchor())),
        text("), on this page and on its category's page."),
    ]
}

/// The code whose body shows a reader the catalog's shape: one sent in it,
/// preferably still sent and with a hint, so the example has every member.
pub fn sample(catalog: &Catalog) -> &Code {
    let shape = catalog.wire_shape;
    let in_shape = || catalog.codes.iter().filter(move |c| c.wire_shape == shape);
    in_shape()
        .find(|c| c.retired.is_none() && c.hint.is_some())
        .or_else(|| in_shape().next())
        .unwrap_or(&catalog.codes[0])
}

/// The short description of a code in an index table.
pub fn summary(c: &Code) -> String {
    c.description.clone().unwrap_or_else(|| c.title.clone())
}

/// Splits our own prose on backticks into text and code pieces, so advice can
/// be written as one readable string. Never used on catalog strings.
fn split_code_spans(prose: &str) -> Vec<Inline> {
    prose
        .split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| if i % 2 == 1 { code(piece) } else { text(piece) })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::load::load_files;

    /// A member of an object that may be left out is sent with it, and a
    /// list's elements' members with the list.
    #[test]
    fn the_details_table_says_when_each_member_is_sent() {
        let catalog = load_files(&[
            (
                "catalog.toml",
                "[catalog]\nname = \"shop\"\ntitle = \"Shop\"\n\n[[category]]\nid = \"orders\"\ntitle = \"Orders\"\n",
            ),
            (
                "orders.toml",
                "[ORDER_INVALID]\nstatus = 400\nmessage = \"a\"\ndetails = { id = \"string\", \"limits?\" = { max = \"unsigned\", \"soft?\" = \"unsigned\" }, \"lines?\" = [{ sku = \"string\" }] }\n",
            ),
        ])
        .unwrap_or_else(|d| panic!("{d}"));
        let table = super::details_table(&catalog.codes[0]).unwrap();
        let rows: Vec<[&str; 3]> = table
            .rows
            .iter()
            .map(|[path, ty, sent]| [path.as_str(), ty.as_str(), sent.as_str()])
            .collect();
        assert_eq!(
            rows,
            [
                ["id", "string", "always"],
                ["limits", "object", "when it has a value"],
                ["limits.max", "unsigned", "with limits"],
                ["limits.soft", "unsigned", "when it has a value"],
                ["lines", "object[]", "when it has a value"],
                ["lines[].sku", "string", "with lines"],
            ]
        );
    }
}
