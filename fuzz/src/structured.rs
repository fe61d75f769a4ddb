//! TOML-shaped catalogs from unstructured bytes (`arbitrary`), for the
//! `structured` fuzz target: most inputs are well-formed TOML with the
//! catalog's field names and mostly plausible values, so the fuzzer spends
//! its time in validation and the emitters rather than in the TOML parser.
//!
//! Names come from a small vocabulary most of the time, so codes, categories,
//! aliases and replacements refer to each other; any value can still be a
//! raw string or a value of the wrong type, so the loader's error paths are
//! reached from valid-looking files too.

use arbitrary::Arbitrary;
use errcat_codegen::load::CODE_FIELDS;
use toml::{Table, Value};

const WORDS: [&str; 8] = [
    "auth",
    "limits",
    "errors",
    "billing",
    "x",
    "not_found",
    "Auth",
    "a1",
];
const CODES: [&str; 15] = [
    "NOT_FOUND",
    "RATE_LIMITED",
    "not_found",
    "rate_limited",
    "NotFound",
    "RateLimited",
    "A",
    "INVALID_ACCESS_KEY_ID",
    "InvalidAccessKeyID",
    "Unknown",
    // Codes a platform sends that are no identifier.
    "42P01",
    "PD:core:ErrFoo",
    "AWS.SimpleQueueService.NonExistentQueue",
    "1045",
    "00000",
];
/// The loader's own code fields, then two catalog settings, so a field the
/// loader gains is fuzzed with no change here.
fn field_name(index: u8) -> String {
    const SETTINGS: [&str; 4] = ["code_style", "name", "transport", "wire_shape"];
    let i = usize::from(index) % (CODE_FIELDS.len() + SETTINGS.len());
    match CODE_FIELDS.get(i) {
        Some(name) => name,
        None => SETTINGS[i - CODE_FIELDS.len()],
    }
    .to_owned()
}
const ENUMS: [&str; 31] = [
    "string",
    "integer",
    "unsigned",
    "float",
    "bool",
    "flat",
    "nested",
    "error_code",
    "problem",
    "oauth2",
    "SCREAMING_SNAKE_CASE",
    "snake_case",
    "PascalCase",
    "none",
    "object",
    "field_errors",
    "Retry-After",
    "RateLimit-Limit",
    "NOT_FOUND",
    "UNAVAILABLE",
    "GET",
    "1.0.0",
    "error",
    "warning",
    "notice",
    "http",
    "grpc",
    "UndefinedTable",
    "[0-9A-Z]{5}",
    "aws_json",
    "postgrest",
];

/// A name from a vocabulary, or anything.
#[derive(Arbitrary, Debug)]
pub enum Name {
    Word(u8),
    Code(u8),
    Enum(u8),
    Raw(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Word(i) => WORDS[*i as usize % WORDS.len()].to_owned(),
            Name::Code(i) => CODES[*i as usize % CODES.len()].to_owned(),
            Name::Enum(i) => ENUMS[*i as usize % ENUMS.len()].to_owned(),
            Name::Raw(s) => s.clone(),
        }
    }
}

/// A field value: usually the right kind, sometimes not.
#[derive(Arbitrary, Debug)]
pub enum Val {
    Name(Name),
    /// A message template built of literal text and `{placeholder}`s.
    Template(Vec<Piece>),
    Status(u8),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Vec<Name>),
    Table(Vec<(Name, Name)>),
    Nested(Vec<(u8, Box<Val>)>),
}

#[derive(Arbitrary, Debug)]
pub enum Piece {
    Text(String),
    Word(u8),
    Placeholder(Name),
    Brace(bool),
}

impl Val {
    fn value(&self) -> Value {
        match self {
            Val::Name(name) => Value::String(name.text()),
            Val::Template(pieces) => Value::String(
                pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(s) => s.clone(),
                        Piece::Word(i) => WORDS[*i as usize % WORDS.len()].to_owned(),
                        Piece::Placeholder(name) => format!("{{{}}}", name.text()),
                        Piece::Brace(open) => if *open { "{{" } else { "}}" }.to_owned(),
                    })
                    .collect(),
            ),
            // Mostly inside 100..=599, where a status is valid.
            Val::Status(n) => Value::Integer(90 + i64::from(*n) * 520 / 256),
            Val::Int(n) => Value::Integer(*n),
            Val::Float(f) => Value::Float(*f),
            Val::Bool(b) => Value::Boolean(*b),
            Val::List(names) => {
                Value::Array(names.iter().map(|n| Value::String(n.text())).collect())
            }
            Val::Table(pairs) => Value::Table(
                pairs
                    .iter()
                    .map(|(k, v)| (k.text(), Value::String(v.text())))
                    .collect(),
            ),
            Val::Nested(fields) => Value::Table(fields_table(fields)),
        }
    }
}

fn fields_table(fields: &[(u8, Box<Val>)]) -> Table {
    fields
        .iter()
        .map(|(field, val)| (field_name(*field), val.value()))
        .collect()
}

#[derive(Arbitrary, Debug)]
pub struct Code {
    pub name: Name,
    pub status: Val,
    pub message: Val,
    /// Any other fields, by index into the field names.
    pub fields: Vec<(u8, Val)>,
}

#[derive(Arbitrary, Debug)]
pub struct Category {
    pub id: Name,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Arbitrary, Debug)]
pub struct Catalog {
    pub name: Name,
    pub title: String,
    pub code_style: Name,
    /// Other `[catalog]` fields, by index into the field names.
    pub settings: Vec<(u8, Val)>,
    pub categories: Vec<Category>,
    pub files: Vec<(Name, Vec<Code>)>,
}

impl Catalog {
    /// The catalog as `(file name, contents)` pairs, `catalog.toml` first.
    /// A file name met twice keeps its first file, as in a real folder.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut settings = Table::new();
        settings.insert("name".into(), Value::String(self.name.text()));
        settings.insert("title".into(), Value::String(self.title.clone()));
        settings.insert("code_style".into(), Value::String(self.code_style.text()));
        for (field, val) in &self.settings {
            settings.insert(field_name(*field), val.value());
        }
        let categories: Vec<Value> = self
            .categories
            .iter()
            .map(|c| {
                let mut table = Table::new();
                table.insert("id".into(), Value::String(c.id.text()));
                table.insert("title".into(), Value::String(c.title.clone()));
                if let Some(description) = &c.description {
                    table.insert("description".into(), Value::String(description.clone()));
                }
                Value::Table(table)
            })
            .collect();
        // Every other category is also declared as a class, so codes'
        // `class` fields name one, without changing how inputs decode.
        let classes: Vec<Value> = categories.iter().skip(1).step_by(2).cloned().collect();
        let mut manifest = Table::new();
        manifest.insert("catalog".into(), Value::Table(settings));
        manifest.insert("category".into(), Value::Array(categories));
        if !classes.is_empty() {
            manifest.insert("class".into(), Value::Array(classes));
        }
        let mut files = vec![("catalog.toml".to_owned(), manifest.to_string())];
        for (stem, codes) in &self.files {
            let name = format!("{}.toml", stem.text());
            if files.iter().any(|(seen, _)| *seen == name) {
                continue;
            }
            let mut file = Table::new();
            for code in codes {
                let mut table = Table::new();
                table.insert("status".into(), code.status.value());
                table.insert("message".into(), code.message.value());
                for (field, val) in &code.fields {
                    table.insert(field_name(*field), val.value());
                }
                file.insert(code.name.text(), Value::Table(table));
            }
            files.push((name, file.to_string()));
        }
        files
    }
}
