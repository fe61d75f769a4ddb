//! Text and URL fields: what a catalog string may hold before any emitter
//! sees it. A control character is never text a reader should get (a NUL
//! breaks TOML, an ESC rewrites the terminal `errcat explain` prints to),
//! and a link is only one a reader can follow safely.

use super::fields::Fields;
use super::{Context, Located};
use crate::diagnostic::Diagnostic;

/// Whether a text field may span lines: prose (descriptions, docs, hints,
/// notes) may; names, titles, messages and versions are shown as one line
/// (a heading, a table cell, a JSON member, a crate description).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    One,
    Many,
}

/// Where a URL field may point.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlKind {
    /// Only an absolute web URL: the RFC 9457 `type` is an identifier
    /// clients compare, and the problem's reader has no base to resolve a
    /// relative one against.
    Absolute,
    /// The same, with errcat appending `#<anchor>`, so no fragment of its own.
    Base,
    /// An absolute web URL, or a path from the API's root (`/v1/keys`): the
    /// service's own endpoints and pages.
    AbsoluteOrPath,
}

impl Fields<'_, '_> {
    /// A string field that holds only text: no control character but tabs,
    /// and line breaks only where `lines` allows them. Every line break
    /// comes out `\n`, a `\r\n` or a lone `\r` as much as a `\n`: the
    /// emitters (and markdown, which reads a lone `\r` as a line end) see
    /// one kind, and a catalog saved with Windows line ends gives the same
    /// outputs.
    pub(crate) fn text(
        &self,
        cx: &mut Context,
        key: &str,
        lines: Lines,
    ) -> Option<Located<String>> {
        let mut text = self.string(cx, key)?;
        if !self.check_text(cx, key, &text, lines) {
            return None;
        }
        if text.value.contains('\r') {
            text.value = text.value.replace("\r\n", "\n").replace('\r', "\n");
        }
        Some(text)
    }

    /// The check of [`Fields::text`], for strings read another way (the
    /// items of an array); reports at most one problem and says whether
    /// there was none.
    pub(crate) fn check_text(
        &self,
        cx: &mut Context,
        key: &str,
        text: &Located<String>,
        lines: Lines,
    ) -> bool {
        let allowed = |c: char| c == '\t' || (lines == Lines::Many && matches!(c, '\n' | '\r'));
        let Some(bad) = text.value.chars().find(|&c| c.is_control() && !allowed(c)) else {
            return true;
        };
        let diagnostic = if matches!(bad, '\n' | '\r') {
            Diagnostic::error(format!("`{key}` of {} contains a line break", self.owner))
                .with_label(&self.file.shown, text.span.clone(), "one line expected")
                .with_help(format!(
                    "write `{key}` on one line; line breaks are allowed in `description`, `docs`, `hint` and notes"
                ))
        } else {
            let point = format!("U+{:04X}", u32::from(bad));
            let what = match lines {
                Lines::One => {
                    "one line of text: tabs are allowed, other control characters are not"
                }
                Lines::Many => {
                    "text: tabs and line breaks are allowed, other control characters are not"
                }
            };
            Diagnostic::error(format!(
                "`{key}` of {} contains the control character {point}",
                self.owner
            ))
            .with_label(
                &self.file.shown,
                text.span.clone(),
                format!("{point} is not text"),
            )
            .with_help(format!("remove it; `{key}` is {what}"))
        };
        cx.report(diagnostic);
        false
    }

    /// A URL field: an absolute `http`/`https` URL, or a path from the
    /// API's root where `kind` allows one.
    pub(crate) fn url(
        &self,
        cx: &mut Context,
        key: &str,
        kind: UrlKind,
    ) -> Option<Located<String>> {
        let url = self.string(cx, key)?;
        let Err(problem) = check_url(&url.value, kind) else {
            return Some(url);
        };
        let help = match kind {
            UrlKind::Absolute => {
                "use an absolute `https://` (or `http://`) URL, such as `https://docs.example.com/errors/not_found`"
            }
            UrlKind::Base => {
                "use an absolute `https://` (or `http://`) URL without a `#`, such as `https://docs.example.com/errors`"
            }
            UrlKind::AbsoluteOrPath => {
                "use a path from the API's root, such as `/v1/keys`, or an absolute `https://` (or `http://`) URL"
            }
        };
        cx.report(
            Diagnostic::error(format!("`{key}` of {} is not an accepted URL", self.owner))
                .with_label(&self.file.shown, url.span, problem)
                .with_help(help),
        );
        None
    }
}

const RELATIVE: &str = "a relative URL, which the reader of an error body cannot resolve";

/// What is wrong with `url` for `kind`, as a label.
fn check_url(url: &str, kind: UrlKind) -> Result<(), String> {
    if url.is_empty() {
        return Err("an empty URL".to_owned());
    }
    // RFC 9457's own "no further docs" value, harmless as a `type`.
    if url == "about:blank" && kind == UrlKind::Absolute {
        return Ok(());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a URL cannot hold spaces, line breaks or control characters".to_owned());
    }
    if url.contains('\\') {
        return Err("browsers read `\\` as `/`, so this could point elsewhere".to_owned());
    }
    if url.starts_with("//") {
        return Err("a URL starting with `//` can point at any host".to_owned());
    }
    if url.starts_with('/') {
        return match kind {
            UrlKind::AbsoluteOrPath => Ok(()),
            UrlKind::Absolute | UrlKind::Base => Err(RELATIVE.to_owned()),
        };
    }
    let scheme = scheme_of(url);
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("http" | "https") => {}
        Some(other) => return Err(format!("the `{other}:` scheme is not allowed")),
        None if kind == UrlKind::AbsoluteOrPath => {
            return Err("neither an absolute URL nor a path starting with `/`".to_owned());
        }
        None => return Err(RELATIVE.to_owned()),
    }
    let scheme = scheme.unwrap_or_default();
    if !url[scheme.len() + 1..].starts_with("//") {
        return Err(format!("`{scheme}:` must be followed by `//` and the host"));
    }
    let parsed = url::Url::parse(url).map_err(|err| format!("not a valid URL: {err}"))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("a user name or password in a URL can disguise its host".to_owned());
    }
    if kind == UrlKind::Base && url.trim_end_matches('#').contains('#') {
        return Err("errcat adds `#<code>` to this URL, so it cannot have a fragment".to_owned());
    }
    Ok(())
}

/// The scheme as written (`JaVaScRiPt` in `JaVaScRiPt:alert(1)`), if the
/// text starts with one (RFC 3986: a letter, then letters, digits, `+`, `-`
/// or `.`, then `:`).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_and_root_paths_pass() {
        for url in [
            "https://a.example/x#y",
            "http://a.example",
            "HTTPS://a.example/",
        ] {
            assert_eq!(check_url(url, UrlKind::Absolute), Ok(()), "{url}");
        }
        assert_eq!(check_url("/v1/keys/{id}", UrlKind::AbsoluteOrPath), Ok(()));
        assert_eq!(
            check_url("https://a.example/errors#", UrlKind::Base),
            Ok(())
        );
    }

    #[test]
    fn every_trick_is_caught() {
        let cases = [
            (
                "JaVaScRiPt:alert(1)",
                "the `javascript:` scheme is not allowed",
            ),
            ("data:text/html,x", "the `data:` scheme is not allowed"),
            (
                " https://a.example",
                "a URL cannot hold spaces, line breaks or control characters",
            ),
            (
                "https://a.example/\t",
                "a URL cannot hold spaces, line breaks or control characters",
            ),
            (
                "//evil.example/x",
                "a URL starting with `//` can point at any host",
            ),
            (
                "/\\evil.example",
                "browsers read `\\` as `/`, so this could point elsewhere",
            ),
            (
                "https:evil.example",
                "`https:` must be followed by `//` and the host",
            ),
            (
                "https://a.example@evil.example",
                "a user name or password in a URL can disguise its host",
            ),
            ("https://", "not a valid URL: empty host"),
            ("/errors", RELATIVE),
            ("", "an empty URL"),
        ];
        for (url, problem) in cases {
            assert_eq!(
                check_url(url, UrlKind::Absolute),
                Err(problem.to_owned()),
                "{url}"
            );
        }
        assert_eq!(
            check_url("v1/keys", UrlKind::AbsoluteOrPath),
            Err("neither an absolute URL nor a path starting with `/`".to_owned())
        );
        assert_eq!(
            check_url("https://a.example/#x", UrlKind::Base),
            Err("errcat adds `#<code>` to this URL, so it cannot have a fragment".to_owned())
        );
    }
}
