//! `editor/`: the JSON Schemas an editor (taplo, Even Better TOML) checks
//! the catalog's own files against, through a `#:schema` line at the top of
//! each file. Written with the outputs, so they always describe the format
//! of the errcat that reads the catalog, and upgrading errcat updates them.

use serde_json::{Map, Value};

use super::json_schema::pretty;
use super::{OutputFile, notice};
use crate::model::Catalog;

/// `catalog.toml`'s schema.
pub const CATALOG_SCHEMA: &str = "catalog.schema.json";
/// Every other file's: each top-level table is a code.
pub const CODES_SCHEMA: &str = "codes.schema.json";

const SCHEMAS: [(&str, &str); 2] = [
    (
        CATALOG_SCHEMA,
        include_str!("../../schema/catalog.schema.json"),
    ),
    (CODES_SCHEMA, include_str!("../../schema/codes.schema.json")),
];

pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    SCHEMAS
        .iter()
        .map(|(name, schema)| OutputFile::new(*name, with_notice(schema, &catalog.name)))
        .collect()
}

/// The schema with the generated notice as its first member, on the second
/// line, where the writer looks for it.
fn with_notice(schema: &str, catalog_name: &str) -> String {
    // Both are this crate's own files, parsed by the tests below.
    let Ok(Value::Object(members)) = serde_json::from_str::<Value>(schema) else {
        unreachable!("the editor schemas are JSON objects")
    };
    let mut document = Map::new();
    document.insert("$comment".into(), notice(catalog_name).into());
    document.extend(members);
    pretty(&Value::Object(document))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_schema_is_the_source_with_the_notice_where_the_writer_reads_it() {
        for (name, schema) in SCHEMAS {
            let text = with_notice(schema, "fold");
            assert_eq!(crate::emit::notice_catalog(&text), Some("fold"), "{name}");
            let parsed: Value = serde_json::from_str(&text).unwrap();
            let original: Value = serde_json::from_str(schema).unwrap();
            let mut without = parsed.as_object().unwrap().clone();
            without.shift_remove("$comment");
            assert_eq!(Value::Object(without), original, "{name}");
        }
    }
}
