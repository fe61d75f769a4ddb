//! What a code declares against what its wire shape can carry. The runtime
//! owns what each shape's bodies hold; the loader only asks it.

use super::Context;
use super::code::CodeDraft;
use super::fields::list;
use super::settings::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::{DetailsKind, WireShape};

/// `details` declared on a code whose wire shape has no member for them:
/// the runtime would drop them while the docs promise them.
pub(crate) fn check_details_fit(cx: &mut Context, settings: &Settings, drafts: &[CodeDraft<'_>]) {
    let carriers: Vec<&str> = WireShape::ALL
        .into_iter()
        .filter(|shape| shape.carries_details())
        .map(WireShape::as_str)
        .collect();
    for draft in drafts {
        let shape = draft.model.wire_shape;
        let Some(details) = &draft.details else {
            continue;
        };
        // A stand-in shape says nothing about the one meant.
        let shape_unreadable = match &draft.own_wire_shape {
            Some(_) => false,
            None => draft.unreadable.contains(&"wire_shape") || settings.wire_shape_unreadable,
        };
        if details.value == DetailsKind::None || shape.carries_details() || shape_unreadable {
            continue;
        }
        let mut diagnostic = Diagnostic::error(format!(
            "code `{}` declares `details = \"{}\"`, but its wire shape `{}` has no `details` member",
            draft.model.code,
            details.value.as_str(),
            shape.as_str()
        ))
        .with_label(
            &draft.file.shown,
            details.span.clone(),
            format!("never sent in the `{}` shape", shape.as_str()),
        );
        diagnostic = match &draft.own_wire_shape {
            Some(own) => diagnostic.with_context(
                &draft.file.shown,
                own.span.clone(),
                "the code's wire shape",
            ),
            None => diagnostic.with_note(format!(
                "the code has the catalog's wire shape, `{}`",
                shape.as_str()
            )),
        };
        cx.report(diagnostic.with_help(format!(
            "remove `details`, or give the code a wire shape that carries them: {}",
            list(&carriers)
        )));
    }
}
