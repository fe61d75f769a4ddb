//! Any text in a catalog yields TypeScript that the pinned `tsc` accepts
//! under the strictest settings, and whose compiled tables give the text
//! back in Node: `errorTitle` the title, `formatMessage` the message.
//!
//! One batch of generated strings per run, one `tsc` and one `node`.

use crate::harness;
use crate::props_support;

use std::process::Command;

use harness::{node, package, run_tsc, transcript, tsc};
use props_support::{Texts, text};
use proptest::prelude::*;

/// Compares the compiled module with `expected.json` and prints every
/// difference as a JSON line.
const CHECK: &str = r#"
import { readFileSync } from "node:fs";
import { ErrorCode, errorTitle, formatMessage } from "./out/errors.js";

const expected = JSON.parse(readFileSync("expected.json", "utf8"));
let wrong = 0;
for (const { key, code, value, message, title } of expected) {
  const params = value === null ? {} : { value };
  const got = { code: ErrorCode[key], message: formatMessage(code, params), title: errorTitle[code] };
  if (got.code !== code || got.message !== message || got.title !== title) {
    console.log(JSON.stringify({ code, got, message, title }));
    wrong += 1;
  }
}
process.exit(wrong === 0 ? 0 : 1);
"#;

proptest! {
    // One case is one batch and one `tsc` run; a failure names the exact
    // strings, so shrinking (a compile per step) is not worth its time.
    #![proptest_config(ProptestConfig {
        cases: 1,
        max_shrink_iters: 0,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_type_checks_and_renders_back(
        codes in proptest::collection::vec(Texts::strategy(text()), 48),
        category in text(),
    ) {
        let Some(tsc) = tsc() else { return Ok(()) };
        let catalog = props_support::catalog(&codes, &category);
        let dir = package(&catalog);
        let output = run_tsc(&tsc, dir.path(), &["--outDir", "out"], &["errors.ts"]);
        prop_assert!(
            output.status.success(),
            "tsc rejects the module:\n{}\nstrings: {:#?}",
            transcript(&output),
            codes
        );

        let Some(node) = node() else { return Ok(()) };
        let expected: Vec<serde_json::Value> = catalog
            .codes
            .iter()
            .zip(&codes)
            .map(|(code, texts)| {
                serde_json::json!({
                    "key": code.ts_key(),
                    "code": code.code,
                    "value": texts.after.as_ref().map(|_| &texts.value),
                    "message": texts.rendered(),
                    "title": texts.title,
                })
            })
            .collect();
        std::fs::write(
            dir.path().join("expected.json"),
            serde_json::to_string(&expected).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.path().join("check.mjs"), CHECK).unwrap();
        let output = Command::new(node)
            .arg("check.mjs")
            .current_dir(dir.path())
            .output()
            .unwrap();
        prop_assert!(
            output.status.success(),
            "the compiled module renders other text:\n{}",
            transcript(&output)
        );
    }
}
