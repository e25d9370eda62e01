//! `speca-docs watch`: rebuild on every change under `sources/` and `templates/`.
//!
//! The process stays alive between builds, so Typst's memoised layout is reused, and the
//! generated main files are edited in place (see `SourceCache`) so that only what changed is
//! laid out again. Errors are printed and the last good outputs stay as they are.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use super::build::OutputFormat;
use super::{Format, report, usage_error};
use crate::build::{self, Request};
use crate::diag::Diagnostics;
use crate::load::Project;
use crate::write::typst::world::SourceCache;

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The documents to rebuild (default: all).
    #[arg(value_name = "DOC_ID", add = super::complete::documents())]
    pub documents: Vec<String>,
    /// Languages to rebuild, comma-separated (default: every language of the meeting).
    #[arg(long = "lang", value_delimiter = ',', value_parser = super::language_code, add = super::complete::languages())]
    pub languages: Vec<String>,
    /// Output formats, comma-separated.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_value = "pdf")]
    pub formats: Vec<OutputFormat>,
    /// The version folder to write into.
    #[arg(long, env = "SPECA_DOCS_VERSION", default_value = crate::model::DEFAULT_VERSION)]
    pub version: String,
    /// Stop after this many builds (for tests and scripts; default: run until Ctrl-C).
    #[arg(long, hide = true)]
    pub max_builds: Option<usize>,
}

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
    // Watching starts before the first build, so that a change made during it is not missed.
    let mut changes = match Changes::watch(dir) {
        Ok(changes) => changes,
        Err(err) => {
            eprintln!("error: cannot watch sources/ and templates/: {err}");
            return 1;
        }
    };
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
        if let Err(err) = changes.wait() {
            eprintln!("error: watching sources/ and templates/ stopped: {err}");
            return 1;
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
            Some(pages) => eprintln!("{}  {}", output.path, super::report::counted(pages, "page")),
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

/// Asks for polling instead of the system's file notifications, which some file systems
/// (network shares, folders shared into containers or virtual machines) never send.
const FORCE_POLLING: &str = "SPECA_WATCH_POLL";

/// How often the polling fallback looks at the files. It reads every file each time, to see
/// edits that keep size and modification time; sources are small (files of at most 4 MiB,
/// images of at most 20 MiB).
const POLL: Duration = Duration::from_millis(200);

/// How long the folders must stay quiet after a change before the rebuild: an editor may
/// write several files, or write a temporary file and rename it over the old one. Polling
/// waits one poll more, as it sees the steps of such a save one poll apart.
const SETTLE: Duration = Duration::from_millis(150);

/// The longest wait for quiet, so that a file written to without pause is still rebuilt.
const SETTLE_AT_MOST: Duration = Duration::from_secs(2);

/// The changes under `sources/` and `templates/`: reported by the system (inotify, FSEvents,
/// ReadDirectoryChangesW), or found by polling where that is not available. Both see an edit
/// that keeps a file's size and modification time (polling compares contents).
struct Changes {
    /// The project's folder, canonical as the watchers report paths.
    root: PathBuf,
    /// `sources/` and `templates/`.
    folders: [PathBuf; 2],
    watcher: Box<dyn Watcher>,
    events: Receiver<notify::Result<notify::Event>>,
    /// [`SETTLE`], and one poll more when polling.
    settle: Duration,
    /// The last watching error printed, so that one that recurs on every poll is printed once.
    last_error: Option<String>,
}

/// What one event means for the rebuild.
enum Seen {
    Change,
    Noise,
    /// No event came within the time given.
    Quiet,
}

impl Changes {
    fn watch(dir: &Path) -> Result<Changes, String> {
        let root = dir
            .canonicalize()
            .map_err(|err| format!("{}: {err}", dir.display()))?;
        if std::env::var_os(FORCE_POLLING).is_some_and(|v| v == "1") {
            return Changes::polling(root, &format!("{FORCE_POLLING}=1"));
        }
        let (sender, events) = std::sync::mpsc::channel();
        // Links are not followed: nothing outside the project is watched.
        let config = notify::Config::default().with_follow_symlinks(false);
        let native = notify::RecommendedWatcher::new(sender, config)
            .map_err(|err| err.to_string())
            .and_then(|watcher| Changes::start(root.clone(), Box::new(watcher), events, SETTLE));
        match native {
            Ok(changes) => Ok(changes),
            // E.g. inotify's limit of watches or instances reached.
            Err(err) => Changes::polling(
                root,
                &format!("the system's file notifications are not available: {err}"),
            ),
        }
    }

    /// Polling, for the reason given.
    fn polling(root: PathBuf, reason: &str) -> Result<Changes, String> {
        eprintln!(
            "note: looking for changes every {} s ({reason})",
            POLL.as_secs_f64()
        );
        let (sender, events) = std::sync::mpsc::channel();
        let config = notify::Config::default()
            .with_poll_interval(POLL)
            .with_compare_contents(true)
            .with_follow_symlinks(false);
        let watcher = notify::PollWatcher::new(sender, config).map_err(|err| err.to_string())?;
        Changes::start(root, Box::new(watcher), events, POLL + SETTLE)
    }

    fn start(
        root: PathBuf,
        watcher: Box<dyn Watcher>,
        events: Receiver<notify::Result<notify::Event>>,
        settle: Duration,
    ) -> Result<Changes, String> {
        let mut changes = Changes {
            folders: [root.join("sources"), root.join("templates")],
            root,
            watcher,
            events,
            settle,
            last_error: None,
        };
        // The project's folder itself, not recursively (output/ is written by the builds): to
        // see templates/ appear, or sources/ replaced as a whole.
        changes
            .watcher
            .watch(&changes.root, RecursiveMode::NonRecursive)
            .map_err(|err| format!("{}: {err}", changes.root.display()))?;
        for folder in changes.folders.clone() {
            changes.watch_folder(&folder)?;
        }
        Ok(changes)
    }

    /// Watches `folder` and everything below it, when it exists.
    fn watch_folder(&mut self, folder: &Path) -> Result<(), String> {
        if !folder.is_dir() {
            return Ok(());
        }
        self.watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|err| format!("{}: {err}", folder.display()))
    }

    /// Waits for a change, then until the folders have been quiet for a while.
    fn wait(&mut self) -> Result<(), String> {
        while !matches!(self.next(None)?, Seen::Change) {}
        let first = Instant::now();
        let mut last = first;
        loop {
            let until = (last + self.settle).min(first + SETTLE_AT_MOST);
            let Some(left) = until.checked_duration_since(Instant::now()) else {
                return Ok(());
            };
            match self.next(Some(left))? {
                Seen::Change => last = Instant::now(),
                Seen::Noise => {}
                Seen::Quiet => return Ok(()),
            }
        }
    }

    /// The next event, waiting at most `timeout` (or for ever).
    fn next(&mut self, timeout: Option<Duration>) -> Result<Seen, String> {
        let event = match timeout {
            None => self
                .events
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
            Some(timeout) => self.events.recv_timeout(timeout),
        };
        let event = match event {
            Ok(Ok(event)) => event,
            Ok(Err(err)) => {
                // A file that cannot be read, say: the build reports what matters about it.
                let message = err.to_string();
                if self.last_error.as_ref() != Some(&message) {
                    eprintln!("warning: watching: {message}");
                    self.last_error = Some(message);
                }
                return Ok(Seen::Noise);
            }
            Err(RecvTimeoutError::Timeout) => return Ok(Seen::Quiet),
            Err(RecvTimeoutError::Disconnected) => {
                return Err("the file watcher ended".to_string());
            }
        };
        // The system dropped events (too many at once): anything may have changed.
        if event.need_rescan() {
            return Ok(Seen::Change);
        }
        // Reading a file (as every build does) is not a change; closing a written one is.
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return Ok(Seen::Noise);
        }
        let mut change = false;
        for path in &event.paths {
            if self.folders.contains(path) {
                // sources/ or templates/ created anew: watch what is inside.
                if let Err(err) = self.watch_folder(path) {
                    eprintln!("warning: watching: {err}");
                }
            }
            change |= self.folders.iter().any(|folder| path.starts_with(folder));
        }
        Ok(if change { Seen::Change } else { Seen::Noise })
    }
}
