//! The guide cannot go stale (issue 22): every line of a fenced block marked `sh` in
//! `README.md` and `docs/*.md` is run, in order, by `sh` in a fresh copy of the sample project
//! per page, with the binary under test first on `PATH`. A command must exit 0 unless its
//! comment says `exits N`. A page prepares its copy with comments the reader does not see:
//!
//! - `<!-- guide: without PATH… -->` removes files of the sample;
//! - `<!-- guide: file DEST from SRC -->` copies a file of the repository in;
//! - `<!-- guide: filled-form DEST -->` writes a submission form filled in as Word fills it,
//!   `DEST` named `<country>.case-study.<lang>.docx`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::word::{Filling, esc, fill_form};
use crate::common::{self, TempProject};

/// A command of a page: where it stands, what it says, the exit code it promises.
#[derive(Debug)]
struct GuideCommand {
    line: usize,
    text: String,
    exit: i32,
}

/// A page's commands and its directives, in order.
#[derive(Debug, Default)]
struct Page {
    commands: Vec<GuideCommand>,
    directives: Vec<(usize, String)>,
}

/// The pages of the guide: the README and every Markdown file of `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![common::repo().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(common::repo().join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// Reads a page's `sh` blocks (also indented ones, inside list items) and directives.
fn parse(text: &str) -> Page {
    let mut page = Page::default();
    // The open fence: its indentation and whether it is a `sh` block.
    let mut fence: Option<(usize, bool)> = None;
    let mut pending: Option<GuideCommand> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim_start();
        let indent = raw.len() - trimmed.len();
        if trimmed.starts_with("```") {
            fence = match fence {
                Some(_) => None,
                None => {
                    let info = trimmed.trim_start_matches('`').trim();
                    Some((indent, info.split_whitespace().next() == Some("sh")))
                }
            };
            continue;
        }
        match fence {
            Some((_, true)) => {
                let command = raw.get(indent.min(raw.len())..).unwrap_or(raw).trim();
                if let Some(mut open) = pending.take() {
                    open.text.push(' ');
                    open.text.push_str(command.trim_end_matches('\\'));
                    if command.ends_with('\\') {
                        pending = Some(open);
                    } else {
                        page.commands.push(open);
                    }
                    continue;
                }
                if command.is_empty() || command.starts_with('#') {
                    continue;
                }
                let exit = command
                    .split("# exits ")
                    .nth(1)
                    .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                    .map_or(0, |code| code.parse().expect("exits N"));
                let open = GuideCommand {
                    line,
                    text: command.trim_end_matches('\\').to_string(),
                    exit,
                };
                if command.ends_with('\\') {
                    pending = Some(open);
                } else {
                    page.commands.push(open);
                }
            }
            Some((_, false)) => {}
            None => {
                if let Some(directive) = trimmed
                    .strip_prefix("<!-- guide:")
                    .and_then(|rest| rest.strip_suffix("-->"))
                {
                    page.directives.push((line, directive.trim().to_string()));
                }
            }
        }
    }
    assert!(fence.is_none(), "a fence is left open");
    page
}

/// Prepares the copy of the sample as a directive says.
fn prepare(project: &TempProject, directive: &str, at: &str) {
    let words: Vec<&str> = directive.split_whitespace().collect();
    match words.as_slice() {
        ["without", paths @ ..] if !paths.is_empty() => {
            for path in paths {
                project.remove(path);
            }
        }
        ["file", dest, "from", source] => {
            let bytes = std::fs::read(common::repo().join(source))
                .unwrap_or_else(|e| panic!("{at}: {source}: {e}"));
            project.write(dest, bytes);
        }
        ["filled-form", dest] => {
            let name = Path::new(dest).file_name().unwrap().to_str().unwrap();
            let [country, "case-study", lang, "docx"] = name.split('.').collect::<Vec<_>>()[..]
            else {
                panic!("{at}: a filled form is named <country>.case-study.<lang>.docx");
            };
            let forms = common::temp_dir("guide-forms");
            let out = forms.path().to_str().unwrap();
            let (code, _, err) = project.run(&[
                "form",
                country,
                "--type",
                "case-study",
                "--lang",
                lang,
                "-o",
                out,
            ]);
            assert_eq!(code, 0, "{at}: {err}");
            let form = std::fs::read(forms.path().join(name)).unwrap();
            let paragraph = |style: Option<&str>, text: &str| {
                let style = style.map_or(String::new(), |s| {
                    format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
                });
                format!(
                    "<w:p>{style}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                    esc(text)
                )
            };
            let body = [
                paragraph(Some("Heading2"), "Background"),
                paragraph(
                    None,
                    "The hub opened in Bishkek in 2019 to give young founders a desk, mentors \
                     and a first customer.",
                ),
                paragraph(Some("Heading2"), "Results"),
                paragraph(
                    None,
                    "By 2022 it had hosted 40 start-ups, 12 of which found investors.",
                ),
            ]
            .concat();
            let filled = fill_form(
                &form,
                &Filling {
                    fields: &[
                        ("title", "Bishkek Startup Hub"),
                        ("organization", "Startup Hub of Bishkek"),
                        ("period", "2019–2022"),
                        (
                            "summary",
                            "A hub that helps young founders in Bishkek to start.",
                        ),
                        ("themes", "incubators"),
                        ("submitted", "28.06.2022"),
                    ],
                    body,
                    footnotes: &[],
                    pictures: &[],
                },
            );
            project.write(dest, filled);
        }
        _ => panic!("{at}: unknown directive <!-- guide: {directive} -->"),
    }
}

/// Runs a page's commands in a fresh copy of the sample; returns what went wrong.
fn run_page(path: &Path) -> Vec<String> {
    let name = path
        .strip_prefix(common::repo())
        .unwrap()
        .display()
        .to_string();
    let page = parse(&std::fs::read_to_string(path).unwrap());
    let project = TempProject::fixture("sample");
    for (line, directive) in &page.directives {
        prepare(&project, directive, &format!("{name}:{line}"));
    }
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_speca-docs"));
    let path_var = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let mut failures = Vec::new();
    for command in &page.commands {
        let output = Command::new("sh")
            .arg("-c")
            .arg(&command.text)
            .current_dir(&project.root)
            .env("PATH", &path_var)
            .env_remove("SPECA_DOCS_VERSION")
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("sh runs");
        let code = output.status.code().unwrap_or(-1);
        if code != command.exit {
            failures.push(format!(
                "{name}:{}: `{}` exited {code}, the guide says {}\n{}{}",
                command.line,
                command.text,
                command.exit,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    failures
}

#[cfg(unix)]
#[test]
fn every_command_of_the_guide_runs_on_the_sample() {
    let pages = pages();
    assert!(pages.len() >= 7, "{pages:?}");
    let mut ran = 0;
    let mut failures = Vec::new();
    // Pages run side by side, each in its own copy of the sample.
    std::thread::scope(|scope| {
        let runs: Vec<_> = pages
            .iter()
            .map(|page| scope.spawn(move || run_page(page)))
            .collect();
        for run in runs {
            failures.extend(run.join().unwrap());
        }
    });
    for page in &pages {
        let commands = parse(&std::fs::read_to_string(page).unwrap())
            .commands
            .len();
        eprintln!("{}: {commands} commands", page.display());
        ran += commands;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The guide has commands for every reader: a page whose blocks lost their `sh` mark would
    // pass with nothing run.
    assert!(ran >= 30, "only {ran} commands ran");
}

#[test]
fn the_guide_reader_finds_commands_exits_and_directives() {
    let page = parse(
        "<!-- guide: without a.md -->\n\
         ```sh\n\
         speca-docs check   # exits 1: not yet\n\
         # a comment\n\
         speca-docs build \\\n  --lang en\n\
         ```\n\
         ```bash\n\
         cargo test\n\
         ```\n\
         1. item\n\n   ```sh\n   speca-docs status\n   ```\n",
    );
    let commands: Vec<(&str, i32)> = page
        .commands
        .iter()
        .map(|c| (c.text.as_str(), c.exit))
        .collect();
    assert_eq!(
        commands,
        [
            ("speca-docs check   # exits 1: not yet", 1),
            ("speca-docs build  --lang en", 0),
            ("speca-docs status", 0),
        ]
    );
    assert_eq!(page.directives, [(1, "without a.md".to_string())]);
}

#[test]
fn the_readme_is_short_and_points_to_the_guide() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    assert!(readme.lines().count() < 150, "the README grew long");
    for page in [
        "experts",
        "secretariat",
        "documents",
        "ci",
        "templates",
        "commands",
    ] {
        assert!(readme.contains(&format!("(docs/{page}.md)")), "{page}");
    }
}

#[test]
fn the_guides_copy_of_the_sources_contract_is_the_contract() {
    // The programme keeps the contract beside this repository (../shared/spec/sources.md);
    // the guide ships a copy, which must not drift from it. A clone without the programme's
    // folder has only the copy.
    let contract = common::repo().join("../shared/spec/sources.md");
    let Ok(original) = std::fs::read(&contract) else {
        eprintln!("the programme's contract is not beside this repository: copy not compared");
        return;
    };
    assert!(
        std::fs::read(common::repo().join("docs/sources.md")).unwrap() == original,
        "docs/sources.md differs from {}: copy it again",
        contract.display()
    );
}
