//! The command line: arguments (clap) turned into the program's own settings, and the
//! subcommands that drive the pipeline.

mod build;
mod check;
mod complete;
mod diff;
mod form;
mod import;
mod new;
mod preview;
pub mod report;
mod status;
mod template;
mod translate;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use report::Format;

/// Exit code for bad input: a contribution or document breaks the contract.
pub const EXIT_INPUT: u8 = 1;
/// Exit code for bad usage: unknown options, documents or languages.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "speca-docs",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SPECA_DOCS_COMMIT"), ")"),
    about = "Consolidates SPECA expert contributions into UN meeting documents (PDF and DOCX)"
)]
pub struct Cli {
    /// Work on the project in DIR (default: the current folder, or the project it lies in,
    /// found upward as git finds its root); relative paths given to commands are taken from
    /// DIR, as with `git -C`.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every source file of the project and report every problem.
    Check(check::CheckArgs),
    /// Check, then build documents (all by default) in every language of the meeting.
    Build(build::BuildArgs),
    /// Summarize what changed between two built versions, per chapter and contribution.
    Diff(diff::DiffArgs),
    /// Show who has submitted, who is late or over the limit, and what is missing.
    Status(status::StatusArgs),
    /// Typeset contributions alone, as they will stand in their document, to output/preview/.
    Preview(preview::PreviewArgs),
    /// Write Word submission forms for the countries' focal points to fill in.
    Form(form::FormArgs),
    /// Turn Word files (filled forms or any document) into contribution files under sources/.
    Import(import::ImportArgs),
    /// Rebuild whenever a file under sources/ or templates/ changes.
    Watch(watch::WatchArgs),
    /// Write the skeleton of a country input or a case study for an expert to fill in.
    New(new::NewArgs),
    /// Work with templates: `template export` writes a built-in one to change.
    Template(template::TemplateArgs),
    /// Translations: XLIFF 2.1 out to translators and back, and which are up to date.
    Translate(translate::TranslateArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `speca-docs man > speca-docs.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // The shell asking for completions at a Tab (the script `completions` prints): answer and
    // exit before anything else runs.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(complete::VARIABLE)
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_USAGE),
            };
        }
    };
    // Ctrl-C (or a termination signal) mid-build: remove the temporary files being written, so
    // no half-written file stays under output/; finished outputs were renamed atomically.
    let _ = ctrlc::set_handler(|| {
        crate::publish::abandon_in_flight();
        eprintln!(
            "interrupted; outputs already in place are complete, nothing half-written was left"
        );
        std::process::exit(130);
    });
    // A panic is a bug of ours, never the expert's fault: say so plainly instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: speca-docs hit an internal error ({info}); this is a bug in speca-docs, not in \
             your files: please report it with the command and the files that cause it"
        );
    }));
    let mut cli = cli;
    let mut dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    // Run from inside a project (its sources/countries/, say), speca-docs works on the project
    // above, as git and cargo find their roots; the files named on the command line stay
    // where the user meant them, from the folder they were typed in.
    if let Some((root, below)) = project_above(&dir) {
        for path in cli.command.paths_mut() {
            if path.is_relative() {
                *path = below.join(&*path);
            }
        }
        dir = root;
    }
    let code = match &cli.command {
        Command::Check(args) => check::run(&dir, args),
        Command::Build(args) => build::run(&dir, args),
        Command::Status(args) => status::run(&dir, args),
        Command::Preview(args) => preview::run(&dir, args),
        Command::Diff(args) => diff::run(&dir, args),
        Command::Watch(args) => watch::run(&dir, args),
        Command::Form(args) => form::run(&dir, args),
        Command::Import(args) => import::run(&dir, args),
        Command::New(args) => new::run(&dir, args),
        Command::Template(args) => template::run(&dir, args),
        Command::Translate(args) => translate::run(&dir, args),
        Command::Completions(args) => match complete::registration(args.shell) {
            Ok(script) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(&script);
                0
            }
            Err(message) => {
                eprintln!("error: {message}");
                EXIT_USAGE
            }
        },
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(command).render(&mut std::io::stdout()) {
                Ok(()) => 0,
                Err(err) => {
                    eprintln!("error: cannot print the manual page: {err}");
                    EXIT_INPUT
                }
            }
        }
    };
    ExitCode::from(code)
}

/// A language named on the command line, in any case (`RU`, `ru`), as meeting.yaml and file
/// names write it: lowercase, as country codes are taken in any case too.
pub(crate) fn language_code(text: &str) -> Result<String, String> {
    Ok(text.trim().to_ascii_lowercase())
}

/// When `start` is not a project's folder but lies inside one, that project's folder and the
/// way from it down to `start`.
fn project_above(start: &std::path::Path) -> Option<(PathBuf, PathBuf)> {
    let is_project = |dir: &std::path::Path| dir.join("sources").join("meeting.yaml").is_file();
    if is_project(start) {
        return None;
    }
    let start = absolute(start)?;
    let root = start.ancestors().skip(1).find(|dir| is_project(dir))?;
    let below = start.strip_prefix(root).ok()?.to_path_buf();
    Some((root.to_path_buf(), below))
}

impl Command {
    /// The paths of files and folders named on the command line, which are taken from the
    /// project's folder.
    fn paths_mut(&mut self) -> Vec<&mut PathBuf> {
        match self {
            Command::Preview(args) => args.files.iter_mut().collect(),
            Command::Import(args) => args.files.iter_mut().collect(),
            Command::Form(args) => args.output.iter_mut().collect(),
            Command::Status(args) => args.output.iter_mut().collect(),
            Command::Template(args) => args.paths_mut(),
            Command::Translate(args) => args.paths_mut(),
            Command::Check(_)
            | Command::Build(_)
            | Command::Diff(_)
            | Command::Watch(_)
            | Command::New(_)
            | Command::Completions(_)
            | Command::Man => Vec::new(),
        }
    }
}

/// The project's meeting, for the commands that need only it (`form`, `import`, `new`): a
/// folder without one is a usage error (exit 2), a meeting.yaml with errors is reported in
/// `format` (exit 1).
pub(crate) fn meeting_only(
    dir: &std::path::Path,
    format: Format,
) -> Result<crate::load::meeting::Meeting, u8> {
    let mut diags = crate::diag::Diagnostics::new();
    let meeting = match crate::load::load_meeting(dir, &mut diags) {
        Ok(meeting) => meeting,
        Err(not_a_project) => return Err(usage_error(&not_a_project.to_string())),
    };
    match meeting.filter(|_| !diags.has_errors()) {
        Some(meeting) => Ok(meeting),
        None => {
            report::print(&diags, format, false);
            Err(EXIT_INPUT)
        }
    }
}

/// A usage problem, printed the way clap prints its own.
pub(crate) fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_USAGE
}

/// `path` made absolute (from the current folder) with `.` and `..` taken away by their names
/// alone, links not followed: where a path given on the command line points, as its user wrote
/// it. `None` when `..` would climb above the root.
pub(crate) fn absolute(path: &std::path::Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in std::path::absolute(path).ok()?.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}
