//! Errors logged as they leave the service (feature `tracing`): one event
//! per error response, with what the client is not told.
//!
//! With the `axum` feature, every error a handler returns is logged as it
//! becomes a response; elsewhere, call [`log`]. A server error (5xx) is an
//! `ERROR` event; a client error (4xx, or any other status) is a `DEBUG`
//! event unless [`log_client_errors_at`] says otherwise. A code whose
//! severity is a warning is never logged above `WARN`, a notice never
//! above `INFO`. Each event's target
//! is `errcat`, its message the error's message, and its fields `code`,
//! `status`, `request_id` (when attached),
//! `cause`: the whole `source()` chain, each cause after the one it caused,
//! `": "` between them (when there is a source), and `details` (when
//! attached; a server error's body leaves them out). The body never holds
//! the cause: that is the renderer's rule, whatever is logged.
//!
//! The client-error level is the process's, for every catalog and router.
//! `tracing`'s `max_level_*` features remove the events below their level
//! at compile time, whatever is set here.

use std::error::Error as StdError;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

use tracing::Level;
use tracing::field::display;

use crate::catalog::{CodeInfo, ErrorCode, Severity};
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
    let level = level_of(info, CLIENT_ERROR_LEVEL.load(Ordering::Relaxed));
    // Field values are formatted only if a subscriber takes the event.
    let cause = error.source().map(|source| display(Causes(source)));
    let details = error.details().map(display);
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
                    cause,
                    details,
                    "{error}"
                ),)+
                _ => {}
            }
        };
    }
    event_at!(1 => TRACE, 2 => DEBUG, 3 => INFO, 4 => WARN, 5 => ERROR);
}

/// The level code of `info`'s event: `ERROR` for a server error, the
/// client-error level otherwise, and never above `WARN` for a warning or
/// `INFO` for a notice, which are no failure of the service (a catalog such
/// as PostgreSQL's sends them, and one not served over HTTP has statuses
/// from its gRPC codes, which may be 5xx).
fn level_of(info: &CodeInfo, client_level: u8) -> u8 {
    let level = if info.is_server_error() {
        level_code(Some(Level::ERROR))
    } else {
        client_level
    };
    let most = match info.severity {
        Severity::Error => level_code(Some(Level::ERROR)),
        Severity::Warning => level_code(Some(Level::WARN)),
        Severity::Notice => level_code(Some(Level::INFO)),
    };
    level.min(most)
}

/// `first: second: third`, each cause after the one it caused.
struct Causes<'a>(&'a (dyn StdError + 'static));

impl fmt::Display for Causes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, cause) in crate::error::causes(self.0).enumerate() {
            if i > 0 {
                f.write_str(": ")?;
            }
            write!(f, "{cause}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_and_notices_are_never_logged_as_errors() {
        let row = |status, severity| CodeInfo {
            status,
            severity,
            ..CodeInfo::DEFAULTS
        };
        let debug = level_code(Some(Level::DEBUG));
        let levels: Vec<u8> = [
            row(500, Severity::Error),
            row(500, Severity::Warning),
            row(500, Severity::Notice),
            row(404, Severity::Error),
            row(404, Severity::Warning),
        ]
        .iter()
        .map(|info| level_of(info, debug))
        .collect();
        assert_eq!(levels, [5, 4, 3, 2, 2]);
        // Client errors switched off stay off, whatever the severity.
        assert_eq!(level_of(&row(404, Severity::Notice), 0), 0);
        assert_eq!(
            level_of(&row(400, Severity::Warning), level_code(Some(Level::ERROR))),
            4
        );
    }
}
