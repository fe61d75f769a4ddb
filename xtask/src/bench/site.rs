//! The docs site's index at 10,000 codes in headless Chromium: load and
//! filter, each against the page people write by hand, every row in a
//! static table (same rows, same stylesheet) and a script that hides the
//! rows that do not match. errcat ships the rows as JSON and renders only
//! the first screens of matches, which is what this shows paying off.
//!
//! The browser is driven by `site.mjs` with the pinned playwright-core that
//! `cargo xtask test` installs, as the site's browser test does.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use errcat_codegen::emit::site;
use errcat_codegen::model::Catalog;
use errcat_codegen::write::{self, Mode};

use super::Row;

const RUNS: usize = 5;
const TARGET: &str = "well under 1 s";

/// What each measurement line of `site.mjs` is, as a table label.
const MEASURED: [(&str, &str); 3] = [
    (
        "load",
        "site: `index.html` load to first paint (vs all rows in a static table)",
    ),
    (
        "status",
        "site: filter by status 5xx, to paint (vs a script hiding rows)",
    ),
    (
        "search",
        "site: search a code, to paint, incl. errcat's 60 ms typing debounce (vs a script hiding rows, no debounce)",
    ),
];

pub fn rows(root: &Path, catalog: &Catalog, work: &Path) -> Vec<Row> {
    let codes = catalog.codes.len();
    let label = |what: &str| format!("{what}, median of {RUNS}");
    match measure(root, catalog, work) {
        Ok(lines) => MEASURED
            .iter()
            .map(|(key, what)| match figures(&lines, key) {
                Some((errcat, baseline)) => Row::new(&label(what), codes, ms(errcat), TARGET)
                    .against(ms(baseline), errcat / baseline),
                None => Row::new(&label(what), codes, format!("no `{key}` line"), TARGET),
            })
            .collect(),
        Err(why) => MEASURED
            .iter()
            .map(|(_, what)| Row::new(what, codes, why.clone(), TARGET))
            .collect(),
    }
}

/// The lines `site.mjs` printed, or why it could not run (a missing tool is
/// a skipped row, not a failed table).
fn measure(root: &Path, catalog: &Catalog, work: &Path) -> Result<String, String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = if Command::new("node").arg("--version").output().is_err() {
        Some("node")
    } else if !root.join("tools/node_modules/playwright-core").exists() {
        Some("playwright-core")
    } else if !Path::new(&chromium).exists() {
        Some("chromium")
    } else {
        None
    };
    if let Some(tool) = missing {
        return Err(format!(
            "skipped: {tool} missing (cargo xtask test installs it)"
        ));
    }
    let site_dir = work.join("site");
    let baseline_dir = work.join("baseline");
    write::sync(
        &site_dir,
        write::Owner {
            catalog: &catalog.name,
            kind: write::Kind::Site,
            locked: false,
            source: None,
        },
        &site::emit(catalog),
        Mode::Write,
    )
    .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&baseline_dir).map_err(|e| e.to_string())?;
    std::fs::write(baseline_dir.join("index.html"), baseline_page(catalog))
        .map_err(|e| e.to_string())?;

    eprintln!("bench: site index load and filter in headless Chromium");
    let output = Command::new("node")
        .arg(root.join("xtask/src/bench/site.mjs"))
        .arg(site_dir.join("index.html"))
        .arg(baseline_dir.join("index.html"))
        .arg(RUNS.to_string())
        .output()
        .map_err(|e| format!("failed: node: {e}"))?;
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return Err("failed: site.mjs exited with an error (see above)".to_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `(errcat, baseline)` milliseconds from the line `<key> <ms> <ms>`.
fn figures(lines: &str, key: &str) -> Option<(f64, f64)> {
    lines.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != key {
            return None;
        }
        Some((words.next()?.parse().ok()?, words.next()?.parse().ok()?))
    })
}

fn ms(value: f64) -> String {
    format!("{value:.0} ms")
}

/// The hand-written index: every code as a table row in the HTML, with
/// errcat's stylesheet and columns, and the obvious filter script.
fn baseline_page(catalog: &Catalog) -> String {
    let n = catalog.codes.len();
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Baseline</title>\n\
         <link rel=\"stylesheet\" href=\"../site/assets/errcat.css\"></head><body><main>\n\
         <form class=\"filters\" onsubmit=\"return false\"><input id=\"errcatSearch\" type=\"search\">\n\
         <select id=\"errcatStatus\"><option value=\"\">All</option><option value=\"4xx\">4xx</option>\
         <option value=\"5xx\">5xx</option></select>\n<output id=\"errcatCount\">{n} codes</output></form>\n\
         <table id=\"errcatCodes\" class=\"codes\"><thead><tr><th>Code</th><th>HTTP</th><th>Category</th>\
         <th>Description</th><th>What to do</th></tr></thead><tbody>\n"
    );
    for code in &catalog.codes {
        let _ = writeln!(
            out,
            "<tr data-status=\"{}\"><td><a href=\"#{}\"><code>{}</code></a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            code.http_status(),
            esc(&code.anchor()),
            esc(&code.code),
            code.http_status(),
            esc(&catalog.categories[code.category].title),
            esc(code.description.as_deref().unwrap_or(&code.title)),
            esc(code.hint.as_deref().unwrap_or("")),
        );
    }
    out.push_str(BASELINE_SCRIPT);
    out
}

const BASELINE_SCRIPT: &str = r##"</tbody></table></main>
<script>
(function () {
var rows = document.querySelectorAll("#errcatCodes tbody tr");
var q = document.getElementById("errcatSearch"), status = document.getElementById("errcatStatus");
var count = document.getElementById("errcatCount");
function apply() {
  var query = q.value.toLowerCase(), wanted = status.value.charAt(0), shown = 0;
  for (var i = 0; i < rows.length; i++) {
    var ok = (!wanted || rows[i].dataset.status.charAt(0) === wanted) &&
      rows[i].textContent.toLowerCase().indexOf(query) !== -1;
    rows[i].hidden = !ok;
    if (ok) shown++;
  }
  count.textContent = shown + " of " + rows.length + " codes";
}
q.addEventListener("input", apply);
status.addEventListener("change", apply);
})();
</script></body></html>
"##;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
