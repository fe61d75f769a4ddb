//! The parts of a code's contract beyond its status and shape: parameters
//! and their order, the names generated for it, its severity, retry advice,
//! headers, details, the RFC 9457 `type`, the gRPC code and the `resolve`
//! members agents act on.
//!
//! Gaining any of these where the published code had none (a header, a
//! `resolve.action`, a `type` where it was `about:blank`) is compatible, as
//! gaining a number is: no client built against the published catalog can
//! depend on what it never had. Changing or dropping one is breaking.

use super::catalog_wide::CatalogWide;
use super::entry::parse_detail_fact;
use super::report::{Break, Change, Site};
use super::{Contract, Entry};
use crate::model::{Catalog, DetailsKind, GrpcCode, Severity, naming};

/// The `type` of a code that has none (RFC 9457, section 4.2.1).
const ABOUT_BLANK: &str = "about:blank";

/// Parameter names, types and order.
pub(super) fn compare_params(site: &Site<'_>, entry: &Entry, breaks: &mut Vec<Break>) {
    let subject = &site.subject;
    let now = &site.code.message.params;
    let change = |message: String, label: String| Change {
        key: &["params"],
        message,
        label,
        note: "generated constructors and clients that read the parameters would no longer match"
            .to_owned(),
        help: format!(
            "keep the parameters of `{}`, {}",
            site.name,
            site.or_new_code()
        ),
    };
    for (param, ty) in &entry.params {
        let label = format!("published with `{param}: {}`", ty.as_str());
        match now.iter().find(|p| &p.name == param) {
            None => site.report(
                breaks,
                change(format!("{subject} lost its parameter `{param}`"), label),
            ),
            Some(p) if p.ty != *ty => site.report(
                breaks,
                change(
                    format!(
                        "{subject} changed the type of parameter `{param}` from {} to {}",
                        ty.as_str(),
                        p.ty.as_str()
                    ),
                    label,
                ),
            ),
            Some(_) => {}
        }
    }
    for param in now {
        if !entry.params.iter().any(|(name, _)| *name == param.name) {
            site.report(
                breaks,
                change(
                    format!("{subject} gained the parameter `{}`", param.name),
                    format!("published without `{}`", param.name),
                ),
            );
        }
    }
    // A format 1 lock kept the parameters sorted by name, not in order.
    if entry.contract.is_none() {
        return;
    }
    let published: Vec<&str> = entry
        .params
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| now.iter().any(|p| p.name == *name))
        .collect();
    let current: Vec<&str> = now
        .iter()
        .map(|p| p.name.as_str())
        .filter(|name| published.contains(name))
        .collect();
    if published != current {
        site.report(
            breaks,
            Change {
                key: &["params"],
                message: format!(
                    "{subject} reordered its parameters from ({}) to ({})",
                    published.join(", "),
                    current.join(", ")
                ),
                label: format!("published in the order ({})", published.join(", ")),
                note: "generated constructors take the parameters in this order, so existing calls would still compile with their values swapped".to_owned(),
                help: format!(
                    "declare `params` in the published order, {}",
                    site.or_new_code()
                ),
            },
        );
    }
}

/// The Rust and TypeScript names made from the code or its `ident`: giving
/// a code an `ident` that makes the names it already had is compatible.
pub(super) fn compare_names(
    site: &Site<'_>,
    entry: &Entry,
    catalog: &Catalog,
    breaks: &mut Vec<Break>,
) {
    let (was_source, is_source) = (
        entry.ident.as_deref().unwrap_or(site.name),
        site.code.ident_source(),
    );
    // Almost always: the check runs for every locked code on every gen, and
    // the same words make the same names.
    if was_source == is_source {
        return;
    }
    let names = |source: &str| {
        [
            naming::rust_variant(source),
            naming::rust_fn(source),
            naming::ts_key(source),
        ]
    };
    let (was, is) = (names(was_source), names(is_source));
    let Some(changed) = (0..was.len()).find(|&i| was[i] != is[i]) else {
        return;
    };
    let [variant, function, key] = &was;
    let code = &site.code.code;
    let (label, help) = match &entry.ident {
        Some(ident) => (
            format!("published with `ident = \"{ident}\"`"),
            format!("keep `ident = \"{ident}\"`, {}", site.or_new_code()),
        ),
        None => (
            format!("published without an `ident`, as `{variant}`"),
            format!("remove the `ident` of `{code}`, {}", site.or_new_code()),
        ),
    };
    site.report(
        breaks,
        Change {
            key: &["ident"],
            message: format!(
                "{} changed its generated names from `{}` to `{}`",
                site.subject, was[changed], is[changed]
            ),
            label,
            note: format!(
                "Rust that names `{}::{variant}` or calls `{}::{function}` and TypeScript that reads `ErrorCode.{key}` would no longer compile",
                catalog.rust_code_type(),
                catalog.rust_error_type()
            ),
            help,
        },
    );
}

/// Error, warning or notice: services log them and clients show them apart.
pub(super) fn compare_severity(site: &Site<'_>, entry: &Entry, breaks: &mut Vec<Break>) {
    let (was, is) = (entry.severity, site.code.severity);
    if was == is {
        return;
    }
    let (label, help) = if was == Severity::Error {
        (
            "published without `severity`, as an error".to_owned(),
            format!("remove `severity`, {}", site.or_new_code()),
        )
    } else {
        (
            format!("published with `severity = \"{}\"`", was.as_str()),
            format!(
                "keep `severity = \"{}\"`, {}",
                was.as_str(),
                site.or_new_code()
            ),
        )
    };
    site.report(
        breaks,
        Change {
            key: &["severity"],
            message: format!(
                "{} changed its severity from {} to {}",
                site.subject,
                was.as_str(),
                is.as_str()
            ),
            label,
            note: format!(
                "clients and services that tell {} from {} would treat `{}` the other way",
                with_article(was),
                with_article(is),
                site.name
            ),
            help,
        },
    );
}

fn with_article(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "an error",
        Severity::Warning => "a warning",
        Severity::Notice => "a notice",
    }
}

/// Everything [`Contract`] records.
pub(super) fn compare(
    site: &Site<'_>,
    entry: &Entry,
    locked: &Contract,
    catalog: &Catalog,
    wide: &mut CatalogWide<'_>,
    breaks: &mut Vec<Break>,
) {
    let now = Contract::of(catalog, site.code);
    let (subject, code) = (&site.subject, &site.code.code);
    let flags = [
        (
            &["retryable"],
            locked.retryable,
            now.retryable,
            format!(
                "clients decide whether to retry `{code}` from the code table they were built with, so old and new clients would disagree about retrying it"
            ),
        ),
        (
            &["throttling"],
            locked.throttling,
            now.throttling,
            format!(
                "clients slow down on throttling errors by the code table they were built with, so old and new clients would disagree about backing off on `{code}`"
            ),
        ),
    ];
    for (key, was, is, note) in flags {
        if was != is {
            site.report(
                breaks,
                Change {
                    key,
                    message: format!("{subject} changed `{}` from {was} to {is}", key[0]),
                    label: format!("published with `{} = {was}`", key[0]),
                    note,
                    help: format!("keep `{} = {was}`, {}", key[0], site.or_new_code()),
                },
            );
        }
    }
    compare_headers(site, locked, &now, breaks);
    // Details where there were none are ignored by clients that expect
    // none, and typed details are still an object to a client that reads
    // any object; every other change misleads a client.
    let widened = matches!(
        (locked.details, now.details),
        (DetailsKind::None, _) | (DetailsKind::Object, DetailsKind::Typed)
    );
    if locked.details != now.details && !widened {
        let (was, is) = (locked.details.as_str(), now.details.as_str());
        let (label, keep) = match locked.details {
            DetailsKind::Typed => (
                "published with typed details".to_owned(),
                "keep its typed members".to_owned(),
            ),
            _ => (
                format!("published with `details = \"{was}\"`"),
                format!("keep `details = \"{was}\"`"),
            ),
        };
        site.report(
            breaks,
            Change {
                key: &["details"],
                message: format!("{subject} changed its details from {was} to {is}"),
                label,
                note:
                    "clients decode `details` by the kind they were built with and would misread it"
                        .to_owned(),
                help: format!("{keep}, {}", site.or_new_code()),
            },
        );
    } else if locked.details == now.details {
        compare_detail_members(site, locked, &now, breaks);
    }
    compare_type(site, locked, &now, wide, breaks);
    // A status change moves a derived gRPC code with it; that is one
    // mistake, already reported as the status.
    let derived = |grpc: GrpcCode, status: Option<u16>| {
        status.is_some_and(|status| grpc == GrpcCode::from_http_status(status))
    };
    let follows_status = entry.status != site.code.status
        && derived(locked.grpc, entry.status)
        && derived(now.grpc, site.code.status);
    if locked.grpc != now.grpc && !follows_status {
        let (was, is) = (locked.grpc.as_str(), now.grpc.as_str());
        site.report(
            breaks,
            Change {
                key: &["grpc"],
                message: format!("{subject} changed its gRPC code from {was} to {is}"),
                label: format!("published with `grpc = \"{was}\"`"),
                note: "gRPC clients branch on the status code and would take another path"
                    .to_owned(),
                help: format!("set `grpc = \"{was}\"`, {}", site.or_new_code()),
            },
        );
    }
    compare_resolve(site, locked, &now, breaks);
}

/// Dropping a header breaks; declaring a new one does not.
/// Typed details clients read: a member removed, retyped or made optional
/// breaks them; a member added, or made required, does not.
fn compare_detail_members(
    site: &Site<'_>,
    locked: &Contract,
    now: &Contract,
    breaks: &mut Vec<Break>,
) {
    let now_facts: Vec<(&str, bool, &str)> = now
        .detail_members
        .iter()
        .filter_map(|fact| parse_detail_fact(fact))
        .collect();
    for fact in &locked.detail_members {
        let Some((path, was_optional, was)) = parse_detail_fact(fact) else {
            continue;
        };
        let found = now_facts.iter().find(|(p, _, _)| *p == path);
        let (message, note) = match found {
            None => (
                format!(
                    "{} no longer declares the details member `{path}`",
                    site.subject
                ),
                format!(
                    "clients built against the published catalog read `{path}` and would find nothing"
                ),
            ),
            Some((_, _, is)) if *is != was => (
                format!(
                    "{} changed the details member `{path}` from {was} to {is}",
                    site.subject
                ),
                format!("clients read `{path}` as {was} and would misread it"),
            ),
            Some((_, true, _)) if !was_optional => (
                format!("{} made the details member `{path}` optional", site.subject),
                format!("clients rely on `{path}` being there"),
            ),
            Some(_) => continue,
        };
        site.report(
            breaks,
            Change {
                key: &["details"],
                message,
                label: format!("published with `{fact}`"),
                note,
                help: format!("keep `{fact}` in the details, {}", site.or_new_code()),
            },
        );
    }
}

fn compare_headers(site: &Site<'_>, locked: &Contract, now: &Contract, breaks: &mut Vec<Break>) {
    let dropped: Vec<String> = locked
        .headers
        .iter()
        .filter(|h| !now.headers.iter().any(|n| n.eq_ignore_ascii_case(h)))
        .map(|h| format!("`{h}`"))
        .collect();
    if dropped.is_empty() {
        return;
    }
    let (what, them) = match dropped.as_slice() {
        [one] => (format!("the {one} header"), "it"),
        _ => (format!("the headers {}", dropped.join(", ")), "them"),
    };
    let published: Vec<String> = locked.headers.iter().map(|h| format!("\"{h}\"")).collect();
    site.report(
        breaks,
        Change {
            key: &["headers"],
            message: format!("{} no longer declares {what}", site.subject),
            label: format!("published with `headers = [{}]`", published.join(", ")),
            note: format!(
                "clients that read {} would no longer find {them}",
                dropped.join(", ")
            ),
            help: format!(
                "keep {} in `headers`, {}",
                dropped.join(", "),
                site.or_new_code()
            ),
        },
    );
}

fn compare_type(
    site: &Site<'_>,
    locked: &Contract,
    now: &Contract,
    wide: &mut CatalogWide<'_>,
    breaks: &mut Vec<Break>,
) {
    let (was, is) = (&locked.problem_type, &now.problem_type);
    if was == is || was == ABOUT_BLANK || wide.follows_base_url(site, was) {
        return;
    }
    site.report(
        breaks,
        Change {
            key: &["docs_url"],
            message: format!(
                "{} changed its RFC 9457 `type` from `{was}` to `{is}`",
                site.subject
            ),
            label: format!("published with the `type` `{was}`"),
            note: format!(
                "RFC 9457 clients identify a problem by its `type` URI and would no longer recognise `{}`",
                site.name
            ),
            help: format!("set `docs_url = \"{was}\"`, {}", site.or_new_code()),
        },
    );
}

/// `resolve.action`, `method` and `endpoint`: what agents act on.
fn compare_resolve(site: &Site<'_>, locked: &Contract, now: &Contract, breaks: &mut Vec<Break>) {
    let calls = "agents fix the problem by calling `resolve.method` on `resolve.endpoint` and would send a request the server no longer expects";
    let members = [
        (
            &["resolve", "action"],
            &locked.action,
            &now.action,
            "agents branch on `resolve.action` to decide what to do next and would no longer recognise it",
        ),
        (&["resolve", "method"], &locked.method, &now.method, calls),
        (
            &["resolve", "endpoint"],
            &locked.endpoint,
            &now.endpoint,
            calls,
        ),
    ];
    for (key, was, is, note) in members {
        let Some(was) = was else { continue };
        let member = key[1];
        let message = match is {
            Some(is) if is == was => continue,
            Some(is) => format!(
                "{} changed its `resolve.{member}` from `{was}` to `{is}`",
                site.subject
            ),
            None => format!("{} dropped its `resolve.{member}` `{was}`", site.subject),
        };
        site.report(
            breaks,
            Change {
                key,
                message,
                label: format!("published with `{member} = \"{was}\"`"),
                note: note.to_owned(),
                help: format!(
                    "keep `{member} = \"{was}\"` in the `resolve` of `{}`, {}",
                    site.code.code,
                    site.or_new_code()
                ),
            },
        );
    }
}
