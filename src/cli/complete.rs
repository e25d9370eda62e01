//! Shell completion of what only the project knows: its documents, countries, languages and
//! built versions. The shell runs speca-docs at each Tab (`SPECA_DOCS_COMPLETE=bash
//! speca-docs -- …`, clap_complete's dynamic engine), which finds the project from the current
//! folder as every command does; a folder in no project completes no values, never fails.

use std::path::PathBuf;

use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};

/// The variable through which the shell asks for completions. Not the engine's default
/// `COMPLETE`, which another program's environment may well set.
pub const VARIABLE: &str = "SPECA_DOCS_COMPLETE";

/// The project of the line being completed: the `-C DIR` it names, else the folder the shell
/// stands in; either, or a folder above it.
fn project() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    // The engine is run as `speca-docs -- speca-docs [words of the line…]`.
    let words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let named = words.windows(2).find_map(|pair| {
        if pair[0] == "-C" {
            Some(PathBuf::from(&pair[1]))
        } else {
            pair[0]
                .to_str()
                .and_then(|word| word.strip_prefix("-C"))
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        }
    });
    let start = match named {
        Some(dir) => here.join(dir),
        None => here,
    };
    start
        .ancestors()
        .find(|dir| dir.join("sources").join("meeting.yaml").is_file())
        .map(|dir| dir.to_path_buf())
}

fn meeting() -> Option<crate::load::meeting::Meeting> {
    let mut diags = crate::diag::Diagnostics::new();
    crate::load::load_meeting(&project()?, &mut diags)
        .ok()
        .flatten()
}

/// The documents' ids: the names of `sources/documents/*.yaml`.
pub fn documents() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(root) = project() else {
            return Vec::new();
        };
        let mut ids: Vec<String> = std::fs::read_dir(root.join("sources").join("documents"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.strip_suffix(".yaml").map(str::to_string)
            })
            .collect();
        ids.sort();
        ids.into_iter().map(CompletionCandidate::new).collect()
    })
}

/// The countries of meeting.yaml, by code, with their names as help: those whose code or
/// name (in any language of the meeting) begins with what was typed, in any case, since the
/// commands take either.
pub fn countries() -> ArgValueCompleter {
    ArgValueCompleter::new(|typed: &std::ffi::OsStr| {
        let Some(meeting) = meeting() else {
            return Vec::new();
        };
        let typed = typed.to_string_lossy().to_lowercase();
        // A meeting.yaml with errors may list no language: codes alone then.
        let lang = meeting.languages.first().cloned();
        meeting
            .countries
            .iter()
            .filter(|country| {
                std::iter::once(country.code.as_str())
                    .chain(meeting.languages.iter().map(|l| country.name.get(l, l)))
                    .any(|name| name.to_lowercase().starts_with(&typed))
            })
            .map(|country| {
                let candidate = CompletionCandidate::new(country.code.clone());
                match &lang {
                    Some(lang) => {
                        candidate.help(Some(meeting.country_name(&country.code, lang).into()))
                    }
                    None => candidate,
                }
            })
            .collect()
    })
}

/// The languages of meeting.yaml.
pub fn languages() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        meeting()
            .map(|meeting| meeting.languages)
            .unwrap_or_default()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}

/// The versions built so far: the folders under `output/<doc-id>/` that hold a manifest.
pub fn versions() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Some(root) = project() else {
            return Vec::new();
        };
        let mut versions: Vec<String> = std::fs::read_dir(root.join("output"))
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|document| std::fs::read_dir(document.path()).into_iter().flatten())
            .flatten()
            .filter(|version| version.path().join("manifest.json").is_file())
            .map(|version| version.file_name().to_string_lossy().into_owned())
            .collect();
        versions.sort();
        versions.dedup();
        versions.into_iter().map(CompletionCandidate::new).collect()
    })
}

/// The script a shell sources to complete speca-docs: it asks speca-docs itself, found on
/// `PATH`, at every Tab.
pub fn registration(shell: clap_complete::Shell) -> Result<Vec<u8>, String> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| format!("no completion for the shell {name}"))?;
    let mut script = Vec::new();
    completer
        .write_registration(
            VARIABLE,
            "speca-docs",
            "speca-docs",
            "speca-docs",
            &mut script,
        )
        .map_err(|e| e.to_string())?;
    Ok(script)
}
