//! Every class of catalog problem, with the exact text a user sees.
//!
//! Each case loads a small in-memory catalog through `load_files` and
//! snapshots the rendered diagnostics; the snapshots in `snapshots/` were
//! read one by one and are the reference for wording.

use errcat_codegen::load::load_files;

const CATALOG: &str = r#"[catalog]
name = "shop"
title = "Shop API"
code_style = "SCREAMING_SNAKE_CASE"

[[category]]
id = "orders"
title = "Orders"

[[category]]
id = "limits"
title = "Limits"
"#;

/// The rendered diagnostics of a catalog made of `catalog.toml` and `files`;
/// panics if it loads.
fn problems(files: &[(&str, &str)]) -> String {
    let mut all = vec![("catalog.toml", CATALOG)];
    all.extend_from_slice(files);
    render(&all)
}

fn render<C: AsRef<[u8]>>(files: &[(&str, C)]) -> String {
    match load_files(files) {
        Ok(catalog) => panic!("expected problems, loaded {} codes", catalog.codes.len()),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

#[test]
fn toml_syntax_error() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = = 404\nmessage = \"no such order\"\n[UNCLOSED\n",
    )]));
}

#[test]
fn unknown_field_suggests_the_closest() {
    insta::assert_snapshot!(problems(&[(
        "limits.toml",
        "[RATE_LIMITED]\nstatus = 429\nmessage = \"slow down\"\nstauts = 429\nfavourite_colour = \"red\"\n",
    )]));
}

#[test]
fn missing_required_fields() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nhint = \"check the id\"\n"
    )]));
}

#[test]
fn wrong_types() {
    insta::assert_snapshot!(problems(&[(
        "limits.toml",
        "[RATE_LIMITED]\nstatus = \"429\"\nmessage = \"slow down\"\nthrottling = \"yes\"\nheaders = \"Retry-After\"\naliases = [\"SLOW_DOWN\", 7]\nretry_after = -1\n",
    )]));
}

#[test]
fn duplicate_code_in_one_file() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"no such order\"\n\n[ORDER_NOT_FOUND.resolve]\nurl = \"https://shop.example/orders\"\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"locked\"\n\n[ORDER_NOT_FOUND]\nhint = \"again\"\n",
    )]));
}

#[test]
fn duplicate_code_across_files() {
    insta::assert_snapshot!(problems(&[
        (
            "orders.toml",
            "[RATE_LIMITED]\nstatus = 429\nmessage = \"slow down\"\ncategory = \"limits\"\n"
        ),
        (
            "limits.toml",
            "[RATE_LIMITED]\nstatus = 429\nmessage = \"slow down\"\n"
        ),
    ]));
}

#[test]
fn codes_that_become_the_same_identifier() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[HTTP2_X]\nstatus = 400\nmessage = \"a\"\n\n[HTTP_2_X]\nstatus = 400\nmessage = \"b\"\n",
    )]));
}

#[test]
fn code_not_in_the_catalog_style() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[order_not_found]\nstatus = 404\nmessage = \"a\"\n\n[USER__NOT_FOUND]\nstatus = 404\nmessage = \"b\"\n",
    )]));
}

#[test]
fn codes_that_become_keywords_or_reserved_names() {
    let catalog = CATALOG.replace("SCREAMING_SNAKE_CASE", "snake_case");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[type]\nstatus = 400\nmessage = \"a\"\n\n[async]\nstatus = 400\nmessage = \"b\"\n\n[gen]\nstatus = 400\nmessage = \"c\"\n\n[new]\nstatus = 400\nmessage = \"d\"\n\n[unknown]\nstatus = 400\nmessage = \"e\"\n",
        ),
    ]));
}

#[test]
fn self_becomes_two_keywords() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[SELF]\nstatus = 400\nmessage = \"a\"\n"
    )]));
}

#[test]
fn status_outside_the_error_range() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_OK]\nstatus = 200\nmessage = \"a\"\n\n[ORDER_HUGE]\nstatus = 70000\nmessage = \"b\"\n",
    )]));
}

#[test]
fn undeclared_placeholders() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"order {order_id} of {customer} not found\"\nparams = { order_id = \"string\" }\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"order {order_id} is locked\"\n",
    )]));
}

#[test]
fn unused_parameter() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"order {order_id} not found\"\nparams = { order_id = \"string\", region = \"string\" }\n",
    )]));
}

#[test]
fn unknown_parameter_type() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"order {order_id} of {count}\"\nparams = { order_id = \"strng\", count = \"u64\" }\n",
    )]));
}

#[test]
fn unbalanced_braces() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"order {order_id not found\"\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"locked } {} {Order Id} {a{b}\"\n",
    )]));
}

#[test]
fn unknown_categories() {
    insta::assert_snapshot!(problems(&[
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\ncategory = \"order\"\n"
        ),
        (
            "payments.toml",
            "[CARD_DECLINED]\nstatus = 402\nmessage = \"a\"\n\n[CARD_EXPIRED]\nstatus = 402\nmessage = \"b\"\n"
        ),
    ]));
}

#[test]
fn aliases_colliding_with_codes_and_aliases() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\naliases = [\"ORDER_LOCKED\", \"NO_ORDER\"]\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"b\"\naliases = [\"NO_ORDER\"]\n",
    )]));
}

#[test]
fn deprecation_replacements_that_are_not_codes() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\naliases = [\"NO_ORDER\"]\n\n[ORDER_MISSING]\nstatus = 404\nmessage = \"b\"\ndeprecated = { replacement = \"ORDER_NOT_FOUDN\" }\n\n[ORDER_GONE]\nstatus = 410\nmessage = \"c\"\ndeprecated = { replacement = \"NO_ORDER\", reason = \"x\" }\n\n[ORDER_OLD]\nstatus = 410\nmessage = \"d\"\ndeprecated = { replacement = \"ORDER_OLD\" }\n",
    )]));
}

#[test]
fn duplicate_number() {
    insta::assert_snapshot!(problems(&[
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nnumber = 1001\n"
        ),
        (
            "limits.toml",
            "[RATE_LIMITED]\nstatus = 429\nmessage = \"b\"\nnumber = 1001\n"
        ),
    ]));
}

#[test]
fn unknown_values_of_enumerated_fields() {
    let catalog = CATALOG
        .replace("SCREAMING_SNAKE_CASE", "SCREAMING_CASE")
        .replace(
            "title = \"Shop API\"",
            "title = \"Shop API\"\nwire_shape = \"nestd\"",
        );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\ngrpc = \"NOTFOUND\"\nheaders = [\"Retry-After\", \"X-Retry\", \"retry-after\"]\ndetails = \"fields\"\nwire_shape = \"json\"\n\n[ORDER_NOT_FOUND.resolve]\nmethod = \"FETCH\"\n",
        ),
    ]));
}

#[test]
fn empty_resolve_table() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nresolve = {}\n",
    )]));
}

#[test]
fn file_that_is_not_utf8() {
    let bytes: &[u8] = b"[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"caf\xe9\"\n";
    insta::assert_snapshot!(render(&[
        ("catalog.toml", CATALOG.as_bytes()),
        ("orders.toml", bytes)
    ]));
}

#[test]
fn catalog_without_codes() {
    insta::assert_snapshot!(problems(&[("orders.toml", "# nothing yet\n")]));
}

/// Found by the `structured` fuzz target: an empty list loaded, and the
/// Rust emitter then panicked looking up category 0 of none.
#[test]
fn empty_list_of_categories() {
    let catalog = format!(
        "category = []\n{}",
        CATALOG.split("[[category]]").next().unwrap()
    );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\ncategory = \"orders\"\n"
        ),
    ]));
}

#[test]
fn missing_catalog_toml() {
    insta::assert_snapshot!(render(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n",
    )]));
}

#[test]
fn broken_catalog_toml() {
    insta::assert_snapshot!(render(&[
        (
            "catalog.toml",
            "[catalog]\nname = \"Shop API\"\ntitel = \"Shop\"\ncode_style = \"SCREAMING_SNAKE_CASE\"\n\n[[category]]\nid = \"orders\"\n\n[[category]]\nid = \"orders\"\ntitle = \"Again\"\n",
        ),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n"
        ),
    ]));
}

#[test]
fn top_level_value_that_is_not_a_code_table() {
    insta::assert_snapshot!(problems(&[("orders.toml", "version = 2\n")]));
}

#[test]
fn pascal_codes_sharing_every_identifier() {
    let catalog = CATALOG.replace("SCREAMING_SNAKE_CASE", "PascalCase");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[HttpError]\nstatus = 400\nmessage = \"a\"\n\n[HTTPError]\nstatus = 400\nmessage = \"b\"\n",
        ),
    ]));
}
