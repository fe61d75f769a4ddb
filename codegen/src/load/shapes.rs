//! What a code declares against what its wire shape can carry. The runtime
//! owns what each shape's bodies hold; the loader only asks it.

use super::Context;
use super::code::CodeDraft;
use super::fields::list;
use super::settings::Settings;
use crate::diagnostic::Diagnostic;
use errcat::shape::CodeForm;

use crate::model::{DetailsKind, WireShape};

/// A code, or an alias, its wire shape cannot carry as written: one a
/// reader of the shape would cut (`PD:ErrFoo` read as `PD` by the AWS
/// SDKs), or one sent in a header that is not visible ASCII; and a header
/// of the code's own that the shape already sends.
pub(crate) fn check_code_fits(cx: &mut Context, settings: &Settings, drafts: &[CodeDraft<'_>]) {
    for draft in drafts {
        if shape_unreadable(settings, draft) {
            continue;
        }
        let shape = draft.model.wire_shape;
        let spec = shape.spec();
        let code = &draft.model.code;
        if !spec.can_send(code) {
            let read = spec.code_form.read(code);
            let (message, label, instead) = match spec.header_of(errcat::shape::Part::Code) {
                _ if spec.code_form == CodeForm::ErrorInfoReason => (
                    format!(
                        "code `{code}` cannot be sent in the `{}` shape: an `ErrorInfo` reason is an uppercase letter, then uppercase letters, digits and `_`, not ending in `_`, at most 63 characters",
                        shape.as_str()
                    ),
                    "not a reason".to_owned(),
                    "use a code such as `PROJECT_SUSPENDED` (`code_style = { pattern = \"[A-Z][A-Z0-9_]+[A-Z0-9]\", max_length = 63 }` holds every code to it)",
                ),
                Some(header) if read == code => (
                    format!(
                        "code `{code}` cannot be sent in the `{header}` header of the `{}` shape: a header value holds visible ASCII only",
                        shape.as_str()
                    ),
                    "not visible ASCII".to_owned(),
                    "use a code of visible ASCII characters",
                ),
                _ => (
                    format!(
                        "code `{code}` cannot be sent in the `{}` shape: {}",
                        shape.as_str(),
                        CUT
                    ),
                    format!("read back as `{read}`"),
                    "use a code without `:` and `#`",
                ),
            };
            let diagnostic = Diagnostic::error(message).with_label(
                &draft.file.shown,
                draft.key_span.clone(),
                label,
            );
            cx.report(
                with_shape_context(diagnostic, draft, shape).with_help(format!(
                    "give the code another wire shape with `wire_shape`, or {instead}"
                )),
            );
        }
        let unnumbered = draft.model.number.is_none()
            && draft.model.retired.is_none()
            && !draft.unreadable.contains(&"number");
        if spec.code_form == CodeForm::Number && unnumbered {
            let diagnostic = Diagnostic::error(format!(
                "code `{code}` has no `number`, which its wire shape `{}` sends as the code",
                shape.as_str()
            ))
            .with_label(&draft.file.shown, draft.key_span.clone(), "no `number`");
            cx.report(with_shape_context(diagnostic, draft, shape).with_help(
                "give the code its stable number, such as `number = 20404`, or another wire shape with `wire_shape`",
            ));
        }
        // The shape sends its own headers; a code's value would fight it.
        for name in &draft.header_names {
            let shape_sends = spec
                .headers
                .iter()
                .any(|header| header.name.eq_ignore_ascii_case(&name.value));
            if !shape_sends {
                continue;
            }
            let diagnostic = Diagnostic::error(format!(
                "code `{code}` sets `{}`, which its wire shape `{}` sends itself",
                name.value,
                shape.as_str()
            ))
            .with_label(
                &draft.file.shown,
                name.span.clone(),
                "sent with every body of the shape",
            );
            cx.report(
                with_shape_context(diagnostic, draft, shape)
                    .with_help(format!("remove `{}` from `headers`", name.value)),
            );
        }
        // An alias is only received, never sent: only the cut matters.
        for alias in &draft.aliases {
            let read = spec.code_form.read(&alias.value);
            if read == alias.value {
                continue;
            }
            let diagnostic = Diagnostic::error(format!(
                "alias `{}` cannot be read in the `{}` shape: {CUT}",
                alias.value,
                shape.as_str()
            ))
            .with_label(
                &draft.file.shown,
                alias.span.clone(),
                format!("read as `{read}`"),
            );
            cx.report(with_shape_context(diagnostic, draft, shape).with_help(
                "remove the alias, or give the code another wire shape with `wire_shape`",
            ));
        }
    }
}

/// Why a shape of [`CodeForm::SmithyShapeName`](errcat::shape::CodeForm)
/// cuts a code.
const CUT: &str = "its clients read a code up to its first `:` and after its first `#`";

/// Where the code's shape comes from: its own `wire_shape`, or the
/// catalog's.
fn with_shape_context(
    diagnostic: Diagnostic,
    draft: &CodeDraft<'_>,
    shape: WireShape,
) -> Diagnostic {
    match &draft.own_wire_shape {
        Some(own) => {
            diagnostic.with_context(&draft.file.shown, own.span.clone(), "the code's wire shape")
        }
        None => diagnostic.with_note(format!(
            "the code has the catalog's wire shape, `{}`",
            shape.as_str()
        )),
    }
}

/// A stand-in shape says nothing about the one meant.
fn shape_unreadable(settings: &Settings, draft: &CodeDraft<'_>) -> bool {
    match &draft.own_wire_shape {
        Some(_) => false,
        None => draft.unreadable.contains(&"wire_shape") || settings.wire_shape_unreadable,
    }
}

/// `details` declared on a code whose wire shape has no member for them:
/// the runtime would drop them while the docs promise them.
pub(crate) fn check_details_fit(cx: &mut Context, settings: &Settings, drafts: &[CodeDraft<'_>]) {
    let carriers: Vec<&str> = settings
        .declared
        .all()
        .into_iter()
        .filter(|shape| shape.carries_details())
        .map(WireShape::as_str)
        .collect();
    for draft in drafts {
        let shape = draft.model.wire_shape;
        let Some(details) = &draft.details else {
            continue;
        };
        if details.value == DetailsKind::None
            || shape.carries_details()
            || shape_unreadable(settings, draft)
        {
            continue;
        }
        let declared = match details.value {
            DetailsKind::Typed => "typed `details`".to_owned(),
            kind => format!("`details = \"{}\"`", kind.as_str()),
        };
        let mut diagnostic = Diagnostic::error(format!(
            "code `{}` declares {declared}, but its wire shape `{}` has no `details` member",
            draft.model.code,
            shape.as_str()
        ))
        .with_label(
            &draft.file.shown,
            details.span.clone(),
            format!("never sent in the `{}` shape", shape.as_str()),
        );
        diagnostic = with_shape_context(diagnostic, draft, shape);
        cx.report(diagnostic.with_help(format!(
            "remove `details`, or give the code a wire shape that carries them: {}",
            list(&carriers)
        )));
    }
}
