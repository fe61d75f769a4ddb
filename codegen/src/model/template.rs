//! Message templates and their typed parameters.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamType {
    String,
    Integer,
    Unsigned,
    Float,
    Bool,
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

impl ParamType {
    pub const ALL: [ParamType; 5] = [
        ParamType::String,
        ParamType::Integer,
        ParamType::Unsigned,
        ParamType::Float,
        ParamType::Bool,
    ];

    /// The spelling used in catalog files.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Unsigned => "unsigned",
            ParamType::Float => "float",
            ParamType::Bool => "bool",
        }
    }

    pub fn parse(s: &str) -> Option<ParamType> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Names of these types in the languages catalog authors come from, for
    /// "did you mean": never accepted, only suggested from.
    pub const OTHER_NAMES: &[(&str, ParamType)] = &[
        ("str", ParamType::String),
        ("text", ParamType::String),
        ("int", ParamType::Integer),
        ("long", ParamType::Integer),
        ("i8", ParamType::Integer),
        ("i16", ParamType::Integer),
        ("i32", ParamType::Integer),
        ("i64", ParamType::Integer),
        ("isize", ParamType::Integer),
        ("uint", ParamType::Unsigned),
        ("u8", ParamType::Unsigned),
        ("u16", ParamType::Unsigned),
        ("u32", ParamType::Unsigned),
        ("u64", ParamType::Unsigned),
        ("usize", ParamType::Unsigned),
        ("f32", ParamType::Float),
        ("f64", ParamType::Float),
        ("double", ParamType::Float),
        ("number", ParamType::Float),
        ("decimal", ParamType::Float),
        ("boolean", ParamType::Bool),
    ];
}
