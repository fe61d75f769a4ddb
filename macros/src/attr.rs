//! Reads `#[api_error(...)]`, `#[source]` and `#[from]`. Every mistake is
//! recorded in the [`Ctxt`] and parsing goes on, so one build lists them all.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitInt, LitStr, Path};

use crate::ctxt::Ctxt;

/// `#[api_error(catalog = path)]` on the enum.
#[derive(Default)]
pub struct ContainerAttrs {
    /// The generated catalog crate or module, e.g. `fold_errors`.
    pub catalog: Option<Path>,
}

/// `#[api_error(code = "...", retry_after = N)]` on a variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub code: Option<LitStr>,
    pub retry_after: Option<LitInt>,
}

/// Markers on a field.
#[derive(Default)]
pub struct FieldAttrs {
    /// `#[source]`: the cause, kept for logs, never a template parameter.
    pub source: Option<Attribute>,
    /// `#[from]`: also a source, plus `From<Field>` for the enum.
    pub from: Option<Attribute>,
    /// `#[api_error(skip)]`: context for the service only.
    pub skip: Option<Path>,
    /// `#[api_error(details)]`: the body's `details` member.
    pub details: Option<Path>,
}

pub fn container(cx: &mut Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in api_error_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("catalog") {
                let path: Path = meta.value()?.parse()?;
                set_once(cx, &meta, &mut out.catalog, path);
                Ok(())
            } else {
                Err(unknown(&meta, "on the enum", &["catalog"]))
            }
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    out
}

pub fn variant(cx: &mut Ctxt, attrs: &[Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in api_error_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("code") {
                let value = meta.value()?;
                // A bare identifier is accepted too: it is what rustc's "a
                // struct with a similar name exists" suggestion writes.
                let code = if value.peek(LitStr) {
                    value.parse()?
                } else {
                    let ident: Ident = value.parse()?;
                    LitStr::new(&ident.to_string(), ident.span())
                };
                set_once(cx, &meta, &mut out.code, code);
                Ok(())
            } else if meta.path.is_ident("retry_after") {
                let seconds: LitInt = meta.value()?.parse()?;
                // Checked here so the message names the attribute; the
                // runtime takes whole seconds as `u32`.
                if seconds.base10_parse::<u32>().is_err() {
                    cx.error_spanned_by(
                        &seconds,
                        "`retry_after` is a whole number of seconds (a `u32`)",
                    );
                }
                set_once(cx, &meta, &mut out.retry_after, seconds);
                Ok(())
            } else {
                Err(unknown(&meta, "on a variant", &["code", "retry_after"]))
            }
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    out
}

pub fn field(cx: &mut Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("source") {
            if let Err(err) = attr.meta.require_path_only() {
                cx.push(err);
            }
            set_attr_once(cx, &mut out.source, attr);
        } else if attr.path().is_ident("from") {
            if let Err(err) = attr.meta.require_path_only() {
                cx.push(err);
            }
            set_attr_once(cx, &mut out.from, attr);
        } else if attr.path().is_ident("api_error") {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    no_value(&meta)?;
                    set_once(cx, &meta, &mut out.skip, meta.path.clone());
                    Ok(())
                } else if meta.path.is_ident("details") {
                    no_value(&meta)?;
                    set_once(cx, &meta, &mut out.details, meta.path.clone());
                    Ok(())
                } else {
                    Err(unknown(&meta, "on a field", &["skip", "details"]))
                }
            });
            if let Err(err) = result {
                cx.push(err);
            }
        }
    }
    out
}

/// Flags are written bare: `#[api_error(skip)]`, not `skip = true`.
fn no_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        Err(meta.error(format_args!(
            "`{}` is a flag and takes no value",
            path_name(&meta.path)
        )))
    } else {
        Ok(())
    }
}

fn api_error_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("api_error"))
}

fn set_once<T>(cx: &mut Ctxt, meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(
            &meta.path,
            format_args!("duplicate `{}` attribute", path_name(&meta.path)),
        );
    } else {
        *slot = Some(value);
    }
}

fn set_attr_once(cx: &mut Ctxt, slot: &mut Option<Attribute>, attr: &Attribute) {
    if slot.is_some() {
        cx.error_spanned_by(
            attr,
            format_args!("duplicate `#[{}]` attribute", path_name(attr.path())),
        );
    } else {
        *slot = Some(attr.clone());
    }
}

fn unknown(meta: &ParseNestedMeta, place: &str, expected: &[&str]) -> syn::Error {
    let expected = expected
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    meta.error(format_args!(
        "unknown `api_error` attribute `{}` {place}; expected {expected}",
        path_name(&meta.path)
    ))
}

fn path_name(path: &Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}
