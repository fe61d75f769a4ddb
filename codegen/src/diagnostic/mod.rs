//! Problems with a catalog (or anything else read from files), rendered the
//! way rustc renders its errors: a message, the source lines it is about
//! with underlined spans, and `= help:` / `= note:` footers.
//!
//! Rendering is plain text without colours unless asked for
//! ([`Diagnostics::render`]), so output is deterministic and tests can
//! compare it word for word; [`machine`] gives the same problems as JSON
//! lines and GitHub Actions annotations.
//!
//! ```
//! use errcat_codegen::diagnostic::{Diagnostic, Diagnostics};
//!
//! let mut diagnostics = Diagnostics::new("update `errcat.lock`");
//! diagnostics.add_source("errcat.lock", "[codes]\nRATE_LIMITED = 429\n");
//! diagnostics.push(
//!     Diagnostic::error("status of `RATE_LIMITED` changed from 429 to 503")
//!         .with_label("errcat.lock", 8..20, "locked here")
//!         .with_help("a code's status is public API; add a new code instead"),
//! );
//! assert_eq!(diagnostics.len(), 1);
//! assert!(diagnostics.to_string().ends_with(
//!     "error: could not update `errcat.lock` due to 1 previous error\n"
//! ));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

pub mod machine;

/// One problem: a message, the places it is about and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    message: String,
    labels: Vec<Label>,
    footers: Vec<Footer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    file: String,
    /// Byte range in the file's source; `None` points at the file as a whole.
    span: Option<Range<usize>>,
    text: String,
    /// Primary labels are underlined `^^^`, context labels `---`.
    primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Footer {
    Help(String),
    Note(String),
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            labels: Vec::new(),
            footers: Vec::new(),
        }
    }

    /// Underlines `span` (bytes of `file`'s source) with `^^^` and `label`.
    /// The first primary label gives the `--> file:line:column` location.
    pub fn with_label(mut self, file: &str, span: Range<usize>, label: impl Into<String>) -> Self {
        self.labels.push(Label {
            file: file.to_owned(),
            span: Some(span),
            text: label.into(),
            primary: true,
        });
        self
    }

    /// Underlines `span` with `---`: a place that explains the primary one,
    /// such as where a duplicate was first defined.
    pub fn with_context(
        mut self,
        file: &str,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            file: file.to_owned(),
            span: Some(span),
            text: label.into(),
            primary: false,
        });
        self
    }

    /// Points at a file or folder as a whole, for problems with no better
    /// place (a missing file, an empty catalog).
    pub fn with_path(mut self, path: &str) -> Self {
        self.labels.push(Label {
            file: path.to_owned(),
            span: None,
            text: String::new(),
            primary: true,
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.footers.push(Footer::Help(help.into()));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.footers.push(Footer::Note(note.into()));
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Every problem found in one run, with the source texts needed to show
/// them. `Display` renders them sorted by file and position, followed by a
/// summary line.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    /// Completes "could not …" in the summary, e.g. "load catalog `catalog/`".
    action: Option<String>,
    sources: BTreeMap<String, Source>,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// `action` completes the summary line: `error: could not {action} due
    /// to N previous errors`.
    pub fn new(action: impl Into<String>) -> Self {
        Diagnostics {
            action: Some(action.into()),
            ..Diagnostics::default()
        }
    }

    /// Registers the text of `file`, so labels in it show source lines. A
    /// label in a file without a source is shown as its location only.
    pub fn add_source(&mut self, file: impl Into<String>, text: impl Into<String>) {
        self.sources.insert(file.into(), Source::new(text.into()));
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in rendering order: by file, then position; a
    /// problem with a whole file comes after those inside it, and problems
    /// with no file (a folder, the catalog as a whole) come last.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        let mut sorted: Vec<&Diagnostic> = self.items.iter().collect();
        sorted.sort_by_cached_key(|d| self.sort_key(d));
        sorted.into_iter()
    }

    fn sort_key<'d>(&self, diagnostic: &'d Diagnostic) -> (bool, &'d str, usize) {
        match diagnostic.labels.iter().find(|l| l.primary) {
            Some(label) => {
                let outside_files = label.span.is_none() && !self.sources.contains_key(&label.file);
                let position = label.span.as_ref().map_or(usize::MAX, |s| s.start);
                (outside_files, label.file.as_str(), position)
            }
            None => (true, "", usize::MAX),
        }
    }

    /// Every diagnostic and the summary line, as `Display` shows them, or
    /// with the terminal colours rustc uses when `color` is set.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for diagnostic in self.iter() {
            out.push_str(&self.render_one(diagnostic, color));
            out.push_str("\n\n");
        }
        let summary = self.summary();
        if color {
            out.push_str(&paint_levels(&summary));
        } else {
            out.push_str(&summary);
        }
        out.push('\n');
        out
    }

    /// `could not load catalog `c/` due to 2 previous errors`, after
    /// `error: `.
    fn summary(&self) -> String {
        let count = self.items.len();
        let plural = if count == 1 { "" } else { "s" };
        match &self.action {
            Some(action) => {
                format!("error: could not {action} due to {count} previous error{plural}")
            }
            None => format!("error: aborting due to {count} previous error{plural}"),
        }
    }

    fn render_one(&self, diagnostic: &Diagnostic, color: bool) -> String {
        let mut title_group =
            Group::with_title(Level::ERROR.primary_title(diagnostic.message.as_str()));
        // Labels are grouped per file in first-mention order, primary file
        // first, so the `-->` line names where the problem is.
        let mut files: Vec<&str> = Vec::new();
        for label in diagnostic.labels.iter().filter(|l| l.primary) {
            push_unique(&mut files, &label.file);
        }
        for label in &diagnostic.labels {
            push_unique(&mut files, &label.file);
        }
        for file in files {
            let labels: Vec<&Label> = diagnostic
                .labels
                .iter()
                .filter(|l| l.file == file)
                .collect();
            let spans: Vec<&Label> = labels
                .iter()
                .copied()
                .filter(|l| l.span.is_some())
                .collect();
            match self.sources.get(file) {
                Some(source) if !spans.is_empty() => {
                    title_group = title_group.element(excerpt(file, source, &spans));
                }
                _ => title_group = title_group.element(Origin::path(file)),
            }
        }
        for footer in &diagnostic.footers {
            title_group = title_group.element(match footer {
                Footer::Help(text) => Level::HELP.message(text.as_str()),
                Footer::Note(text) => Level::NOTE.message(text.as_str()),
            });
        }
        let report: [Group<'_>; 1] = [title_group];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

fn push_unique<'a>(files: &mut Vec<&'a str>, file: &'a str) {
    if !files.contains(&file) {
        files.push(file);
    }
}

/// A registered source text, with the offsets of its lines so excerpts
/// find their first line number without rescanning the file.
#[derive(Debug, Clone)]
struct Source {
    text: String,
    lines: crate::lines::LineIndex,
}

impl Source {
    fn new(text: String) -> Self {
        let lines = crate::lines::LineIndex::new(&text);
        Source { text, lines }
    }
}

impl std::ops::Deref for Source {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

/// A snippet of `source` holding just the lines the labels touch, so that
/// rendering a diagnostic costs the size of its lines, not of its file.
fn excerpt<'a>(
    file: &'a str,
    source: &'a Source,
    labels: &[&'a Label],
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let spans: Vec<Range<usize>> = labels
        .iter()
        .map(|l| clamp_span(source, l.span.clone().unwrap_or(0..0)))
        .collect();
    let lowest = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let highest = spans.iter().map(|s| s.end).max().unwrap_or(0);
    let start = source[..lowest].rfind('\n').map_or(0, |i| i + 1);
    let end = source[highest..]
        .find('\n')
        .map_or(source.len(), |i| highest + i);
    let first_line = source.lines.line_of(start);
    let mut snippet = Snippet::source(&source[start..end])
        .path(file)
        .line_start(first_line);
    for (label, span) in labels.iter().zip(spans) {
        let kind = if label.primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let local = span.start - start..span.end - start;
        let annotation = kind.span(local);
        snippet = snippet.annotation(if label.text.is_empty() {
            annotation
        } else {
            annotation.label(label.text.as_str())
        });
    }
    snippet
}

/// `span` cut to the source and to character boundaries, so a label built
/// from a stale or foreign span still renders instead of panicking.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let end = floor(span.end).max(start);
    start..end
}

/// `text` (errcat's plain messages: `error: …`, `  = help: …`) with its
/// level words in the colours annotate-snippets gives them in rendered
/// diagnostics, so both kinds of message look alike on a terminal.
pub fn paint_levels(text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let styles = [
        (
            "error",
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightRed.into())),
        ),
        (
            "warning",
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightYellow.into())),
        ),
        (
            "note",
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightGreen.into())),
        ),
        (
            "help",
            Style::new()
                .bold()
                .fg_color(Some(AnsiColor::BrightCyan.into())),
        ),
    ];
    let bold = Style::new().bold();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let (footer, body) = match body.strip_prefix("= ") {
            Some(rest) => ("= ", rest),
            None => ("", body),
        };
        let styled = styles.iter().find_map(|(level, style)| {
            let rest = body.strip_prefix(level)?.strip_prefix(':')?;
            Some(if footer.is_empty() && indent.is_empty() {
                let rest = rest.trim_end_matches('\n');
                let newline = if body.ends_with('\n') { "\n" } else { "" };
                format!("{style}{level}{style:#}{bold}:{rest}{bold:#}{newline}")
            } else {
                format!("{indent}{bold}{footer}{bold:#}{style}{level}{style:#}:{rest}")
            })
        });
        out.push_str(&styled.unwrap_or_else(|| line.to_owned()));
    }
    out
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_sort_by_file_then_position_and_folder_problems_last() {
        let mut diagnostics = Diagnostics::new("load catalog `c/`");
        diagnostics.add_source("c/b.toml", "x = 1\ny = 2\n");
        diagnostics.add_source("c/a.toml", "z = 3\n");
        diagnostics.push(Diagnostic::error("folder").with_path("c/"));
        diagnostics.push(Diagnostic::error("whole b").with_path("c/b.toml"));
        diagnostics.push(Diagnostic::error("b line 2").with_label("c/b.toml", 6..7, ""));
        diagnostics.push(Diagnostic::error("b line 1").with_label("c/b.toml", 0..1, ""));
        diagnostics.push(Diagnostic::error("a").with_label("c/a.toml", 0..1, ""));
        let order: Vec<&str> = diagnostics.iter().map(Diagnostic::message).collect();
        assert_eq!(order, ["a", "b line 1", "b line 2", "whole b", "folder"]);
    }

    #[test]
    fn a_label_in_a_file_without_source_shows_its_path() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(
            Diagnostic::error("stale lock")
                .with_label("errcat.lock", 3..9, "here")
                .with_note("run `errcat lock`"),
        );
        assert_eq!(
            diagnostics.to_string(),
            "error: stale lock\n --> errcat.lock\n  = note: run `errcat lock`\n\n\
             error: aborting due to 1 previous error\n"
        );
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_still_render() {
        let mut diagnostics = Diagnostics::new("check");
        diagnostics.add_source("f.toml", "a = \"é\"\n");
        diagnostics.push(Diagnostic::error("inside é").with_label("f.toml", 6..7, "cut"));
        diagnostics.push(Diagnostic::error("past the end").with_label("f.toml", 50..90, "far"));
        let rendered = diagnostics.to_string();
        assert!(
            rendered.contains("error: inside é\n --> f.toml:1:6"),
            "{rendered}"
        );
        assert!(
            rendered.contains("error: past the end\n --> f.toml:2:1"),
            "{rendered}"
        );
    }
}
