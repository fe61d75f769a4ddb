//! Errors logged as they leave the service (feature `tracing`): one event
//! per error response, with what the client is not told.
//!
//! A server error (5xx) is an `ERROR` event; a client error (4xx, or any
//! other status) is a `DEBUG` event unless [`log_client_errors_at`] says
//! otherwise. Each event's target is `errcat`, its message the error's
//! message, and its fields `code`, `status`, `request_id` (when attached)
//! and `cause`: the whole `source()` chain, each cause after the one it
//! caused, `": "` between them (when there is a source). Server errors
//! carry `details` too, which their bodies leave out. The body never holds
//! the cause: that is the renderer's rule, whatever is logged.

use std::error::Error as StdError;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};

use tracing::Level;

use crate::catalog::ErrorCode;
use crate::error::Error;

/// The level of client-error events, as [`level_code`] writes it.
static CLIENT_ERROR_LEVEL: AtomicU8 = AtomicU8::new(level_code(Some(Level::DEBUG)));

/// Logs client errors (every status below 500) at `level` from now on, or
/// not at all with `None`. Server errors are always logged, at `ERROR`.
pub fn log_client_errors_at(level: Option<Level>) {
    CLIENT_ERROR_LEVEL.store(level_code(level), Ordering::Relaxed);
}

const fn level_code(level: Option<Level>) -> u8 {
    match level {
        None => 0,
        Some(Level::TRACE) => 1,
        Some(Level::DEBUG) => 2,
        Some(Level::INFO) => 3,
        Some(Level::WARN) => 4,
        // `ERROR`, the one level left.
        Some(_) => 5,
    }
}

/// One event for `error`, at its level. The axum integration calls it for
/// every error it turns into a response; a service on another stack calls
/// it where it does.
pub fn log<C: ErrorCode>(error: &Error<C>) {
    let info = error.info();
    let server = info.status >= 500;
    let level = if server {
        level_code(Some(Level::ERROR))
    } else {
        CLIENT_ERROR_LEVEL.load(Ordering::Relaxed)
    };
    let cause = cause_chain(error.source());
    let details = server
        .then(|| error.details().map(ToString::to_string))
        .flatten();
    // `event!` takes its level as a constant, so one arm per level.
    macro_rules! event_at {
        ($($code:literal => $level:ident),+) => {
            match level {
                $($code => tracing::event!(
                    target: "errcat",
                    Level::$level,
                    code = info.code,
                    status = info.status,
                    request_id = error.request_id(),
                    cause = cause.as_deref(),
                    details = details.as_deref(),
                    "{error}"
                ),)+
                _ => {}
            }
        };
    }
    event_at!(1 => TRACE, 2 => DEBUG, 3 => INFO, 4 => WARN, 5 => ERROR);
}

/// `first: second: third`, each cause after the one it caused.
fn cause_chain(source: Option<&(dyn StdError + 'static)>) -> Option<String> {
    let first = source?;
    let mut chain = first.to_string();
    let mut next = first.source();
    while let Some(cause) = next {
        let _ = write!(chain, ": {cause}");
        next = cause.source();
    }
    Some(chain)
}
