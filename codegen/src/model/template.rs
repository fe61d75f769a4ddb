//! Message templates and their typed parameters.

use errcat::ParamType;

/// A message template: text interleaved with typed parameters, e.g.
/// `version '{version}' of service '{service}' does not exist`.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub segments: Vec<Segment>,
    /// Parameters in the order the code's `params` table declares them; this
    /// is the argument order of every generated constructor, so that
    /// rewording the message never reorders them.
    pub params: Vec<Param>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// Index into [`Template::params`].
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub ty: ParamType,
}

impl Template {
    /// The template as written in the catalog, with `{name}` placeholders
    /// and literal braces doubled.
    pub fn source(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Segment::Param(i) => {
                    out.push('{');
                    out.push_str(&self.params[*i].name);
                    out.push('}');
                }
            }
        }
        out
    }

    /// Renders the template with `arg` producing each parameter's text.
    pub fn render_with(&self, mut arg: impl FnMut(&Param) -> String) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Param(i) => out.push_str(&arg(&self.params[*i])),
            }
        }
        out
    }
}
