//! Which emitters run, and where in the output folder each one's files go.

use crate::emit::{self, OutputFile};
use crate::model::Catalog;

/// The outputs to generate. Each target writes below its own subfolder of the
/// output directory, which each field's doc names (`docs/` for `markdown`).
#[derive(Debug, Clone)]
pub struct Targets {
    /// `rust/`: a crate, whose `errcat` dependency is the given TOML value
    /// (e.g. `{ path = "../../runtime" }` or `"0.1"`).
    pub rust: Option<emit::rust::Options>,
    /// `typescript/`.
    pub typescript: bool,
    /// `docs/`: markdown and an mdBook layout, or pages with front matter
    /// for Docusaurus or Starlight.
    pub markdown: Option<emit::markdown::Options>,
    /// `openapi/`: an OpenAPI 3.1 document of the error responses, for a
    /// service's own description to `$ref`.
    pub openapi: bool,
    /// `schema/`: a JSON Schema 2020-12 document per wire shape in use.
    pub schema: bool,
    /// `changelog/`: codes added, deprecated and retired per version.
    pub changelog: bool,
    /// `editor/`: the JSON Schemas of the catalog's own files, for the
    /// `#:schema` line an editor validates them with.
    pub editor: bool,
    /// `conformance/`: golden responses and what a parser makes of each,
    /// for testing an SDK in any language.
    pub conformance: bool,
    /// The static site, written into this folder of its own rather than
    /// below the output folder: a site is published, not committed, and
    /// holds nothing else ([`site`]).
    pub site: Option<std::path::PathBuf>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            rust: Some(emit::rust::Options::default()),
            typescript: true,
            markdown: Some(emit::markdown::Options::default()),
            openapi: true,
            schema: true,
            changelog: true,
            editor: true,
            conformance: true,
            site: None,
        }
    }
}

/// Every output file for `catalog`, paths relative to the output directory,
/// sorted by path so the result never depends on emitter order.
pub fn generate(catalog: &Catalog, targets: &Targets) -> Vec<OutputFile> {
    let jobs = jobs(targets);
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    // Each worker takes the next target not yet taken; the targets are in
    // order of their cost, so the dearest start first and the cheap ones
    // fill the gaps (on two cores: Rust on one, docs and TypeScript on the
    // other, the rest wherever a core is free).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut files = Vec::new();
        loop {
            let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((folder, emit)) = jobs.get(job) else {
                return files;
            };
            files.extend(placed(folder, emit(catalog)));
        }
    };
    let mut files = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut files = work();
        for helper in helpers {
            files.extend(helper.join().expect("emitters do not panic"));
        }
        files
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// An emitter of one target.
type Job<'a> = (
    &'static str,
    Box<dyn Fn(&Catalog) -> Vec<OutputFile> + Sync + 'a>,
);

/// The targets to emit and the folder of each, dearest first (at 10,000
/// codes: Rust, docs, TypeScript, the conformance kit, OpenAPI; see
/// BENCHMARKS.md).
fn jobs(targets: &Targets) -> Vec<Job<'_>> {
    let mut jobs: Vec<Job<'_>> = Vec::new();
    if let Some(options) = &targets.rust {
        jobs.push(("rust", Box::new(move |c| emit::rust::emit(c, options))));
    }
    if let Some(options) = &targets.markdown {
        jobs.push((
            "docs",
            Box::new(move |c| emit::markdown::emit_with(c, options)),
        ));
    }
    if targets.typescript {
        jobs.push(("typescript", Box::new(emit::typescript::emit)));
    }
    if targets.conformance {
        jobs.push(("conformance", Box::new(emit::conformance::emit)));
    }
    if targets.openapi {
        jobs.push(("openapi", Box::new(emit::openapi::emit)));
    }
    if targets.schema {
        jobs.push(("schema", Box::new(emit::json_schema::emit)));
    }
    if targets.changelog {
        jobs.push(("changelog", Box::new(emit::changelog::emit)));
    }
    if targets.editor {
        jobs.push(("editor", Box::new(emit::editor::emit)));
    }
    jobs
}

/// An emitter's files, with paths below `folder`.
fn placed(folder: &str, emitted: Vec<OutputFile>) -> Vec<OutputFile> {
    emitted
        .into_iter()
        .map(|f| {
            // An emitter's text grows by doubling; every output is held
            // until the write, so what it did not fill would count towards
            // gen's peak heap (up to a quarter more at 10,000 codes).
            let mut contents = f.contents;
            contents.shrink_to_fit();
            OutputFile::new(format!("{folder}/{}", f.path), contents)
        })
        .collect()
}

/// The static site's files, paths relative to its own folder.
pub fn site(catalog: &Catalog) -> Vec<OutputFile> {
    emit::site::emit(catalog)
}

/// What one run wrote (or would write), folder by folder: the output
/// folder, then the site's when it is a target.
#[derive(Debug)]
pub struct Written {
    pub folders: Vec<(std::path::PathBuf, crate::write::Report)>,
}

/// Why a generation run produced nothing.
#[derive(Debug)]
pub enum GenError {
    /// The catalog is invalid; nothing was written.
    Catalog(crate::Diagnostics),
    /// The disk refused; nothing was changed.
    Write(crate::write::WriteError),
    /// The catalog breaks its stability lock, or (in check mode) the lock
    /// does not record it yet; nothing was written.
    Lock(crate::lock::LockError),
}

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenError::Catalog(diagnostics) => diagnostics.fmt(f),
            GenError::Write(err) => err.fmt(f),
            GenError::Lock(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for GenError {}

/// The whole pipeline for one catalog: load and validate `catalog_dir`,
/// check it against its stability lock, generate `targets`, and sync them
/// into `out_dir`. Breaking a published code always fails; in check mode (CI)
/// a lock that does not record the catalog fails too, so every code that
/// ships is protected from then on. A catalog whose outputs say it was
/// locked cannot lose its lock without saying so in `catalog.toml`.
pub fn run(
    catalog_dir: &std::path::Path,
    out_dir: &std::path::Path,
    targets: &Targets,
    mode: crate::write::Mode,
) -> Result<Written, GenError> {
    let catalog = crate::load_dir(catalog_dir).map_err(GenError::Catalog)?;
    let has_lock = crate::lock::path(catalog_dir).exists();
    if !has_lock && catalog.unlocked.is_none() {
        let recorded = crate::write::recorded(out_dir).map_err(GenError::Write)?;
        // Whatever the catalog is called now: renaming it is no way out.
        if recorded.is_some_and(|m| m.locked) {
            return Err(GenError::Lock(crate::lock::LockError::Lost {
                path: crate::lock::path(catalog_dir),
                manifest: out_dir.join(crate::write::manifest::PATH),
            }));
        }
    }
    crate::lock::verify(catalog_dir, &catalog, mode == crate::write::Mode::Check)
        .map_err(GenError::Lock)?;
    let files = generate(&catalog, targets);
    let owner = crate::write::Owner {
        catalog: &catalog.name,
        kind: crate::write::Kind::Generated,
        locked: has_lock,
        source: Some(catalog_dir),
    };
    let report = crate::write::sync(out_dir, owner, &files, mode).map_err(GenError::Write)?;
    let mut folders = vec![(out_dir.to_path_buf(), report)];
    if let Some(site_dir) = &targets.site {
        let report = write_site(catalog_dir, &catalog, site_dir, mode).map_err(GenError::Write)?;
        folders.push((site_dir.clone(), report));
    }
    Ok(Written { folders })
}

/// Writes (or checks) the static site of a loaded catalog into `site_dir`,
/// a folder that holds a site and nothing else.
pub fn write_site(
    catalog_dir: &std::path::Path,
    catalog: &Catalog,
    site_dir: &std::path::Path,
    mode: crate::write::Mode,
) -> Result<crate::write::Report, crate::write::WriteError> {
    let owner = crate::write::Owner {
        catalog: &catalog.name,
        kind: crate::write::Kind::Site,
        locked: crate::lock::path(catalog_dir).exists(),
        source: Some(catalog_dir),
    };
    crate::write::sync(site_dir, owner, &site(catalog), mode)
}
