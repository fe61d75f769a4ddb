//! JSON that can be inlined into an HTML page: the same values, no `<`.

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

/// `value` as JSON text (two-space indented if `pretty`) with every `<` in
/// a string written as `\u003c`, the same character to any JSON parser.
/// JSON documents end up inside HTML: the site embeds its index in a
/// `<script>`, and API documentation tools bundle an OpenAPI document into
/// their page the same way, where a `</script` or `<!--` in a string would
/// end the data early and start markup. Escaped while serializing, so a
/// large document is not copied.
pub fn json_without_markup<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut out = Vec::new();
    let written = if pretty {
        let formatter = NoMarkup(serde_json::ser::PrettyFormatter::with_indent(b"  "));
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
    } else {
        let formatter = NoMarkup(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
    };
    written.expect("what errcat writes as JSON always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A JSON formatter that is `F` but for the `<` of strings.
struct NoMarkup<F>(F);

impl<F: Formatter> Formatter for NoMarkup<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut pieces = fragment.split('<');
        if let Some(first) = pieces.next() {
            writer.write_all(first.as_bytes())?;
        }
        for piece in pieces {
            writer.write_all(b"\\u003c")?;
            writer.write_all(piece.as_bytes())?;
        }
        Ok(())
    }

    // The layout is `F`'s.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_its_value_and_loses_every_angle_bracket() {
        let value = serde_json::json!({ "a<": ["</script><!--", "\"<"] });
        let compact = json_without_markup(&value, false);
        assert_eq!(
            compact,
            r#"{"a\u003c":["\u003c/script>\u003c!--","\"\u003c"]}"#
        );
        let pretty = json_without_markup(&value, true);
        assert_eq!(
            pretty,
            serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('<', "\\u003c")
        );
        for json in [compact, pretty] {
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&json).unwrap(),
                value
            );
        }
    }
}
