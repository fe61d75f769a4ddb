//! TypeScript for frontends and SDKs: one ES module, `errors.ts`, with the
//! codes, their metadata as tables keyed by code, and a parser that turns an
//! error response in any wire shape into one discriminated union.
//!
//! One file, so it drops into any project whatever its module resolution
//! (no relative import to spell `.js` or not). Per-code data is tables keyed
//! by code, not per-code functions or object types, because a 10,000-code
//! catalog must type check within twice the time of 10,000 string constants
//! (`benches/tsc.rs`). The parser and helpers are the same for every catalog
//! and live in `client.ts`, appended as is after the shape table
//! (`shapes.rs`).
//! Catalog text only ever appears through [`escape::string_literal`] (code),
//! and `escape::jsdoc_text` and `escape::jsdoc_url` (comments).

mod escape;
mod shapes;

use std::collections::HashMap;
use std::fmt::Write as _;

use super::OutputFile;
use crate::emit::docs::content::{self, Inline};
use crate::emit::text::wrap_markdown;
use crate::model::{Catalog, Code, DetailMember, DetailType, ParamType, Severity};

use escape::{jsdoc_text, jsdoc_url};
pub use escape::{one_js_line, string_literal};

/// The catalog-independent part of the module: parsing and helpers.
const CLIENT: &str = include_str!("client.ts");

/// JSDoc text wider than this is wrapped (with `   * ` in front, a line
/// stays within 100 columns).
const DOC_WIDTH: usize = 90;

/// The output file name, relative to the `typescript/` folder.
pub const FILE: &str = "errors.ts";

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    let mut out = super::slash_notice(&catalog.name);
    module_doc(&mut out, catalog);
    code_object(&mut out, catalog);
    category_types(&mut out, catalog);
    params_interface(&mut out, catalog);
    details_interface(&mut out, catalog);
    tables(&mut out, catalog);
    aliases(&mut out, catalog);
    numbers(&mut out, catalog);
    severities(&mut out, catalog);
    out.push('\n');
    shapes::emit(&mut out, catalog);
    out.push_str(CLIENT);
    vec![OutputFile::new(FILE, out)]
}

fn module_doc(out: &mut String, catalog: &Catalog) {
    let version = match &catalog.version {
        Some(version) => format!(", version {}", jsdoc_text(version)),
        None => String::new(),
    };
    let _ = write!(
        out,
        "/**\n * Errors of {title} (catalog {name}{version}): every code, its parameters\n \
         * and metadata, and a parser for error responses in every wire shape.\n \
         * No dependencies and no side effects, so unused parts tree-shake away.\n \
         *\n * @module\n */\n",
        title = jsdoc_text(&catalog.title),
        name = jsdoc_text(&catalog.name),
    );
}

fn code_object(out: &mut String, catalog: &Catalog) {
    out.push_str(
        "\n/** Every error code, keyed by a TypeScript-friendly name; each value is the code as sent on the wire. */\n\
         export const ErrorCode = {\n",
    );
    for code in &catalog.codes {
        code_doc(out, catalog, code);
        let _ = writeln!(out, "  {}: {},", code.ts_key(), string_literal(&code.code));
    }
    out.push_str(
        "} as const;\n\n\
         /** An error code of this API. Codes added later arrive as {@link UnknownApiError}. */\n\
         export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];\n",
    );
}

/// The JSDoc an editor shows on `ErrorCode.X`: what the code means and what
/// to do, with `@deprecated` so editors strike out codes not to rely on.
fn code_doc(out: &mut String, catalog: &Catalog, code: &Code) {
    let category = &catalog.categories[code.category];
    let retry = if code.retry.retryable {
        "retryable"
    } else {
        "not retryable"
    };
    let classified = content::labelled_classification(catalog, code, false)
        .map(|class| format!("{}, ", jsdoc_text(&class)))
        .unwrap_or_default();
    let mut paragraphs = vec![
        format!(
            "**{}** ({classified}category {}, {retry}).",
            jsdoc_text(&code.title),
            jsdoc_text(&category.title),
        ),
        format!("Message: {}", jsdoc_text(&code.message.source())),
    ];
    if let Some(description) = &code.description {
        paragraphs.push(format!("Cause: {}", jsdoc_text(description)));
    }
    if let Some(hint) = &code.hint {
        paragraphs.push(format!("Hint: {}", jsdoc_text(hint)));
    }
    if !code.aliases.is_empty() {
        let aliases: Vec<String> = code.aliases.iter().map(|a| jsdoc_text(a)).collect();
        paragraphs.push(format!("Also received as {}.", aliases.join(", ")));
    }
    let mut tags = vec![format!("@see {}", jsdoc_url(&catalog.docs_url(code)))];
    if let Some(deprecated) = deprecation(catalog, code) {
        tags.push(deprecated);
    }
    out.push_str("  /**\n");
    // Each piece is safe alone, but markup around it could still meet it:
    // `**` before a title that starts with `/`.
    let line = |text: &str| text.replace("*/", "*\\/");
    // Wrapped as markdown, which is how editors show JSDoc.
    let lines = |text: &str| wrap_markdown([line(text).as_str()], DOC_WIDTH);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("   *\n");
        }
        for piece in lines(paragraph) {
            let _ = writeln!(out, "   * {piece}");
        }
    }
    for tag in tags {
        for piece in lines(&tag) {
            let _ = writeln!(out, "   * {piece}");
        }
    }
    out.push_str("   */\n");
}

/// `@deprecated` with the docs' sentence for a retired or deprecated code
/// (editors strike out both: neither should be relied on) and its note.
fn deprecation(catalog: &Catalog, code: &Code) -> Option<String> {
    let notice = content::retirement(code).or_else(|| content::deprecation(code))?;
    let mut tag = format!("@deprecated {}", jsdoc_inlines(catalog, &notice.sentence()));
    if let Some(note) = content::lifecycle_note(code) {
        tag.push(' ');
        tag.push_str(&jsdoc_text(note));
    }
    Some(tag)
}

/// Inline pieces as JSDoc prose: a code another piece names is a link to
/// its `ErrorCode` member.
fn jsdoc_inlines(catalog: &Catalog, pieces: &[Inline]) -> String {
    // A code span shows backslashes as they are, so only text that needs no
    // escaping goes into one.
    let code = |text: &str| {
        let plain = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c));
        if plain {
            format!("`{text}`")
        } else {
            jsdoc_text(text)
        }
    };
    pieces
        .iter()
        .map(|piece| match piece {
            Inline::Text(text) => jsdoc_text(text),
            Inline::Code(text) => code(text),
            Inline::CodeLink(name) => match catalog.find(name) {
                Some(target) => format!("{{@link ErrorCode.{}}}", target.ts_key()),
                None => code(name),
            },
            Inline::Url(url) => jsdoc_url(url),
        })
        .collect()
}

fn category_types(out: &mut String, catalog: &Catalog) {
    out.push_str("\n/** The categories codes are grouped in, in documentation order. */\nexport type ErrorCategory =");
    for category in &catalog.categories {
        let _ = write!(out, "\n  | {}", string_literal(&category.id));
    }
    out.push_str(
        ";\n\n/** Human title of each category. */\nexport const errorCategoryTitle = {\n",
    );
    for category in &catalog.categories {
        let _ = writeln!(
            out,
            "  {}: {},",
            string_literal(&category.id),
            string_literal(&category.title)
        );
    }
    out.push_str("} as const;\n");
}

/// A parameter shape that several codes share is written once, as a type
/// alias: large catalogs repeat a few shapes thousands of times, and each
/// type literal costs the compiler a little.
fn params_interface(out: &mut String, catalog: &Catalog) {
    let shapes: Vec<String> = catalog.codes.iter().map(params_type).collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for shape in &shapes {
        *uses.entry(shape).or_default() += 1;
    }
    // Named in order of first use, so the output does not depend on hashing.
    let mut shared: HashMap<&str, String> = HashMap::new();
    // The module's own names that end like these, then each alias given.
    let mut taken: std::collections::HashSet<String> =
        ["ErrorParams", "NoParams"].map(str::to_owned).into();
    for (code, shape) in catalog.codes.iter().zip(&shapes) {
        if uses[shape.as_str()] > 1 && !shared.contains_key(shape.as_str()) {
            let name = if shape == NO_PARAMS {
                "NoParams".to_owned()
            } else {
                alias_name(code, &mut taken)
            };
            if shared.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "type {name} = {shape};");
            shared.insert(shape, name);
        }
    }
    out.push_str(
        "\n/** Parameters of each code's message template, for {@link formatMessage}. */\n\
         export interface ErrorParams {\n",
    );
    for (code, shape) in catalog.codes.iter().zip(&shapes) {
        let ty = shared.get(shape.as_str()).unwrap_or(shape);
        let _ = writeln!(out, "  readonly {}: {ty};", string_literal(&code.code));
    }
    out.push_str("}\n");
}

/// The typed details of each code that has them, for `DetailsOf`.
fn details_interface(out: &mut String, catalog: &Catalog) {
    out.push_str(
        "\n/** The `details` members of each code whose catalog entry types them, as sent. */\n\
         export interface ErrorDetails {\n",
    );
    for code in catalog.emitted().filter(|c| !c.detail_members.is_empty()) {
        let _ = writeln!(
            out,
            "  readonly {}: {};",
            string_literal(&code.code),
            object_type(&code.detail_members)
        );
    }
    out.push_str("}\n");
}

fn object_type(members: &[DetailMember]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|m| {
            let optional = if m.optional { "?" } else { "" };
            format!(
                "readonly {}{optional}: {}",
                string_literal(&m.name),
                detail_type(&m.ty)
            )
        })
        .collect();
    format!("{{ {} }}", members.join("; "))
}

fn detail_type(ty: &DetailType) -> String {
    match ty {
        DetailType::Scalar(scalar) => ts_type(*scalar).to_owned(),
        DetailType::List(element) => format!("ReadonlyArray<{}>", detail_type(element)),
        DetailType::Object(members) => object_type(members),
    }
}

const NO_PARAMS: &str = "Record<string, never>";

/// A shared parameter shape's name, from its parameters:
/// `{ resource, id }` → `ResourceIdParams`, numbered after the first when
/// two shapes have the same names with other types (`SharedParams` when
/// the names hold no ASCII letter to start with).
fn alias_name(code: &Code, taken: &mut std::collections::HashSet<String>) -> String {
    use heck::ToUpperCamelCase;
    // Only ASCII letters and digits make it into the name, so whatever a
    // parameter is called, the name is an identifier.
    let words: String = code
        .message
        .params
        .iter()
        .map(|p| p.name.to_upper_camel_case())
        .collect::<String>()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let words = if words.starts_with(|c: char| c.is_ascii_alphabetic()) {
        words
    } else {
        format!("Shared{words}")
    };
    let base = format!("{words}Params");
    let mut name = base.clone();
    let mut n = 1;
    while taken.contains(&name) {
        n += 1;
        name = format!("{base}{n}");
    }
    taken.insert(name.clone());
    name
}

fn params_type(code: &Code) -> String {
    let params = &code.message.params;
    if params.is_empty() {
        return NO_PARAMS.to_owned();
    }
    let members: Vec<String> = params
        .iter()
        .map(|p| format!("readonly {}: {}", string_literal(&p.name), ts_type(p.ty)))
        .collect();
    format!("{{ {} }}", members.join("; "))
}

fn ts_type(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "string",
        ParamType::Integer | ParamType::Unsigned | ParamType::Float => "number",
        ParamType::Bool => "boolean",
    }
}

/// Metadata as one table per field, keyed by code, so a bundle keeps only
/// the tables it reads. Each table is JSON in a `String.raw` template:
/// checking a 10,000-member object literal costs the compiler a tenth of a
/// second, a string with a declared type nothing. The escaper guarantees the
/// JSON holds no backtick and no `${`, so the raw template reads it as is.
fn tables(out: &mut String, catalog: &Catalog) {
    let table = |out: &mut String, doc: &str, decl: &str, value: &dyn Fn(&Code) -> String| {
        let rows = catalog
            .codes
            .iter()
            .map(|code| (string_literal(&code.code), value(code)));
        json_table(out, doc, decl, rows);
    };
    table(
        out,
        "HTTP status of each code.",
        "export const errorStatus: Readonly<Record<ErrorCode, number>>",
        &|c| c.http_status().to_string(),
    );
    table(
        out,
        "RFC 9457 title of each code: a static summary.",
        "export const errorTitle: Readonly<Record<ErrorCode, string>>",
        &|c| string_literal(&c.title),
    );
    table(
        out,
        "Category of each code.",
        "export const errorCategory: Readonly<Record<ErrorCode, ErrorCategory>>",
        &|c| string_literal(&catalog.categories[c.category].id),
    );
    table(
        out,
        "Whether retrying can succeed, per code.",
        "export const errorRetryable: Readonly<Record<ErrorCode, boolean>>",
        &|c| c.retry.retryable.to_string(),
    );
    table(
        out,
        "Documentation URL of each code (the problem+json `type`).",
        "export const errorDocsUrl: Readonly<Record<ErrorCode, string>>",
        &|c| string_literal(&catalog.docs_url(c)),
    );
    table(
        out,
        "Message template of each code: `{name}` is a parameter, `{{` and `}}` are braces.",
        "export const errorMessage: Readonly<Record<ErrorCode, string>>",
        &|c| string_literal(&c.message.source()),
    );
}

/// Only the codes that are no error, so a catalog of errors carries an empty
/// table.
fn severities(out: &mut String, catalog: &Catalog) {
    out.push_str("\n/** How serious a code is. */\nexport type ErrorSeverity = \"error\" | \"warning\" | \"notice\";\n");
    let rows = catalog
        .codes
        .iter()
        .filter(|code| code.severity != Severity::Error)
        .map(|code| {
            (
                string_literal(&code.code),
                string_literal(code.severity.as_str()),
            )
        });
    json_table(
        out,
        "The severity of each code that is not an error (`severity` in the catalog).",
        "const severityOf: Readonly<Record<string, ErrorSeverity>>",
        rows,
    );
}

/// JSON also keeps an alias such as `__proto__` an own member, where an
/// object literal would set the prototype instead.
fn aliases(out: &mut String, catalog: &Catalog) {
    let rows = catalog.codes.iter().flat_map(|code| {
        code.aliases
            .iter()
            .map(|alias| (string_literal(alias), string_literal(&code.code)))
    });
    json_table(
        out,
        "Other wire strings that parse to a code.",
        "const aliasOf: Readonly<Record<string, string>>",
        rows,
    );
}

/// The stable numbers, both ways: only the codes that have one.
fn numbers(out: &mut String, catalog: &Catalog) {
    let numbered = || catalog.codes.iter().filter_map(|c| Some((c, c.number?)));
    json_table(
        out,
        "The stable number of each code that has one (`number` in the catalog).",
        "export const errorNumber: Readonly<Partial<Record<ErrorCode, number>>>",
        numbered().map(|(code, number)| (string_literal(&code.code), number.to_string())),
    );
    json_table(
        out,
        "The code of each number, keyed by the number's decimal digits.",
        "const codeOfNumberTable: Readonly<Record<string, string>>",
        numbered().map(|(code, number)| {
            (
                string_literal(&number.to_string()),
                string_literal(&code.code),
            )
        }),
    );
}

/// `decl = JSON.parse(...)` of an object with one `key: value` row per line;
/// keys and values are already JSON (string literals, numbers, booleans).
fn json_table(
    out: &mut String,
    doc: &str,
    decl: &str,
    rows: impl Iterator<Item = (String, String)>,
) {
    let rows: Vec<String> = rows
        .map(|(key, value)| format!("  {key}: {value}"))
        .collect();
    let body = if rows.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", rows.join(",\n"))
    };
    let _ = write!(
        out,
        "\n/** {doc} */\n{decl} = /* @__PURE__ */ JSON.parse(String.raw`{{{body}}}`);\n"
    );
}
