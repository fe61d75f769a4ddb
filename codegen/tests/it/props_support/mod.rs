//! What the `props_*` tests share: strings worth trying, and a catalog whose
//! every text field holds them, written as TOML and loaded like any other so
//! the strings cross the whole pipeline.

#![allow(dead_code)]

use std::fmt::Write as _;

use errcat_codegen::Catalog;
use proptest::prelude::*;

/// Fragments that have broken emitters somewhere: quotes and escapes of
/// every target language, comment terminators, template syntax, markup,
/// markdown, unsafe links, line terminators JavaScript sees and Rust does
/// not. Control characters other than tab and line breaks are not here:
/// the loader rejects them (`tests/load_text.rs`).
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "`",
    "\\",
    "\\u{0}",
    "\\n",
    "{",
    "}",
    "{{",
    "}}",
    "{value}",
    "${x}",
    "#{x}",
    "*/",
    "/*",
    "//",
    "<!--",
    "-->",
    "]]>",
    "<script>alert(1)</script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "\"><errcat-x onerrcat=1>",
    "' onerrcat='1",
    "<errcat-x>",
    "&amp;",
    "&lt;",
    "&#60;",
    "|",
    "#",
    "*",
    "_",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "![i](data:text/html,x)",
    "<javascript:alert(1)>",
    "\n[r]: vbscript:x\n",
    "[r]",
    "```",
    "~~~",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "é",
    "日本",
    "🦀",
    "𝕏",
    " ",
    "  ",
    "r#\"",
    "\"#",
    "$",
    "%s",
    "%",
];

/// Any text a catalog may hold: mostly the fragments above glued to
/// arbitrary characters, sometimes entirely arbitrary, without the control
/// characters the loader rejects.
pub fn text() -> impl Strategy<Value = String> + Clone {
    let piece = prop_oneof![
        3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z ]{1,8}",
    ];
    prop_oneof![
        4 => proptest::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
    ]
    .prop_map(|s| {
        s.chars()
            .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect()
    })
}

/// `text` as one line, as titles and messages must be: line breaks become
/// spaces.
pub fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Multi-line text as the loader hands it on: every line break `\n`.
pub fn as_loaded(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Text without line breaks or other control characters: what a title or
/// hint shows as one line in HTML, so it can be compared after rendering.
pub fn line() -> impl Strategy<Value = String> + Clone {
    text().prop_map(|s| {
        s.chars()
            .map(|c| {
                if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    })
}

/// Any code a platform may send: `text` without the characters a code may
/// not hold (`code_problem`) and without surrounding whitespace; may be
/// empty, which [`Texts::code_at`] fills in.
pub fn code() -> impl Strategy<Value = String> + Clone {
    text().prop_map(|s| {
        let kept: String = s
            .chars()
            .filter(|&c| errcat_codegen::model::code_problem(&format!("a{c}a")).is_none())
            .collect();
        kept.trim().to_owned()
    })
}

/// The strings of one code.
#[derive(Debug, Clone)]
pub struct Texts {
    /// The start of the code; see [`Texts::code_at`].
    pub code: String,
    pub title: String,
    pub hint: String,
    pub description: String,
    pub docs: String,
    /// The message is `before{value}after`, or just `before` without a
    /// parameter.
    pub before: String,
    pub after: Option<String>,
    /// What the test passes as `value`.
    pub value: String,
}

impl Texts {
    pub fn strategy(text: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = Texts> {
        (
            (text.clone(), text.clone(), text.clone(), text.clone()),
            (text.clone(), proptest::option::of(text.clone()), text),
            code(),
        )
            .prop_map(
                |((title, hint, description, docs), (before, after, value), code)| Texts {
                    code,
                    title: one_line(&title),
                    hint,
                    description,
                    docs,
                    before: one_line(&before),
                    after: after.as_deref().map(one_line),
                    value,
                },
            )
    }

    /// The code of the `i`th code of a catalog: its random start and `i`, so
    /// no two codes of a catalog are alike in any letter case.
    pub fn code_at(&self, i: usize) -> String {
        if self.code.is_empty() {
            format!("CODE_{i}")
        } else {
            format!("{} {i}", self.code)
        }
    }

    /// Harmless strings, for a catalog of the same shape.
    pub fn plain() -> Texts {
        Texts {
            code: String::new(),
            title: "t".into(),
            hint: "h".into(),
            description: "d".into(),
            docs: "x".into(),
            before: "b".into(),
            after: None,
            value: "v".into(),
        }
    }

    /// The message as the generated code must render it.
    pub fn rendered(&self) -> String {
        match &self.after {
            Some(after) => format!("{}{}{after}", self.before, self.value),
            None => self.before.clone(),
        }
    }
}

/// A TOML string literal holding `s` exactly.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML key holding `s` exactly: a basic string, the only kind a key may
/// be that holds any text (`s` has no control characters, as a code).
fn toml_key(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Literal text in a message template.
fn template_literal(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

/// The catalog `props` with one code per entry of `codes` (the `i`th is
/// [`Texts::code_at`], with the ident `CODE_{i}`, so its Rust and
/// TypeScript names are known), and a
/// category whose description is `category` and title is `category` on one
/// line (the catalog's title and description likewise).
pub fn catalog_files(codes: &[Texts], category: &str) -> Vec<(String, String)> {
    let manifest = format!(
        "[catalog]\nname = \"props\"\ntitle = {}\ndescription = {}\n\
         docs_base_url = \"https://docs.props.example/errors\"\n\n\
         [[category]]\nid = \"errors\"\ntitle = {}\ndescription = {}\n",
        toml_string(&one_line(category)),
        toml_string(category),
        toml_string(&one_line(category)),
        toml_string(category),
    );
    let mut body = String::new();
    for (i, texts) in codes.iter().enumerate() {
        let message = match &texts.after {
            Some(after) => format!(
                "{}{{value}}{}",
                template_literal(&texts.before),
                template_literal(after)
            ),
            None => template_literal(&texts.before),
        };
        let _ = writeln!(
            body,
            "[{}]\nident = \"CODE_{i}\"\nstatus = {}",
            toml_key(&texts.code_at(i)),
            400 + i % 200
        );
        let _ = writeln!(body, "message = {}", toml_string(&message));
        if texts.after.is_some() {
            let _ = writeln!(body, "params = {{ value = \"string\" }}");
        }
        for (field, value) in [
            ("title", &texts.title),
            ("hint", &texts.hint),
            ("description", &texts.description),
            ("docs", &texts.docs),
        ] {
            let _ = writeln!(body, "{field} = {}", toml_string(value));
        }
        body.push('\n');
    }
    vec![
        ("catalog.toml".to_owned(), manifest),
        ("errors.toml".to_owned(), body),
    ]
}

/// Loads [`catalog_files`]; every string is valid catalog text, so this
/// must succeed.
pub fn catalog(codes: &[Texts], category: &str) -> Catalog {
    load(&catalog_files(codes, category))
}

/// Loads catalog files that must load, such as [`catalog_files`] with more
/// codes appended.
pub fn load(files: &[(String, String)]) -> Catalog {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, contents)| (name.as_str(), contents.as_str()))
        .collect();
    errcat_codegen::load::load_files(&borrowed)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}\n{}", files[1].1))
}
