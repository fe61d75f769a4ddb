//! The loader never panics: whatever the bytes, it returns a catalog or
//! diagnostics that render. Inputs are deterministic so failures replay.

use crate::support;

use errcat_codegen::load::load_files;

const CATALOG: &str = "[catalog]\nname = \"t\"\ntitle = \"T\"\ncode_style = \"SCREAMING_SNAKE_CASE\"\n\n[[category]]\nid = \"errors\"\ntitle = \"Errors\"\n";

/// Loads `contents` as the only code file and renders any diagnostics,
/// which must then be non-empty and end with the summary line.
fn survives(contents: &[u8]) {
    let files: [(&str, &[u8]); 2] = [
        ("catalog.toml", CATALOG.as_bytes()),
        ("errors.toml", contents),
    ];
    if let Err(diagnostics) = load_files(&files) {
        assert!(!diagnostics.is_empty());
        let rendered = diagnostics.to_string();
        assert!(
            rendered.contains("error: could not load catalog due to"),
            "{rendered}"
        );
    }
}

#[test]
fn empty_and_blank_files() {
    for contents in ["", "\n", "   ", "# only a comment", "\u{feff}", "\r\n\r\n"] {
        survives(contents.as_bytes());
    }
    let rendered = load_files(&[("catalog.toml", ""), ("errors.toml", "")])
        .unwrap_err()
        .to_string();
    assert!(rendered.contains("missing field `catalog`"), "{rendered}");
}

#[test]
fn binary_files() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for length in [1, 7, 64, 1000] {
        let bytes: Vec<u8> = (0..length)
            .map(|_| {
                // xorshift64: the same "random" bytes on every run.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        survives(&bytes);
    }
    survives(&[0; 512]);
    survives(b"[A]\x00status = 400\n");
}

#[test]
fn deeply_nested_values() {
    let arrays = format!("[A]\nstatus = {}\n", "[".repeat(100_000));
    survives(arrays.as_bytes());
    let tables = format!("[A]\nparams = {}\n", "{ a = ".repeat(50_000));
    survives(tables.as_bytes());
    let dotted = format!("[A]\n{} = 1\n", vec!["k"; 20_000].join("."));
    survives(dotted.as_bytes());
}

#[test]
fn huge_files_report_a_bounded_number_of_syntax_errors() {
    let garbage = "= = =\n".repeat(100_000);
    let diagnostics =
        load_files(&[("catalog.toml", CATALOG), ("errors.toml", &garbage)]).unwrap_err();
    assert!(diagnostics.len() <= 12, "{} diagnostics", diagnostics.len());
    assert!(
        diagnostics
            .to_string()
            .contains("more TOML syntax errors in `errors.toml` not shown")
    );

    let many_codes: String = (0..20_000)
        .map(|i| format!("[CODE_{i}]\nstatus = 400\nmessage = \"code {i}\"\n"))
        .collect();
    let catalog = load_files(&[("catalog.toml", CATALOG), ("errors.toml", &many_codes)])
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(catalog.codes.len(), 20_000);
    assert_eq!(catalog.codes[19_999].origin.line, 59_998);
}

#[test]
fn more_codes_than_a_u16_discriminant_holds_is_an_error_not_a_panic() {
    let codes = |count: usize| -> String {
        (0..count)
            .map(|i| format!("[C_{i}]\nstatus = 400\nmessage = \"m\"\n"))
            .collect()
    };
    // (A catalog of exactly the limit loads too, but is slow to prove in a
    // debug build; 20,000 codes above show that size alone is no error.)
    let limit = errcat_codegen::load::MAX_CODES;
    let too_many = load_files(&[
        ("catalog.toml", CATALOG),
        ("errors.toml", &codes(limit + 1)),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        too_many.contains("defines 65537 codes, more than the 65536 errcat supports"),
        "{too_many}"
    );
}

#[test]
fn odd_strings_in_templates_and_keys() {
    survives(
        "[A]\nstatus = 400\nmessage = \"\\u00e9{x}\\t{\"\nparams = { x = \"string\" }\n".as_bytes(),
    );
    survives("[A]\nstatus = 400\nmessage = '''\n{x}}'''\n".as_bytes());
    survives("[\"\"]\nstatus = 400\nmessage = \"\"\n".as_bytes());
    survives("[\"é\"]\nstatus = 400\nmessage = \"x\"\n".as_bytes());
    survives("[\"A B\"]\nstatus = 400\nmessage = \"x\"\n".as_bytes());
    survives("[A]\nstatus = 400\nmessage = \"{}}{{}\"\n".as_bytes());
    survives("[A]\nstatus = 0x190\nmessage = \"x\"\nnumber = 9223372036854775807\n".as_bytes());
    survives("A = [1, 2]\nB.c = 1\n[[D]]\n".as_bytes());
}

/// Every prefix of every file of a valid catalog: the cut can fall inside a
/// key, a string, a multi-line string or a UTF-8 character.
#[test]
fn every_truncation_of_the_mini_catalog() {
    let dir = support::fixture("mini");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    for cut_file in 0..files.len() {
        let full = files[cut_file].1.clone();
        for cut in 0..full.len() {
            files[cut_file].1.truncate(cut);
            let borrowed: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            if let Err(diagnostics) = load_files(&borrowed) {
                let _ = diagnostics.to_string();
            }
            files[cut_file].1 = full.clone();
        }
    }
}

/// The `toml` crate refuses a key of more than 80 parts without saying
/// where; the loader says where, once per key.
#[test]
fn keys_nested_too_deep_are_located() {
    let header = format!("[{}]\n", vec!["a"; 5_000].join("."));
    let dotted = format!(
        "[A]\nstatus = 400\nmessage = \"a\"\n{} = 1\n",
        vec!["k"; 5_000].join(".")
    );
    for contents in [header, dotted] {
        let rendered = load_files(&[("catalog.toml", CATALOG), ("errors.toml", &contents)])
            .unwrap_err()
            .to_string();
        let first_line = rendered.lines().take(2).collect::<Vec<_>>().join("\n");
        // Part 81 of `[a.a...` starts at column 162, of `k.k...` at 161.
        let at = if contents.starts_with("[a") {
            "1:162"
        } else {
            "4:161"
        };
        assert_eq!(
            first_line,
            format!("error: key nested more than 80 levels deep\n --> errors.toml:{at}"),
            "{rendered}"
        );
        assert!(
            rendered.ends_with("due to 1 previous error\n"),
            "{rendered}"
        );
    }
}

/// Dotted keys inside nested inline tables multiply: 79 levels of tables,
/// each 79 keys deep, is a table 6,000 levels deep, which must load (or be
/// refused) without exhausting a test thread's stack.
#[test]
fn dotted_keys_inside_nested_inline_tables() {
    let key = vec!["a"; 79].join(".");
    let deep = format!(
        "[A]\nstatus = 400\nmessage = \"a\"\nx = {}1{}\n",
        format!("{{ {key} = ").repeat(79),
        " }".repeat(79)
    );
    survives(deep.as_bytes());
}
