//! Synthetic catalogs for benchmarks: realistic in shape (categories,
//! templates with typed parameters, long docs, aliases, deprecations, retry
//! headers), deterministic in content, any size.

use std::fmt::Write as _;
use std::path::Path;

const CATEGORIES: [&str; 8] = [
    "authentication",
    "billing",
    "deploys",
    "domains",
    "limits",
    "resources",
    "storage",
    "validation",
];
const NOUNS: [&str; 12] = [
    "FUNCTION",
    "VERSION",
    "BINDING",
    "DOMAIN",
    "TOKEN",
    "ORGANIZATION",
    "INVOICE",
    "BUCKET",
    "OBJECT",
    "WEBHOOK",
    "SECRET",
    "ROUTE",
];
const FAILURES: [(&str, u16); 8] = [
    ("NOT_FOUND", 404),
    ("ALREADY_EXISTS", 409),
    ("INVALID", 400),
    ("FORBIDDEN", 403),
    ("LIMIT_EXCEEDED", 429),
    ("EXPIRED", 410),
    ("UNAVAILABLE", 503),
    ("FAILED", 502),
];

/// Writes a catalog of exactly `codes` codes into `dir` (which must exist).
pub fn write_catalog(dir: &Path, codes: usize) -> std::io::Result<()> {
    let mut manifest = String::from(
        "[catalog]\nname = \"synthetic\"\ntitle = \"Synthetic API\"\n\
         description = \"A generated catalog for benchmarks.\"\nversion = \"3.0.0\"\n\
         code_style = \"SCREAMING_SNAKE_CASE\"\nwire_shape = \"flat\"\n\
         docs_base_url = \"https://docs.synthetic.example/errors\"\n",
    );
    for category in CATEGORIES {
        let _ = write!(
            manifest,
            "\n[[category]]\nid = \"{category}\"\ntitle = \"{}\"\ndescription = \"Errors about {category}.\"\n",
            category[..1].to_uppercase() + &category[1..]
        );
    }
    std::fs::write(dir.join("catalog.toml"), manifest)?;

    let mut files: Vec<String> = vec![String::new(); CATEGORIES.len()];
    for i in 0..codes {
        let file = &mut files[i % CATEGORIES.len()];
        write_code(file, i);
    }
    for (category, body) in CATEGORIES.iter().zip(files) {
        std::fs::write(dir.join(format!("{category}.toml")), body)?;
    }
    Ok(())
}

fn write_code(out: &mut String, i: usize) {
    let noun = NOUNS[i % NOUNS.len()];
    let (failure, status) = FAILURES[(i / NOUNS.len()) % FAILURES.len()];
    let code = format!("{noun}_{failure}_{i}");
    let _ = writeln!(out, "[{code}]");
    let _ = writeln!(out, "status = {status}");
    let noun_lower = noun.to_lowercase();
    match i % 4 {
        0 => {
            let _ = writeln!(
                out,
                "message = \"{noun_lower} '{{id}}' (version {{version}}) failed: {failure}\"\nparams = {{ id = \"string\", version = \"unsigned\" }}"
            );
        }
        1 => {
            let _ = writeln!(
                out,
                "message = \"{noun_lower} quota is {{limit}}, used {{used}} ({{ratio}} of plan, strict: {{strict}})\"\n\
                 params = {{ limit = \"unsigned\", used = \"integer\", ratio = \"float\", strict = \"bool\" }}"
            );
        }
        2 => {
            let _ = writeln!(out, "message = \"the {noun_lower} request was rejected\"");
        }
        _ => {
            let _ = writeln!(
                out,
                "message = \"{noun_lower} {{name}} cannot be used here\"\nparams = {{ name = \"string\" }}"
            );
        }
    }
    let _ = writeln!(
        out,
        "hint = \"Check the {noun_lower} and retry; see the docs for code {i}.\"\n\
         description = \"The {noun_lower} operation failed with {failure}.\""
    );
    if i.is_multiple_of(3) {
        let _ = writeln!(
            out,
            "docs = \"\"\"\nThis error is returned when a {noun_lower} cannot be processed.\n\n\
             1. Look up the {noun_lower} with `GET /v1/{noun_lower}s/{{id}}`.\n\
             2. Fix the request and send it again.\n\n\
             Retrying the same request without a change gives the same error.\n\"\"\""
        );
    }
    if status == 429 || status == 503 {
        let _ = writeln!(
            out,
            "throttling = {}\nretry_after = 30\nheaders = [\"Retry-After\"]",
            status == 429
        );
    }
    if i.is_multiple_of(10) {
        let _ = writeln!(out, "aliases = [\"LEGACY_{code}\"]");
    }
    if i % 50 == 7 && i > 0 {
        let _ = writeln!(
            out,
            "deprecated = {{ since = \"2.0.0\", note = \"Superseded.\" }}"
        );
    }
    let _ = writeln!(out, "number = {}\n", 10_000 + i);
}
