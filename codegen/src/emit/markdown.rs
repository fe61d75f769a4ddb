//! The error reference as markdown: an index, one page per category, and an
//! mdBook layout, all plain CommonMark with GitHub tables so they render on
//! GitHub, in mdBook, and (with front matter on) in Docusaurus or Starlight.
//!
//! Anchors: every code's anchor is [`Code::anchor`](crate::model::Code::anchor), the code lowercased,
//! written as an explicit `<a id="..."></a>` so it never depends on a
//! renderer's heading-slug rules. The index carries the anchor on the code's
//! table row and the category page on its entry, so both
//! `{docs_base_url}#{anchor}` (the default problem `type`) and a link to the
//! entry itself keep working as long as the code exists.

mod page;
pub(crate) mod snippet;
pub(crate) mod text;

use super::docs::page_stem;
use super::text::escape;
use super::{OutputFile, hash_notice, html_notice, notice};
use crate::model::{Catalog, Code};

/// Choices for where the pages will be published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Start every page with YAML front matter (`title`, `description`) for
    /// Docusaurus or Starlight; the index is then `index.md`, and the mdBook
    /// files are left out. The generated notice moves into the front matter
    /// as a YAML comment, because MDX rejects HTML comments.
    pub front_matter: bool,
}

/// The pages with default options (plain markdown plus mdBook).
pub fn emit(catalog: &Catalog) -> Vec<OutputFile> {
    emit_with(catalog, &Options::default())
}

pub fn emit_with(catalog: &Catalog, options: &Options) -> Vec<OutputFile> {
    let pages = Pages { catalog, options };
    let mut files = vec![OutputFile::new(
        pages.index_file(),
        pages.start(&page_title(catalog), catalog.description.as_deref()) + &page::index(&pages),
    )];
    for (i, category) in catalog.categories.iter().enumerate() {
        files.push(OutputFile::new(
            format!("{}.md", page_stem(catalog, i)),
            pages.start(&category.title, category.description.as_deref())
                + &page::category(&pages, i),
        ));
    }
    if !options.front_matter {
        files.push(OutputFile::new("SUMMARY.md", summary(&pages)));
        files.push(OutputFile::new("book.toml", book_toml(catalog)));
    }
    files
}

/// What every page of one run shares: the catalog and where things live.
pub(crate) struct Pages<'a> {
    pub catalog: &'a Catalog,
    pub options: &'a Options,
}

impl Pages<'_> {
    pub fn index_file(&self) -> &'static str {
        if self.options.front_matter {
            "index.md"
        } else {
            "README.md"
        }
    }

    /// Link from any page to a code's entry on its category page.
    pub fn entry_link(&self, code: &str) -> String {
        match self.catalog.resolve_code(code) {
            Some(c) => self.link_to(c),
            // The loader guarantees replacements exist; an unknown name can
            // only be a caller's mistake, and the index is the best target.
            None => self.index_file().to_owned(),
        }
    }

    /// The same for a code at hand, with no search by name (which, for
    /// every row of a large index, was a scan of the catalog each).
    pub fn link_to(&self, code: &Code) -> String {
        format!(
            "{}.md#{}",
            page_stem(self.catalog, code.category),
            code.anchor()
        )
    }

    /// The first lines of a page: the notice, and front matter when asked.
    fn start(&self, title: &str, description: Option<&str>) -> String {
        if !self.options.front_matter {
            return format!(
                "{}\n# {}\n\n",
                html_notice(&self.catalog.name),
                escape(title)
            );
        }
        // JSON strings are valid YAML scalars, and escape everything YAML
        // would otherwise read as syntax.
        let mut out = format!("---\n# {}\n", notice(&self.catalog.name));
        out.push_str(&format!("title: {}\n", json_string(title)));
        if let Some(description) = description {
            let first = description.split("\n\n").next().unwrap_or_default().trim();
            out.push_str(&format!("description: {}\n", json_string(first)));
        }
        out.push_str("---\n\n");
        out
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

fn page_title(catalog: &Catalog) -> String {
    format!("{} errors", catalog.title)
}

/// mdBook's table of contents: the index, then the categories in order.
fn summary(pages: &Pages) -> String {
    let catalog = pages.catalog;
    let mut out = format!("{}# Summary\n\n", html_notice(&catalog.name));
    out.push_str(&format!(
        "[{}]({})\n\n",
        escape(&page_title(catalog)),
        pages.index_file()
    ));
    for (i, category) in catalog.categories.iter().enumerate() {
        out.push_str(&format!(
            "- [{}]({}.md)\n",
            escape(&category.title),
            page_stem(catalog, i)
        ));
    }
    out
}

/// The pages are the book's source folder itself (`src = "."`), so the
/// folder works unchanged on GitHub and as a book.
fn book_toml(catalog: &Catalog) -> String {
    let title = toml::Value::String(page_title(catalog)).to_string();
    format!(
        "{}\n[book]\ntitle = {title}\nsrc = \".\"\n\n[output.html]\nno-section-label = true\n",
        hash_notice(&catalog.name).trim_end()
    )
}
