//! `cargo bench -p errcat`: the per-error costs a service pays, on a
//! synthetic 10,000-code catalog built the way generated code builds one,
//! each beside what a team writes by hand. Prints a table; it asserts
//! nothing, since timings vary by machine. With `ERRCAT_BENCH_ROWS=1` it
//! prints `@row|...` lines for `cargo xtask bench` instead.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use errcat::{Catalog, CodeInfo, ErrorCode, Piece, WireShape};

const CODES: usize = 10_000;

/// A code of the synthetic catalog: generated enums are `repr(u16)`, and the
/// runtime only ever sees the index, so a newtype measures the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Code(u16);

fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        (0..CODES)
            .map(|i| format!("SERVICE_{}_RESOURCE_{i}_NOT_FOUND", i % 97))
            .collect()
    })
}

impl ErrorCode for Code {
    fn catalog() -> &'static Catalog<Self> {
        static CATALOG: OnceLock<Catalog<Code>> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let codes: Vec<CodeInfo> = names()
                .iter()
                .map(|name| CodeInfo {
                    code: name,
                    status: 404,
                    title: "Resource not found",
                    message: "resource '{id}' does not exist",
                    template: &[
                        Piece::Text("resource '"),
                        Piece::Param(0),
                        Piece::Text("' does not exist"),
                    ],
                    hint: Some("Check the id."),
                    ..CodeInfo::DEFAULTS
                })
                .collect();
            let mut lookup: Vec<(&'static str, Code)> = names()
                .iter()
                .enumerate()
                .map(|(i, name)| (name.as_str(), Code(u16::try_from(i).unwrap())))
                .collect();
            lookup.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            Catalog::new(
                "bench",
                WireShape::Flat,
                Box::leak(codes.into_boxed_slice()),
                Box::leak(lookup.into_boxed_slice()),
            )
        })
    }

    fn index(self) -> usize {
        usize::from(self.0)
    }
}

#[derive(serde::Serialize)]
struct HandWritten<'a> {
    error: String,
    code: &'a str,
    details: Option<()>,
    hint: &'a str,
}

/// Nanoseconds per call of `f`, the best of several rounds.
fn time(iterations: u32, mut f: impl FnMut(u32)) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        for i in 0..iterations {
            f(i);
        }
        best = best.min(start.elapsed());
    }
    best.as_secs_f64() * 1e9 / f64::from(iterations)
}

fn main() {
    let names = names();
    let pick = |i: u32| {
        // A stride coprime with the code count visits codes out of order, as
        // real traffic does, so the cache does not flatter the search.
        (i as usize).wrapping_mul(7_919) % CODES
    };
    Code::catalog();

    // The floor for code -> string: indexing a plain array of names.
    let plain: Vec<&str> = names.iter().map(String::as_str).collect();
    let to_str = time(1_000_000, |i| {
        let code = Code(u16::try_from(pick(i)).unwrap());
        black_box(black_box(code).info().code);
    });
    let to_str_floor = time(1_000_000, |i| {
        black_box(black_box(&plain)[pick(i)]);
    });
    // Queries are copies, as a string just read from a body is: hot in the
    // cache, and not the same allocation as the catalog's key.
    let queries: Vec<String> = (0..256).map(|i| names[pick(i)].clone()).collect();
    // What a hand-written parser uses: std's HashMap, default hasher.
    let map: HashMap<&str, Code> = plain
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, Code(u16::try_from(i).unwrap())))
        .collect();
    let parse = time(1_000_000, |i| {
        black_box(Code::parse(black_box(&queries[i as usize % queries.len()])));
    });
    let parse_map = time(1_000_000, |i| {
        let query = black_box(&queries[i as usize % queries.len()]);
        black_box(map.get(query.as_str()).copied());
    });
    const UNKNOWN: &str = "SERVICE_1_RESOURCE_UNKNOWN";
    let parse_unknown = time(1_000_000, |_| {
        black_box(Code::parse(black_box(UNKNOWN)));
    });
    let parse_unknown_map = time(1_000_000, |_| {
        black_box(map.get(black_box(UNKNOWN)).copied());
    });

    let error = errcat::Error::new(Code(42), vec!["fn_123".into()]);
    let render = time(200_000, |_| {
        black_box(black_box(&error).to_json(WireShape::Flat));
    });
    let baseline = time(200_000, |_| {
        let info = black_box(&error).info();
        let body = HandWritten {
            error: error.to_string(),
            code: info.code,
            details: None,
            hint: info.hint.unwrap_or_default(),
        };
        black_box(serde_json::to_string(&body).unwrap());
    });
    let construct_render = time(200_000, |i| {
        let error =
            errcat::Error::new(Code(u16::try_from(pick(i)).unwrap()), vec!["fn_123".into()]);
        black_box(error.to_json(WireShape::Flat));
    });
    let problem = time(200_000, |_| {
        black_box(black_box(&error).to_json(WireShape::Problem));
    });
    let response = time(200_000, |_| {
        black_box(black_box(&error).to_response());
    });

    let rows = [
        Row(
            "code -> string",
            to_str,
            Some(("plain array index, the floor", to_str_floor)),
            "< 50 ns",
        ),
        Row(
            "string -> code, known",
            parse,
            Some(("std HashMap", parse_map)),
            "< 50 ns",
        ),
        Row(
            "string -> code, unknown",
            parse_unknown,
            Some(("std HashMap", parse_unknown_map)),
            "< 50 ns",
        ),
        Row(
            "render flat JSON body",
            render,
            Some(("serde_json, derived struct", baseline)),
            "",
        ),
        Row(
            "construct + render flat JSON body",
            construct_render,
            None,
            "",
        ),
        Row("render problem+json body", problem, None, ""),
        Row("full http::Response with headers", response, None, ""),
    ];
    if std::env::var_os("ERRCAT_BENCH_ROWS").is_some() {
        rows.iter().for_each(Row::print_row);
    } else {
        println!("errcat runtime, {CODES} codes (best of 7 rounds)");
        println!(
            "{:<36} {:>9} {:>9}  baseline",
            "operation", "ns/op", "base ns"
        );
        for Row(name, ns, baseline, _) in rows {
            let (label, base) =
                baseline.map_or(("", String::new()), |(l, b)| (l, format!("{b:.1}")));
            println!("{name:<36} {ns:>9.1} {base:>9}  {label}");
        }
    }
}

/// An operation, its ns/op, its hand-written baseline, and its target.
struct Row(&'static str, f64, Option<(&'static str, f64)>, &'static str);

impl Row {
    /// The `@row|what|codes|errcat|baseline|ratio|target` line that
    /// `cargo xtask bench` collects, the ratio from unrounded figures.
    fn print_row(&self) {
        let Row(name, ns, baseline, target) = self;
        let (base, ratio) = baseline.map_or(("–".to_owned(), "–".to_owned()), |(label, b)| {
            (format!("{label}: {b:.1} ns"), format!("{:.2}×", ns / b))
        });
        println!("@row|runtime: {name}|{CODES}|{ns:.1} ns|{base}|{ratio}|{target}");
    }
}
