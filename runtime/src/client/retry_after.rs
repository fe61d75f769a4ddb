//! `Retry-After`, read as the conformance kit's cases say every client
//! reads it.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::RETRY_AFTER;

/// The longest wait `Retry-After` gives, in seconds. RFC 9110 sets no
/// limit on its delay-seconds; every errcat client caps them where RFC
/// 9111 caps a cache's delta-seconds, so a huge value is a long wait in
/// every language rather than an overflow in each its own way.
pub const RETRY_AFTER_MAX_SECONDS: u64 = 1 << 31;

/// "More than 50 years in the future" (RFC 9110, 5.6.7), in seconds: 50
/// Gregorian years of 365.2425 days.
const FIFTY_YEARS: u64 = 50 * 31_556_952;

/// The last second httpdate formats (9999-12-31T23:59:59Z).
const LAST_SECOND: u64 = 253_402_300_799;

/// How long to wait before retrying, from `Retry-After`: delay-seconds
/// (at most [`RETRY_AFTER_MAX_SECONDS`]) or an HTTP date in any of RFC
/// 9110's three forms, compared with `now` (a past date is zero). `None`
/// when the header is absent, unreadable or sent more than once (as fetch
/// sees it: the values joined with a comma, which is no valid value).
#[must_use]
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let mut values = headers.get_all(RETRY_AFTER).iter();
    let value = values.next()?.to_str().ok()?.trim();
    if values.next().is_some() {
        return None;
    }
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = value.parse().map_or(RETRY_AFTER_MAX_SECONDS, |s: u64| {
            s.min(RETRY_AFTER_MAX_SECONDS)
        });
        return Some(Duration::from_secs(seconds));
    }
    let date = match rfc850_as_imf_fixdate(value, now) {
        Some(fixdate) => httpdate::parse_http_date(&fixdate?),
        None => httpdate::parse_http_date(value),
    }
    .ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An obsolete RFC 850 date (`Sunday, 06-Nov-94 08:49:37 GMT`) in the
/// IMF-fixdate form, its two-digit year read as RFC 9110 says: in `now`'s
/// century, unless that is more than 50 years after `now`, then in the
/// century before. httpdate alone reads 70–99 as 19xx and 00–69 as 20xx
/// whatever the date, which from 2020 on puts 2070 in the past. `None`
/// for a value not in that form; `Some(None)` for one in it that is no
/// date.
fn rfc850_as_imf_fixdate(value: &str, now: SystemTime) -> Option<Option<String>> {
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let (weekday, rest) = value.split_once(", ")?;
    if !WEEKDAYS.contains(&weekday) {
        return None;
    }
    Some(rfc850_rest_as_imf_fixdate(&weekday[..3], rest, now))
}

/// `06-Nov-94 08:49:37 GMT` after the weekday `Sun`, as IMF-fixdate.
fn rfc850_rest_as_imf_fixdate(weekday: &str, rest: &str, now: SystemTime) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let bytes = rest.as_bytes();
    if bytes.len() != 22 || bytes[2] != b'-' || bytes[6] != b'-' || bytes[9] != b' ' {
        return None;
    }
    let number = |at: std::ops::Range<usize>| -> Option<u64> {
        let digits = rest.get(at)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (day, yy) = (number(0..2)?, number(7..9)?);
    if !(1..=31).contains(&day) {
        return None;
    }
    let (hour, minute, second) = (number(10..12)?, number(13..15)?, number(16..18)?);
    let month = rest.get(3..6)?;
    let month_index = MONTHS.iter().position(|m| *m == month)?;
    let now = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
        .min(LAST_SECOND);
    let now_year: u64 = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(now))
        .get(12..16)?
        .parse()
        .ok()?;
    let mut year = now_year / 100 * 100 + yy;
    let days = days_from_civil(year, month_index as u64 + 1, day)?;
    let at = days * 86_400 + hour * 3_600 + minute * 60 + second;
    if at > now + FIFTY_YEARS {
        year = year.checked_sub(100)?;
    }
    Some(format!(
        "{weekday}, {day:02} {month} {year}{}",
        rest.get(9..)?
    ))
}

/// Days from 1970-01-01 to a date at or after it (Howard Hinnant's
/// `days_from_civil`), for comparing a date whose weekday is not checked
/// yet; `None` before 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let year = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}
