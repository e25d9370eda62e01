//! Round trip of untrusted text: arbitrary Unicode, with every Typst, XML and Markdown special
//! character, written as a country input's paragraph, must come out of both writers exactly as
//! the expert typed it, and both builds must succeed.
//!
//! The text is escaped for Markdown before it is written (a backslash before every ASCII
//! punctuation character, which CommonMark defines as escapable), so Markdown gives back the
//! text itself. It is written three times, in a heading, a paragraph and the paragraph's
//! footnote, each time between a marker (`ZQXHEAD `, `ZQXMARK `, `ZQXNOTE `) and ` KRAMXQZ`,
//! so that Markdown trims nothing of it. Each is then read back:
//! - from the generated Typst source, which must hold it as a string literal
//!   (`escape::string_literal`) that Typst's own parser reads back as the same text, and which
//!   must compile to a PDF;
//! - from the DOCX (`word/document.xml`, `word/footnotes.xml`), read through the OOXML layer:
//!   the text of the one paragraph holding the marker (its `w:t`, with `w:tab` as a tab) must
//!   be the marked text;
//! - from the DOCX again, through our own Word reader (what `speca-docs import` reads an
//!   expert's file with): the one heading, paragraph or note holding the marker must read as
//!   the marked text.
//!
//! The generated text leaves out what cannot round-trip by design: control characters (tabs
//! and line ends included: Markdown reads them) and U+FFFE/U+FFFF, which XML 1.0 forbids and
//! the DOCX writer drops.
//!
//! `PROPTEST_CASES=1000 cargo test --test it roundtrip::` runs more cases than the default 64.

use crate::common::{TempProject, ooxml};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use speca_docs::build::{Format, PreparedTemplate, prepare_template};
use speca_docs::consolidate::{Options, consolidate};
use speca_docs::diag::{Diagnostics, Severity};
use speca_docs::import::word;
use speca_docs::model::Date;
use speca_docs::write;
use speca_docs::write::typst::escape::string_literal;

/// The markers that start the text in a heading, a paragraph and a footnote, and that end it.
const HEADING: &str = "ZQXHEAD";
const PARAGRAPH: &str = "ZQXMARK";
const FOOTNOTE: &str = "ZQXNOTE";
const END: &str = " KRAMXQZ";
const INPUT: &str = "sources/countries/uzb.en.md";

/// Every character Typst markup or code gives a meaning to, and sequences that do.
#[rustfmt::skip]
const TYPST_SPECIALS: &[&str] = &[
    "#", "$", "@", "<", ">", "*", "_", "`", "\\", "[", "]", "=", "~", "-", "+", "/", "\"", "'",
    "{", "}", "{#label}", "[](#label)", "(", ")", ";", ":", ".", ",", "--", "---", "...", "//", "/*", "*/", "\\u{41}",
    "#read(\"/etc/passwd\")", "#{panic()}", "#let x = 1", "#import \"/main.typ\"", "@ref",
    "<label>", "$x^2$", "```raw```", "#\"", "\";#panic();\"", "\\\"", "\\\\", "= H", "- item",
    "+ item", "/ term: x", "#set text(red)", "\u{2028}", "\u{2029}",
];

/// XML's special characters and sequences that would break or inject markup.
#[rustfmt::skip]
const XML_SPECIALS: &[&str] = &[
    "<", ">", "&", "\"", "'", "]]>", "<![CDATA[", "&amp;", "&lt;", "&#x41;", "&#0;", "<w:p/>",
    "</w:t></w:r><w:r><w:t>", "<?xml?>", "<!--", "-->", "xml:space=\"default\"",
];

/// Markdown constructs: escaped, they must come out as typed.
#[rustfmt::skip]
const MARKDOWN_SPECIALS: &[&str] = &[
    "**", "__", "~~", "[x](http://x.org)", "![a](media/chart.png)", "<http://x.org>",
    "www.example.org", "expert@example.org", "https://example.org/a_b", "[^1]", "&copy;",
    "&#35;", "|", "\\*", "<b>", "<!-- c -->", "1.", "1)", ">", "---", "===", "    ",
];

/// Whitespace other than the ASCII space, which Markdown must neither trim nor collapse here.
const SPACES: &[&str] = &[
    " ", "  ", "\u{a0}", "\u{2002}", "\u{2009}", "\u{200b}", "\u{3000}", "\u{feff}", "\u{1680}",
];

/// Whether a character can round-trip by design (see the module comment).
fn representable(c: char) -> bool {
    !c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}'
}

/// One piece of generated text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>()
            .prop_filter("representable", |c| representable(*c))
            .prop_map(String::from),
        3 => prop::sample::select(TYPST_SPECIALS).prop_map(str::to_string),
        2 => prop::sample::select(XML_SPECIALS).prop_map(str::to_string),
        2 => prop::sample::select(MARKDOWN_SPECIALS).prop_map(str::to_string),
        2 => "[a-zA-Zа-яА-ЯёЁ0-9]{1,8}",
        2 => prop::sample::select(SPACES).prop_map(str::to_string),
    ]
}

/// Text of up to 40 pieces.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// `text` with every ASCII punctuation character backslash-escaped.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A project with the fixture's meeting and documents, and the template, loaded once per test.
struct Harness {
    project: TempProject,
    template: PreparedTemplate,
    date: Date,
}

impl Harness {
    fn typst(&self) -> &write::typst::TypstTemplate {
        self.template.typst.as_ref().expect("prepared for Typst")
    }

    fn docx(&self) -> &write::docx::DocxTemplate {
        self.template.docx.as_ref().expect("prepared for DOCX")
    }

    fn new() -> Harness {
        let project = TempProject::fixture("minimal");
        let mut diags = Diagnostics::new();
        let template = prepare_template(&project.root, "un-document", &Format::ALL, &mut diags)
            .expect("the built-in template loads");
        assert!(!diags.has_errors(), "{diags:?}");
        Harness {
            project,
            template,
            date: Date::new(2023, 6, 1).unwrap(),
        }
    }

    /// Writes `text` as the UZB country input (in a heading, a paragraph and the paragraph's
    /// footnote), builds the English document as Typst, PDF and DOCX, and checks that `text`
    /// comes back out of each.
    fn round_trip(&self, text: &str) -> Result<(), String> {
        let escaped = markdown_escape(text);
        let source = format!(
            "---\ntype: country-input\ncountry: UZB\n---\n\
             ## {HEADING} {escaped}{END}\n\n\
             {PARAGRAPH} {escaped}{END}[^rt]\n\n\
             [^rt]: {FOOTNOTE} {escaped}{END}\n"
        );
        self.project.write(INPUT, &source);
        let expected = |marker: &str| format!("{marker} {text}{END}");

        let mut diags = Diagnostics::new();
        let project = speca_docs::load::load(&self.project.root, &mut diags)
            .map_err(|e| e.to_string())?
            .ok_or("the project did not load")?;
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(format!("loading failed:\n{}", errors.join("\n")));
        }
        let spec = project.document("brief").ok_or("no document `brief`")?;
        let options = Options {
            version: "draft".into(),
            is_final: false,
            left_out: Vec::new(),
        };
        let doc = consolidate(
            &project,
            spec,
            "en",
            &self.template.template.labels["en"],
            &options,
            &mut diags,
        );

        // Typst: each text is one string literal, which Typst reads back as the text.
        let typst = write::typst::to_typst(&doc, self.typst())?;
        let strings = typst_strings(&typst);
        for marker in [HEADING, PARAGRAPH, FOOTNOTE] {
            let expected = expected(marker);
            let literal = string_literal(&expected);
            if !typst.contains(&literal) {
                return Err(format!(
                    "the Typst source does not hold {literal}; the line with {marker}:\n{}",
                    typst
                        .lines()
                        .find(|l| l.contains(marker))
                        .unwrap_or("(no line holds the marker)")
                ));
            }
            if !strings.contains(&expected) {
                return Err(format!(
                    "Typst parses no string literal as {expected:?}; those with {marker}: {:?}",
                    strings
                        .iter()
                        .filter(|s| s.contains(marker))
                        .collect::<Vec<_>>()
                ));
            }
        }
        let world =
            write::typst::world::SpecaWorld::new(&doc, self.typst(), typst, Some(self.date));
        // Arbitrary text holds characters that no embedded font has, which PDF/A refuses to
        // show (a build reports them); this test is about escaping, so it claims no standard.
        let no_standard = write::typst::PdfStandards::parse(&["none".to_string()]).unwrap();
        let pdf = write::typst::compile(&world, "brief.en", Some(self.date), &no_standard)
            .map_err(|err| format!("the PDF does not compile:\n{err}"))?;
        if !pdf.bytes.starts_with(b"%PDF-") || pdf.pages == 0 {
            return Err("the PDF is empty".into());
        }

        // DOCX: the paragraph with each marker has the text, and nothing else.
        let docx_options = write::docx::DocxOptions {
            build_date: self.date,
            generator: "speca-docs roundtrip test",
        };
        let docx = write::docx::write_docx(&doc, self.docx(), &docx_options)
            .map_err(|err| format!("the DOCX is not written: {err}"))?;
        // Our own Word reader, as `speca-docs import` reads an expert's file, gives it back too.
        let read = word::read("the DOCX", &docx, &word::ReadOptions::default())
            .map_err(|err| format!("our Word reader refuses the DOCX: {}", err.message))?;
        let mut read_back = Vec::new();
        word_paragraphs(&read.body, &mut read_back);
        for blocks in read.notes.values() {
            word_paragraphs(blocks, &mut read_back);
        }
        for marker in [HEADING, PARAGRAPH, FOOTNOTE] {
            let expected = expected(marker);
            let found: Vec<&String> = read_back.iter().filter(|p| p.contains(marker)).collect();
            // A note's text follows its number and a tab, which the reader reads as a space.
            match found.as_slice() {
                [one] if one.trim_start() == expected => {}
                other => {
                    return Err(format!(
                        "our Word reader reads the paragraph with {marker} as {other:?} instead of \
                         {expected:?}"
                    ));
                }
            }
        }

        let docx = ooxml::Docx::read("the DOCX", &docx);
        let document = docx.xml("word/document.xml");
        let footnotes = docx.xml("word/footnotes.xml");
        for (part, xml, marker) in [
            ("document.xml", &document, HEADING),
            ("document.xml", &document, PARAGRAPH),
            ("footnotes.xml", &footnotes, FOOTNOTE),
        ] {
            let expected = expected(marker);
            // A footnote's paragraph starts with its mark and a tab.
            let paragraphs: Vec<String> = docx_paragraphs_with(xml, marker)
                .into_iter()
                .map(|p| p.strip_prefix('\t').map(str::to_string).unwrap_or(p))
                .collect();
            match paragraphs.as_slice() {
                [one] if *one == expected => {}
                [one] => {
                    return Err(format!(
                        "the DOCX paragraph with {marker} ({part}) reads\n  {one:?}\ninstead of\n  {expected:?}"
                    ));
                }
                other => {
                    return Err(format!(
                        "{} DOCX paragraphs of {part} hold {marker}: {other:?}",
                        other.len()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The values of every string literal in a Typst source, as Typst's parser reads them.
fn typst_strings(source: &str) -> Vec<String> {
    use typst::syntax::{SyntaxKind, SyntaxNode, ast};
    fn walk(node: &SyntaxNode, out: &mut Vec<String>) {
        if node.kind() == SyntaxKind::Str
            && let Some(s) = node.cast::<ast::Str>()
        {
            out.push(s.get().to_string());
        }
        for child in node.children() {
            walk(child, out);
        }
    }
    let root = typst::syntax::parse(source);
    let mut out = Vec::new();
    walk(&root, &mut out);
    out
}

/// The text of every heading and paragraph that our Word reader read, in order.
fn word_paragraphs(blocks: &[word::Block], out: &mut Vec<String>) {
    fn text(inlines: &[word::Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                word::Inline::Text { text, .. } => out.push_str(text),
                word::Inline::Link { content, .. } | word::Inline::Control { content, .. } => {
                    text(content, out)
                }
                word::Inline::LineBreak => out.push('\n'),
                word::Inline::Note(_) | word::Inline::Image { .. } => {}
            }
        }
    }
    for block in blocks {
        match block {
            word::Block::Heading { content, .. }
            | word::Block::Paragraph { content, .. }
            | word::Block::ListItem { content, .. } => {
                let mut line = String::new();
                text(content, &mut line);
                out.push(line);
            }
            word::Block::Table(table) => {
                for cell in table.rows.iter().flat_map(|row| &row.cells) {
                    word_paragraphs(&cell.content, out);
                }
            }
            _ => {}
        }
    }
}

/// The text of every paragraph of `xml` that contains `marker`, as Word shows it.
fn docx_paragraphs_with(xml: &str, marker: &str) -> Vec<String> {
    let tree = ooxml::parse(xml);
    ooxml::paragraphs(&tree)
        .into_iter()
        .map(ooxml::para_text)
        .filter(|text| text.contains(marker))
        .collect()
}

/// 64 cases, or `PROPTEST_CASES`.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        // Failures are reported with their minimal input; nothing is written into tests/.
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

#[test]
fn arbitrary_text_comes_back_unchanged_from_typst_pdf_and_docx() {
    let harness = Harness::new();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&text(), |text| {
        harness.round_trip(&text).map_err(TestCaseError::fail)
    });
    if let Err(err) = result {
        panic!("{err}");
    }
}

#[test]
fn typst_code_stays_text() {
    Harness::new().round_trip("#read(\"/etc/passwd\")").unwrap();
}

#[test]
fn xml_markup_stays_text() {
    Harness::new().round_trip("]]><w:p/>").unwrap();
}

#[test]
fn every_special_character_stays_text() {
    let harness = Harness::new();
    let all: String = TYPST_SPECIALS
        .iter()
        .chain(XML_SPECIALS)
        .chain(MARKDOWN_SPECIALS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    harness.round_trip(&all).unwrap();
    // And every ASCII punctuation character alone, then all of them run together.
    let punctuation: String = (0x21u8..0x7f)
        .map(char::from)
        .filter(char::is_ascii_punctuation)
        .collect();
    harness.round_trip(&punctuation).unwrap();
}
