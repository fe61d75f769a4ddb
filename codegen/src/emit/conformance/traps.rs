//! The responses SDKs get wrong, each built around one code of the catalog
//! (the sample) so that every catalog's kit has them.

use serde_json::{Value, json};

use super::{Case, DATE_WAIT, DEEPEST, Expect, RETRY_AFTER_MAX, Sent, compact};
use errcat::shape::{CodeForm, Literal, Part, Step};

use crate::model::{Catalog, Code, WireShape};

pub(super) fn cases(catalog: &Catalog, sample: &Code) -> Vec<Value> {
    let mut cases = Vec::new();
    let example = Sent::example(catalog, sample);
    let own = sample.wire_shape;

    // A shape that cannot carry the sample's code as it is (an AWS shape
    // and `PD:Err`) has no cases built around it: no service sends them.
    let shapes = || {
        catalog
            .shapes()
            .filter(|shape| shape.spec().can_send(&example.wire))
    };
    let unknown = unused_code(catalog, "ERRCAT_CONFORMANCE_UNKNOWN");
    let unknown_number = unused_number(catalog);
    for shape in catalog.shapes() {
        let mut sent = example.clone();
        sent.wire.clone_from(&unknown);
        sent.number = Some(unknown_number);
        sent.message = "A code added to the API after this client was built.".into();
        cases.push(trap(
            catalog,
            &sent,
            &format!("unknown-code/{}", shape.as_str()),
            "A code this client does not know is kept as received, never dropped or mistaken for another.",
            shape,
        ));
    }
    // Codes that name members of every JavaScript object: unknown, unless
    // the catalog has them.
    for wire in ["constructor", "__proto__"] {
        let mut sent = example.clone();
        sent.wire = wire.into();
        sent.number = None;
        cases.push(trap(
            catalog,
            &sent,
            &format!("prototype-name/{wire}"),
            "A code spelled like a property every JavaScript object has is just a string, read against the catalog like any other.",
            own,
        ));
    }
    for shape in shapes() {
        cases.push(trap(
            catalog,
            &example.clone().minimal(),
            &format!("minimal/{}", shape.as_str()),
            "A body with only the members its shape always has: the others read as absent.",
            shape,
        ));
    }
    for shape in shapes().filter(|s| s.spec().code_form == CodeForm::Number) {
        let mut sent = example.clone();
        sent.number = None;
        cases.push(trap(
            catalog,
            &sent,
            &format!("text-code/{}", shape.as_str()),
            "A code sent as text where the shape sends numbers is read as the code.",
            shape,
        ));
    }
    // Where a shape sends codes as numbers, a number is a code: the case
    // above has the text instead.
    for shape in shapes().filter(|s| s.spec().code_form != CodeForm::Number) {
        let sent = example.clone().minimal();
        let mut body = sent.body(shape);
        let path = shape
            .spec()
            .path_of(Part::Code)
            .expect("every shape has a code");
        if let Some(code) = member_mut(&mut body, &path) {
            *code = json!(40401);
        }
        let (expect, about) = if shape.spec().header_of(Part::Code).is_some() {
            (
                sent.expect(Some(sample), shape, Some(&sent.wire)),
                "A number where the code belongs is no code: the code is read from its header.",
            )
        } else {
            (
                sent.expect(None, shape, None),
                "A number where the code belongs is no code: the body is still read.",
            )
        };
        cases.push(sent.case_of(
            &format!("numeric-code/{}", shape.as_str()),
            Some(about),
            shape,
            &compact(&body),
            expect,
        ));
    }
    cases.extend(code_forms(&example, sample, shapes()));
    cases.extend(elements_found_by_type(&example, sample, shapes()));
    {
        let mut sent = example.clone();
        sent.message = String::new();
        cases.push(trap(
            catalog,
            &sent,
            &format!("empty-message/{}", own.as_str()),
            "An empty message falls back to the title: a message is never empty.",
            own,
        ));
    }
    cases.push(problem_without_code(&example));
    cases.extend(not_error_bodies());
    cases.extend(text_traps(catalog, sample, &example));
    cases.extend(retry_after(sample, &example.minimal()));
    cases
}

/// A case of `sent` rendered in `shape`, read as the generic rule says.
fn trap(catalog: &Catalog, sent: &Sent, name: &str, about: &str, shape: WireShape) -> Value {
    let expect = sent.expect(catalog.resolve_code(&sent.wire), shape, Some(&sent.wire));
    sent.case_of(name, Some(about), shape, &sent.body_text(shape), expect)
}

/// A number no code of the catalog has.
fn unused_number(catalog: &Catalog) -> i64 {
    let mut number = 999_999_001;
    while catalog.codes.iter().any(|code| code.number == Some(number)) {
        number += 1;
    }
    number
}

/// `base`, with underscores added until it is no code or alias of the
/// catalog.
fn unused_code(catalog: &Catalog, base: &str) -> String {
    let mut code = base.to_owned();
    while catalog.resolve_code(&code).is_some() {
        code.push('_');
    }
    code
}

fn member_mut<'v>(body: &'v mut Value, path: &[&str]) -> Option<&'v mut Value> {
    path.iter().try_fold(body, |value, name| {
        // A list holds the error as its first element.
        let value = if value.is_array() {
            value.get_mut(0)?
        } else {
            value
        };
        value.as_object_mut()?.get_mut(*name)
    })
}

/// RFC 9457 problem details from a server that knows nothing of codes.
fn problem_without_code(example: &Sent) -> Value {
    let body = json!({
        "type": example.docs_url,
        "title": example.title,
        "status": example.status,
        "detail": example.message,
    });
    let text = |t: &str| Some(t.to_owned()).filter(|t| !t.is_empty());
    let message = text(&example.message).or_else(|| text(&example.title));
    let mut expect = Expect::reading(None, None, example.status, message);
    expect.shape = Some(WireShape::Problem);
    expect.problem_type = text(&example.docs_url);
    Case {
        name: "problem-without-code",
        about: Some(
            "Problem details whose `type` is the only identifier: no code, still problem details.",
        ),
        status: example.status,
        headers: vec![(
            "Content-Type".into(),
            WireShape::Problem.content_type().into(),
        )],
        body: &compact(&body),
        expect: expect.into_json(),
    }
    .into_json()
}

/// Responses that hold no error body: a proxy's page, nothing, plain text,
/// JSON of no shape.
fn not_error_bodies() -> Vec<Value> {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n";
    let cases: [(&str, &str, u16, Option<&str>, &str); 5] = [
        (
            "proxy-html",
            "An HTML page from a proxy or load balancer: an error with no code.",
            502,
            Some("text/html; charset=utf-8"),
            html,
        ),
        ("empty-body", "No body at all.", 503, None, ""),
        (
            "plain-text",
            "Plain text from a framework's default handler.",
            500,
            Some("text/plain; charset=utf-8"),
            "Internal Server Error",
        ),
        (
            "json-of-no-shape",
            "JSON that is no error body of any shape.",
            500,
            Some("application/json"),
            "{\"message\":\"Something went wrong\"}",
        ),
        (
            "json-array",
            "JSON that is not even an object.",
            400,
            Some("application/json"),
            "[\"not\",\"an\",\"error\"]",
        ),
    ];
    cases
        .into_iter()
        .map(|(name, about, status, content_type, body)| {
            Case {
                name,
                about: Some(about),
                status,
                headers: content_type
                    .map(|ct| ("Content-Type".to_owned(), ct.to_owned()))
                    .into_iter()
                    .collect(),
                body,
                expect: Expect::reading(None, None, status, None).into_json(),
            }
            .into_json()
        })
        .collect()
}

/// JSON text a browser reads and a strict parser may not.
fn text_traps(catalog: &Catalog, sample: &Code, example: &Sent) -> Vec<Value> {
    let own = sample.wire_shape;
    let mut cases = Vec::new();
    let body = example.body_text(own);
    cases.push(example.case_of(
        "byte-order-mark",
        Some("A body starting with a byte-order mark, which is no part of the JSON."),
        own,
        &format!("\u{feff}{body}"),
        example.expect(Some(sample), own, Some(&example.wire)),
    ));

    // The message is written with a marker no other member holds, which
    // then becomes the escape: JSON text from serde_json cannot hold half a
    // surrogate pair.
    let mut cut = example.clone();
    let mut marker = String::from("ERRCAT_HALF_SURROGATE");
    while example.body_text(own).contains(&marker) {
        marker.push('_');
    }
    cut.message = format!("Cut short {marker}");
    let body = cut.body_text(own).replacen(&marker, "\\ud83d", 1);
    cut.message = "Cut short \u{fffd}".into();
    cases.push(cut.case_of(
        "lone-surrogate",
        Some("A message cut in the middle of an emoji (half a UTF-16 surrogate pair): the half reads as U+FFFD."),
        own,
        &body,
        cut.expect(Some(sample), own, Some(&cut.wire)),
    ));

    // Every shape with details nests them under one member at most.
    let shape = WireShape::Nested;
    let arrays = DEEPEST
        - shape
            .spec()
            .path_of(errcat::shape::Part::Details)
            .map_or(0, |p| p.len());
    let mut deep = example.clone();
    deep.details = Some((1..arrays).fold(json!([]), |inner, _| json!([inner])));
    cases.push(trap(
        catalog,
        &deep,
        "deep-details",
        "Details nested as deep as every client must read: 100 arrays and objects in all.",
        shape,
    ));

    let mut extra = example.clone().minimal();
    extra.headers.clear();
    extra.retry_after = None;
    let shape = WireShape::ErrorCode;
    let mut body = extra.body(shape);
    if let Value::Object(members) = &mut body {
        members.insert("request_id".into(), "req_top".into());
        members.insert("hint".into(), "Try again.".into());
    }
    let mut expect = extra.expect(Some(sample), shape, Some(&extra.wire));
    expect.request_id = Some("req_top".into());
    expect.hint = Some("Try again.".into());
    cases.push(extra.case_of(
        "members-outside-the-shape",
        Some("`request_id` and `hint` where the shape has no member for them: still read, at the top."),
        shape,
        &compact(&body),
        expect,
    ));
    cases
}

/// `Retry-After` in every form a server may send, and the ones it must
/// not: the wait a client reads from each, [`super::NOW`] being the time.
fn retry_after(sample: &Code, sent: &Sent) -> Vec<Value> {
    let own = sample.wire_shape;
    // 2075-01-01T00:00:00Z, a Tuesday, 17,897 days after NOW.
    let window = 17_897 * 86_400;
    let forms: [(&str, &str, &[&str], Option<u64>); 16] = [
        ("seconds", "Delta-seconds.", &["120"], Some(DATE_WAIT)),
        ("zero", "Zero seconds: retry now.", &["0"], Some(0)),
        (
            "imf-fixdate",
            "An HTTP date, IMF-fixdate form.",
            &["Thu, 01 Jan 2026 00:02:00 GMT"],
            Some(DATE_WAIT),
        ),
        (
            "rfc850",
            "An HTTP date, obsolete RFC 850 form.",
            &["Thursday, 01-Jan-26 00:02:00 GMT"],
            Some(DATE_WAIT),
        ),
        (
            "rfc850-two-digit-year",
            "RFC 850's two-digit year is in now's century unless that is more than 50 years ahead: 75 is 2075.",
            &["Tuesday, 01-Jan-75 00:00:00 GMT"],
            Some(window),
        ),
        (
            "rfc850-fifty-years-on",
            "2076-07-01 is more than 50 years (of 365.2425 days) after now, so 76 here is 1976: past, retry now.",
            &["Thursday, 01-Jul-76 00:00:00 GMT"],
            Some(0),
        ),
        (
            "rfc850-last-century",
            "99 would be more than 50 years ahead, so it is 1999: a past date, retry now.",
            &["Friday, 31-Dec-99 23:59:59 GMT"],
            Some(0),
        ),
        (
            "asctime",
            "An HTTP date, asctime form, which is GMT although it does not say so.",
            &["Thu Jan  1 00:02:00 2026"],
            Some(DATE_WAIT),
        ),
        (
            "past-date",
            "A date already past: retry now.",
            &["Wed, 31 Dec 2025 23:00:00 GMT"],
            Some(0),
        ),
        (
            "huge",
            "More seconds than a 64-bit integer holds: the cap every client keeps, 2^31.",
            &["99999999999999999999999999"],
            Some(RETRY_AFTER_MAX),
        ),
        (
            "repeated",
            "Sent twice (fetch joins the values with a comma): no valid value.",
            &["120", "120"],
            None,
        ),
        ("words", "Not a value.", &["soon"], None),
        ("negative", "Negative seconds.", &["-5"], None),
        ("fraction", "Fractional seconds.", &["1.5"], None),
        (
            "wrong-weekday",
            "A date whose weekday is not that date's.",
            &["Fri, 01 Jan 2026 00:02:00 GMT"],
            None,
        ),
        (
            "not-gmt",
            "A date in another zone than GMT.",
            &["Thu, 01 Jan 2026 00:02:00 UTC"],
            None,
        ),
    ];
    forms
        .into_iter()
        .map(|(name, about, values, wait)| {
            let mut sent = sent.clone();
            sent.headers = values
                .iter()
                .map(|v| ("Retry-After".to_owned(), (*v).to_owned()))
                .collect();
            sent.retry_after = wait;
            let body = sent.body_text(own);
            let expect = sent.expect(Some(sample), own, Some(&sent.wire));
            sent.case_of(
                &format!("retry-after/{name}"),
                Some(about),
                own,
                &body,
                expect,
            )
        })
        .collect()
}

/// A code as other servers of a shape's protocol write it: AWS servers
/// qualify it (`namespace#Name`) or follow it with `:` and a URL, and a
/// restJson1 body may hold only its message, the header naming the code.
/// Where a shape's code is in a list element known by its constants
/// (AIP-193's `ErrorInfo`), a server may send other elements first: one
/// with other constants and a decoy code comes before it here, and must be
/// passed over.
fn elements_found_by_type(
    example: &Sent,
    sample: &Code,
    shapes: impl Iterator<Item = WireShape>,
) -> Vec<Value> {
    let mut cases = Vec::new();
    for shape in shapes {
        let Some(steps) = shape.spec().steps_of(Part::Code) else {
            continue;
        };
        let Some(at) = steps.iter().position(|step| {
            matches!(step, Step::Element(members) if Step::matches(members).next().is_some())
        }) else {
            continue;
        };
        let Step::Element(members) = steps[at] else {
            continue;
        };
        let names: Vec<&str> = steps[..at]
            .iter()
            .filter_map(|step| match step {
                Step::Member(name) => Some(*name),
                Step::Element(_) => None,
            })
            .collect();
        let mut body = example.body(shape);
        let Some(Value::Array(items)) = member_mut(&mut body, &names) else {
            continue;
        };
        let Some(mut decoy) = items.first().cloned() else {
            continue;
        };
        for (name, literal) in Step::matches(members) {
            decoy[name] = match literal {
                Literal::String(text) => json!(format!("{text}.Other")),
                Literal::Bool(flag) => json!(!flag),
                Literal::Integer(number) => json!(number.wrapping_add(1)),
                _ => continue,
            };
        }
        if let Some(Step::Member(code)) = steps.last() {
            decoy[*code] = json!("ERRCAT_CONFORMANCE_DECOY");
        }
        items.insert(0, decoy);
        cases.push(example.case_of(
            &format!("element-by-type/{}", shape.as_str()),
            Some("The element holding the code is found by its constant members, wherever it is in its list."),
            shape,
            &compact(&body),
            example.expect(Some(sample), shape, Some(&example.wire)),
        ));
    }
    cases
}

fn code_forms(
    example: &Sent,
    sample: &Code,
    shapes: impl Iterator<Item = WireShape>,
) -> Vec<Value> {
    let mut cases = Vec::new();
    for shape in shapes.filter(|s| s.spec().code_form == CodeForm::SmithyShapeName) {
        let spec = shape.spec();
        let sent = example.clone().minimal();
        let code_path = spec.path_of(Part::Code).expect("every shape has a code");
        let qualified = format!("com.example.service#{}", sent.wire);
        let mut body = sent.body(shape);
        if let Some(code) = member_mut(&mut body, &code_path) {
            *code = json!(qualified);
        }
        let mut unheaded = sent.clone();
        unheaded.omit_shape_headers = true;
        cases.push(unheaded.case_of(
            &format!("qualified-code/{}", shape.as_str()),
            Some("A code qualified by its namespace is read as the name after the `#`."),
            shape,
            &compact(&body),
            sent.expect(Some(sample), shape, Some(&qualified)),
        ));
        if let Some(header) = spec.header_of(Part::Code) {
            let written = format!(
                "{}:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                sent.wire
            );
            let mut headed = sent.clone();
            headed.omit_shape_headers = true;
            headed
                .headers
                .insert(0, (header.to_owned(), written.clone()));
            let message_path = spec
                .path_of(Part::Message)
                .expect("every shape has a message");
            let mut body = json!({});
            if let [name] = message_path.as_slice() {
                body[*name] = json!(sent.message);
            }
            cases.push(headed.case_of(
                &format!("code-in-header-only/{}", shape.as_str()),
                Some("A body with only its message: the header names the code, read up to its first `:`."),
                shape,
                &compact(&body),
                sent.expect(Some(sample), shape, Some(&written)),
            ));
        }
    }
    cases
}
