//! Arbitrary bytes through the steps a contribution file takes before its fields are read:
//! `text::decode` → `front_matter::split` → `yaml::parse` of the front matter →
//! `markdown::parse` of the body (with no images).
//!
//! Invariants besides "no panic, no hang, no runaway memory":
//! - decoding leaves no `\r` and keeps every line end (CRLF, CR and LF each end one line);
//! - the split's parts are pieces of the text, at the lines it says;
//! - every position (YAML nodes, YAML errors, Markdown diagnostics) is a line of the file:
//!   at most its line count + 1, and YAML positions inside the front matter;
//! - the word count is the one `count_words` gives for the blocks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use speca_docs_fuzz::diag::{Diagnostics, Pos};
use speca_docs_fuzz::load::yaml::{Node, Value};
use speca_docs_fuzz::load::{front_matter, markdown, text, yaml};

const FILE: &str = "sources/countries/uzb.en.md";

fuzz_target!(|data: &[u8]| {
    let raw_lines = data.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let text = match text::decode(data) {
        Ok(text) => text,
        Err(err) => {
            assert!(
                err.pos.line <= raw_lines,
                "decode error at {:?} of {raw_lines} lines",
                err.pos
            );
            return;
        }
    };
    check_decoded(data, &text);
    let lines = text.matches('\n').count() as u32 + 1;

    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(err) => {
            assert!(err.pos.line >= 1 && err.pos.line <= lines + 1, "{err:?}");
            return;
        }
    };
    check_split(&text, &split);

    match yaml::parse(split.yaml, split.yaml_line) {
        Ok(node) => check_node(&node, split.yaml_line, split.body_line - 1),
        Err(err) => {
            assert!(
                err.pos.line >= split.yaml_line && err.pos.line < split.body_line,
                "YAML error at {:?}, outside the front matter (lines {}..{}): {}",
                err.pos,
                split.yaml_line,
                split.body_line - 1,
                err.message
            );
            assert!(!err.message.is_empty());
        }
    }

    let mut diags = Diagnostics::new();
    let mut no_images = |_: &str, _: &str, _: Pos, _: &mut Diagnostics| None;
    let body = markdown::parse(
        split.body,
        split.body_line,
        FILE,
        &mut diags,
        &mut no_images,
    );
    for d in diags.iter() {
        assert_eq!(d.file, FILE);
        assert!(
            d.line == 0 || (d.line >= split.body_line && d.line <= lines + 1),
            "diagnostic at line {} of a {lines}-line file whose body starts on line {}: {d}",
            d.line,
            split.body_line
        );
    }
    assert_eq!(body.words, markdown::count_words(&body.blocks));
});

/// Decoding drops one BOM and turns CRLF and lone CR into LF, changing nothing else.
fn check_decoded(data: &[u8], text: &str) {
    assert!(!text.contains('\r'));
    let bytes = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let line_ends = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count()
        - bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(
        text.matches('\n').count(),
        line_ends,
        "line ends lost or added"
    );
    let expected = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    assert_eq!(text, expected);
}

/// The parts are slices of the text: `---` line, YAML from line 2, closing line, body.
fn check_split(text: &str, split: &front_matter::Split<'_>) {
    assert_eq!(split.yaml_line, 2);
    assert!(text.starts_with("---"));
    assert!(text.ends_with(split.body));
    let yaml_start = text
        .find('\n')
        .expect("a closed front matter has a line end")
        + 1;
    assert!(text[yaml_start..].starts_with(split.yaml));
    // The body starts on the line after the closing delimiter.
    let body_start = text.len() - split.body.len();
    let closing = &text[yaml_start + split.yaml.len()..body_start];
    let closing = closing.strip_suffix('\n').unwrap_or(closing).trim_end();
    assert!(
        closing == "---" || closing == "...",
        "closing line {closing:?}"
    );
    let lines_before_body = text[..body_start].matches('\n').count() as u32;
    if body_start < text.len() || text.ends_with('\n') {
        assert_eq!(split.body_line, lines_before_body + 1);
    } else {
        // The file ends on the closing line, without a line end.
        assert_eq!(split.body_line, lines_before_body + 2);
    }
    assert_eq!(
        split.yaml.matches('\n').count() as u32,
        split.body_line - split.yaml_line - 1,
        "YAML lines and body line disagree"
    );
}

/// Every node of the front matter stands on a line of the front matter, at a real column.
fn check_node(node: &Node, first: u32, last: u32) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        assert!(
            node.pos.line >= first && node.pos.line <= last,
            "YAML node at {:?}, outside the front matter (lines {first}..={last}): {:?}",
            node.pos,
            node.value
        );
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}
