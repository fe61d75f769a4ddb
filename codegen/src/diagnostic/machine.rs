//! Diagnostics for machines: one JSON object per line in the shape of
//! rustc's JSON diagnostics (what `cargo --message-format json` forwards,
//! so tools that read those read these), and GitHub Actions workflow
//! commands, which put each problem on its line of the pull request.

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Footer, clamp_span};

/// One problem, with rustc's members in rustc's order. Members errcat has
/// no use for (`code`, a span's `text` and `expansion`, suggestions) are
/// present and empty, so readers of rustc's JSON read these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    #[serde(rename = "$message_type")]
    pub message_type: &'static str,
    pub message: String,
    pub code: Option<String>,
    /// `error`, `warning`, `note` or `help`.
    pub level: String,
    pub spans: Vec<Span>,
    /// The `= help:` and `= note:` lines.
    pub children: Vec<Child>,
    /// The problem as a person reads it.
    pub rendered: String,
}

/// A place a problem is about. Lines and columns count from 1, columns in
/// characters; they are `null` for a file or folder as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub file_name: String,
    pub byte_start: Option<usize>,
    pub byte_end: Option<usize>,
    pub line_start: Option<usize>,
    pub line_end: Option<usize>,
    pub column_start: Option<usize>,
    pub column_end: Option<usize>,
    pub is_primary: bool,
    pub text: Vec<String>,
    pub label: Option<String>,
    pub suggested_replacement: Option<String>,
    pub suggestion_applicability: Option<String>,
    pub expansion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Child {
    pub message: String,
    pub code: Option<String>,
    pub level: String,
    /// Always empty: footers point nowhere (kept for rustc's shape).
    pub spans: Vec<Span>,
    pub children: Vec<Child>,
    pub rendered: Option<String>,
}

impl Diagnostics {
    /// Each diagnostic in rendering order, then the summary line.
    pub fn records(&self) -> Vec<Record> {
        let mut records: Vec<Record> = self
            .iter()
            .map(|diagnostic| self.record(diagnostic))
            .collect();
        records.extend(Record::from_text(&format!("{}\n", self.summary())));
        records
    }

    fn record(&self, diagnostic: &Diagnostic) -> Record {
        let spans = diagnostic
            .labels
            .iter()
            .map(|label| {
                let place = label.span.as_ref().and_then(|span| {
                    let source = self.sources.get(&label.file)?;
                    let span = clamp_span(source, span.clone());
                    let (line_start, column_start) = source.lines.position(source, span.start);
                    let (line_end, column_end) = source.lines.position(source, span.end);
                    Some((span, line_start, column_start, line_end, column_end))
                });
                Span {
                    file_name: label.file.clone(),
                    byte_start: place.as_ref().map(|p| p.0.start),
                    byte_end: place.as_ref().map(|p| p.0.end),
                    line_start: place.as_ref().map(|p| p.1),
                    column_start: place.as_ref().map(|p| p.2),
                    line_end: place.as_ref().map(|p| p.3),
                    column_end: place.as_ref().map(|p| p.4),
                    is_primary: label.primary,
                    text: Vec::new(),
                    label: (!label.text.is_empty()).then(|| label.text.clone()),
                    suggested_replacement: None,
                    suggestion_applicability: None,
                    expansion: None,
                }
            })
            .collect();
        let children = diagnostic
            .footers
            .iter()
            .map(|footer| match footer {
                Footer::Help(text) => child("help", text),
                Footer::Note(text) => child("note", text),
            })
            .collect();
        Record {
            message_type: "diagnostic",
            message: diagnostic.message.clone(),
            code: None,
            level: "error".to_owned(),
            spans,
            children,
            rendered: format!("{}\n", self.render_one(diagnostic, false)),
        }
    }
}

fn child(level: &str, message: &str) -> Child {
    Child {
        message: message.to_owned(),
        code: None,
        level: level.to_owned(),
        spans: Vec::new(),
        children: Vec::new(),
        rendered: None,
    }
}

impl Record {
    /// The problems in a message written the way errcat writes those that
    /// point into no source text: `error: …` (or `warning:`, `note:`,
    /// `help:`) at the start of a line, then indented `--> path`,
    /// `= help: …` and `= note: …` lines; other lines (a diff, a list)
    /// belong to the problem above them and stay in `rendered`.
    pub fn from_text(text: &str) -> Vec<Record> {
        let mut records: Vec<Record> = Vec::new();
        for line in text.lines() {
            if let Some((level, message)) = level_prefix(line) {
                records.push(Record {
                    message_type: "diagnostic",
                    message: message.to_owned(),
                    code: None,
                    level: level.to_owned(),
                    spans: Vec::new(),
                    children: Vec::new(),
                    rendered: String::new(),
                });
            } else if let Some(record) = records.last_mut() {
                let trimmed = line.trim_start();
                if let Some(path) = trimmed.strip_prefix("--> ") {
                    record.spans.push(path_span(path));
                } else if let Some(footer) = trimmed.strip_prefix("= ")
                    && let Some((level, message)) = level_prefix(footer)
                {
                    record.children.push(child(level, message));
                }
            }
            if let Some(record) = records.last_mut() {
                record.rendered.push_str(line);
                record.rendered.push('\n');
            }
        }
        records
    }

    /// The record as one line of JSON.
    pub fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether this is the closing line of a run (`could not … due to N
    /// previous errors`), which sums up the records before it.
    pub fn is_summary(&self) -> bool {
        (self.message.starts_with("could not ") || self.message.starts_with("aborting "))
            && (self.message.ends_with(" previous error")
                || self.message.ends_with(" previous errors"))
            && self.spans.is_empty()
    }

    /// The record as a GitHub Actions workflow command (`::error file=…`),
    /// which the runner turns into an annotation on the file's line. The
    /// runner wants paths from the repository's root: `folder` is where
    /// the record's paths start from, relative to it.
    pub fn github(&self, folder: &std::path::Path) -> String {
        let command = match self.level.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut properties = Vec::new();
        if let Some(span) = self.spans.iter().find(|s| s.is_primary) {
            let file = folder.join(&span.file_name);
            let file = file.to_string_lossy().replace('\\', "/");
            properties.push(format!("file={}", escape_property(&file)));
            let numbers = [
                ("line", span.line_start),
                ("endLine", span.line_end),
                ("col", span.column_start),
                ("endColumn", span.column_end),
            ];
            for (name, value) in numbers {
                if let Some(value) = value {
                    properties.push(format!("{name}={value}"));
                }
            }
        }
        properties.push("title=errcat".to_owned());
        let mut message = self.message.clone();
        for child in &self.children {
            message.push_str(&format!("\n{}: {}", child.level, child.message));
        }
        format!(
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        )
    }
}

fn level_prefix(line: &str) -> Option<(&'static str, &str)> {
    ["error", "warning", "note", "help"]
        .into_iter()
        .find_map(|level| {
            let rest = line.strip_prefix(level)?.strip_prefix(": ")?;
            Some((level, rest))
        })
}

/// `path`, or `path:line:column` as rustc prints a location.
fn path_span(written: &str) -> Span {
    let mut parts = written.rsplitn(3, ':');
    let (column, line, file) = (parts.next(), parts.next(), parts.next());
    let number = |part: Option<&str>| part.and_then(|p| p.parse::<usize>().ok());
    let (file, line, column) = match (file, number(line), number(column)) {
        (Some(file), Some(line), Some(column)) => (file, Some(line), Some(column)),
        _ => (written, None, None),
    };
    Span {
        file_name: file.to_owned(),
        byte_start: None,
        byte_end: None,
        line_start: line,
        line_end: line,
        column_start: column,
        column_end: column,
        is_primary: true,
        text: Vec::new(),
        label: None,
        suggested_replacement: None,
        suggestion_applicability: None,
        expansion: None,
    }
}

/// A workflow command's message: `%`, CR and LF escaped, as the runner's
/// own toolkit does (`@actions/core`'s `escapeData`).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostics {
        let mut diagnostics = Diagnostics::new("load catalog `c/`");
        diagnostics.add_source(
            "c/limits.toml",
            "[RATE_LIMITED]\nstauts = 429\nmessage = \"ü {x}\"\n",
        );
        diagnostics.push(
            Diagnostic::error("unknown field `stauts` in code `RATE_LIMITED`")
                .with_label("c/limits.toml", 15..21, "unknown field")
                .with_help("did you mean `status`?"),
        );
        diagnostics.push(
            Diagnostic::error("placeholder `{x}`, undeclared")
                .with_label("c/limits.toml", 42..45, "undeclared parameter")
                .with_note("placeholders are declared in `params`"),
        );
        diagnostics.push(Diagnostic::error("no codes").with_path("c/"));
        diagnostics
    }

    #[test]
    fn json_lines_carry_rustcs_fields_with_lines_and_character_columns() {
        let lines: Vec<String> = sample().records().iter().map(Record::json).collect();
        assert_eq!(
            lines[0],
            r#"{"$message_type":"diagnostic","message":"unknown field `stauts` in code `RATE_LIMITED`","code":null,"level":"error","spans":[{"file_name":"c/limits.toml","byte_start":15,"byte_end":21,"line_start":2,"line_end":2,"column_start":1,"column_end":7,"is_primary":true,"text":[],"label":"unknown field","suggested_replacement":null,"suggestion_applicability":null,"expansion":null}],"children":[{"message":"did you mean `status`?","code":null,"level":"help","spans":[],"children":[],"rendered":null}],"rendered":"error: unknown field `stauts` in code `RATE_LIMITED`\n --> c/limits.toml:2:1\n  |\n2 | stauts = 429\n  | ^^^^^^ unknown field\n  |\n  = help: did you mean `status`?\n"}"#
        );
        // `ü` is two bytes and one column.
        let second: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
        assert_eq!(second["spans"][0]["column_start"], 14);
        assert_eq!(second["spans"][0]["line_start"], 3);
        let third: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
        assert_eq!(third["spans"][0]["line_start"], serde_json::Value::Null);
        assert_eq!(
            lines[3],
            r#"{"$message_type":"diagnostic","message":"could not load catalog `c/` due to 3 previous errors","code":null,"level":"error","spans":[],"children":[],"rendered":"error: could not load catalog `c/` due to 3 previous errors\n"}"#
        );
    }

    #[test]
    fn github_annotations_point_at_the_line_and_escape_what_the_runner_reads() {
        let records = sample().records();
        assert_eq!(
            records[0].github(std::path::Path::new("")),
            "::error file=c/limits.toml,line=2,endLine=2,col=1,endColumn=7,title=errcat::unknown field `stauts` in code `RATE_LIMITED`%0Ahelp: did you mean `status`?"
        );
        assert_eq!(
            records[2].github(std::path::Path::new("")),
            "::error file=c/,title=errcat::no codes"
        );
        let odd = Record::from_text("error: 100% of `a,b:c` failed\n  --> out/a,b:c\n");
        assert_eq!(
            odd[0].github(std::path::Path::new("")),
            "::error file=out/a%2Cb%3Ac,title=errcat::100%25 of `a,b:c` failed"
        );
    }

    #[test]
    fn plain_messages_become_records_with_their_footers_and_places() {
        let text = "error: 2 generated file(s) in `generated` are stale\n  = help: run `errcat gen` and commit the result\nnote: `catalog` has no stability lock yet\n  = help: run `errcat lock`\n";
        let records = Record::from_text(text);
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].message,
            "2 generated file(s) in `generated` are stale"
        );
        assert_eq!(
            records[0].children,
            vec![child("help", "run `errcat gen` and commit the result")]
        );
        assert_eq!(records[1].level, "note");
        assert_eq!(
            records[0].rendered,
            "error: 2 generated file(s) in `generated` are stale\n  = help: run `errcat gen` and commit the result\n"
        );
        let located = Record::from_text("error: x\n --> catalog/a.toml:3:7\n");
        assert_eq!(located[0].spans[0].line_start, Some(3));
        assert_eq!(located[0].spans[0].column_start, Some(7));
    }
}
