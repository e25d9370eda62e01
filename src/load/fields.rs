//! Reading typed fields out of YAML mappings, reporting every problem with its place.
//!
//! A [`Fields`] wraps one mapping. Opening it reports unknown keys (with a "did you mean"
//! hint); each accessor reports a missing required field or a value of the wrong type, and
//! returns `None` so that reading goes on and the next problem is found too.

use std::collections::BTreeMap;

use crate::diag::{Diagnostics, Pos, did_you_mean};
use crate::load::yaml::{Node, Value};
use crate::model::Date;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Located<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Located { value, pos }
    }
}

/// Text a reader sees: the same in every language, or one text per language code.
#[derive(Debug, Clone, PartialEq)]
pub enum Localized {
    Same(String),
    PerLanguage(BTreeMap<String, Located<String>>),
}

impl Localized {
    /// The text in `lang`, else in `fallback` (the meeting's first language), else any.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        match self {
            Localized::Same(text) => text,
            Localized::PerLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(fallback))
                .or_else(|| map.values().next())
                .map(|l| l.value.as_str())
                .unwrap_or(""),
        }
    }

    /// Whether the text exists in `lang` itself (a plain string exists in every language).
    pub fn has(&self, lang: &str) -> bool {
        match self {
            Localized::Same(_) => true,
            Localized::PerLanguage(map) => map.contains_key(lang),
        }
    }
}

/// Where the problems go: the file being read and the run's diagnostics.
pub struct Context<'a> {
    pub file: &'a str,
    pub diags: &'a mut Diagnostics,
}

impl Context<'_> {
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut crate::diag::Diagnostic {
        self.diags.error(self.file, pos, message)
    }

    pub fn warning(
        &mut self,
        pos: Pos,
        message: impl Into<String>,
    ) -> &mut crate::diag::Diagnostic {
        self.diags.warning(self.file, pos, message)
    }
}

/// One YAML mapping being read.
pub struct Fields<'n> {
    entries: &'n [(Node, Node)],
    pub pos: Pos,
}

impl<'n> Fields<'n> {
    /// Opens `node` as a mapping whose keys must be among `known`. `what` names it in messages
    /// ("the front matter", "a section").
    pub fn open(
        node: &'n Node,
        what: &str,
        known: &[&str],
        cx: &mut Context,
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            cx.error(
                node.pos,
                format!(
                    "{what} must be a mapping of `field: value` lines, not {}",
                    node.kind()
                ),
            );
            return None;
        };
        for (key, _) in entries {
            let Some(name) = key.scalar_text() else {
                cx.error(
                    key.pos,
                    format!("a field name must be text, not {}", key.kind()),
                );
                continue;
            };
            if !known.contains(&name.as_str()) {
                let diag = cx.error(key.pos, format!("unknown field \"{name}\" in {what}"));
                match did_you_mean(&name, known.iter().copied()) {
                    Some(suggestion) => diag.hint(format!("did you mean \"{suggestion}\"?")),
                    None => diag.hint(format!("the fields here are: {}", known.join(", "))),
                };
            }
        }
        for (key, value) in entries {
            if let (Some(name), Some(placeholder)) = (key.scalar_text(), placeholder(value)) {
                cx.error(
                    value.pos,
                    format!("\"{name}\" is still to fill: <{placeholder}>"),
                )
                .hint("write yours in place of the text in angle brackets <…>");
            }
        }
        Some(Fields {
            entries,
            pos: node.pos,
        })
    }

    /// The value of `key`, when present and not null nor a placeholder (reported on opening).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
            .filter(|v| !v.is_null() && placeholder(v).is_none())
    }

    /// Whether `key` holds a placeholder `<…>`, reported already as still to fill.
    fn is_placeholder(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, v)| k.as_str() == Some(key) && placeholder(v).is_some())
    }

    /// The position of `key`'s value, or of the mapping when it is absent.
    pub fn pos_of(&self, key: &str) -> Pos {
        self.get(key).map_or(self.pos, |n| n.pos)
    }

    /// Reports a missing required field and returns `None`.
    pub fn require<'x>(
        &self,
        key: &str,
        cx: &mut Context,
        found: Option<&'x Node>,
        example: &str,
    ) -> Option<&'x Node> {
        if found.is_none() && !self.is_placeholder(key) {
            cx.error(self.pos, format!("missing field \"{key}\""))
                .hint(format!("add a line `{key}: {example}`"));
        }
        found
    }

    /// A text field. Numbers and booleans are accepted as written (`session: 3`).
    pub fn text(&self, key: &str, cx: &mut Context) -> Option<Located<String>> {
        let node = self.get(key)?;
        text_of(node, key, cx)
    }

    pub fn required_text(
        &self,
        key: &str,
        example: &str,
        cx: &mut Context,
    ) -> Option<Located<String>> {
        let node = self.require(key, cx, self.get(key), example)?;
        text_of(node, key, cx)
    }

    /// Localised text: a string, or a mapping from language code to string.
    pub fn localized(&self, key: &str, cx: &mut Context) -> Option<Located<Localized>> {
        let node = self.get(key)?;
        localized_of(node, key, cx)
    }

    pub fn required_localized(
        &self,
        key: &str,
        example: &str,
        cx: &mut Context,
    ) -> Option<Located<Localized>> {
        let node = self.require(key, cx, self.get(key), example)?;
        localized_of(node, key, cx)
    }

    /// An ISO date `YYYY-MM-DD`.
    pub fn date(&self, key: &str, cx: &mut Context) -> Option<Located<Date>> {
        let node = self.get(key)?;
        date_of(node, key, cx)
    }

    /// One text or a list of texts (`country: KAZ` or `country: [KAZ, KGZ]`).
    pub fn text_list(&self, key: &str, cx: &mut Context) -> Vec<Located<String>> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| text_of(item, key, cx))
                .collect(),
            _ => text_of(node, key, cx).into_iter().collect(),
        }
    }

    /// A whole number.
    pub fn integer(&self, key: &str, cx: &mut Context) -> Option<Located<i64>> {
        let node = self.get(key)?;
        match &node.value {
            Value::Int(i) => Some(Located::new(*i, node.pos)),
            Value::Str(s) if s.trim().parse::<i64>().is_ok() => {
                Some(Located::new(s.trim().parse().ok()?, node.pos))
            }
            _ => {
                cx.error(
                    node.pos,
                    format!("\"{key}\" must be a whole number, not {}", describe(node)),
                );
                None
            }
        }
    }

    /// A boolean.
    pub fn boolean(&self, key: &str, cx: &mut Context) -> Option<Located<bool>> {
        let node = self.get(key)?;
        match &node.value {
            Value::Bool(b) => Some(Located::new(*b, node.pos)),
            _ => {
                cx.error(
                    node.pos,
                    format!("\"{key}\" must be true or false, not {}", describe(node)),
                );
                None
            }
        }
    }

    /// The entries of a nested mapping under `key`, as (key, value) pairs.
    pub fn entries(&self, key: &str, cx: &mut Context) -> Vec<(Located<String>, &'n Node)> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        let Value::Map(entries) = &node.value else {
            cx.error(
                node.pos,
                format!(
                    "\"{key}\" must be a mapping of `name: value` lines, not {}",
                    node.kind()
                ),
            );
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(|(k, v)| k.scalar_text().map(|name| (Located::new(name, k.pos), v)))
            .collect()
    }

    /// The items of a list under `key`.
    pub fn list(&self, key: &str, cx: &mut Context) -> &'n [Node] {
        let Some(node) = self.get(key) else {
            return &[];
        };
        match &node.value {
            Value::Seq(items) => items,
            _ => {
                cx.error(
                    node.pos,
                    format!(
                        "\"{key}\" must be a list (lines starting with `- `), not {}",
                        node.kind()
                    ),
                );
                &[]
            }
        }
    }
}

/// What a placeholder asks for: the text inside `<…>` when a value is wholly one, as
/// `speca-docs new` writes them (`title: <the title of the case study>`): words, so with a
/// space. A value with other angle brackets inside (`<b>bold</b>`) is text, and so is an
/// address as mail programs show it (`<aigul@gov.kz>`, `<https://…>`).
pub fn placeholder(node: &Node) -> Option<&str> {
    let inner = node.as_str()?.trim().strip_prefix('<')?.strip_suffix('>')?;
    let words = inner.trim().contains(char::is_whitespace);
    (words && !inner.contains(['<', '>'])).then_some(inner)
}

/// How a value looks in a message: `"many"`, `a list`.
pub fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{}\"", s.chars().take(60).collect::<String>()),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => node.kind().to_string(),
    }
}

pub fn text_of(node: &Node, key: &str, cx: &mut Context) -> Option<Located<String>> {
    match node.scalar_text() {
        Some(text) => Some(Located::new(text, node.pos)),
        None => {
            cx.error(
                node.pos,
                format!("\"{key}\" must be text, not {}", node.kind()),
            );
            None
        }
    }
}

pub fn localized_of(node: &Node, key: &str, cx: &mut Context) -> Option<Located<Localized>> {
    match &node.value {
        Value::Map(entries) => {
            let mut map = BTreeMap::new();
            for (lang, text) in entries {
                let Some(code) = lang.scalar_text() else {
                    cx.error(lang.pos, "a language code must be text such as `en`");
                    continue;
                };
                if let Some(text) = text_of(text, key, cx) {
                    map.insert(code, text);
                }
            }
            Some(Located::new(Localized::PerLanguage(map), node.pos))
        }
        Value::Seq(_) | Value::Null => {
            cx.error(node.pos, format!("\"{key}\" must be text, or a mapping from language to text (`{{en: …, ru: …}}`), not {}", node.kind()))
                .hint(format!("for example `{key}: {{en: \"English text\", ru: \"Русский текст\"}}`"));
            None
        }
        _ => node
            .scalar_text()
            .map(|t| Located::new(Localized::Same(t), node.pos)),
    }
}

pub fn date_of(node: &Node, key: &str, cx: &mut Context) -> Option<Located<Date>> {
    let text = node.scalar_text().unwrap_or_default();
    match Date::parse_iso(text.trim()) {
        Some(date) => Some(Located::new(date, node.pos)),
        None => {
            let problem =
                if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
                    "is not a date that exists"
                } else {
                    "is not a date in the form YYYY-MM-DD"
                };
            let hint = match Date::parse_other_order(text.trim()) {
                Some(date) => format!("dates are written YYYY-MM-DD: {date}"),
                None => "write dates as ISO 8601, e.g. 2022-07-19".to_string(),
            };
            cx.error(node.pos, format!("\"{key}\": {} {problem}", describe(node)))
                .hint(hint);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    #[test]
    fn reports_unknown_missing_and_wrong_fields_all_at_once() {
        let node = yaml::parse("titel: X\nsubmitted: 2022-13-45\ncountry: [a, [b]]\n", 2).unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = Context {
            file: "f.md",
            diags: &mut diags,
        };
        let fields = Fields::open(
            &node,
            "the front matter",
            &["title", "submitted", "country", "type"],
            &mut cx,
        )
        .unwrap();
        assert!(
            fields
                .required_text("type", "country-input", &mut cx)
                .is_none()
        );
        assert!(fields.date("submitted", &mut cx).is_none());
        assert_eq!(fields.text_list("country", &mut cx).len(), 1);
        let all = diags.sorted();
        assert_eq!(all.len(), 4, "{all:#?}");
        let unknown = all
            .iter()
            .find(|d| d.message == "unknown field \"titel\" in the front matter")
            .unwrap();
        assert_eq!((unknown.line, unknown.column), (2, 1));
        assert_eq!(unknown.hint.as_deref(), Some("did you mean \"title\"?"));
        assert!(all.iter().any(|d| d.message == "missing field \"type\""));
        let date = all.iter().find(|d| d.message.contains("exists")).unwrap();
        assert_eq!((date.line, date.column), (3, 12));
        assert!(
            all.iter()
                .any(|d| d.line == 4 && d.message.contains("must be text"))
        );
    }

    #[test]
    fn placeholders_are_still_to_fill_and_reported_once() {
        let node = yaml::parse(
            "title: <the title>\nname: <b>Bold</b>\nemail: <aigul@gov.kz>\n",
            2,
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = Context {
            file: "f.md",
            diags: &mut diags,
        };
        let fields = Fields::open(&node, "x", &["title", "name", "email"], &mut cx).unwrap();
        assert!(fields.required_text("title", "X", &mut cx).is_none());
        assert_eq!(fields.text("name", &mut cx).unwrap().value, "<b>Bold</b>");
        // An address as mail programs show it is no placeholder: it holds no words.
        assert_eq!(
            fields.text("email", &mut cx).unwrap().value,
            "<aigul@gov.kz>"
        );
        let all = diags.sorted();
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].message, "\"title\" is still to fill: <the title>");
        assert_eq!((all[0].line, all[0].column), (2, 8));
    }

    #[test]
    fn dates_in_other_orders_are_read_for_the_hint() {
        let iso = |text: &str| Date::parse_other_order(text).map(|d| d.to_string());
        assert_eq!(iso("28.06.2022").as_deref(), Some("2022-06-28"));
        assert_eq!(iso("28/06/2022").as_deref(), Some("2022-06-28"));
        assert_eq!(iso("2022.06.28").as_deref(), Some("2022-06-28"));
        assert_eq!(iso("1.7.2022").as_deref(), Some("2022-07-01"));
        assert_eq!(iso("06/28/2022").as_deref(), Some("2022-06-28"));
        assert_eq!(iso("31.02.2022"), None);
        assert_eq!(iso("2022-06"), None);
        assert_eq!(iso("June 2022"), None);
    }

    #[test]
    fn localized_text_falls_back() {
        let node = yaml::parse("t: {en: Digital, ru: Цифровой}\ns: Same\n", 1).unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = Context {
            file: "f",
            diags: &mut diags,
        };
        let fields = Fields::open(&node, "x", &["t", "s"], &mut cx).unwrap();
        let t = fields.localized("t", &mut cx).unwrap().value;
        assert_eq!(t.get("ru", "en"), "Цифровой");
        assert_eq!(t.get("kk", "en"), "Digital");
        assert!(!t.has("kk"));
        assert_eq!(
            fields
                .localized("s", &mut cx)
                .unwrap()
                .value
                .get("ru", "en"),
            "Same"
        );
    }
}
