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

/// The tables of an array of tables, `[[key]]` of `root`, each as the
/// [`Fields`] of "a `[[key]]`": `None` when `root` has no `key`. A value
/// that is no array, and each item that is no table, is reported; the flag
/// is false then, so what names a skipped item is not reported as naming
/// nothing.
pub(crate) fn array_of_tables<'a, 'i>(
    cx: &mut Context,
    root: &Fields<'a, 'i>,
    key: &str,
) -> Option<(Vec<Fields<'a, 'i>>, Range<usize>, bool)> {
    let (value, span) = root.get(key)?;
    let DeValue::Array(items) = value else {
        cx.report(
            Diagnostic::error(format!(
                "`{key}` must be an array of tables (`[[{key}]]`), found {}",
                value.type_str()
            ))
            .with_label(
                &root.file.shown,
                span.clone(),
                format!("expected `[[{key}]]` tables"),
            ),
        );
        return Some((Vec::new(), span, false));
    };
    let mut complete = true;
    let mut tables = Vec::new();
    for item in items.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            cx.report(
                Diagnostic::error(format!(
                    "a {key} must be a table, found {}",
                    item.get_ref().type_str()
                ))
                .with_label(&root.file.shown, item.span(), "expected a table"),
            );
            complete = false;
            continue;
        };
        tables.push(Fields::new(
            root.file,
            table,
            format!("a `[[{key}]]`"),
            item.span(),
        ));
    }
    Some((tables, span, complete))
}

/// An id declared a second time in `file` (a category's, a class's).
pub(crate) fn declared_twice(
    file: &str,
    what: &str,
    id: &Located<String>,
    first: Range<usize>,
) -> Diagnostic {
    Diagnostic::error(format!("{what} `{}` is declared twice", id.value))
        .with_label(file, id.span.clone(), "declared again here")
        .with_context(file, first, "first declared here")
}

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
        cx.report(unknown_value(
            format!("unknown {key} `{}` in {}", written.value, self.owner),
            (&self.file.shown, &written, format!("not {what}")),
            allowed,
            &[],
        ));
        None
    }

    /// [`Fields::choice`] over the spellings of an enumeration.
    pub(crate) fn one_of<T: Spelled>(
        &self,
        cx: &mut Context,
        key: &str,
        what: &str,
    ) -> Option<Located<T>> {
        let allowed: Vec<&str> = T::all().iter().map(|value| value.spelling()).collect();
        let parse = |written: &str| T::all().iter().copied().find(|v| v.spelling() == written);
        self.choice(cx, key, what, &allowed, parse)
    }

    pub(crate) fn missing(&self, cx: &mut Context, key: &str) {
        // `stauts = 429` is one mistake: the unknown field's "did you mean"
        // already names the missing one.
        let misspelled = self
            .table
            .iter()
            .any(|(written, _)| did_you_mean(written.get_ref().as_ref(), [key]).is_some());
        if misspelled {
            return;
        }
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
        self.reject_unknown_but(cx, known, &[]);
    }

    /// [`Self::reject_unknown`], leaving alone the keys in `reported`,
    /// which the caller reports with a message of their own.
    pub(crate) fn reject_unknown_but(&self, cx: &mut Context, known: &[&str], reported: &[&str]) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) || reported.contains(&name) {
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

    pub(crate) fn wrong_type<T>(
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

/// The diagnostic for a value outside a fixed set (a wire shape, a
/// parameter type, a header): where it is, the allowed value it most likely
/// meant, and every allowed value. `other_spellings` are names people bring
/// from elsewhere (`u64` for `unsigned`), each with the value it means.
pub(crate) fn unknown_value(
    message: String,
    (file, written, label): (&str, &Located<String>, String),
    allowed: &[&str],
    other_spellings: &[(&str, &str)],
) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(message).with_label(file, written.span.clone(), label);
    let spellings = allowed
        .iter()
        .map(|name| (*name, *name))
        .chain(other_spellings.iter().copied());
    if let Some(close) = did_you_mean_among(&written.value, spellings) {
        diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
    }
    diagnostic.with_note(format!("expected one of {}", list(allowed)))
}

/// The candidate closest to `written` if it is close enough to be what was
/// meant; see [`did_you_mean_among`].
pub(crate) fn did_you_mean<'c>(
    written: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    did_you_mean_among(written, candidates.into_iter().map(|c| (c, c)))
}

/// What `written` most likely meant among `(spelling, meaning)` pairs, best
/// first: the same words in another case or with other separators
/// (`NotFound` for `NOT_FOUND`, `errorCode` for `error_code`); a typo of a
/// few letters for the word's length (`stauts`); a word shortened or
/// lengthened from the same start (`int`, `fields` for `field_errors`,
/// `SCREAMING_CASE`), or holding the other whole (`problem+json`). Ties go
/// to the fewest edits, then to the first pair.
pub(crate) fn did_you_mean_among<'c>(
    written: &str,
    spellings: impl IntoIterator<Item = (&'c str, &'c str)>,
) -> Option<&'c str> {
    let words = normalized(written);
    let mut best: Option<((u8, usize), &'c str)> = None;
    for (spelling, meaning) in spellings {
        if meaning == written {
            continue;
        }
        let Some(score) = closeness(&words, &normalized(spelling)) else {
            continue;
        };
        if best.is_none_or(|(best_score, _)| score < best_score) {
            best = Some((score, meaning));
        }
    }
    best.map(|(_, meaning)| meaning)
}

/// Lowercase, without the separators people vary (`_`, `-`, spaces, dots).
fn normalized(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How close two normalized words are, as (kind of match, edits); `None`
/// when they are not close enough to suggest one for the other.
fn closeness(written: &[char], candidate: &[char]) -> Option<(u8, usize)> {
    if written == candidate {
        return Some((0, 0));
    }
    let edits = strsim::generic_damerau_levenshtein(written, candidate);
    if edits <= (written.len() / 3).max(1) {
        return Some((1, edits));
    }
    let shorter = written.len().min(candidate.len());
    let common_start = written
        .iter()
        .zip(candidate)
        .take_while(|(a, b)| a == b)
        .count();
    let shares_start = common_start >= 3 && common_start * 3 >= shorter * 2;
    let holds_whole =
        shorter >= 4 && (contains(written, candidate) || contains(candidate, written));
    (shares_start || holds_whole).then_some((2, edits))
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
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

/// An enumeration a catalog spells by name: every value, and its spelling.
pub(crate) trait Spelled: Copy + 'static {
    fn all() -> &'static [Self];
    fn spelling(self) -> &'static str;
}

impl Spelled for crate::model::DetailsKind {
    fn all() -> &'static [Self] {
        &Self::WRITTEN
    }

    fn spelling(self) -> &'static str {
        self.as_str()
    }
}

macro_rules! spelled {
    ($($ty:ty),* $(,)?) => {$(
        impl Spelled for $ty {
            fn all() -> &'static [Self] {
                &<$ty>::ALL
            }

            fn spelling(self) -> &'static str {
                self.as_str()
            }
        }
    )*};
}

spelled!(
    crate::model::WireShape,
    crate::model::GrpcCode,
    crate::model::CodeStyle,
    crate::model::Severity,
    crate::model::Transport,
);
