//! `speca-docs template export [DIR]`: a built-in template's files written out, so that a user
//! can see what a project's own `templates/<name>/` overrides, and start from it.

use std::path::{Path, PathBuf};

use super::{EXIT_INPUT, usage_error};

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TemplateCommand {
    /// Write a built-in template's files into DIR/<name>/ (default: the project's templates/,
    /// where a build then uses them in place of the built-in ones); `--name messages` writes
    /// the tool's message catalogs (status page, forms, new) into DIR/messages/.
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The folder to write the template's folder into, from the project's folder when
    /// relative (default: templates).
    // Not called `dir`, which is the id of the global `-C DIR`.
    #[arg(value_name = "DIR")]
    pub folder: Option<PathBuf>,
    /// The built-in template to write, or `messages` for the message catalogs.
    #[arg(long, default_value = "un-document")]
    pub name: String,
}

impl TemplateArgs {
    /// The folders named on the command line.
    pub(super) fn paths_mut(&mut self) -> Vec<&mut PathBuf> {
        match &mut self.command {
            TemplateCommand::Export(export) => export.folder.iter_mut().collect(),
        }
    }
}

pub fn run(dir: &Path, args: &TemplateArgs) -> u8 {
    match &args.command {
        TemplateCommand::Export(export) => run_export(dir, export),
    }
}

fn run_export(dir: &Path, args: &ExportArgs) -> u8 {
    let messages;
    let files: Vec<(&str, &[u8])> = if args.name == "messages" {
        messages = crate::messages::built_in_files();
        messages
            .iter()
            .map(|(name, bytes)| (name.as_str(), *bytes))
            .collect()
    } else if let Some(files) = crate::template::built_in_files(&args.name) {
        files.to_vec()
    } else {
        return usage_error(&format!(
            "\"{}\" is not a built-in template; the built-in templates are: {} (and messages, \
             the tool's message catalogs)",
            args.name,
            crate::template::BUILT_IN.join(", ")
        ));
    };
    let parent = dir.join(args.folder.as_deref().unwrap_or(Path::new("templates")));
    let folder = parent.join(&args.name);
    // All or nothing: a file already there (perhaps a template being worked on) stops the
    // export before anything is written.
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(path, _)| folder.join(path))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if !existing.is_empty() {
        for path in &existing {
            eprintln!(
                "{}: error: the file exists; nothing was written",
                path.display()
            );
        }
        eprintln!(
            "hint: export into another folder (speca-docs template export DIR), or move those files away first"
        );
        return EXIT_INPUT;
    }
    for (path, bytes) in &files {
        let target = folder.join(path);
        if let Err(err) = crate::publish::write_new(&target, bytes) {
            eprintln!("{}: error: cannot write it: {err}", target.display());
            return EXIT_INPUT;
        }
        println!("{}", target.display());
    }
    if args.name == "messages" {
        eprintln!(
            "wrote the message catalogs; in the project's templates/messages/, a catalog changes \
             the words of its language, and a new one (named by the language's code) adds a language"
        );
    } else if args.folder.is_none() {
        eprintln!(
            "wrote the built-in template \"{}\"; the project's builds now use these files in place of the built-in ones",
            args.name
        );
    } else {
        eprintln!(
            "wrote the built-in template \"{}\"; copy what you change into the project's templates/{}/ to use it",
            args.name, args.name
        );
    }
    0
}
