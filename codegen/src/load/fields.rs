//! Typed access to the fields of one spanned TOML table. Each accessor
//! reports a wrong type or a missing required field into the [`Context`]
//! and returns `None`, so callers carry on with the next field.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Context, Located, SourceFile};
use crate::diagnostic::Diagnostic;

/// A table of a catalog file and how messages name it.
pub(crate) struct Fields<'a, 'i> {
    pub(crate) file: &'a SourceFile,
    pub(crate) table: &'a DeTable<'i>,
    /// How messages name the table: "code `RATE_LIMITED`", "`[catalog]`".
    pub(crate) owner: String,
    /// Where a missing field is reported: the table's header or value.
    pub(crate) span: Range<usize>,
}

/// A TOML value and where it is.
pub(crate) type Value<'a, 'i> = (&'a DeValue<'i>, Range<usize>);

impl<'a, 'i> Fields<'a, 'i> {
    pub(crate) fn new(
        file: &'a SourceFile,
        table: &'a DeTable<'i>,
        owner: String,
        span: Range<usize>,
    ) -> Self {
        Fields {
            file,
            table,
            owner,
            span,
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<Value<'a, 'i>> {
        self.table
            .get(key)
            .map(|value| (value.get_ref(), value.span()))
    }

    /// The span of `key` itself, for labels about the field rather than its
    /// value.
    pub(crate) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    pub(crate) fn string(&self, cx: &mut Context, key: &str) -> Option<Located<String>> {
        let (value, span) = self.get(key)?;
        match value {
            DeValue::String(s) => Some(Located::new(s.to_string(), span)),
            other => self.wrong_type(cx, key, "a string", other, span),
        }
    }

    pub(crate) fn required_string(&self, cx: &mut Context, key: &str) -> Option<Located<String>> {
        if self.get(key).is_none() {
            self.missing(cx, key);
            return None;
        }
        self.string(cx, key)
    }

    pub(crate) fn integer(&self, cx: &mut Context, key: &str) -> Option<Located<i128>> {
        let (value, span) = self.get(key)?;
        match value {
            DeValue::Integer(int) => {
                // TOML integers are 64-bit; i128 holds every one, so range
                // checks happen in one place, with the user's number shown.
                match i128::from_str_radix(int.as_str(), int.radix()) {
                    Ok(parsed) => Some(Located::new(parsed, span)),
                    // The parser vouches for the digits; should it ever hand
                    // over something else, say so rather than drop the field.
                    Err(_) => self.wrong_type(cx, key, "a decimal integer", value, span),
                }
            }
            other => self.wrong_type(cx, key, "an integer", other, span),
        }
    }

    /// An integer that must fit `T`, else reported with `range` describing
    /// the accepted values.
    pub(crate) fn integer_in<T: TryFrom<i128>>(
        &self,
        cx: &mut Context,
        key: &str,
        range: &str,
    ) -> Option<Located<T>> {
        let number = self.integer(cx, key)?;
        match T::try_from(number.value) {
            Ok(fitting) => Some(Located::new(fitting, number.span)),
            Err(_) => {
                cx.report(
                    Diagnostic::error(format!(
                        "`{key}` of {} must be {range}, found {}",
                        self.owner, number.value
                    ))
                    .with_label(
                        &self.file.shown,
                        number.span,
                        format!("expected {range}"),
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn bool(&self, cx: &mut Context, key: &str) -> Option<Located<bool>> {
        let (value, span) = self.get(key)?;
        match value {
            DeValue::Boolean(b) => Some(Located::new(*b, span)),
            other => self.wrong_type(cx, key, "a boolean (`true` or `false`)", other, span),
        }
    }

    pub(crate) fn table(&self, cx: &mut Context, key: &str) -> Option<Located<&'a DeTable<'i>>> {
        let (value, span) = self.get(key)?;
        match value {
            DeValue::Table(table) => Some(Located::new(table, span)),
            other => self.wrong_type(cx, key, "a table", other, span),
        }
    }

    /// An array of strings; elements of another type are reported one by
    /// one and skipped.
    pub(crate) fn strings(&self, cx: &mut Context, key: &str) -> Vec<Located<String>> {
        let Some((value, span)) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value else {
            self.wrong_type::<()>(cx, key, "an array of strings", value, span);
            return Vec::new();
        };
        let mut strings = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => strings.push(Located::new(s.to_string(), item.span())),
                other => {
                    cx.report(
                        Diagnostic::error(format!(
                            "`{key}` of {} must hold strings, found {} {}",
                            self.owner,
                            article(other.type_str()),
                            other.type_str()
                        ))
                        .with_label(
                            &self.file.shown,
                            item.span(),
                            "expected a string",
                        ),
                    );
                }
            }
        }
        strings
    }

    /// A string naming one of a fixed set of values, e.g. a wire shape.
    pub(crate) fn choice<T>(
        &self,
        cx: &mut Context,
        key: &str,
        what: &str,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<Located<T>> {
        let written = self.string(cx, key)?;
        if let Some(parsed) = parse(&written.value) {
            return Some(Located::new(parsed, written.span));
        }
        let mut diagnostic = Diagnostic::error(format!(
            "unknown {key} `{}` in {}",
            written.value, self.owner
        ))
        .with_label(&self.file.shown, written.span, format!("not {what}"));
        if let Some(close) = did_you_mean(&written.value, allowed.iter().copied()) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        cx.report(diagnostic.with_note(format!("expected one of {}", list(allowed))));
        None
    }

    pub(crate) fn missing(&self, cx: &mut Context, key: &str) {
        cx.report(
            Diagnostic::error(format!("missing field `{key}` in {}", self.owner)).with_label(
                &self.file.shown,
                self.span.clone(),
                format!("`{key}` is required"),
            ),
        );
    }

    /// Reports every key not in `known`, suggesting the closest known one.
    pub(crate) fn reject_unknown(&self, cx: &mut Context, known: &[&str]) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(format!(
                "unknown field `{name}` in {}",
                self.owner
            ))
            .with_label(&self.file.shown, key.span(), "unknown field");
            diagnostic = match did_you_mean(name, known.iter().copied()) {
                Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
                None => diagnostic.with_note(format!("the fields are {}", list(known))),
            };
            cx.report(diagnostic);
        }
    }

    fn wrong_type<T>(
        &self,
        cx: &mut Context,
        key: &str,
        expected: &str,
        found: &DeValue<'_>,
        span: Range<usize>,
    ) -> Option<T> {
        let found = found.type_str();
        cx.report(
            Diagnostic::error(format!(
                "`{key}` of {} must be {expected}, found {} {found}",
                self.owner,
                article(found)
            ))
            .with_label(&self.file.shown, span, format!("expected {expected}")),
        );
        None
    }
}

/// The candidate closest to `written` if it is close enough to be a typo:
/// same letters in another case, or a few edits for the word's length.
pub(crate) fn did_you_mean<'c>(
    written: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let budget = (written.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != written)
        .map(|candidate| {
            let distance = if candidate.eq_ignore_ascii_case(written) {
                0
            } else {
                strsim::damerau_levenshtein(written, candidate)
            };
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= budget)
        .min()
        .map(|(_, candidate)| candidate)
}

/// `a`, `b` or `c`, each in backticks.
pub(crate) fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    join(&quoted, "or")
}

/// `a, b {conjunction} c`.
pub(crate) fn join(items: &[String], conjunction: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

pub(crate) fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
