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

/// `CATALOG` with one more `[catalog]` setting.
fn catalog_with(setting: &str) -> String {
    CATALOG.replace(
        "title = \"Shop API\"",
        &format!("title = \"Shop API\"\n{setting}"),
    )
}

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
fn status_outside_the_http_range() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_EARLY]\nstatus = 99\nmessage = \"a\"\n\n[ORDER_HUGE]\nstatus = 70000\nmessage = \"b\"\n",
    )]));
}

#[test]
fn a_severity_that_is_none_of_the_three() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_LATE]\nstatus = 400\nmessage = \"a\"\nseverity = \"warn\"\n\n[ORDER_ODD]\nstatus = 400\nmessage = \"b\"\nseverity = 2\n",
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
fn header_values_and_names_that_cannot_be_sent() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        concat!(
            "[TOKEN_INVALID]\nstatus = 401\nmessage = \"invalid token\"\n",
            "params = { reason = \"string\", realm = \"string\" }\n",
            "headers = { WWW-Authenticate = 'Bearer error=\"{reason}\", scope=\"{scop}\"', ",
            "\"Bad Name\" = \"x\", Content-Length = \"3\", content-type = \"text/plain\", ",
            "X-Note = \"caf\u{e9}\", X-Empty = \" \", X-Count = 3, x-note = \"again\", ",
            "Link = \"<{url\" }\n",
        ),
    )]));
}

#[test]
fn a_parameter_used_only_by_a_header_is_used() {
    let catalog = load_files(&[
        ("catalog.toml", CATALOG),
        (
            "limits.toml",
            "[SLOW_DOWN]\nstatus = 429\nmessage = \"slow down\"\nparams = { wait = \"unsigned\" }\nheaders = { Retry-After = \"{wait}\" }\n",
        ),
    ])
    .unwrap();
    let code = catalog.find("SLOW_DOWN").unwrap();
    assert_eq!(
        code.headers[0]
            .template_source(&code.message.params)
            .as_deref(),
        Some("{wait}")
    );
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

/// Classes declared twice or naming nothing, and tags empty or repeated:
/// each one diagnostic, all at once.
#[test]
fn classes_and_tags_that_do_not_hold() {
    let catalog = format!(
        "{CATALOG}\n[[class]]\nid = \"23\"\ntitle = \"Integrity Constraint Violation\"\n\n[[class]]\nid = \"23\"\ntitle = \"Again\"\n\n[[class]]\nid = \"\"\ntitle = \"Nothing\\u0007\"\n\n[[class]]\nid = \"0A\"\ntitle = \"Feature not supported\"\n\n[[class]]\nid = \"0a\"\ntitle = \"Lowercase\"\n\n[[class]]\nid = \"4 2\"\ntitle = \"Spaced\"\n"
    );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nclass = \"24\"\ntags = [\"x\", \"\", \"x\", \"needs  review\"]\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"b\"\nclass = \"23\"\ntags = \"x\"\n\n[ORDER_LATE]\nstatus = 409\nmessage = \"c\"\nclass = \"\"\n",
        ),
    ]));
}

/// A class named where the catalog declares none says how to declare it.
#[test]
fn a_class_in_a_catalog_without_classes() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nclass = \"client\"\n",
    )]));
}

#[test]
fn aliases_empty_or_listed_twice() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\naliases = [\"NO_ORDER\", \"\", \"NO_ORDER\"]\n",
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

/// Numbers past what JavaScript reads exactly, either way; a negative one
/// inside that range loads (JSON-RPC's are negative).
#[test]
fn numbers_beyond_the_safe_integers() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nnumber = 9007199254740992\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"b\"\nnumber = -9007199254740993\n\n[ORDER_LATE]\nstatus = 409\nmessage = \"c\"\nnumber = -32002\n\n[ORDER_HUGE]\nstatus = 409\nmessage = \"d\"\nnumber = 99999999999999999999\n",
    )]));
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

/// Codes that differ only in case share the docs anchor (the code in
/// lowercase), so the docs URL and RFC 9457 `type` derived from it, and
/// `errcat explain` could not tell them apart.
#[test]
fn codes_differing_only_in_case_share_an_anchor_and_a_docs_url() {
    let catalog = CATALOG
        .replace("SCREAMING_SNAKE_CASE", "PascalCase")
        .replace(
            "title = \"Shop API\"",
            "title = \"Shop API\"\ndocs_base_url = \"https://docs.shop.example/errors\"",
        );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[InvalidEndPoint]\nstatus = 400\nmessage = \"a\"\n\n[InvalidEndpoint]\nstatus = 400\nmessage = \"b\"\n",
        ),
    ]));
}

/// Several codes may point their own `docs_url` at one page, but not at the
/// URL another code's docs entry gets.
#[test]
fn a_docs_url_that_is_another_codes_derived_url() {
    let catalog = catalog_with("docs_base_url = \"https://docs.shop.example/errors\"");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n\n[ORDER_GONE]\nstatus = 410\nmessage = \"b\"\ndocs_url = \"https://docs.shop.example/errors#order_not_found\"\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"c\"\ndocs_url = \"https://www.rfc-editor.org/rfc/rfc9110\"\n\n[ORDER_LATE]\nstatus = 409\nmessage = \"d\"\ndocs_url = \"https://www.rfc-editor.org/rfc/rfc9110\"\n",
        ),
    ]));
}

/// `errcat explain` finds codes and aliases in any case.
#[test]
fn aliases_differing_from_other_names_only_in_case() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\naliases = [\"order_locked\", \"NoOrder\", \"order_not_found\"]\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"b\"\naliases = [\"NOORDER\"]\n",
    )]));
}

/// One unknown type is one diagnostic: its placeholder is declared, just
/// badly. Likewise a bad parameter name, and a `params` that is no table.
#[test]
fn a_wrong_parameter_declaration_is_not_also_an_undeclared_placeholder() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[BOOK_MISSING]\nstatus = 404\nmessage = \"book {book_id} of {shelf}\"\nparams = { book_id = \"uint\", shelf = 7 }\n\n[BOOK_LOCKED]\nstatus = 409\nmessage = \"book {Book} is locked\"\nparams = { Book = \"string\" }\n\n[BOOK_LATE]\nstatus = 409\nmessage = \"book {book_id} is late\"\nparams = \"book_id\"\n",
    )]));
}

/// One table written twice is one mistake, whatever it holds.
#[test]
fn a_table_defined_twice_is_one_diagnostic() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n\n[ORDER_NOT_FOUND.resolve]\nurl = \"https://shop.example/orders\"\n\n[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"b\"\n\n[ORDER_NOT_FOUND.resolve]\nurl = \"https://shop.example/orders\"\naction = \"list_orders\"\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"c\"\nstatus = 410\n",
    )]));
}

/// A misspelt required field is one mistake, not also a missing one.
#[test]
fn a_misspelt_required_field_is_not_also_missing() {
    insta::assert_snapshot!(problems(&[(
        "limits.toml",
        "[RATE_LIMITED]\nstauts = 429\nmesage = \"slow down\"\n",
    )]));
}

/// A category that could not be read, a `category` of the wrong type and a
/// code table that is no table are each reported once, not again by every
/// code that refers to them.
#[test]
fn an_unreadable_category_or_code_is_not_reported_again_by_its_users() {
    let catalog = format!("{CATALOG}\n[[category]]\ntitle = \"Payments\"\n");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "payments.toml",
            "[CARD_DECLINED]\nstatus = 402\nmessage = \"a\"\n\n[CARD_EXPIRED]\nstatus = 402\nmessage = \"b\"\n",
        ),
        (
            "orders.toml",
            "ORDER_OLD = \"gone\"\n\n[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\ncategory = 7\n\n[ORDER_MISSING]\nstatus = 404\nmessage = \"b\"\ndeprecated = { replacement = \"ORDER_OLD\" }\n",
        ),
    ]));
}

/// `details` on a code whose wire shape has no member for them, its own or
/// the catalog's; not when the shape itself is unreadable.
#[test]
fn details_on_a_shape_that_cannot_carry_them() {
    let catalog = catalog_with("wire_shape = \"error_code\"");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_INVALID]\nstatus = 400\nmessage = \"a\"\ndetails = \"field_errors\"\n\n[ORDER_REJECTED]\nstatus = 400\nmessage = \"b\"\ndetails = \"object\"\nwire_shape = \"oauth2\"\n\n[ORDER_CHECKED]\nstatus = 400\nmessage = \"c\"\ndetails = \"object\"\nwire_shape = \"problem\"\n\n[ORDER_ODD]\nstatus = 400\nmessage = \"d\"\ndetails = \"object\"\nwire_shape = \"problm\"\n",
        ),
    ]));
}

/// A code its shape's clients would cut (the AWS SDKs read `PD:ErrFoo` as
/// `PD`), or that a header cannot hold: the code's own shape or the
/// catalog's, aliases too; a code in another shape is free to. A header
/// the shape sends itself is not the code's to set.
#[test]
fn codes_a_wire_shape_cannot_carry() {
    let catalog = catalog_with("wire_shape = \"aws_json\"")
        .replace("code_style = \"SCREAMING_SNAKE_CASE\"\n", "");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[\"PD:ErrOrder\"]\nident = \"PdErrOrder\"\nstatus = 400\nmessage = \"a\"\n\n[\"Bestellung_ungültig\"]\nident = \"BestellungUngueltig\"\nstatus = 400\nmessage = \"b\"\n\n[OrderRejected]\nstatus = 400\nmessage = \"c\"\naliases = [\"svc#OrderRejected\"]\nheaders = { x-amzn-errortype = \"Other\" }\n\n[\"PD:ErrFine\"]\nident = \"PdErrFine\"\nstatus = 400\nmessage = \"d\"\nwire_shape = \"postgrest\"\n",
        ),
    ]));
}

/// "did you mean" for every enumerated value: case and separators, other
/// languages' type names, shortened and lengthened words.
#[test]
fn enumerated_values_suggest_what_was_meant() {
    let catalog =
        catalog_with("wire_shape = \"problem+json\"").replace("SCREAMING_SNAKE_CASE", "screaming");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"{a} {b} {c} {d}\"\nparams = { a = \"u64\", b = \"int\", c = \"boolean\", d = \"String\" }\ngrpc = \"NotFound\"\nheaders = [\"retry_after\", \"RateLimit-Limits\"]\ndetails = \"fields\"\nwire_shape = \"errorCode\"\n\n[ORDER_NOT_FOUND.resolve]\nmethod = \"delete\"\n",
        ),
    ]));
}

/// A category named like a docs file gets `_errors` appended to its page,
/// which must not then be another category's page.
#[test]
fn categories_that_get_the_same_docs_page() {
    let catalog = format!(
        "{CATALOG}\n[[category]]\nid = \"readme\"\ntitle = \"About\"\n\n[[category]]\nid = \"readme_errors\"\ntitle = \"About errors\"\n"
    );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n"
        ),
    ]));
}

/// A misspelt placeholder is one mistake, not also an unused parameter;
/// and a message whose braces are broken does not report the parameters
/// they may hide.
#[test]
fn a_misspelt_placeholder_or_broken_brace_is_not_also_an_unused_parameter() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"order {ordr_id} of {customer}\"\nparams = { order_id = \"string\", customer = \"string\", region = \"string\" }\n\n[ORDER_LOCKED]\nstatus = 409\nmessage = \"order {order_id is locked\"\nparams = { order_id = \"string\" }\n\n[ORDER_LATE]\nstatus = 409\nmessage = \"order {Order Id} is late\"\nparams = { order_id = \"string\" }\n",
    )]));
}

/// A code defined in two files is one mistake, whatever its two
/// definitions share: not also a number or an alias used twice.
#[test]
fn a_code_defined_twice_does_not_also_repeat_its_number_and_aliases() {
    let code = "[RATE_LIMITED]\nstatus = 429\nmessage = \"slow down\"\nnumber = 7\naliases = [\"SLOW_DOWN\"]\n";
    insta::assert_snapshot!(problems(&[
        ("orders.toml", &format!("{code}category = \"limits\"\n")),
        ("limits.toml", code),
    ]));
}

/// A code is any visible text, so only the empty, the padded and the
/// invisible are refused: one diagnostic each, and nothing else about them.
#[test]
fn codes_no_platform_could_send() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[\"\"]\nstatus = 400\nmessage = \"a\"\n\n[\" ORDER\"]\nstatus = 400\nmessage = \"b\"\n\n[\"ORDER \"]\nstatus = 400\nmessage = \"c\"\n\n[\"ORDER\\u202eX\"]\nstatus = 400\nmessage = \"d\"\n\n[\"ORDER\\tY\"]\nstatus = 400\nmessage = \"e\"\n",
    )]));
}

/// Codes that are not identifiers name their Rust and TypeScript items
/// through their words; where that gives two codes one name, or none, the
/// diagnostic says to give an `ident`, and a bad `ident` is one too.
#[test]
fn codes_whose_names_must_come_from_an_ident() {
    let catalog = CATALOG.replace("code_style = \"SCREAMING_SNAKE_CASE\"\n", "");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[\"PD:core:ErrFoo\"]\nstatus = 500\nmessage = \"a\"\n\n[\"PD-core-ErrFoo\"]\nstatus = 500\nmessage = \"b\"\n\n[\"!!!\"]\nstatus = 400\nmessage = \"c\"\n\n[\"42P01\"]\nstatus = 404\nmessage = \"d\"\nident = \"42 undefined\"\n",
        )
    ]));
}

/// A pattern `code_style` (AIP-193's rule): a code that does not match, or
/// is too long, is one diagnostic each; a pattern that is no regular
/// expression, and a rule that says nothing, are reported where written.
#[test]
fn codes_outside_a_pattern_code_style() {
    let catalog = CATALOG.replace(
        "code_style = \"SCREAMING_SNAKE_CASE\"",
        "code_style = { pattern = \"[A-Z][A-Z0-9_]+[A-Z0-9]\", max_length = 12 }",
    );
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\n\n[order_gone]\nstatus = 410\nmessage = \"b\"\n\n[ORDER_]\nstatus = 400\nmessage = \"c\"\n",
        ),
    ]));
    for (rule, file) in [
        ("{ pattern = \"[A-Z\" }", "code_style_bad_pattern"),
        ("{}", "code_style_empty_rule"),
        ("{ max_length = 0 }", "code_style_zero_length"),
        ("7", "code_style_wrong_type"),
    ] {
        let catalog = CATALOG.replace(
            "code_style = \"SCREAMING_SNAKE_CASE\"",
            &format!("code_style = {rule}"),
        );
        insta::assert_snapshot!(
            file,
            render(&[
                ("catalog.toml", catalog.as_str()),
                ("orders.toml", "[ORDER]\nstatus = 404\nmessage = \"a\"\n"),
            ])
        );
    }
}

/// Over gRPC a code without a status needs its gRPC code; a status that is
/// written but unreadable is one mistake, not also a missing gRPC code.
#[test]
fn grpc_codes_that_say_neither_their_grpc_code_nor_a_status() {
    let catalog = catalog_with("transport = \"grpc\"");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\ngrpc = \"NOT_FOUND\"\nmessage = \"a\"\n\n[ORDER_LOST]\nmessage = \"b\"\n\n[ORDER_ODD]\nstatus = \"404\"\nmessage = \"c\"\n",
        ),
    ]));
}

/// An unknown transport: no code is then reported for a missing status.
#[test]
fn a_transport_that_is_none_of_the_three() {
    let catalog = catalog_with("transport = \"tcp\"");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        ("orders.toml", "[ORDER_LOST]\nmessage = \"b\"\n"),
    ]));
}

/// A placeholder named like a keyword (PostgreSQL's `{type}`) or not in
/// snake_case: each says how to rename it.
#[test]
fn parameter_names_that_cannot_be_arguments() {
    insta::assert_snapshot!(problems(&[(
        "orders.toml",
        "[ORDER_TYPED]\nstatus = 400\nmessage = \"bad {type} for {orderId}\"\nparams = { type = \"string\", orderId = \"string\" }\n",
    )]));
}

/// Every mistake in declaring a wire shape, one diagnostic each, while the
/// shapes that are right stay usable: a code naming a shape whose
/// declaration failed is not reported again.
#[test]
fn declared_shapes_with_mistakes() {
    let shapes = r#"
[shape.Cloud]
summary = "Not snake case"
body = { code = "{code}", message = "{message}", kind = "cloud" }

[shape.flat]
summary = "A built-in name"
body = { code = "{code}", message = "{message}", kind = "flat" }

[shape.cloudflare]
summary = "Cloudflare API v4 error envelope"
content_type = "json"
code_form = "smithy_name"
colour = "orange"
body = { success = false, ratio = 1.5, errors = [{ code = "{code}" }, { code = "{code}" }], hint = "{hint}", title = "{title?}", note = "{mesage}", again = "{status}", twice = "{status}" }
headers = { "Content-Type" = "{code}", "X Bad" = "{code}", "X-Details" = "{details?}", "X-Status" = "{status|null}" }
identified_by = ["success", "hint", 3]

[shape.silent]
summary = "No message"
body = { code = "{code}", kind = "silent" }

[shape.lookalike]
summary = "Flat again"
body = { error = "{message}", code = "{code}" }

[shape.deep]
summary = "Too deep"
body = { code = "{code}", message = "{message}", a = { b = { c = { d = { e = { f = { g = { h = { i = { j = "{status}" } } } } } } } } } }

[shape.picky]
summary = "Identified by what not every body has"
body = { status = "{status}", text = "{message}", id = "{code}", hint = "{hint?}" }
identified_by = ["hint", 3]

[shape.vague]
summary = "Identified by nothing"
body = { id = "{code}", text = "{message}", vague = true }
identified_by = []

[shape.good]
summary = "A shape with nothing wrong"
body = { fault = { code = "{code}", text = "{message}", ref = "{request_id|null}" } }
"#;
    let catalog = format!("{CATALOG}{shapes}");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nwire_shape = \"goood\"\n\n[ORDER_GONE]\nstatus = 410\nmessage = \"b\"\nwire_shape = \"cloudflare\"\n\n[ORDER_LATE]\nstatus = 409\nmessage = \"c\"\nwire_shape = \"good\"\n",
        ),
    ]));
}

/// A shape that sends codes as numbers: every code in it needs one, the
/// code is written one way, and `code_form` cannot say otherwise.
#[test]
fn a_shape_that_sends_codes_as_numbers() {
    let shapes = r#"
[shape.twilio]
summary = "Twilio REST API error"
body = { code = "{number}", message = "{message}", status = "{status}" }

[shape.mixed]
summary = "Both ways"
body = { code = "{number}", message = "{message}", kind = "mixed" }
headers = { "X-Error-Code" = "{code}" }
code_form = "smithy"

[shape.maybe]
summary = "Maybe a number"
body = { code = "{number?}", message = "{message}", kind = "maybe" }
"#;
    let catalog = format!("{CATALOG}{shapes}");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[ORDER_NOT_FOUND]\nstatus = 404\nmessage = \"a\"\nnumber = 20404\nwire_shape = \"twilio\"\n\n[ORDER_GONE]\nstatus = 410\nmessage = \"b\"\nwire_shape = \"twilio\"\n\n[ORDER_OLD]\nstatus = 410\nmessage = \"c\"\nwire_shape = \"twilio\"\nretired = { since = \"1.0.0\" }\n",
        ),
    ]));
}

/// AIP-193 sends the code as an `ErrorInfo` reason, which has a rule of its
/// own, and the domain clients compare it in is one word.
#[test]
fn codes_aip_193_cannot_carry() {
    let catalog = catalog_with("domain = \"shop example\"")
        .replace("code_style = \"SCREAMING_SNAKE_CASE\"\n", "");
    insta::assert_snapshot!(render(&[
        ("catalog.toml", catalog.as_str()),
        (
            "orders.toml",
            "[order_missing]\nstatus = 404\nmessage = \"a\"\nwire_shape = \"aip193\"\n\n[ORDER_MISSING_]\nident = \"OrderMissingToo\"\nstatus = 404\nmessage = \"b\"\nwire_shape = \"aip193\"\n\n[ORDER_FINE]\nstatus = 404\nmessage = \"c\"\nwire_shape = \"aip193\"\n",
        ),
    ]));
}

/// Typed details: every mistake in the members' names and types is one
/// diagnostic where it is written, however deep it is nested.
#[test]
fn typed_details_with_mistakes() {
    let orders = r#"[ORDER_INVALID]
status = 400
message = "a"
details = { "order id" = "string", count = "uint", tags = ["string"], lines = [{ sku = "string" }, { qty = "unsigned" }], nested = { inner = { deep = 7 } }, empty = {}, "?" = "string", "region?" = "string", Region = "bool" }

[ORDER_BROKEN]
status = 503
message = "b"
details = { reason = "string" }

[ORDER_ODD]
status = 400
message = "c"
details = 3

[ORDER_TWICE]
status = 400
message = "d"
details = { "item-id" = "string", item_id = "string", Limit = { max = "unsigned" }, "limit$" = { max = "unsigned" } }

[ORDER_UNKNOWN_KIND]
status = 400
message = "e"
details = "objects"

[ORDER_LISTS]
status = 400
message = "f"
details = { counts = [3], none = [] }
"#;
    insta::assert_snapshot!(render(&[
        ("catalog.toml", CATALOG),
        ("orders.toml", orders)
    ]));
}

/// Typed details need a shape with a `details` member, like any others.
#[test]
fn typed_details_in_a_shape_without_details() {
    insta::assert_snapshot!(render(&[
        ("catalog.toml", CATALOG),
        (
            "orders.toml",
            "[ORDER_INVALID]\nstatus = 400\nmessage = \"a\"\nwire_shape = \"oauth2\"\ndetails = { reason = \"string\" }\n",
        ),
    ]));
}
