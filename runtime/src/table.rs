//! The catalog table a generated crate embeds as one string, decoded the
//! first time it is used.
//!
//! A `CodeInfo` struct literal per code is most of what a generated crate
//! used to be: 18 of its 35 MB at 10,000 codes, and most of its build time.
//! One string literal costs the compiler next to nothing, and decoding it
//! takes a few milliseconds once per process. Strings are stored verbatim
//! and borrowed from the literal, so decoding copies no text.
//!
//! The format (written by `errcat-codegen`'s `emit/rust/table.rs`, and held
//! to this reader by its tests) is a header line, then a row per code, each
//! ending in a newline. A row is its fields in a fixed order:
//!
//! - a string is its length in bytes, `:`, and its bytes (`4:AUTH`);
//! - a number is its decimal digits and `;` (`404;`);
//! - an absent optional value is `-`, a present one `+` and the value;
//! - a list is its length as a number, then its items.
//!
//! Fields: code, status, title, message, template (pieces: `t` and a string
//! or `p` and a parameter index), params (name, `ParamType` index), hint,
//! description, category, flags (retryable 1, throttling 2, deprecated 4,
//! retired 8), retry after, headers (`HeaderSet` bits), details
//! (`DetailsKind` index), shape (`WireShape` index), docs URL, gRPC code
//! number, resolve (five optional strings, in `Resolve::MEMBERS` order),
//! number, replacement, aliases, header values (name, then pieces as the
//! template's).

use crate::catalog::{
    CodeInfo, DetailsKind, GrpcCode, HeaderSet, HeaderTemplate, Param, ParamType, Piece, Resolve,
    WireShape,
};

/// The first line of every table: a table from another format version is
/// refused rather than misread.
pub const HEADER: &str = "errcat-table-2\n";

/// What a table decodes to: the rows, and every code and alias with the
/// index of the code it names.
pub(crate) struct Decoded {
    pub codes: &'static [CodeInfo],
    pub names: Vec<(&'static str, usize)>,
}

/// Decodes a whole table. The pieces and parameters of every row are kept
/// in two slices that live as long as the process, like the `static` the
/// table comes from; a catalog decodes once.
pub(crate) fn decode(text: &'static str) -> Result<Decoded, String> {
    let body = text
        .strip_prefix(HEADER)
        .ok_or_else(|| format!("it does not start with `{}`", HEADER.trim_end()))?;
    let mut reader = Reader { text: body, at: 0 };
    let mut rows = Vec::new();
    let mut pieces = Vec::new();
    let mut params = Vec::new();
    let mut headers = Vec::new();
    let mut names = Vec::new();
    while !reader.done() {
        let index = rows.len();
        let mut lists = Lists {
            pieces: &mut pieces,
            params: &mut params,
            headers: &mut headers,
        };
        let row = reader.row(&mut lists, |name| names.push((name, index)))?;
        rows.push(row);
        reader.expect('\n')?;
    }
    let pieces: &'static [Piece] = Box::leak(pieces.into_boxed_slice());
    let params: &'static [Param] = Box::leak(params.into_boxed_slice());
    let headers: &'static [HeaderTemplate] = Box::leak(
        headers
            .into_iter()
            .map(|(name, (start, end))| HeaderTemplate {
                name,
                value: &pieces[start..end],
            })
            .collect::<Box<[_]>>(),
    );
    let codes = rows
        .into_iter()
        .map(|row| CodeInfo {
            template: &pieces[row.pieces.0..row.pieces.1],
            params: &params[row.params.0..row.params.1],
            header_values: &headers[row.headers.0..row.headers.1],
            ..row.info
        })
        .collect::<Vec<_>>();
    Ok(Decoded {
        codes: Box::leak(codes.into_boxed_slice()),
        names,
    })
}

/// A row before its pieces, parameters and header values have their final
/// home.
struct Row {
    info: CodeInfo,
    pieces: (usize, usize),
    params: (usize, usize),
    headers: (usize, usize),
}

/// What every row appends to: each header value is its name and the range
/// of its pieces.
struct Lists<'a> {
    pieces: &'a mut Vec<Piece>,
    params: &'a mut Vec<Param>,
    headers: &'a mut Vec<(&'static str, (usize, usize))>,
}

struct Reader {
    text: &'static str,
    at: usize,
}

impl Reader {
    fn done(&self) -> bool {
        self.at == self.text.len()
    }

    fn fail(&self, what: &str) -> String {
        format!("{what} at byte {} of the table", self.at + HEADER.len())
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.text[self.at..].starts_with(c) {
            self.at += c.len_utf8();
            Ok(())
        } else {
            Err(self.fail(&format!("`{c}` expected")))
        }
    }

    fn digits(&mut self, end: char) -> Result<u64, String> {
        let rest = &self.text[self.at..];
        let len = rest
            .find(end)
            .ok_or_else(|| self.fail("a number expected"))?;
        let value = rest[..len]
            .parse()
            .map_err(|_| self.fail("a number expected"))?;
        self.at += len + 1;
        Ok(value)
    }

    fn number<T: TryFrom<u64>>(&mut self) -> Result<T, String> {
        let value = self.digits(';')?;
        T::try_from(value).map_err(|_| self.fail("a number out of range"))
    }

    fn string(&mut self) -> Result<&'static str, String> {
        let len: usize = self
            .digits(':')?
            .try_into()
            .map_err(|_| self.fail("a length out of range"))?;
        let text: &'static str = self.text;
        let value = self
            .at
            .checked_add(len)
            .and_then(|end| text.get(self.at..end))
            .ok_or_else(|| self.fail("a string past the end"))?;
        self.at += len;
        Ok(value)
    }

    fn present(&mut self) -> Result<bool, String> {
        match self.text[self.at..].chars().next() {
            Some('-') => {
                self.at += 1;
                Ok(false)
            }
            Some('+') => {
                self.at += 1;
                Ok(true)
            }
            _ => Err(self.fail("`-` or `+` expected")),
        }
    }

    fn optional<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        if self.present()? {
            read(self).map(Some)
        } else {
            Ok(None)
        }
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, String> {
        let index: usize = self.number()?;
        all.get(index)
            .copied()
            .ok_or_else(|| self.fail("an unknown kind"))
    }

    /// A template's pieces, appended to `pieces`; their range there.
    fn pieces(&mut self, pieces: &mut Vec<Piece>) -> Result<(usize, usize), String> {
        let first = pieces.len();
        for _ in 0..self.number::<usize>()? {
            let piece = if self.text[self.at..].starts_with('t') {
                self.at += 1;
                Piece::Text(self.string()?)
            } else {
                self.expect('p')?;
                Piece::Param(self.number()?)
            };
            pieces.push(piece);
        }
        Ok((first, pieces.len()))
    }

    fn row(
        &mut self,
        lists: &mut Lists<'_>,
        mut name: impl FnMut(&'static str),
    ) -> Result<Row, String> {
        let params = &mut *lists.params;
        let code = self.string()?;
        name(code);
        let status = self.number()?;
        let title = self.string()?;
        let message = self.string()?;
        let template = self.pieces(lists.pieces)?;
        let first_param = params.len();
        for _ in 0..self.number::<usize>()? {
            let name = self.string()?;
            let ty = self.pick(&ParamType::ALL)?;
            params.push(Param { name, ty });
        }
        let hint = self.optional(Self::string)?;
        let description = self.optional(Self::string)?;
        let category = self.string()?;
        let flags: u8 = self.number()?;
        let retry_after = self.optional(Self::number)?;
        let headers = HeaderSet::from_bits(self.number()?);
        let details = self.pick(&DetailsKind::ALL)?;
        let shape = self.pick(&WireShape::ALL)?;
        let docs_url = self.string()?;
        let grpc_number: u8 = self.number()?;
        let grpc = GrpcCode::ALL
            .into_iter()
            .find(|code| code.number() == grpc_number)
            .ok_or_else(|| self.fail("an unknown gRPC code"))?;
        let resolve = self.optional(|reader| {
            let mut values = [None; Resolve::MEMBERS.len()];
            for value in &mut values {
                *value = reader.optional(Self::string)?;
            }
            let [message, url, action, method, endpoint] = values;
            Ok(Resolve {
                message,
                url,
                action,
                method,
                endpoint,
            })
        })?;
        let number = self.optional(Self::number)?;
        let replacement = self.optional(Self::string)?;
        for _ in 0..self.number::<usize>()? {
            name(self.string()?);
        }
        let first_header = lists.headers.len();
        for _ in 0..self.number::<usize>()? {
            let header = self.string()?;
            let value = self.pieces(lists.pieces)?;
            lists.headers.push((header, value));
        }
        Ok(Row {
            info: CodeInfo {
                code,
                status,
                title,
                message,
                template: &[],
                params: &[],
                hint,
                description,
                category,
                retryable: flags & 1 != 0,
                throttling: flags & 2 != 0,
                retry_after,
                headers,
                header_values: &[],
                details,
                shape,
                docs_url,
                grpc,
                resolve,
                number,
                deprecated: flags & 4 != 0,
                replacement,
                retired: flags & 8 != 0,
            },
            pieces: template,
            params: (first_param, params.len()),
            headers: (first_header, lists.headers.len()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_decodes_to_its_fields_and_borrows_its_text() {
        let table = "errcat-table-2\n\
            7:MISSING404;9:Not found12:{id} is gone2;p0;t8: is gone1;2:id0;+3:Try-8:resource\
            5;+30;0;1;0;20:https://x.example/#m5;+-+4:/fix---+7;-1;8:OLD_GONE\
            1;4:link2;t1:<p0;\n";
        let decoded = decode(table).unwrap();
        let [info] = decoded.codes else {
            panic!("one row")
        };
        assert_eq!(info.code, "MISSING");
        assert_eq!(info.status, 404);
        assert_eq!(info.template, [Piece::Param(0), Piece::Text(" is gone")]);
        assert_eq!(info.params[0].name, "id");
        assert_eq!(info.hint, Some("Try"));
        assert!(info.retryable && info.deprecated && !info.throttling && !info.retired);
        assert_eq!(info.retry_after, Some(30));
        assert_eq!(info.details, DetailsKind::Object);
        assert_eq!(info.grpc, GrpcCode::NotFound);
        assert_eq!(info.resolve.unwrap().url, Some("/fix"));
        assert_eq!(info.number, Some(7));
        assert_eq!(decoded.names, [("MISSING", 0), ("OLD_GONE", 0)]);
        assert_eq!(info.header_values.len(), 1);
        assert_eq!(info.header_values[0].name, "link");
        assert_eq!(
            info.header_values[0].value,
            [Piece::Text("<"), Piece::Param(0)]
        );
    }

    #[test]
    fn a_table_of_another_format_is_refused_with_where() {
        assert!(decode("errcat-table-0\n").is_err());
        assert!(decode("errcat-table-1\n").is_err());
        let error = decode("errcat-table-2\n7:MISSING40").err().unwrap();
        assert_eq!(error, "a number expected at byte 24 of the table");
    }
}
