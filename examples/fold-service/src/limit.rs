//! The per-organization rate limit: a fixed one-minute window per
//! organization, as the platform documents it ("100 requests per minute per
//! organization, configurable").

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct RateLimiter {
    limit: u64,
    windows: Mutex<HashMap<String, Window>>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: Instant,
    used: u64,
}

/// The outcome of one request against the limit, with the values of the
/// `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub limit: u64,
    pub remaining: u64,
    /// Whole seconds until the window resets, at least 1.
    pub reset: u64,
}

impl RateLimiter {
    pub fn new(limit: u64) -> Self {
        RateLimiter {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request of `org` at `now`.
    pub fn check(&self, org: &str, now: Instant) -> Decision {
        // A panic while holding the lock leaves only counters behind, which
        // are still meaningful, so a poisoned lock is used as it is.
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let window = windows.entry(org.to_owned()).or_insert(Window {
            start: now,
            used: 0,
        });
        if now.duration_since(window.start) >= WINDOW {
            *window = Window {
                start: now,
                used: 0,
            };
        }
        let allowed = window.used < self.limit;
        if allowed {
            window.used += 1;
        }
        let left = WINDOW.saturating_sub(now.duration_since(window.start));
        Decision {
            allowed,
            limit: self.limit,
            remaining: self.limit - window.used,
            reset: left.as_secs_f64().ceil().max(1.0) as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_organization_and_resets_after_a_minute() {
        let limiter = RateLimiter::new(2);
        let t0 = Instant::now();
        assert!(limiter.check("acme", t0).allowed);
        let second = limiter.check("acme", t0 + Duration::from_millis(500));
        assert_eq!(
            (second.allowed, second.remaining, second.reset),
            (true, 0, 60)
        );
        let third = limiter.check("acme", t0 + Duration::from_secs(20));
        assert_eq!(
            (third.allowed, third.remaining, third.reset),
            (false, 0, 40)
        );
        assert!(
            limiter
                .check("globex", t0 + Duration::from_secs(20))
                .allowed
        );
        let later = limiter.check("acme", t0 + WINDOW);
        assert_eq!((later.allowed, later.remaining), (true, 1));
    }
}
