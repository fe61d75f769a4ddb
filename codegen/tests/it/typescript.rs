//! The TypeScript output, checked by the pinned compiler: every catalog's
//! module type checks under the strictest settings, an exhaustive `switch`
//! over its codes compiles and one with a case missing does not, and no
//! catalog text can break out of the literals it is written into.

use crate::harness;
use crate::support;

use std::fmt::Write as _;
use std::process::Command;

use errcat_codegen::Catalog;
use errcat_codegen::model::{
    Category, Code, CodeRule, CodeStyle, Deprecation, DetailsKind, GrpcCode, Origin, Param,
    ParamType, Retry, Segment, Severity, Template, Transport, WireShape,
};
use harness::{errors_ts, package, run_tsc, transcript};

#[test]
fn mini_snapshot() {
    insta::assert_snapshot!("mini_errors_ts", errors_ts(&harness::mini()));
}

#[test]
fn output_starts_with_the_notice_and_is_ascii() {
    for (name, catalog) in harness::catalogs() {
        let ts = errors_ts(&catalog);
        assert!(
            ts.starts_with(&errcat_codegen::emit::slash_notice(&catalog.name)),
            "{name}"
        );
        assert!(ts.is_ascii(), "{name}: the output is not ASCII");
        assert!(
            !ts.contains("enum "),
            "{name}: TypeScript enums do not erase"
        );
    }
}

/// A consumer that handles every code of `catalog` but `skip`, with a
/// `never` check where a missing case would fall through.
fn exhaustive_consumer(catalog: &Catalog, skip: Option<&str>) -> String {
    let mut out = String::from(
        "import { ErrorCode, type ApiError } from \"./errors.js\";\n\n\
         function assertNever(value: never): never {\n  throw new Error(`unhandled ${String(value)}`);\n}\n\n\
         export function describe(error: ApiError): string {\n  if (!error.known) {\n    return `unknown ${error.code ?? \"(none)\"}`;\n  }\n  const code = error.code;\n  switch (code) {\n",
    );
    for code in catalog
        .codes
        .iter()
        .filter(|c| Some(c.code.as_str()) != skip)
    {
        let _ = writeln!(
            out,
            "    case ErrorCode.{}:\n      return {:?};",
            code.ts_key(),
            code.code
        );
    }
    out.push_str("    default:\n      return assertNever(code);\n  }\n}\n");
    out
}

#[test]
fn every_catalog_compiles_and_an_exhaustive_switch_must_name_every_code() {
    let Some(tsc) = harness::tsc() else { return };
    let catalogs = harness::catalogs();
    assert!(!catalogs.is_empty());
    for (name, catalog) in catalogs {
        let dir = package(&catalog);
        std::fs::write(
            dir.path().join("consumer.ts"),
            exhaustive_consumer(&catalog, None),
        )
        .unwrap();
        let output = run_tsc(
            &tsc,
            dir.path(),
            &["--noEmit"],
            &["errors.ts", "consumer.ts"],
        );
        assert!(output.status.success(), "{name}:\n{}", transcript(&output));

        let missing = catalog.codes.last().expect("a catalog has codes");
        let consumer = exhaustive_consumer(&catalog, Some(&missing.code));
        std::fs::write(dir.path().join("consumer.ts"), consumer).unwrap();
        let output = run_tsc(
            &tsc,
            dir.path(),
            &["--noEmit"],
            &["errors.ts", "consumer.ts"],
        );
        let text = transcript(&output);
        assert!(!output.status.success(), "{name}: a missing case compiled");
        let expected = format!(
            "error TS2345: Argument of type '\"{}\"' is not assignable to parameter of type 'never'.",
            missing.code
        );
        assert!(
            text.contains(&expected),
            "{name}: expected `{expected}` in:\n{text}"
        );
        assert_eq!(text.matches("error TS").count(), 1, "{name}: {text}");
    }
}

/// Apps compile for older targets, with the DOM library or without, and
/// through bundlers; the module must need nothing newer than ES2017.
#[test]
fn the_module_compiles_for_older_targets_and_bundlers() {
    let Some(tsc) = harness::tsc() else { return };
    let dir = package(&harness::mini());
    for settings in [
        [
            "--target", "es2017", "--lib", "es2017", "--module", "nodenext",
        ],
        [
            "--target",
            "es2017",
            "--lib",
            "es2017,dom",
            "--module",
            "es2020",
        ],
        [
            "--target", "esnext", "--lib", "esnext", "--module", "preserve",
        ],
    ] {
        let mut flags = vec!["--noEmit"];
        flags.extend(settings);
        if settings[5] != "nodenext" {
            flags.extend(["--moduleResolution", "bundler"]);
        }
        // Later flags override the harness's `--target es2022 --lib es2022`.
        let output = run_tsc(&tsc, dir.path(), &flags, &["errors.ts"]);
        assert!(
            output.status.success(),
            "{settings:?}:\n{}",
            transcript(&output)
        );
    }
}

/// `codegen/tests/ts/mini_consumer.ts` uses the module the way an app does,
/// and its `@ts-expect-error` lines prove what the types reject.
#[test]
fn the_mini_consumer_compiles() {
    let Some(tsc) = harness::tsc() else { return };
    let dir = package(&harness::mini());
    let consumer = support::repo_root().join("codegen/tests/ts/mini_consumer.ts");
    std::fs::copy(&consumer, dir.path().join("consumer.ts")).unwrap();
    let output = run_tsc(
        &tsc,
        dir.path(),
        &["--noEmit"],
        &["errors.ts", "consumer.ts"],
    );
    assert!(output.status.success(), "{}", transcript(&output));
}

const HOSTILE: &[&str] = &[
    "*/ globalThis.pwned = 1; /*",
    "\"; globalThis.pwned = 1; \"",
    "`${globalThis.pwned = 1}`",
    "line\nbreak\r\n\u{2028}\u{2029}end",
    "back\\slash \\\" \\u0041 \\",
    "{@link https://evil.example} @deprecated",
    "</script><!-- é 🦀 \u{0} \u{7f}",
];

fn hostile_code(name: &str, text: &str, category: usize) -> Code {
    Code {
        code: name.to_owned(),
        ident: None,
        status: Some(400),
        title: text.to_owned(),
        message: Template {
            segments: vec![Segment::Text(format!("{text}{{")), Segment::Param(0)],
            // Braces cannot be in a parameter name: `{` ends the placeholder.
            params: vec![Param {
                name: text.replace(['{', '}'], ""),
                ty: ParamType::String,
            }],
        },
        hint: Some(text.to_owned()),
        description: Some(text.to_owned()),
        docs: Some(text.to_owned()),
        category,
        class: None,
        tags: Vec::new(),
        retry: Retry::default(),
        headers: Vec::new(),
        details: DetailsKind::None,
        detail_members: Vec::new(),
        resolve: None,
        docs_url: Some(text.to_owned()),
        aliases: vec![format!("{text} alias"), "__proto__".to_owned()],
        deprecated: Some(Deprecation {
            since: Some(text.to_owned()),
            replacement: Some("HOSTILE_0".to_owned()),
            note: Some(text.to_owned()),
        }),
        retired: None,
        since: Some(text.to_owned()),
        grpc: GrpcCode::InvalidArgument,
        number: None,
        severity: Severity::Warning,
        wire_shape: WireShape::Flat,
        origin: Origin {
            file: "hostile.toml".to_owned(),
            line: 1,
        },
    }
}

/// A model no loader would accept, so every string the emitter reads is
/// hostile, not only those a catalog file could carry.
fn hostile_catalog() -> Catalog {
    let categories: Vec<Category> = HOSTILE
        .iter()
        .map(|text| Category {
            id: text.to_string(),
            title: text.to_string(),
            description: Some(text.to_string()),
        })
        .collect();
    let mut codes: Vec<Code> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| hostile_code(&format!("HOSTILE_{i}"), text, i))
        .collect();
    // One alias per code must stay unique for the alias table to mean anything.
    for code in codes.iter_mut().skip(1) {
        code.aliases.pop();
    }
    Catalog {
        name: "hostile".to_owned(),
        title: HOSTILE.concat(),
        description: Some(HOSTILE.concat()),
        version: Some(HOSTILE.concat()),
        code_style: Some(CodeRule::Style(CodeStyle::ScreamingSnake)),
        wire_shape: WireShape::Flat,
        declared_shapes: Vec::new(),
        transport: Transport::Http,
        docs_base_url: Some(HOSTILE.concat()),
        domain: None,
        unlocked: None,
        categories,
        classes: Vec::new(),
        codes,
    }
}

/// Compiles the hostile module, runs it, and reads every table back: each
/// value must be the catalog's string, byte for byte, and nothing may run.
#[test]
fn hostile_catalog_text_cannot_break_out() {
    let (Some(tsc), Some(node)) = (harness::tsc(), harness::node()) else {
        return;
    };
    let catalog = hostile_catalog();
    let dir = package(&catalog);
    let output = run_tsc(&tsc, dir.path(), &["--outDir", "dist"], &["errors.ts"]);
    assert!(output.status.success(), "{}", transcript(&output));
    std::fs::write(
        dir.path().join("dist/package.json"),
        "{ \"type\": \"module\" }\n",
    )
    .unwrap();
    let script = "const m = await import('./dist/errors.js');\n\
        console.log(JSON.stringify({\n\
          pwned: globalThis.pwned ?? null,\n\
          codes: Object.values(m.ErrorCode),\n\
          titles: Object.values(m.errorTitle),\n\
          categories: Object.values(m.errorCategory),\n\
          categoryTitles: Object.values(m.errorCategoryTitle),\n\
          docs: Object.values(m.errorDocsUrl),\n\
          messages: Object.keys(m.errorMessage).map((c) => m.formatMessage(c, new Proxy({}, { get: () => '<arg>' }))),\n\
          aliases: Object.values(m.ErrorCode).map((c) => m.toErrorCode(m.errorTitle[c] + ' alias')),\n\
          proto: m.toErrorCode('__proto__') ?? null,\n\
        }));\n";
    let output = Command::new(node)
        .current_dir(dir.path())
        .args(["--input-type=module", "-e", script])
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", transcript(&output));
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    let codes: Vec<String> = (0..HOSTILE.len()).map(|i| format!("HOSTILE_{i}")).collect();
    let messages: Vec<String> = HOSTILE
        .iter()
        .map(|text| format!("{text}{{<arg>"))
        .collect();
    let expected = serde_json::json!({
        "pwned": null,
        "codes": codes,
        "titles": HOSTILE,
        "categories": HOSTILE,
        "categoryTitles": HOSTILE,
        "docs": HOSTILE,
        "messages": messages,
        "aliases": codes,
        "proto": "HOSTILE_0",
    });
    assert_eq!(seen, expected);
}

/// `["a", "b"];`: an array of plain string literals.
fn is_string_array(init: &str) -> bool {
    init.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix("];"))
        .is_some_and(|items| {
            items.split(", ").all(|item| {
                item.len() >= 2
                    && item.starts_with('"')
                    && item.ends_with('"')
                    && !item[1..item.len() - 1].contains(['"', '\\'])
            })
        })
}

/// Bundlers drop what a module does not use only if evaluating it has no
/// side effects: every top-level statement of the compiled module must be a
/// declaration whose initializer is a literal, a name, or a call marked
/// `/* @__PURE__ */`.
#[test]
fn the_compiled_module_is_free_of_top_level_side_effects() {
    let Some(tsc) = harness::tsc() else { return };
    let dir = package(&harness::mini());
    let output = run_tsc(&tsc, dir.path(), &["--outDir", "dist"], &["errors.ts"]);
    assert!(output.status.success(), "{}", transcript(&output));
    let js = std::fs::read_to_string(dir.path().join("dist/errors.js")).unwrap();
    let mut in_raw_json = false;
    let mut statements = 0;
    for line in js.lines() {
        if in_raw_json {
            in_raw_json = !line.starts_with("}`);");
            continue;
        }
        if line.is_empty() || line.starts_with([' ', '}', ')', ']', '/', '*']) {
            continue;
        }
        statements += 1;
        let declaration = ["export function ", "export async function ", "function "]
            .iter()
            .any(|p| line.starts_with(p));
        let initializer = ["export const ", "const "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .and_then(|rest| rest.split_once(" = "))
            .map(|(_, init)| init);
        let pure = match initializer {
            // tsc writes the tagged template as ``String.raw `{``.
            Some(init) if init.starts_with("/* @__PURE__ */ JSON.parse(String.raw") => {
                in_raw_json = !init.ends_with("}`);");
                true
            }
            Some(init) => {
                let name = init.trim_end_matches(';');
                init == "{"
                    || init == "["
                    || is_string_array(init)
                    || (init.starts_with('/') && init.ends_with("/;"))
                    || name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            }
            None => false,
        };
        assert!(
            declaration || pure,
            "a top-level statement with effects: {line}"
        );
    }
    assert!(
        statements > 10,
        "the check saw {statements} statements:\n{js}"
    );
}
