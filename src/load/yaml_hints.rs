//! Plain-language explanations of the YAML mistakes that experts make, found in the raw lines.
//!
//! Experts are not programmers: "mapping values are not allowed in this context" tells them
//! nothing, and some mistakes (typographic quotes, tabs YAML happens to accept) are not errors
//! at all yet keep the text from meaning what the expert meant. The raw line shows what the
//! mistake was, and the hint gives the corrected line.
//!
//! The parser stops at the first error of a file, so a file with three mistakes would take
//! three runs to mend. [`scan`] reads every line before the parser does and finds every mistake
//! a line shows on its own; [`super::yaml::read`] then reports each once, as an error where
//! YAML refuses the line and as a warning where YAML reads it other than meant.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::yaml::double_quoted;
use crate::diag::Pos;

/// A mistake found in a raw line, with its place in the file and the way to mend it.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlHint {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
    /// YAML refuses the line as written (rather than reading it other than meant), so the
    /// parse fails on it. The scan sets it where that is certain; [`explains`] where the
    /// parser stopped on the line.
    pub fails: bool,
    /// A tab in the indentation: YAML refuses some and accepts others, by where they stand.
    pub tab: bool,
    /// For a mistake YAML may accept: what the message and the hint say more when it does.
    pub when_accepted: Option<(String, String)>,
    /// The line as it should be, every mistake found on it mended.
    pub mended: String,
}

/// Opening and closing quotation marks that word processors and keyboards type instead of
/// `"`: English “…” and ‘…’, Russian «…» and „…“, Swedish ”…”. YAML treats none of them as
/// quotes.
const TYPOGRAPHIC_OPENING: &[char] = &['“', '”', '„', '«', '‘', '’', '‚', '‹'];
const TYPOGRAPHIC_CLOSING: &[char] = &['”', '“', '»', '’', '‘', '›'];

/// The characters that give a value a YAML meaning other than plain text when it starts with
/// one: quotes, flow collections, block scalars, anchors, aliases, tags, reserved characters.
const YAML_INDICATORS: &[char] = &[
    '"', '\'', '{', '[', '|', '>', '&', '*', '!', '%', '@', '`', '#',
];

/// The spaces for one level of indentation when no line of the file shows how many it uses.
const DEFAULT_INDENT: usize = 2;

const QUOTE_IT: &str = "put the value in quotes";
const SPACE_AFTER_COLON: &str = "put a space after the colon";
const STRAIGHT_QUOTES: &str = "use straight quotes \"…\"";
const REPLACE_TAB: &str = "replace the tab at the start of the line with spaces, as many as the \
                           lines around it use for the same level";

/// One `key: value` line of block YAML, as written.
#[derive(Debug)]
struct Entry<'a> {
    /// Everything before the key: indentation and any `- ` list markers.
    lead: &'a str,
    /// The key as written (a quoted key keeps its quotes).
    key: &'a str,
    /// The value without the spaces after the colon and without a trailing comment.
    value: &'a str,
    /// The byte where the value starts in the line.
    value_at: usize,
}

impl Entry<'_> {
    fn range(&self) -> Range<usize> {
        self.value_at..self.value_at + self.value.len()
    }
}

/// The bytes of indentation and `- ` list markers at the start of `line`.
fn lead_end(line: &str) -> usize {
    let mut end = 0;
    loop {
        end = line.len() - line[end..].trim_start_matches([' ', '\t']).len();
        if line[end..].starts_with("- ") {
            end += 2;
        } else {
            return end;
        }
    }
}

/// Reads `line` as `lead key: value # comment`; `None` for anything else (comments, list items
/// without a key, keys without a value on their line, continuation lines).
fn entry(line: &str) -> Option<Entry<'_>> {
    let lead_end = lead_end(line);
    let rest = &line[lead_end..];
    // A quoted key ends at its closing quote; a plain one at the first ": ".
    let colon = if rest.starts_with(['"', '\'']) {
        let end = quoted_end(rest)?;
        (separator(&rest[end..]) == Some(0)).then_some(end)?
    } else {
        separator(rest)?
    };
    let key = &rest[..colon];
    if key.is_empty()
        || (!key.starts_with(['"', '\''])
            && (key.starts_with(YAML_INDICATORS)
                || key.contains(['#', '"', '\'', '{', '}', '[', ']', ','])))
    {
        return None;
    }
    let after_colon = lead_end + colon + 1;
    let value_at = line.len() - line[after_colon..].trim_start().len();
    let rest = line[value_at..].trim_end();
    let value = rest[..comment_start(rest)].trim_end();
    if value.is_empty() {
        return None;
    }
    Some(Entry {
        lead: &line[..lead_end],
        key,
        value,
        value_at,
    })
}

/// The byte of the first `: ` (or colon and tab) in `text`, which YAML reads as the colon
/// after a key.
fn separator(text: &str) -> Option<usize> {
    text.match_indices(':')
        .find(|&(at, _)| text[at + 1..].starts_with([' ', '\t']))
        .map(|(at, _)| at)
}

/// Where the comment starts in `rest`, a value and what follows it on its line; its length
/// when there is none. A ` #` inside quotes or brackets is text, not a comment.
fn comment_start(rest: &str) -> usize {
    let value_end = match rest.chars().next() {
        Some('#') => return 0,
        Some('"' | '\'') => quoted_end(rest),
        Some('[' | '{') => flow(rest, 0, false).map(|f| f.end),
        _ => Some(0),
    };
    // A quoted value or a flow collection that goes on below holds the rest of the line.
    let Some(value_end) = value_end else {
        return rest.len();
    };
    comment_after_space(&rest[value_end..]).map_or(rest.len(), |at| value_end + at)
}

/// The byte of the space before the first ` #` (or tab and `#`) of `text`, where YAML starts
/// a comment.
fn comment_after_space(text: &str) -> Option<usize> {
    text.match_indices('#')
        .find(|&(at, _)| text[..at].ends_with([' ', '\t']))
        .map(|(at, _)| at - 1)
}

/// The byte just after the quote that closes the quoted scalar `text` starts with, if it
/// closes in `text`: `\"` does not close a double-quoted scalar, nor `''` a single-quoted.
fn quoted_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.first()?;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b if b == quote && quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// A flow collection written on one line (`[a, b]`, `{en: A, ru: B}`), as found in it.
#[derive(Debug)]
struct Flow {
    /// The byte just after its closing bracket.
    end: usize,
    /// Its items, trimmed, split at its own commas (not at those inside quotes or inside
    /// brackets of its items).
    items: Vec<Range<usize>>,
}

/// Reads the flow collection whose opening bracket is at byte `open` of `line`. `None` when it
/// does not close on the line (it goes on below) or its brackets do not match (the parser
/// says so). Without `comments`, a ` #` inside is read as text, as the author of a one-line
/// collection meant it; with them, as YAML reads it, to the end of its line (for a collection
/// read over several lines of a text).
fn flow(line: &str, open: usize, comments: bool) -> Option<Flow> {
    let bytes = line.as_bytes();
    let mut closers = Vec::new();
    let mut items = Vec::new();
    let mut item_start = open + 1;
    // A quote opens a quoted scalar where a scalar starts: after a bracket or a comma, after
    // a colon and a space (or a colon right after a quoted key, as in JSON), after an anchor
    // or a tag there (`&name "text"`); after text (`Women's`) it is an apostrophe.
    let mut opens = false;
    let mut in_property = false;
    let mut after_colon = false;
    let mut after_quoted = false;
    let mut i = open;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'[' => closers.push(b']'),
            b'{' => closers.push(b'}'),
            b']' | b'}' => {
                if closers.pop() != Some(b) {
                    return None;
                }
                if closers.is_empty() {
                    push_item(line, item_start..i, &mut items);
                    return Some(Flow { end: i + 1, items });
                }
            }
            b',' if closers.len() == 1 => {
                push_item(line, item_start..i, &mut items);
                item_start = i + 1;
            }
            b'"' | b'\'' if opens => {
                i += quoted_end(&line[i..])?;
                (opens, after_colon, after_quoted) = (false, false, true);
                continue;
            }
            b'#' if comments && i > open && bytes[i - 1].is_ascii_whitespace() => {
                i = line[i..].find('\n').map_or(line.len(), |end| i + end);
                continue;
            }
            _ => {}
        }
        if b.is_ascii_whitespace() {
            opens |= in_property || after_colon;
            (in_property, after_colon) = (false, false);
        } else {
            match b {
                b'[' | b'{' | b',' => (opens, in_property) = (true, false),
                b':' => (opens, in_property, after_colon) = (after_quoted, false, true),
                b'&' | b'!' if opens => (opens, in_property) = (false, true),
                _ if in_property => {}
                _ => (opens, after_colon) = (false, false),
            }
            after_quoted = false;
        }
        i += 1;
    }
    None
}

/// Adds the item at `range` of `line`, trimmed, unless it is empty (`[a, , b]`, `[a, ]`).
fn push_item(line: &str, range: Range<usize>, items: &mut Vec<Range<usize>>) {
    let text = &line[range.clone()];
    let start = range.start + text.len() - text.trim_start().len();
    let end = range.start + text.trim_end().len();
    if start < end {
        items.push(start..end);
    }
}

/// Splits a flow item `key: value` (the key plain or quoted); the whole item is the value
/// when it has no key, and the value is empty when it is `key:`.
fn pair(line: &str, item: Range<usize>) -> (Option<&str>, Range<usize>) {
    let text = &line[item.clone()];
    let colon = match text.chars().next() {
        Some('[' | '{') => None,
        // A quoted key may be followed by its colon with no space, as in JSON.
        Some('"' | '\'') => quoted_end(text)
            .map(|end| end + text[end..].len() - text[end..].trim_start().len())
            .filter(|&colon| text[colon..].starts_with(':')),
        _ => separator(text).or_else(|| text.ends_with(':').then(|| text.len() - 1)),
    };
    match colon {
        Some(colon) => {
            let after = &text[colon + 1..];
            let start = item.start + colon + 1 + after.len() - after.trim_start().len();
            (Some(text[..colon].trim_end()), start..item.end)
        }
        None => (None, item),
    }
}

/// The value without typographic quotes around it, when it is wholly inside a pair of them.
fn typographic_inner(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    let last = value.chars().last()?;
    if value.chars().count() >= 2
        && TYPOGRAPHIC_OPENING.contains(&first)
        && TYPOGRAPHIC_CLOSING.contains(&last)
    {
        Some(&value[first.len_utf8()..value.len() - last.len_utf8()])
    } else {
        None
    }
}

/// Whether `value` is the header of a block scalar: `|` or `>`, then at most an indentation
/// digit and a `+` or `-`.
fn block_header(value: &str) -> bool {
    let (mut digit, mut sign) = (false, false);
    value.starts_with(['|', '>'])
        && value[1..].chars().all(|c| match c {
            '1'..='9' if !digit => {
                digit = true;
                true
            }
            '+' | '-' if !sign => {
                sign = true;
                true
            }
            _ => false,
        })
}

/// Where a value stands: its subject in messages.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    key: Option<&'a str>,
    /// The key of the flow collection the value is in, if it is in one that has a key.
    parent: Option<&'a str>,
    /// Inside a flow collection (`{…}`, `[…]`), where commas and brackets end plain values.
    flow: bool,
}

impl Place<'_> {
    /// `the value of "en" in "title"`, `an item of "themes"`.
    fn subject(&self) -> String {
        let unquoted = |key: &str| key.trim_matches(['"', '\'']).to_string();
        match (self.key.map(unquoted), self.parent.map(unquoted)) {
            (Some(key), Some(parent)) => format!("the value of \"{key}\" in \"{parent}\""),
            (Some(key), None) => format!("the value of \"{key}\""),
            (None, Some(parent)) => format!("an item of \"{parent}\""),
            (None, None) => "a list item".into(),
        }
    }
}

/// A value or an indentation to mend on one line.
#[derive(Debug)]
struct Fix {
    /// The byte the mistake is at, for its column.
    at: usize,
    /// The bytes of the line to replace.
    range: Range<usize>,
    replacement: String,
    message: String,
    /// How to mend it, said before the corrected line.
    how: &'static str,
    fails: bool,
    tab: bool,
    when_accepted: Option<(String, String)>,
}

impl Fix {
    /// The value at `range` in double quotes, because YAML refuses it as written.
    fn quote(range: Range<usize>, meant: &str, message: String) -> Fix {
        Fix {
            at: range.start,
            range,
            replacement: double_quoted(meant),
            message,
            how: QUOTE_IT,
            fails: true,
            tab: false,
            when_accepted: None,
        }
    }

    /// The tab in the indentation of `line`: the indentation in spaces, each tab `step`
    /// spaces, and at least `at_least`.
    fn tab(line: &str, step: usize, at_least: usize) -> Option<Fix> {
        let end = line.len() - line.trim_start_matches([' ', '\t']).len();
        let indentation = &line[..end];
        let tab = indentation.find('\t')?;
        let width: usize = indentation
            .chars()
            .map(|c| if c == '\t' { step } else { 1 })
            .sum();
        Some(Fix {
            at: tab,
            range: 0..end,
            replacement: " ".repeat(width.max(at_least)),
            message: "YAML indentation uses spaces, not tabs".into(),
            how: REPLACE_TAB,
            fails: false,
            tab: true,
            when_accepted: None,
        })
    }
}

/// Why a plain (unquoted) value cannot be read as the text it shows, if it cannot: what it
/// holds, and what YAML reads that as. A value with a key is cut by `: `; inside a flow
/// collection (`{…}`, `[…]`), ` #` starts a comment that hides the closing bracket, and
/// brackets open a collection in the middle of the text. A comma there is left alone: the
/// author may have meant two items.
fn plain_trouble(value: &str, place: Place) -> Option<(&'static str, &'static str)> {
    if place.key.is_some() && (separator(value).is_some() || value.ends_with(':')) {
        return Some((": ", "the start of another field"));
    }
    if !place.flow {
        return None;
    }
    if value.starts_with('#') || comment_after_space(value).is_some() {
        return Some((
            " #",
            "the start of a comment that hides the rest of the line",
        ));
    }
    if value.contains('[') {
        return Some(("[", "the start of a list"));
    }
    if value.contains('{') {
        return Some(("{", "the start of a mapping"));
    }
    None
}

/// A value that starts on a key's line and may go on below it, on the lines indented deeper
/// than the key: a block scalar's text, or a quoted, plain or flow value written on several
/// lines. Those lines are not `key: value` lines, whatever they look like.
#[derive(Debug)]
struct Continued {
    /// The indentation of the key (or of the `- ` of a list item without a key).
    indent: usize,
    /// A block scalar (`|`, `>`): its lines are the expert's own text.
    block: bool,
    /// The indentation of the block scalar's text, from its first line.
    text_indent: Option<usize>,
    /// The byte of the line where a quoted value or a flow collection opens that does not
    /// close on the line: it goes on to its closing quote or bracket, however the lines below
    /// are indented.
    open_at: Option<usize>,
}

impl Continued {
    /// The value at byte `value_at` of `line`, of a key (or a `- `) indented by `indent`.
    fn after(indent: usize, line: &str, value_at: usize) -> Continued {
        // An anchor or a tag (`&name "text`) comes before the value it names.
        let mut value_at = value_at;
        while line[value_at..].starts_with(['&', '!']) {
            let Some(space) = line[value_at..].find([' ', '\t']) else {
                break;
            };
            let after = &line[value_at + space..];
            value_at += space + after.len() - after.trim_start().len();
        }
        let value = &line[value_at..];
        let closes = match value.chars().next() {
            Some('"' | '\'') => quoted_end(value).is_some(),
            // As YAML reads it: a ` #` inside hides the closing bracket.
            Some('[' | '{') => flow(line, value_at, true).is_some(),
            _ => true,
        };
        Continued {
            indent,
            block: block_header(value[..comment_start(value)].trim_end()),
            text_indent: None,
            open_at: (!closes).then_some(value_at),
        }
    }

    /// A tab in the indentation of a line of the value. In a block scalar's text, a tab after
    /// the text's indentation is the expert's own.
    fn tab(&mut self, line: &str, step: usize) -> Option<Fix> {
        if !self.block {
            return Fix::tab(line, step, 0);
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let required = self.text_indent.unwrap_or(self.indent + 1);
        if line[spaces..].starts_with('\t') && spaces < required {
            Fix::tab(line, step, required)
        } else {
            self.text_indent.get_or_insert(spaces);
            None
        }
    }
}

/// The byte of `text` just after the quoted value or flow collection that opens at byte `at`
/// and goes on over the lines below; the end of the text if it never closes.
fn multi_line_end(text: &str, at: usize) -> usize {
    let end = if text[at..].starts_with(['"', '\'']) {
        quoted_end(&text[at..]).map(|end| at + end)
    } else {
        flow(text, at, true).map(|collection| collection.end)
    };
    end.unwrap_or(text.len())
}

/// Whether `line` can start a document whose lines the scan knows how to read: a mapping
/// (`key: value`, `key:`) or a list (`- …`). A document that is one scalar (`|`, a quoted or
/// plain text) may hold anything on its lines.
fn starts_structure(line: &str) -> bool {
    let lead_end = lead_end(line);
    let rest = line[lead_end..].trim_end();
    let rest = rest[..comment_start(rest)].trim_end();
    if rest.starts_with(['"', '\'']) {
        // A quoted key, or a quoted text that may go on over the lines below.
        return quoted_end(rest).is_some_and(|end| rest[end..].trim_start().starts_with(':'));
    }
    line[..lead_end].contains("- ")
        || separator(rest).is_some()
        || missing_space(rest).is_some()
        || rest.ends_with(':')
        || rest == "---"
        || rest.starts_with('%')
}

/// The byte of the colon in `rest` (a line without its indentation) when it reads as a key
/// and its value with the space between them forgotten, `type:country-input`: YAML reads that
/// as one text, not as a field. A colon followed by `/` (`https://…`) or another colon is
/// left alone.
fn missing_space(rest: &str) -> Option<usize> {
    let rest = rest[..comment_start(rest)].trim_end();
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    let after = rest[colon + 1..].chars().next()?;
    let key_like = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (key_like && !after.is_whitespace() && after != '/' && after != ':').then_some(colon)
}

/// The byte of `text` where `line`, one of its lines, starts.
fn offset_in(text: &str, line: &str) -> usize {
    let offset = (line.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    debug_assert!(offset <= text.len(), "the line is not a line of the text");
    offset.min(text.len())
}

/// The 1-based character column of byte `at` of `line`.
fn column(line: &str, at: usize) -> u32 {
    line[..at].chars().count() as u32 + 1
}

/// The line with every fix applied.
fn mend(line: &str, fixes: &[Fix]) -> String {
    let mut sorted: Vec<&Fix> = fixes.iter().collect();
    sorted.sort_by_key(|fix| fix.range.start);
    let mut mended = String::new();
    let mut at = 0;
    for fix in sorted {
        if fix.range.start < at {
            continue;
        }
        mended.push_str(&line[at..fix.range.start]);
        mended.push_str(&fix.replacement);
        at = fix.range.end;
    }
    mended.push_str(&line[at..]);
    mended.trim_end().to_string()
}

/// The hints for the fixes of `line`, line `line_no` of the file: each gives the line with
/// all of them applied, so that following any one hint mends the whole line.
fn hints(line: &str, line_no: u32, fixes: Vec<Fix>) -> Vec<YamlHint> {
    let mended = mend(line, &fixes);
    fixes
        .into_iter()
        .map(|fix| YamlHint {
            pos: Pos::new(line_no, column(line, fix.at)),
            message: fix.message,
            hint: format!("{}: {mended}", fix.how),
            fails: fix.fails,
            tab: fix.tab,
            when_accepted: fix.when_accepted,
            mended: mended.clone(),
        })
        .collect()
}

/// The line of the file for index `i` of `text`'s lines.
fn file_line(first_line: u32, i: usize) -> u32 {
    first_line + i as u32
}

/// A YAML text being scanned, and what reading one of its lines needs to know of the others.
struct Scanner<'a> {
    text: &'a str,
    /// The spaces of one level of indentation, for the tabs' hints: the fewest that an
    /// indented line uses.
    step: usize,
    /// The names that `&name` gives to values in the text, which `*name` may refer to.
    anchors: HashSet<&'a str>,
    /// The bytes that reading a one-line collection with a ` #` in it as YAML reads it (over
    /// the lines below) may still cost: a text made of such lines stays quick to scan.
    lookahead: usize,
    /// How many flow collections the item being checked stands in: their items are checked
    /// only to [`MAX_FLOW_DEPTH`], so `[[[[…]]]]` ten thousand deep cannot exhaust the stack.
    depth: usize,
}

/// How many items after one that opens typographic quotes are searched for the one that
/// closes them.
const MAX_MERGED_ITEMS: usize = 64;

/// How deeply nested flow collections have their items checked (deeper ones the parser judges,
/// within its budget).
const MAX_FLOW_DEPTH: usize = 16;

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        let step = text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| line.len() - line.trim_start_matches(' ').len())
            .filter(|&spaces| spaces > 0)
            .min()
            .unwrap_or(DEFAULT_INDENT);
        // In one pass over the text, the words that start with `&` (a line of ten thousand
        // `&` costs no more than its length).
        let anchors = text
            .split(ALIAS_END)
            .filter_map(|word| word.strip_prefix('&'))
            .filter(|name| !name.is_empty())
            .collect();
        Scanner {
            text,
            step,
            anchors,
            lookahead: 2 * text.len() + 65_536,
            depth: 0,
        }
    }

    /// The mistakes of `line` read on its own, and the value that may go on below it.
    fn line(&mut self, line: &'a str) -> (Vec<Fix>, Option<Continued>) {
        let mut fixes = Vec::new();
        fixes.extend(Fix::tab(line, self.step, 0));
        let lead_end = lead_end(line);
        if let Some(entry) = entry(line) {
            let place = Place {
                key: Some(entry.key),
                parent: None,
                flow: false,
            };
            self.value(line, entry.range(), place, &mut fixes);
            // `key: &name` or `key: !tag` names or tags the mapping or list on the lines below.
            let names_only = entry
                .value
                .split_whitespace()
                .all(|word| word.starts_with(['&', '!']));
            let continued =
                (!names_only).then(|| Continued::after(entry.lead.len(), line, entry.value_at));
            return (fixes, continued);
        }
        let rest = line[lead_end..].trim_end();
        let dash = line[..lead_end].contains("- ");
        if rest.is_empty() || rest.starts_with('#') || rest.ends_with(':') {
            // Nothing, or a key whose value is on the lines below.
            return (fixes, None);
        }
        if dash && rest.starts_with(['[', '{']) {
            // A list item without a key: `- {code: AFG, name: {…}}`. Plain and quoted items
            // are left alone: `- Digital: experience` is a mapping, which the fields reading
            // it judge.
            let value = rest[..comment_start(rest)].trim_end();
            let place = Place {
                key: None,
                parent: None,
                flow: false,
            };
            self.value(line, lead_end..lead_end + value.len(), place, &mut fixes);
            return (fixes, Some(Continued::after(lead_end - 2, line, lead_end)));
        }
        if let Some(colon) = separator(rest) {
            // A key that the scan does not read (quotes or brackets in it), or a comment for a
            // value: a value may still go on over the lines below.
            let after = &rest[colon + 1..];
            if after.trim_start().starts_with('#') {
                return (fixes, None);
            }
            let value_at = lead_end + colon + 1 + after.len() - after.trim_start().len();
            let indent = if dash { lead_end - 2 } else { lead_end };
            return (fixes, Some(Continued::after(indent, line, value_at)));
        }
        if !dash && let Some(colon) = missing_space(rest) {
            let at = lead_end + colon + 1;
            fixes.push(Fix {
                at,
                range: at..at,
                replacement: " ".into(),
                message: format!(
                    "a space is missing after the colon: YAML reads \"{}\" as one text, not as the field \"{}\"",
                    rest[..comment_start(rest)].trim_end(),
                    &rest[..colon]
                ),
                how: SPACE_AFTER_COLON,
                fails: true,
                tab: false,
                when_accepted: None,
            });
            return (fixes, None);
        }
        let indent = if dash { lead_end - 2 } else { lead_end };
        (fixes, Some(Continued::after(indent, line, lead_end)))
    }

    /// Checks the value at `range` of `line` (no comment); its mistakes go to `fixes`.
    fn value(&mut self, line: &'a str, range: Range<usize>, place: Place, fixes: &mut Vec<Fix>) {
        let value = &line[range.clone()];
        let Some(first) = value.chars().next() else {
            return;
        };
        let subject = place.subject();
        if let Some(inner) = typographic_inner(value) {
            // YAML reads the marks as text, so the value breaks where a plain one would.
            let key = place.key.map(|k| format!("{k}: ")).unwrap_or_default();
            fixes.push(Fix {
                at: range.start,
                range,
                replacement: double_quoted(inner),
                message: format!(
                    "{subject} is in typographic quotes, which YAML does not read as quotes"
                ),
                how: STRAIGHT_QUOTES,
                fails: plain_trouble(value, place).is_some(),
                tab: false,
                when_accepted: Some((
                    ", so they are kept as part of the text".into(),
                    format!(
                        "; to show the quotes, put them inside straight ones: {key}{}",
                        double_quoted(value)
                    ),
                )),
            });
            return;
        }
        let starts = |meaning: &str| {
            format!("{subject} starts with \"{first}\", which YAML reads as {meaning}, not as text")
        };
        match first {
            '"' | '\'' => {
                // Text after the closing quote: most often a quote inside the value, which
                // closed it early (`'Women's incubator'`), or quotes around a word
                // (`"Digital" SPECA`).
                let Some(end) = quoted_end(value) else { return };
                let after = value[end..].trim_start();
                if after.is_empty() || after.starts_with('#') {
                    return;
                }
                let meant = if value.len() >= 2 && value.ends_with(first) {
                    &value[1..value.len() - 1]
                } else {
                    value
                };
                let message = format!("{subject} goes on after the quote that closes it");
                let mut fix = Fix::quote(range, meant, message);
                fix.how = "put the whole value in double quotes, with \\\" for a \" inside it";
                fixes.push(fix);
            }
            '[' | '{' => {
                let Some(collection) = flow(line, range.start, false) else {
                    return;
                };
                if !place.flow && !self.ends_as_yaml_reads(line, range.start, collection.end) {
                    return;
                }
                let after = line[collection.end..range.end].trim_start();
                if after.is_empty() || (after.starts_with(':') && place.key.is_none()) {
                    self.flow(line, range.start, collection, place, fixes);
                } else {
                    let meaning = if first == '[' {
                        "the start of a list"
                    } else {
                        "the start of a mapping"
                    };
                    fixes.push(Fix::quote(range, value, starts(meaning)));
                }
            }
            '|' | '>' if place.flow || !block_header(value) => fixes.push(Fix::quote(
                range,
                value,
                starts("announcing a block of text on the lines below"),
            )),
            '@' | '`' | '%' => {
                let message = format!(
                    "{subject} starts with \"{first}\", which YAML does not allow at the start \
                     of text"
                );
                fixes.push(Fix::quote(range, value, message));
            }
            '*' => {
                let name = alias_name(&value[1..]);
                if name.is_empty() || !self.anchors.contains(name) {
                    let meaning = "a reference to a value named elsewhere with \"&\"";
                    fixes.push(Fix::quote(range, value, starts(meaning)));
                }
            }
            '&' if value[1..].is_empty() || value[1..].starts_with([' ', '\t']) => {
                fixes.push(Fix::quote(
                    range,
                    value,
                    starts("a name given to the value"),
                ));
            }
            // A complex key: YAML's finer points, not an expert's mistake.
            '?' if place.flow => {}
            '-' | '?' if value.len() == 1 || value[1..].starts_with([' ', '\t']) => {
                let meaning = if first == '-' {
                    "the start of a list item"
                } else {
                    "the start of a key"
                };
                fixes.push(Fix::quote(range, value, starts(meaning)));
            }
            _ if value.starts_with(YAML_INDICATORS) => {}
            _ => {
                if let Some((holds, meaning)) = plain_trouble(value, place) {
                    let message =
                        format!("{subject} holds \"{holds}\", which YAML reads as {meaning}");
                    fixes.push(Fix::quote(range, value, message));
                }
            }
        }
    }

    /// Whether the one-line collection from byte `open` to byte `end` of `line` ends there as
    /// YAML reads it too. For YAML, a ` #` inside starts a comment, and the collection goes on
    /// below; if it closes there, the author may have meant just that, and only if it never
    /// closes is the ` #` certainly a mistake.
    fn ends_as_yaml_reads(&mut self, line: &str, open: usize, end: usize) -> bool {
        if comment_after_space(&line[open..end]).is_none() {
            return true;
        }
        let at = offset_in(self.text, line) + open;
        let mut window_end = (at + self.lookahead).min(self.text.len());
        while !self.text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        match flow(&self.text[..window_end], at, true) {
            Some(collection) => {
                self.lookahead -= collection.end - at;
                collection.end - at == end - open
            }
            // Read to the end of the text without closing: YAML refuses it.
            None if window_end == self.text.len() => {
                self.lookahead -= window_end - at;
                true
            }
            // Too costly to tell: say nothing.
            None => {
                self.lookahead = 0;
                false
            }
        }
    }

    /// Checks the items of the one-line flow collection `collection`, which opens at byte
    /// `open`. `place` is where the collection stands; its key is its items' parent.
    fn flow(
        &mut self,
        line: &'a str,
        open: usize,
        collection: Flow,
        place: Place,
        fixes: &mut Vec<Fix>,
    ) {
        if self.depth >= MAX_FLOW_DEPTH {
            return;
        }
        self.depth += 1;
        self.flow_items(line, open, collection, place, fixes);
        self.depth -= 1;
    }

    fn flow_items(
        &mut self,
        line: &'a str,
        open: usize,
        collection: Flow,
        place: Place,
        fixes: &mut Vec<Fix>,
    ) {
        let mapping = line[open..].starts_with('{');
        let parent = place.key.or(place.parent);
        let items = &collection.items;
        let mut i = 0;
        while i < items.len() {
            let (key, mut value) = pair(line, items[i].clone());
            let mut merged = false;
            // `{en: «Digital, social»}`: YAML splits the value at the comma, but the marks
            // show that it is one value, which runs to the item that closes them.
            let opened = &line[value.clone()];
            if opened.starts_with(TYPOGRAPHIC_OPENING) && typographic_inner(opened).is_none() {
                // A value cut at a few commas, not at thousands: the search stays short.
                let closing = items[i + 1..]
                    .iter()
                    .take(MAX_MERGED_ITEMS)
                    .take_while(|next| pair(line, (*next).clone()).0.is_none())
                    .position(|next| line[next.clone()].ends_with(TYPOGRAPHIC_CLOSING));
                if let Some(n) = closing {
                    i += n + 1;
                    value = value.start..items[i].end;
                    merged = true;
                }
            }
            i += 1;
            let exotic = |key: &str| {
                !key.starts_with(['"', '\''])
                    && (key.starts_with(YAML_INDICATORS) || key.starts_with('?'))
            };
            if key.is_some_and(exotic) {
                // An anchor, a tag or a complex key: YAML's finer points, not an expert's
                // mistake.
                continue;
            }
            if mapping && key.is_none() {
                // `{en: Digital, social}`: "social" may be a key without a value, or text cut
                // at the comma; only the author knows.
                continue;
            }
            let place = Place {
                key,
                parent,
                flow: true,
            };
            let before = fixes.len();
            self.value(line, value, place, fixes);
            if merged {
                // YAML reads the items apart, each as it is: whether it refuses them, the
                // parser says.
                for fix in &mut fixes[before..] {
                    fix.fails = false;
                }
            }
        }
    }
}

/// The name of the anchor or alias whose `&` or `*` comes just before `text`.
fn alias_name(text: &str) -> &str {
    let end = text.find(ALIAS_END).unwrap_or(text.len());
    &text[..end]
}

/// The characters that end an anchor's or alias's name.
const ALIAS_END: [char; 8] = [' ', '\t', '\n', ',', '[', ']', '{', '}'];

/// Every mistake that the lines of `text` show, line by line, read before the parser reads
/// them: tabs in the indentation, values in typographic quotes, plain values that hold `: `
/// (or, in a one-line flow collection, ` #` or brackets), quoted values that go on after their
/// closing quote, and values that start with a character YAML reads as something else.
/// `fails` is set where YAML certainly refuses the line.
pub fn scan(text: &str, first_line: u32) -> Vec<YamlHint> {
    let mut scanner = Scanner::new(text);
    let mut found = Vec::new();
    let mut continued: Option<Continued> = None;
    // The byte of `text` where a value written over several lines ends.
    let mut inside_until = 0;
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if first && !content.starts_with('#') {
            if !starts_structure(line) {
                return found;
            }
            first = false;
        }
        let start = offset_in(text, line);
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let fixes = match continued.as_mut().filter(|value| indent > value.indent) {
            _ if start < inside_until => Fix::tab(line, scanner.step, 0).into_iter().collect(),
            Some(value) => value.tab(line, scanner.step).into_iter().collect(),
            None if content.starts_with('#') => {
                continued = None;
                Vec::new()
            }
            None => {
                let (fixes, value) = scanner.line(line);
                if let Some(open_at) = value.as_ref().and_then(|value| value.open_at) {
                    inside_until = multi_line_end(text, start + open_at);
                }
                continued = value;
                fixes
            }
        };
        found.extend(hints(line, file_line(first_line, i), fixes));
    }
    found
}

/// Whether the scan's findings explain why the parser stopped at `error`, and marks those
/// that do as failing: when the parser names a tab, a tab on that line or on the next one (it
/// stops on the line before a tab when it was still reading a value there); else a finding on
/// that line (a tab first: YAML may accept the other mistakes of the line); else a line before
/// it that YAML refuses (the parser may notice only further on, as when a ` #` hides the end
/// of a flow mapping).
pub fn explains(found: &mut [YamlHint], error: Pos, parser_message: &str) -> bool {
    // Findings not yet known to fail: in a text parsed again with the failing lines mended,
    // those lines hold no mistake any more.
    let open = |line: u32, tabs_only: bool| -> Vec<usize> {
        (0..found.len())
            .filter(|&i| {
                let hint = &found[i];
                hint.pos.line == line && !hint.fails && (hint.tab || !tabs_only)
            })
            .collect()
    };
    let mut explaining = Vec::new();
    if parser_message.to_lowercase().contains("tab") {
        explaining = open(error.line, true);
        if explaining.is_empty() {
            explaining = open(error.line + 1, true);
        }
    }
    if explaining.is_empty() {
        if found
            .iter()
            .any(|hint| hint.pos.line == error.line && hint.fails)
        {
            return true;
        }
        explaining = open(error.line, true);
        if explaining.is_empty() {
            explaining = open(error.line, false);
        }
    }
    if explaining.is_empty() {
        return found
            .iter()
            .any(|hint| hint.fails && hint.pos.line < error.line);
    }
    for i in explaining {
        found[i].fails = true;
    }
    true
}

/// `text` with each line that YAML refuses replaced by the line as it should be, as far as the
/// findings mend it.
pub fn mended_text(text: &str, first_line: u32, found: &[YamlHint]) -> String {
    let mended_lines: HashMap<u32, &str> = found
        .iter()
        .filter(|hint| hint.fails)
        .map(|hint| (hint.pos.line, hint.mended.as_str()))
        .collect();
    let mut mended = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        let line_no = file_line(first_line, i);
        mended.push_str(mended_lines.get(&line_no).copied().unwrap_or(line));
        mended.push('\n');
    }
    mended
}

/// Explains a syntax error that the parser reported at `error` when the raw text shows one of
/// the known mistakes; `None` leaves the parser's own message. Reads the line on its own, as
/// a fallback where the scan (which knows which lines continue a value) found nothing.
pub fn explain_error(
    text: &str,
    first_line: u32,
    error: Pos,
    parser_message: &str,
) -> Option<YamlHint> {
    let lines: Vec<&str> = text.lines().collect();
    let error_index = error.line.checked_sub(first_line)? as usize;
    let mut scanner = Scanner::new(text);

    // A tab: the parser stops on the line with the tab, or (scanning a plain value that may
    // continue) on the line before it.
    let mentions_tab = parser_message.to_lowercase().contains("tab");
    let tab_lines = [error_index, error_index + 1];
    let tab_lines = if mentions_tab {
        &tab_lines[..]
    } else {
        &tab_lines[..1]
    };
    for &i in tab_lines {
        if let Some(line) = lines.get(i)
            && let Some(fix) = Fix::tab(line, scanner.step, 0)
        {
            return hints(line, file_line(first_line, i), vec![fix]).pop();
        }
    }

    let line = lines.get(error_index)?;
    let (fixes, _) = scanner.line(line);
    hints(line, error.line, fixes)
        .into_iter()
        .find(|hint| !hint.tab)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity::{self, Error, Warning};

    #[test]
    fn a_colon_in_a_plain_value_gets_the_quoted_line() {
        let text = "type: case-study\ntitle: Digital \"KZ\": results # note\n";
        let hint =
            explain_error(text, 2, Pos::new(3, 22), "mapping values are not allowed").unwrap();
        assert_eq!(hint.pos, Pos::new(3, 8));
        assert_eq!(
            hint.hint,
            "put the value in quotes: title: \"Digital \\\"KZ\\\": results\" # note"
        );
    }

    #[test]
    fn tabs_are_found_on_the_error_line_or_the_next() {
        let text = "a:\n  - x\n\t- y\n";
        let hint = explain_error(text, 1, Pos::new(2, 5), "found a tab").unwrap();
        assert_eq!(hint.pos, Pos::new(3, 1));
        let hint = explain_error("focal-point:\n  \tname: X\n", 1, Pos::new(2, 4), "x").unwrap();
        assert_eq!(hint.pos, Pos::new(2, 3));
        assert!(explain_error("a: 1\n\tb: 2\n", 1, Pos::new(1, 1), "other").is_none());
    }

    #[test]
    fn a_key_without_the_space_after_its_colon_is_named_and_the_rest_still_checked() {
        let (problems, _) = read("type:country-input\ncountry: KGZ\nlanguage: xx\n");
        assert_eq!(problems[0].0, Error);
        assert_eq!(problems[0].1, Pos::new(2, 6));
        assert!(
            problems[0]
                .2
                .contains("a space is missing after the colon: YAML reads \"type:country-input\""),
            "{problems:#?}"
        );
        assert_eq!(
            problems[0].3,
            "put a space after the colon: type: country-input"
        );
        // Addresses, times and list items are no such keys.
        for line in ["url: https://example.org", "- en:English", "note: at 10:30"] {
            assert!(scan(line, 1).is_empty(), "{line}");
        }
        assert!(scan("a: 1\nhttps://x.org\n", 1).is_empty());
        let (_, message, hint, fails) = one_finding("site:https://x.org");
        assert!(message.contains("\"site\"") && fails, "{message}");
        assert_eq!(hint, "put a space after the colon: site: https://x.org");
    }

    /// What loading reports for `text` (front matter, from line 2): severity, place, message
    /// and hint of each problem, and whether the text parsed.
    fn read(text: &str) -> (Vec<(Severity, Pos, String, String)>, bool) {
        let reading = crate::load::yaml::read(text, 2);
        let problems = reading
            .problems
            .into_iter()
            .map(|p| (p.severity, p.pos, p.message, p.hint.unwrap_or_default()))
            .collect();
        (problems, reading.node.is_some())
    }

    /// The one finding of the scan of `line`, as (column, message, hint, fails).
    fn one_finding(line: &str) -> (u32, String, String, bool) {
        let found = scan(line, 1);
        assert_eq!(found.len(), 1, "{line}: {found:#?}");
        let hint = found.into_iter().next().unwrap();
        (hint.pos.col, hint.message, hint.hint, hint.fails)
    }

    #[test]
    fn a_colon_in_a_plain_value_is_an_error_with_the_quoted_line() {
        let (col, message, hint, fails) =
            one_finding("  - title: Digital SPECA: experience # first\n");
        assert_eq!(col, 12);
        assert_eq!(
            message,
            "the value of \"title\" holds \": \", which YAML reads as the start of another field"
        );
        assert_eq!(
            hint,
            "put the value in quotes:   - title: \"Digital SPECA: experience\" # first"
        );
        assert!(fails);
        assert!(one_finding("title: Results:\n").3);
        // A ` #` inside quotes is no comment: the lines after it are read all the same.
        let found = scan(
            "note: \"Item #1\" # first\ntitle: Digital SPECA: experience\n",
            1,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].pos, Pos::new(2, 8));
        // Reported once, in words, not also as the parser's "mapping values are not allowed".
        let (problems, parsed) = read("type: case-study\ntitle: Digital SPECA: experience\n");
        assert!(!parsed);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            (problems[0].0, problems[0].1),
            (Error, Pos::new(3, 8)),
            "{problems:#?}"
        );
        assert!(
            problems[0]
                .2
                .starts_with("invalid YAML: the value of \"title\" holds"),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_colon_in_a_flow_mapping_value_is_an_error_with_the_line_mended() {
        let line = "title: {en: Digital SPECA: experience, ru: Цифровой СПЕКА: опыт}\n";
        let mended = "title: {en: \"Digital SPECA: experience\", ru: \"Цифровой СПЕКА: опыт\"}";
        let found = scan(line, 4);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].pos, Pos::new(4, 13));
        assert_eq!(
            found[0].message,
            "the value of \"en\" in \"title\" holds \": \", which YAML reads as the start of \
             another field"
        );
        assert_eq!(found[1].pos, Pos::new(4, 44));
        assert!(
            found[1]
                .message
                .starts_with("the value of \"ru\" in \"title\"")
        );
        for hint in &found {
            assert!(hint.fails);
            assert_eq!(hint.hint, format!("put the value in quotes: {mended}"));
        }
        // Nested in a list item, the value names its own mapping.
        let (col, message, hint, _) =
            one_finding("  - {code: AFG, name: {en: Afghanistan: x, ru: Афганистан}}\n");
        assert_eq!(col, 28);
        assert!(
            message.starts_with("the value of \"en\" in \"name\""),
            "{message}"
        );
        assert_eq!(
            hint,
            "put the value in quotes:   - {code: AFG, name: {en: \"Afghanistan: x\", ru: Афганистан}}"
        );
        // In a list, `a: b` is a mapping YAML accepts; a second colon is not.
        assert!(scan("themes: [Digital SPECA: experience]\n", 1).is_empty());
        assert!(one_finding("themes: [a: b: c]\n").3);
        // The parser's "while parsing a flow mapping" never reaches the author.
        let (problems, _) = read(line);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems
                .iter()
                .all(|p| p.0 == Error && p.3.ends_with(mended))
        );
    }

    #[test]
    fn a_comment_sign_or_a_bracket_inside_a_flow_value_is_an_error() {
        let (col, message, hint, fails) = one_finding("title: {en: Digital #1, ru: X}\n");
        assert_eq!(col, 13);
        assert_eq!(
            message,
            "the value of \"en\" in \"title\" holds \" #\", which YAML reads as the start of a \
             comment that hides the rest of the line"
        );
        assert_eq!(
            hint,
            "put the value in quotes: title: {en: \"Digital #1\", ru: X}"
        );
        assert!(fails);
        // The parser stops only on the next line, with "while parsing a flow mapping".
        let (problems, _) = read("title: {en: Digital #1, ru: X}\ncountry: KAZ\n");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].1, Pos::new(2, 13));
        let (_, message, hint, _) = one_finding("title: {en: Report [draft], ru: X}\n");
        assert!(message.ends_with("holds \"[\", which YAML reads as the start of a list"));
        assert!(hint.ends_with("title: {en: \"Report [draft]\", ru: X}"));
        // A comma may be two items meant: not certain, so not reported.
        assert!(scan("title: {en: Digital, social, ru: X}\n", 1).is_empty());
    }

    #[test]
    fn typographic_quotes_are_a_warning_or_an_error_with_straight_ones() {
        let text = "t: 1\nitems:\n  - title: «Цифровой» # x\nsummary: |\n  “kept”\n";
        let found = scan(text, 2);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pos, Pos::new(4, 12));
        assert!(!found[0].fails);
        let (problems, parsed) = read(text);
        assert!(parsed);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, Warning);
        assert!(
            problems[0]
                .2
                .ends_with("so they are kept as part of the text"),
            "{problems:?}"
        );
        assert_eq!(
            problems[0].3,
            "use straight quotes \"…\":   - title: \"Цифровой\" # x; to show the quotes, put \
             them inside straight ones: title: \"«Цифровой»\""
        );
        assert!(scan("title: The “Digital” plan\n", 1).is_empty());
        // With a colon inside, the marks do not protect it.
        let (col, message, hint, fails) = one_finding("title: «Alpha: hub»\n");
        assert_eq!(col, 8);
        assert!(message.contains("typographic quotes"), "{message}");
        assert_eq!(hint, "use straight quotes \"…\": title: \"Alpha: hub\"");
        assert!(fails);
        // In a flow mapping, the marks show that a comma is part of the value.
        let (col, _, hint, fails) = one_finding("title: {en: «Digital, social», ru: X}\n");
        assert_eq!(col, 13);
        assert_eq!(
            hint,
            "use straight quotes \"…\": title: {en: \"Digital, social\", ru: X}"
        );
        assert!(!fails);
    }

    #[test]
    fn quoted_values_that_go_on_after_the_closing_quote_are_errors() {
        for (line, mended) in [
            (
                "title: 'Women's incubator'",
                r#"title: "Women's incubator""#,
            ),
            ("title: \"Digital\" SPECA", r#"title: "\"Digital\" SPECA""#),
            (
                "title: \"The \"best\" plan\"",
                r#"title: "The \"best\" plan""#,
            ),
            ("t: {en: \"A\" b, ru: B}", r#"t: {en: "\"A\" b", ru: B}"#),
            ("title: \"Item #1\" SPECA", r#"title: "\"Item #1\" SPECA""#),
        ] {
            let (_, message, hint, fails) = one_finding(line);
            assert!(
                message.ends_with("goes on after the quote that closes it"),
                "{message}"
            );
            assert!(hint.ends_with(&format!(": {mended}")), "{hint}");
            assert!(fails);
        }
    }

    #[test]
    fn values_starting_with_a_yaml_indicator_that_breaks_them_are_errors() {
        for (line, starts) in [
            (
                "title: [Draft] Digital plan",
                "\"[\", which YAML reads as the start of a list",
            ),
            (
                "unit: > 50 %",
                "\">\", which YAML reads as announcing a block of text",
            ),
            (
                "title: @home",
                "\"@\", which YAML does not allow at the start of text",
            ),
            ("title: `code`", "\"`\", which YAML does not allow"),
            ("title: %complete", "\"%\", which YAML does not allow"),
            (
                "title: *important* thing",
                "\"*\", which YAML reads as a reference",
            ),
            ("title: & Co", "\"&\", which YAML reads as a name"),
            (
                "title: - draft",
                "\"-\", which YAML reads as the start of a list item",
            ),
            (
                "title: {en: | x, ru: B}",
                "\"|\", which YAML reads as announcing",
            ),
        ] {
            let (_, message, hint, fails) = one_finding(line);
            assert!(
                message.contains(&format!("starts with {starts}")),
                "{message}"
            );
            assert!(hint.starts_with("put the value in quotes: "), "{hint}");
            assert!(fails, "{line}");
        }
        // Indicators that YAML reads without failing are the author's to use.
        let text = "a: &name 1\nb: *name\nc: !tag text\nd: |2\n    x\ne: >-\n  y\nf: # none\n";
        assert!(scan(text, 1).is_empty(), "{:?}", scan(text, 1));
    }

    #[test]
    fn tabs_in_the_indentation_give_the_line_with_spaces() {
        let (col, message, hint, fails) = one_finding("focal-point:\n\tname: Test Person\n");
        assert_eq!(col, 1);
        assert_eq!(message, "YAML indentation uses spaces, not tabs");
        assert_eq!(
            hint,
            "replace the tab at the start of the line with spaces, as many as the lines around \
             it use for the same level:   name: Test Person"
        );
        // Whether YAML refuses a tab depends on where it stands: the parser says.
        assert!(!fails);
        let (problems, _) = read("focal-point:\n\tname: Test Person\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].0, problems[0].1), (Error, Pos::new(3, 1)));
        let (problems, parsed) = read("a: [x,\n\ty]\n");
        assert!(parsed);
        assert_eq!((problems[0].0, problems[0].1), (Warning, Pos::new(3, 1)));
        // In a block of text, a tab after the text's indentation is the author's own.
        assert!(scan("s: |\n  code:\n  \tindented\n", 1).is_empty());
        assert_eq!(
            one_finding("s: |\n    text\n\tmore\n").2.rsplit(':').next(),
            Some("     more")
        );
    }

    #[test]
    fn every_mistake_of_a_file_is_reported_at_once() {
        let text = "type: case-study\n\
                    organization: “Astana Hub”\n\
                    focal-point:\n\
                    \tname: Test Person\n\
                    title: {en: A: B, ru: Б}\n";
        let (problems, parsed) = read(text);
        assert!(!parsed);
        let summary: Vec<(Severity, Pos)> = problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            summary,
            [
                (Warning, Pos::new(3, 15)),
                (Error, Pos::new(5, 1)),
                (Error, Pos::new(6, 13)),
            ],
            "{problems:#?}"
        );
        assert!(problems[0].2.contains("typographic quotes"));
        assert!(problems[1].2.contains("tabs"));
        assert!(problems[2].3.ends_with("title: {en: \"A: B\", ru: Б}"));
        // The parser stops at the tab; the flow mapping after it is found all the same, and
        // a tab below the line the parser stopped at is an error too.
        let (problems, _) = read("a:\n\tb: 1\n\tc: 2\nd: {en: A: B}\n");
        let summary: Vec<(Severity, Pos)> = problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            summary,
            [
                (Error, Pos::new(3, 1)),
                (Error, Pos::new(4, 1)),
                (Error, Pos::new(5, 9))
            ]
        );
    }

    #[test]
    fn a_parser_error_that_no_line_explains_keeps_the_parsers_words() {
        let (problems, _) = read("themes: [skills\ncountry: KAZ\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].2.starts_with("invalid YAML: "), "{problems:?}");
        assert!(!problems[0].2.contains("the value of"), "{problems:?}");
    }

    #[test]
    fn correct_yaml_gets_no_finding() {
        let text = r#"# A comment: with a colon
title: "Digital SPECA: experience"
single: 'It''s: fine' # and a comment
url: https://example.org/a#b
time: 10:30
plain: value # comment: with a colon
hash: C# and F#
ratio: 1:2
apostrophe: Women's incubator
brackets: Report [draft] {v2}
quote-inside: The "Digital" plan
percent: 100%
star: 5* hotel
date: 2022-06-28
empty:
commas: {en: "Digital, social: experience: results", ru: 'a, b: c'}
comment-inside: [a, b # c]
  , d]
nested:
  key: value
  list:
    - one
    - two: 2
      three: "3"
    - {code: AFG, name: {en: "Afghanistan: x", ru: 'Афганистан, #1'}}
flow: [a, b, "c: d", 'e, f']
mapping: {en: Digital, ru: "Цифровой: опыт", url: https://x.org, time: 10:30}
json: {"en":"x", "ru": "y"}
summary: |
  Text: with colons: and # signs
  “typographic” quotes and	tabs
    - not a list
folded: >-
  More text: here
  title: {en: A: B}
multi: "a value
  on: two lines"
unindented: {en: Digital,
ru: "Цифровой: опыт"}
long plain: a value
  that goes on
"quoted key": value
"#;
        assert!(scan(text, 1).is_empty(), "{:#?}", scan(text, 1));
        let (problems, parsed) = read(text);
        assert!(parsed && problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_document_that_is_one_text_gets_no_finding() {
        for text in [
            "\"a text: with\ntitle: Digital: x\"\n",
            "|\n  text: with\n  title: Digital: x\n",
        ] {
            assert!(scan(text, 1).is_empty(), "{:#?}", scan(text, 1));
            let (problems, parsed) = read(text);
            assert!(parsed && problems.is_empty(), "{problems:#?}");
        }
    }

    /// The YAML texts of a project: its .yaml files and the front matter of its .md files.
    fn project_yaml(dir: &std::path::Path, texts: &mut Vec<(String, String, u32)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            let ext = path.extension().and_then(|e| e.to_str());
            if path.is_dir() {
                project_yaml(&path, texts);
            } else if ext == Some("yaml") {
                texts.push((name, std::fs::read_to_string(&path).unwrap(), 1));
            } else if ext == Some("md") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Ok(split) = super::super::front_matter::split(&text) {
                    texts.push((name, split.yaml.to_string(), split.yaml_line));
                }
            }
        }
    }

    #[test]
    fn the_sample_project_the_fixtures_and_the_templates_get_no_finding() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        project_yaml(&root.join("sources"), &mut texts);
        project_yaml(&root.join("tests/fixtures/minimal/sources"), &mut texts);
        project_yaml(&root.join("tests/fixtures/features/sources"), &mut texts);
        project_yaml(&root.join("templates"), &mut texts);
        assert!(texts.len() > 40, "{}", texts.len());
        for (name, text, first_line) in texts {
            assert!(
                scan(&text, first_line).is_empty(),
                "{name}: {:#?}",
                scan(&text, first_line)
            );
            let reading = crate::load::yaml::read(&text, first_line);
            assert!(reading.node.is_some(), "{name}");
            assert!(
                reading.problems.is_empty(),
                "{name}: {:#?}",
                reading.problems
            );
        }
    }
}
