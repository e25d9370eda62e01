//! `speca-docs watch`: rebuild on every change under `sources/` and `templates/`.
//!
//! The process stays alive between builds, so Typst's memoised layout is reused, and the
//! generated main files are edited in place (see `SourceCache`) so that only what changed is
//! laid out again. Errors are printed and the last good outputs stay as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::build::OutputFormat;
use super::{Format, report, usage_error};
use crate::build::{self, Request};
use crate::diag::Diagnostics;
use crate::load::Project;
use crate::write::typst::world::SourceCache;

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The documents to rebuild (default: all).
    #[arg(value_name = "DOC_ID")]
    pub documents: Vec<String>,
    /// Languages to rebuild, comma-separated (default: every language of the meeting).
    #[arg(long = "lang", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Output formats, comma-separated.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_value = "pdf")]
    pub formats: Vec<OutputFormat>,
    /// The version folder to write into.
    #[arg(long, env = "SPECA_DOCS_VERSION", default_value = "draft")]
    pub version: String,
    /// Stop after this many builds (for tests and scripts; default: run until Ctrl-C).
    #[arg(long, hide = true)]
    pub max_builds: Option<usize>,
}

/// How often the folders are looked at.
const POLL: Duration = Duration::from_millis(200);

pub fn run(dir: &Path, args: &WatchArgs) -> u8 {
    if !crate::publish::is_valid_version(&args.version) {
        return usage_error(&format!("\"{}\" cannot be a version", args.version));
    }
    // The names on the command line are checked as `build` checks them, before watching: a
    // project whose meeting.yaml loads can tell a wrong document or language at once.
    let mut diags = Diagnostics::new();
    match crate::load::load(dir, &mut diags) {
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
        Ok(Some(project)) => {
            if let Err(message) = request(&project, args) {
                return usage_error(&message);
            }
        }
        // Broken sources are reported by the first build, and watched until they are mended.
        Ok(None) => {}
    }
    let cache = SourceCache::default();
    let mut snapshot = scan(dir);
    let mut builds = 0;
    loop {
        build_once(dir, args, &cache);
        builds += 1;
        if args.max_builds.is_some_and(|max| builds >= max) {
            return 0;
        }
        // Keep memory bounded: forget cached layouts not used in the last builds.
        typst::comemo::evict(10);
        eprintln!("watching sources/ and templates/ for changes (Ctrl-C to stop)");
        loop {
            std::thread::sleep(POLL);
            let now = scan(dir);
            if now != snapshot {
                // Let an editor finish writing (several files, or write-then-rename).
                std::thread::sleep(POLL);
                snapshot = scan(dir);
                break;
            }
        }
    }
}

fn build_once(dir: &Path, args: &WatchArgs, cache: &SourceCache) {
    let start = Instant::now();
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(Some(project)) if !diags.has_errors() => project,
        Ok(_) => {
            report::print(&diags, Format::Human, false);
            eprintln!("not rebuilt: the last good outputs stay in output/");
            return;
        }
        Err(err) => {
            eprintln!("error: {err}");
            return;
        }
    };
    // A document or language may have gone from the sources since watching began.
    let request = match request(&project, args) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!("not rebuilt: the last good outputs stay in output/");
            return;
        }
    };
    let built = build::build_with_cache(&project, &request, cache, &mut diags);
    report::print(&diags, Format::Human, false);
    if diags.has_errors() {
        eprintln!("not rebuilt: the last good outputs stay in output/");
        return;
    }
    for output in &built.written {
        match output.pages {
            Some(pages) => eprintln!("{}  {pages} pages", output.path),
            None => eprintln!("{}", output.path),
        }
    }
    eprintln!("rebuilt in {:.2} s", start.elapsed().as_secs_f64());
}

/// The build request of a rebuild, made and checked as `build` makes it.
fn request(project: &Project, args: &WatchArgs) -> Result<Request, String> {
    super::build::request(
        project,
        &args.documents,
        &args.languages,
        &args.formats,
        &args.version,
        false,
        false,
    )
}

/// Every file under `sources/` and `templates/` with its modification time and size.
fn scan(dir: &Path) -> BTreeMap<PathBuf, (Option<SystemTime>, u64)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.join("sources"), dir.join("templates")];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                if files.len() < 100_000 {
                    stack.push(path);
                }
            } else {
                files.insert(path, (meta.modified().ok(), meta.len()));
            }
        }
    }
    files
}
