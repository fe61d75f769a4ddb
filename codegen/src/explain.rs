//! `errcat explain CODE`: one code's docs entry, formatted for a terminal the
//! way `rustc --explain` prints an error code's explanation.
//!
//! The text comes from the same facts as the markdown and the site, so the
//! three always agree. Catalog strings are printed with control characters
//! removed, so a catalog cannot move the cursor or recolour the terminal.

use crate::emit::docs::content::{self, Fact, Inline};
use crate::emit::example;
use crate::model::{Catalog, Code};

/// How many suggestions an unknown code gets.
const MAX_SUGGESTIONS: usize = 3;

/// Finds a code by its wire string or an alias, ignoring case, as people type
/// codes from memory or from a log line in any case.
pub fn find<'a>(catalog: &'a Catalog, query: &str) -> Option<&'a Code> {
    catalog.resolve_code(query).or_else(|| {
        catalog.codes.iter().find(|c| {
            c.code.eq_ignore_ascii_case(query)
                || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(query))
        })
    })
}

/// The codes (and aliases) closest to `query`, best first, for "did you
/// mean". Comparison ignores case and `_`, so `ratelimited` finds
/// `RATE_LIMITED`.
pub fn suggestions(catalog: &Catalog, query: &str) -> Vec<String> {
    let normal = |s: &str| s.to_ascii_lowercase().replace('_', "");
    let query = normal(query);
    let mut scored: Vec<(f64, &str)> = catalog
        .codes
        .iter()
        .flat_map(|c| std::iter::once(&c.code).chain(&c.aliases))
        .map(|name| (strsim::jaro_winkler(&query, &normal(name)), name.as_str()))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    // Ties keep catalog order, so the output is deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, name)| name.to_owned())
        .collect()
}

/// The message for a code that is not in the catalog.
pub fn unknown(catalog: &Catalog, query: &str) -> String {
    let mut out = format!(
        "error: `{}` is not a code of the `{}` catalog\n",
        plain(query),
        catalog.name
    );
    let suggestions = suggestions(catalog, query);
    if !suggestions.is_empty() {
        let list: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        out.push_str(&format!("  = help: did you mean {}?\n", list.join(", ")));
    }
    out
}

/// Catalog text for a terminal: control characters (escape sequences, bells,
/// carriage returns) become spaces; line breaks are kept.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

fn inlines(pieces: &[Inline]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Inline::Text(t) | Inline::Code(t) | Inline::CodeLink(t) | Inline::Url(t) => plain(t),
        })
        .collect()
}

fn facts(out: &mut String, facts: &[Fact]) {
    let width = facts.iter().map(|f| f.label.len()).max().unwrap_or(0);
    for fact in facts {
        out.push_str(&format!(
            "  {:width$}  {}\n",
            fact.label,
            inlines(&fact.value)
        ));
    }
}

fn indented(out: &mut String, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("    {line}\n"));
        }
    }
}

/// The whole entry, ending in a newline.
pub fn render(catalog: &Catalog, code: &Code) -> String {
    let category = &catalog.categories[code.category];
    let classified = content::labelled_classification(catalog, code, true)
        .map(|class| format!("{} · ", plain(&class)))
        .unwrap_or_default();
    let mut out = format!(
        "{}: {}\n{classified}category: {}\n",
        code.code,
        plain(&code.title),
        plain(&category.title)
    );
    for notice in content::notices(code) {
        out.push_str(&format!(
            "\nwarning: {}{}\n",
            notice.label.to_ascii_lowercase(),
            inlines(&notice.body)
        ));
    }
    if let Some(description) = &code.description {
        out.push_str(&format!("\n{}\n", plain(description.trim())));
    }
    if let Some(hint) = &code.hint {
        out.push_str(&format!("\nWhat to do: {}\n", plain(hint.trim())));
    }
    out.push('\n');
    facts(&mut out, &content::facts(catalog, code));
    if let Some(table) = content::details_table(code) {
        out.push_str(&format!("\n{}:\n", table.title));
        let width = |i: usize| {
            table
                .rows
                .iter()
                .map(|row| row[i].chars().count())
                .chain([table.columns[i].len()])
                .max()
                .unwrap_or(0)
        };
        let (path_width, type_width) = (width(0), width(1));
        let [member, ty, sent] = table.columns;
        out.push_str(&format!(
            "  {member:path_width$}  {ty:type_width$}  {sent}\n"
        ));
        for [path, ty, sent] in &table.rows {
            out.push_str(&format!(
                "  {:path_width$}  {:type_width$}  {sent}\n",
                plain(path),
                plain(ty)
            ));
        }
    }
    let resolve = content::resolve(code);
    if !resolve.is_empty() {
        out.push_str("\nHow to resolve:\n");
        facts(&mut out, &resolve);
    }
    if let Some(docs) = &code.docs {
        // Long-form docs are markdown, which reads well as it is in a
        // terminal (as `rustc --explain` shows).
        out.push('\n');
        out.push_str(&plain(docs.trim()));
        out.push('\n');
    }
    out.push_str("\nExample response:\n\n");
    indented(
        &mut out,
        &plain(&example::http_response(catalog, code, code.wire_shape)),
    );
    out
}

/// The whole `errcat explain` command: the entry for `query` from the catalog
/// in `catalog_dir` (`Ok`, for stdout), or what went wrong (`Err`, for
/// stderr, exit status 1).
pub fn run(catalog_dir: &std::path::Path, query: &str) -> Result<String, String> {
    let catalog = crate::load_dir(catalog_dir).map_err(|d| d.to_string())?;
    match find(&catalog, query) {
        Some(code) => Ok(render(&catalog, code)),
        None => Err(unknown(&catalog, query)),
    }
}
