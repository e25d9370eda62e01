//! YAML as a tree of nodes that remember where they stand in the file.
//!
//! serde-saphyr parses the YAML (with its resource budget against alias bombs and deep nesting)
//! into [`Node`]s that carry each value's line and column; the record readers in
//! [`super::fields`] then turn nodes into typed records and report *every* problem they meet,
//! not only the first, with the place of the value at fault.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::yaml_hints;
use crate::diag::{Pos, Severity};

/// A YAML value with its position in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// What kind of value this is, in words a person reads: "a list", "a number".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as text when it is a scalar: numbers and booleans as written in YAML.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}

/// A YAML syntax or resource problem, with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    /// How to mend it, when the raw line shows a mistake experts make (see [`yaml_hints`]).
    pub hint: Option<String>,
}

/// A YAML double-quoted scalar holding exactly `text`: escaped as JSON escapes it (a subset
/// of YAML's double-quoted escapes), plus the line breaks YAML 1.1 readers see in U+0085,
/// U+2028 and U+2029, so nothing in `text` can become YAML structure.
pub fn double_quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    json.replace('\u{85}', "\\N")
        .replace('\u{2028}', "\\L")
        .replace('\u{2029}', "\\P")
}

/// A YAML problem to report: a syntax error, or a mistake that YAML accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

/// A YAML text read for loading: its tree when it parses, and every problem found in it.
#[derive(Debug)]
pub struct Reading {
    pub node: Option<Node>,
    /// When the text does not parse but does with the refused lines mended as the problems'
    /// hints say: that tree, whose fields can still be checked, so that a wrong country or
    /// date is reported in the same run as the syntax the expert has to mend (lines are the
    /// file's; a mended line's columns may be off by its quotes).
    pub mended: Option<Node>,
    pub problems: Vec<Problem>,
}

/// Reads one YAML document as [`parse`] does, after [`yaml_hints::scan`] has read its lines,
/// so that every mistake that a line shows is reported in one run, not only the first one the
/// parser stops at: an error where YAML refuses the line, a warning where it accepts it. The
/// parser's own message is reported only where no mistake found in the lines explains it.
pub fn read(text: &str, first_line: u32) -> Reading {
    let mut found = yaml_hints::scan(text, first_line);
    let mut problems = Vec::new();
    let mut mended = None;
    let node = match parse_bare(text, first_line) {
        Ok(node) => Some(node),
        Err((pos, message)) => {
            if !yaml_hints::explains(&mut found, pos, &message) {
                let error = explained(text, first_line, pos, message);
                problems.push(Problem {
                    severity: Severity::Error,
                    pos: error.pos,
                    message: error.message,
                    hint: error.hint,
                });
            }
            mended = confirm_further(text, first_line, &mut found);
            None
        }
    };
    for hint in found {
        // Whatever the scan thought, a text that parses is accepted.
        let problem = if hint.fails && node.is_none() {
            Problem {
                severity: Severity::Error,
                pos: hint.pos,
                message: format!("invalid YAML: {}", hint.message),
                hint: Some(hint.hint),
            }
        } else {
            let (message_end, hint_end) = hint.when_accepted.unwrap_or_default();
            Problem {
                severity: Severity::Warning,
                pos: hint.pos,
                message: hint.message + &message_end,
                hint: Some(hint.hint + &hint_end),
            }
        };
        problems.push(problem);
    }
    Reading {
        node,
        mended,
        problems,
    }
}

/// How many times [`confirm_further`] may parse a text again: a file is seldom wrong in more
/// places the parser must judge, and a file built with thousands of them stays quick to read
/// (the tabs past these are reported as warnings).
const CONFIRMING_PARSES: usize = 32;

/// The parser stops at the first line it refuses and never reads the lines after it, so it
/// cannot say whether it would refuse a tab further down. Parsing again with the lines found
/// so far mended as their hints say tells: each further line it stops on that a finding
/// explains is refused too. Stops where the text parses or the parser stops on a line that
/// nothing found explains (its message is not reported: that text is not the author's).
/// Returns the tree of the mended text when it parses.
fn confirm_further(
    text: &str,
    first_line: u32,
    found: &mut [yaml_hints::YamlHint],
) -> Option<Node> {
    for _ in 0..found.len().min(CONFIRMING_PARSES) {
        let refused = found.iter().filter(|hint| hint.fails).count();
        let mended = yaml_hints::mended_text(text, first_line, found);
        let (pos, message) = match parse_bare(&mended, first_line) {
            Ok(node) => return Some(node),
            Err(error) => error,
        };
        if !yaml_hints::explains(found, pos, &message)
            || found.iter().filter(|hint| hint.fails).count() == refused
        {
            return None;
        }
    }
    None
}

/// Parses one YAML document. `first_line` is the line of the file on which the YAML text
/// starts, so that positions are lines of the file (front matter starts on line 2).
///
/// An empty document is `Value::Null` at `first_line`.
pub fn parse(text: &str, first_line: u32) -> Result<Node, YamlError> {
    parse_bare(text, first_line).map_err(|(pos, message)| explained(text, first_line, pos, message))
}

/// A syntax error as the parser reported it, explained when the line shows a known mistake.
fn explained(text: &str, first_line: u32, pos: Pos, message: String) -> YamlError {
    // The parser's words name YAML's grammar; when the line shows a known mistake, say what it
    // is, where it is, and how the line reads mended.
    match yaml_hints::explain_error(text, first_line, pos, &message) {
        Some(explained) => YamlError {
            pos: explained.pos,
            message: format!("invalid YAML: {}", explained.message),
            hint: Some(explained.hint),
        },
        None => YamlError {
            pos,
            message,
            hint: None,
        },
    }
}

/// Parses with serde-saphyr; an error is its position in the file and the parser's message.
fn parse_bare(text: &str, first_line: u32) -> Result<Node, (Pos, String)> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::new(first_line, 1),
        });
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_events: 1_000_000,
            // Front matter has dozens of nodes and meeting.yaml hundreds: an alias bomb is
            // refused long before it costs time.
            max_nodes: 20_000,
            max_total_scalar_bytes: 16 * 1024 * 1024,
        },
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    let shift = first_line.saturating_sub(1);
    serde_saphyr::from_str_with_options::<Spanned<RawValue>>(text, options)
        .map(|root| root.into_node(shift))
        .map_err(|err| {
            let pos = err
                .location()
                .filter(|l| l.line() > 0)
                .map(|l| Pos::new(l.line() as u32 + shift, l.column() as u32))
                .unwrap_or(Pos::new(first_line, 1));
            (pos, describe_error(&err))
        })
}

/// The first line of saphyr's message, without its source snippet and position suffix, and
/// with budget breaches said in words.
fn describe_error(err: &serde_saphyr::Error) -> String {
    let full = err.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("invalid YAML").trim();
    let first = match first.find(" at line ") {
        Some(at) => &first[..at],
        None => first,
    };
    let lower = first.to_lowercase();
    if lower.contains("budget") {
        format!("the YAML is too large or too deeply nested to read safely ({first})")
    } else {
        format!("invalid YAML: {first}")
    }
}

/// What serde-saphyr produces; converted into [`Node`] once positions are shifted.
#[derive(Debug)]
enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<RawValue>, Spanned<RawValue>)>),
}

trait IntoNode {
    fn into_node(self, shift: u32) -> Node;
}

impl IntoNode for Spanned<RawValue> {
    fn into_node(self, shift: u32) -> Node {
        let pos = Pos::new(
            self.referenced.line() as u32 + shift,
            self.referenced.column() as u32,
        );
        let value = match self.value {
            RawValue::Null => Value::Null,
            RawValue::Bool(b) => Value::Bool(b),
            RawValue::Int(i) => Value::Int(i),
            RawValue::Float(f) => Value::Float(f),
            RawValue::Str(s) => Value::Str(s),
            RawValue::Seq(items) => {
                Value::Seq(items.into_iter().map(|n| n.into_node(shift)).collect())
            }
            RawValue::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_node(shift), v.into_node(shift)))
                    .collect(),
            ),
        };
        Node { value, pos }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(i64::try_from(v)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(v as f64)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
        Ok(i64::try_from(v)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(v as f64)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
        Ok(i64::try_from(v)
            .map(RawValue::Int)
            .unwrap_or(RawValue::Float(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawValue, E> {
        Ok(RawValue::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawValue>>()? {
            let value = map.next_value::<Spanned<RawValue>>()?;
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        parse(text, 1).expect("valid YAML")
    }

    fn entry<'a>(node: &'a Node, key: &str) -> &'a Node {
        match &node.value {
            Value::Map(entries) => {
                &entries
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(key))
                    .unwrap()
                    .1
            }
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn keeps_positions_and_scalar_types() {
        let root = parse_ok(
            "country: KAZ\nsubmitted: 2022-06-28\nvalue: 90.9\nyear: 2021\nquoted: \"2021\"\nnone: ~\n",
        );
        assert_eq!(entry(&root, "country").pos, Pos::new(1, 10));
        assert_eq!(entry(&root, "country").value, Value::Str("KAZ".into()));
        assert_eq!(
            entry(&root, "submitted").value,
            Value::Str("2022-06-28".into())
        );
        assert_eq!(entry(&root, "value").value, Value::Float(90.9));
        assert_eq!(entry(&root, "year").value, Value::Int(2021));
        assert_eq!(entry(&root, "quoted").value, Value::Str("2021".into()));
        assert_eq!(entry(&root, "none").value, Value::Null);
    }

    #[test]
    fn shifts_lines_to_the_file() {
        let root = parse("a: 1\nb:\n  - x\n", 2).unwrap();
        let b = entry(&root, "b");
        match &b.value {
            Value::Seq(items) => assert_eq!(items[0].pos, Pos::new(4, 5)),
            _ => panic!(),
        }
    }

    #[test]
    fn syntax_errors_carry_file_lines() {
        let err = parse("a: 1\nb: [unclosed\n", 2).unwrap_err();
        assert!(err.pos.line >= 3, "{err:?}");
        assert!(err.message.starts_with("invalid YAML"), "{err:?}");
    }

    #[test]
    fn yes_and_no_stay_text() {
        let root = parse_ok("a: no\nb: yes\nc: true\n");
        assert_eq!(entry(&root, "a").value, Value::Str("no".into()));
        assert_eq!(entry(&root, "c").value, Value::Bool(true));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let err = parse(&text, 1).unwrap_err();
        assert!(err.message.contains("too large"), "{err:?}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("a: 1\na: 2\n", 1).unwrap_err();
        assert_eq!(err.pos.line, 2, "{err:?}");
    }
}
