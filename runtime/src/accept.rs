//! Which shape answers a request: the error's own, or RFC 9457, chosen by
//! the request's `Accept` as RFC 9110 §12.5.1 says.
//!
//! Every `Accept` field counts, as one list. Each media range weighs the
//! media types it matches by its `q` (a parameter name matched without
//! regard to case; `q=0` means "not acceptable"); a type takes the weight
//! of the most specific range that matches it (`application/json` over
//! `application/*` over `*/*`); parameters other than `q` do not narrow a
//! range (`application/json; charset=utf-8` is JSON), and quoted strings
//! in them are read whole. The shape whose content type weighs more wins;
//! on a tie, or when neither is acceptable (no 406: an error is sent
//! anyway), the error keeps its own shape: the one the service gave it,
//! else its code's, else the catalog's default, so `*/*` answers as no
//! `Accept` does. An error whose own shape is RFC 9457 keeps it: it has
//! no JSON form to fall back to. A malformed range (no `/`, a `q` outside
//! the grammar) is left out, as is a field that is not visible ASCII.

use http::header::{ACCEPT, HeaderMap, HeaderValue, VARY};

use crate::catalog::WireShape;

/// The shape to answer in, for an error whose own shape is `own`.
pub(crate) fn choose(request_headers: &HeaderMap, own: WireShape) -> WireShape {
    let problem = WireShape::Problem;
    if own.content_type() == problem.content_type() {
        return own;
    }
    let ranges: Vec<Range<'_>> = request_headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| split_unquoted(value, b','))
        .filter_map(Range::parse)
        .collect();
    if ranges.is_empty() {
        return own;
    }
    if weight(&ranges, problem.content_type()) > weight(&ranges, own.content_type()) {
        problem
    } else {
        own
    }
}

/// Adds `Accept` to the response's `Vary`, unless it is already there (or
/// `Vary: *` says everything varies): the same URL answers in another
/// shape for another `Accept`, which caches must know.
pub(crate) fn vary_on_accept(response_headers: &mut HeaderMap) {
    let listed = response_headers
        .get_all(VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|name| name == "*" || name.eq_ignore_ascii_case("accept"));
    if !listed {
        response_headers.append(VARY, HeaderValue::from_static("accept"));
    }
}

/// One media range of an `Accept` list.
struct Range<'a> {
    kind: &'a str,
    subtype: &'a str,
    /// In thousandths, as the grammar allows three decimals.
    quality: u16,
}

impl<'a> Range<'a> {
    fn parse(element: &'a str) -> Option<Self> {
        let mut parts = split_unquoted(element, b';');
        let media = parts.next()?.trim();
        if media.is_empty() {
            return None;
        }
        let (kind, subtype) = media.split_once('/')?;
        let (kind, subtype) = (kind.trim(), subtype.trim());
        if !is_token(kind) || !is_token(subtype) || (kind == "*" && subtype != "*") {
            return None;
        }
        let mut quality = 1000;
        for parameter in parts {
            let parameter = parameter.trim();
            // The grammar allows empty parameters (`type/sub;`).
            if parameter.is_empty() {
                continue;
            }
            let (name, value) = parameter.split_once('=')?;
            if name.trim().eq_ignore_ascii_case("q") {
                quality = parse_quality(value.trim())?;
                // What follows `q` are extensions, which say nothing here.
                break;
            }
        }
        Some(Range {
            kind,
            subtype,
            quality,
        })
    }

    /// How specifically the range names `kind/subtype`, if it matches it.
    fn specificity(&self, kind: &str, subtype: &str) -> Option<u8> {
        match (self.kind, self.subtype) {
            ("*", "*") => Some(0),
            (k, "*") if k.eq_ignore_ascii_case(kind) => Some(1),
            (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => Some(2),
            _ => None,
        }
    }
}

/// The weight the ranges give `media`: that of the most specific matching
/// range (the highest, among equally specific ones); 0 when none matches.
fn weight(ranges: &[Range<'_>], media: &str) -> u16 {
    let (kind, subtype) = media.split_once('/').unwrap_or((media, ""));
    ranges
        .iter()
        .filter_map(|range| Some((range.specificity(kind, subtype)?, range.quality)))
        .max()
        .map_or(0, |(_, quality)| quality)
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in
/// thousandths.
fn parse_quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .zip([100, 10, 1])
        .map(|(digit, scale)| u16::from(digit - b'0') * scale)
        .sum::<u16>();
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// `text` split at every `separator` outside a quoted string (RFC 9110
/// §5.6.4: `"…"`, with `\` escaping the next character), so a parameter
/// such as `profile="urn:a;b,c"` stays one piece.
fn split_unquoted(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (at, byte) in current.bytes().enumerate() {
            match byte {
                _ if escaped => escaped = false,
                b'\\' if quoted => escaped = true,
                b'"' => quoted = !quoted,
                _ if byte == separator && !quoted => {
                    rest = Some(&current[at + 1..]);
                    return Some(&current[..at]);
                }
                _ => {}
            }
        }
        rest = None;
        Some(current)
    })
}

/// An RFC 9110 token: what a media type's type and subtype are made of.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    /// Each row: the `Accept` fields of a request and the shape an error of
    /// the flat shape answers in.
    #[test]
    fn accept_headers_choose_the_shape_rfc_9110_says() {
        use WireShape::{Flat, Problem};
        let cases: &[(&[&str], WireShape)] = &[
            (&[], Flat),
            (&["application/json"], Flat),
            (&["application/problem+json"], Problem),
            (&["Application/Problem+JSON"], Problem),
            (&["application/problem+json; q=0"], Flat),
            (&["application/problem+json; Q=0"], Flat),
            (&["application/problem+json;q=0.000"], Flat),
            (&["application/json, application/problem+json;q=0.5"], Flat),
            (
                &["application/json;q=0.5, application/problem+json"],
                Problem,
            ),
            (
                &["application/json;q=0.9, application/problem+json;q=0.9"],
                Flat,
            ),
            (
                &["application/problem+json;q=0.9, application/json;q=0.9"],
                Flat,
            ),
            (&["*/*"], Flat),
            (&["*/*;q=0.1, application/problem+json"], Problem),
            (&["application/*"], Flat),
            (
                &["application/*;q=0.2, application/problem+json;q=0.3"],
                Problem,
            ),
            (&["application/*, application/json;q=0"], Problem),
            (&["application/*;q=0.5, application/json;q=0.4"], Problem),
            (&["*/*, application/json;q=0.1"], Problem),
            (&["text/html"], Flat),
            (&["text/html, application/problem+json;q=0.1"], Problem),
            (
                &["application/json;q=0, application/problem+json;q=0"],
                Flat,
            ),
            (
                &["application/json;q=0.8", "application/problem+json;q=0.9"],
                Problem,
            ),
            (&["application/problem+json", "application/json"], Flat),
            (
                &["application/json ; charset=utf-8 ; q=0.4, application/problem+json;q=0.6"],
                Problem,
            ),
            (&["application/problem+json;q=2"], Flat),
            (&["application/problem+json;q=0.1234"], Flat),
            (&["application/problem+json;q=1.000"], Problem),
            (&["application/problem+json;q=1.5"], Flat),
            (&["application/problem+json;q="], Flat),
            (&["garbage, application/problem+json"], Problem),
            (&["*/json, application/problem+json;q=0.5"], Problem),
            (&[",, application/problem+json ,"], Problem),
            (
                &["application/problem+json;q=0.5;ext=1, application/json;q=0.4"],
                Problem,
            ),
            (&["application/problem+json;"], Problem),
            (
                &["application/json;;q=0.5, application/problem+json"],
                Problem,
            ),
            (
                &["application/json;profile=\"urn:a;q=0\", application/problem+json;q=0.5"],
                Flat,
            ),
            (&["x/y;p=\"a, application/problem+json, b\""], Flat),
            (
                &["application/json;p=\"a\\\";q=0\";q=0.2, application/problem+json;q=0.3"],
                Problem,
            ),
        ];
        for (accept, expected) in cases {
            assert_eq!(
                choose(&headers(accept), Flat),
                *expected,
                "Accept: {accept:?}"
            );
        }
    }

    #[test]
    fn an_error_of_the_problem_shape_keeps_it() {
        let accept = headers(&["application/json"]);
        assert_eq!(choose(&accept, WireShape::Problem), WireShape::Problem);
    }

    #[test]
    fn vary_gains_accept_once() {
        let mut response = HeaderMap::new();
        vary_on_accept(&mut response);
        vary_on_accept(&mut response);
        assert_eq!(response.get_all(VARY).iter().count(), 1);
        assert_eq!(response[VARY], "accept");

        let mut response = HeaderMap::new();
        response.insert(VARY, HeaderValue::from_static("Origin, Accept"));
        vary_on_accept(&mut response);
        assert_eq!(response.get_all(VARY).iter().count(), 1);

        let mut response = HeaderMap::new();
        response.insert(VARY, HeaderValue::from_static("origin"));
        vary_on_accept(&mut response);
        let values: Vec<_> = response.get_all(VARY).iter().collect();
        assert_eq!(values, ["origin", "accept"]);
    }
}
