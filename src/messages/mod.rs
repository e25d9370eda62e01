//! The tool's own words in each language, besides those of the documents (which are the
//! templates' `labels.yaml`): the status page, the Word submission forms and the contributions
//! `new` writes, as one message catalog per language.
//!
//! The built-in catalogs are data (`src/messages/<code>.yaml`, embedded); a project adds a
//! language or changes words with its own `templates/messages/<code>.yaml`. One fallback rule
//! for every message: the catalog of the language asked for (the project's over the built-in
//! one), and where it has no such message, the English one. A counted word gives its forms
//! by CLDR plural category, chosen with ICU's plural rules of the language.
//!
//! The CLI reads the project's catalogs once, before a command runs ([`install`]); the rest of
//! the tool asks [`catalogs`], as gettext's users ask the process's catalogs.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::diag::{Diagnostics, Pos, did_you_mean};
use crate::forms::wording::Wording;
use crate::load::yaml::{self, Node, Value};
use crate::skeleton::Words;
use crate::status::wording::PageWording;

/// The built-in catalogs, English first: the one every other falls back to.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("en.yaml")),
    ("ru", include_str!("ru.yaml")),
];

/// Where a project keeps its catalogs, relative to the project folder.
pub const PROJECT_FOLDER: &str = "templates/messages";

/// The largest catalog file read.
const MAX_BYTES: u64 = 1 << 20;

/// The built-in catalogs as files (`en.yaml` …), for `template export --name messages`.
pub fn built_in_files() -> Vec<(String, &'static [u8])> {
    BUILT_IN
        .iter()
        .map(|(lang, text)| (format!("{lang}.yaml"), text.as_bytes()))
        .collect()
}

/// A counted word's forms by CLDR plural category (`one`, `few`, `many`, `other` …).
#[derive(Debug, Clone, Deserialize)]
pub struct Plural(BTreeMap<String, String>);

impl Plural {
    /// The form `count` takes in `lang`, by ICU's plural rules; `other` when the rules or the
    /// form are missing.
    pub fn form(&self, lang: &str, count: usize) -> &str {
        let category = plural_category(lang, count);
        self.0
            .get(category)
            .or_else(|| self.0.get("other"))
            .map_or("", String::as_str)
    }
}

/// The CLDR plural category of a whole number in `lang` (`other` for a language ICU does not
/// know).
fn plural_category(lang: &str, count: usize) -> &'static str {
    use icu_plurals::{PluralCategory, PluralRules};
    let Ok(locale) = lang.parse::<icu_locale_core::Locale>() else {
        return "other";
    };
    let Ok(rules) = PluralRules::try_new_cardinal((&locale).into()) else {
        return "other";
    };
    match rules.category_for(count) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// A catalog as its file holds it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    status: PageWording,
    form: Wording,
    skeleton: Words,
}

/// The words of one language, every message there (English where the language has none).
pub struct Catalog {
    pub lang: String,
    pub status: PageWording,
    pub form: Wording,
    pub skeleton: Words,
}

/// The catalogs of every language the tool writes in, English first.
pub struct Catalogs {
    catalogs: Vec<Catalog>,
}

impl Catalogs {
    /// The built-in catalogs.
    pub fn built_in() -> Catalogs {
        Catalogs::merged(BTreeMap::new())
    }

    /// The built-in catalogs with a project's (`templates/messages/<code>.yaml`) over them;
    /// the problems of the project's files go to `diags`, and a file with problems is left
    /// out.
    pub fn with_project(dir: &Path, diags: &mut Diagnostics) -> Catalogs {
        Catalogs::merged(project_catalogs(dir, diags))
    }

    /// Every language's catalog: English, then each language's messages over it.
    fn merged(project: BTreeMap<String, Json>) -> Catalogs {
        let mut layers: BTreeMap<String, Vec<Json>> = BTreeMap::new();
        for (lang, text) in BUILT_IN {
            let value = serde_saphyr::from_str::<Json>(text)
                .unwrap_or_else(|err| panic!("the built-in catalog {lang}.yaml: {err}"));
            layers.entry(lang.to_string()).or_default().push(value);
        }
        for (lang, value) in project {
            layers.entry(lang).or_default().push(value);
        }
        let english = layers.remove("en").unwrap_or_default();
        let mut base = Json::Object(Default::default());
        for layer in english.iter().cloned() {
            merge(&mut base, layer, "");
        }
        let mut catalogs = vec![catalog("en", base.clone())];
        for (lang, layers) in layers {
            let mut value = base.clone();
            for layer in layers {
                merge(&mut value, layer, "");
            }
            catalogs.push(catalog(&lang, value));
        }
        Catalogs { catalogs }
    }

    /// The catalog of `lang`, when the tool has one.
    pub fn get(&self, lang: &str) -> Option<&Catalog> {
        self.catalogs.iter().find(|c| c.lang == lang)
    }

    /// The catalog of `lang`, else the English one.
    pub fn or_english(&self, lang: &str) -> &Catalog {
        self.get(lang).unwrap_or(&self.catalogs[0])
    }

    /// Every catalog, English first.
    pub fn all(&self) -> &[Catalog] {
        &self.catalogs
    }
}

/// A catalog from its merged messages. Every message is there: English holds them all and
/// a project's file was checked against English before it was merged.
fn catalog(lang: &str, value: Json) -> Catalog {
    let file: CatalogFile = serde_json::from_value(value)
        .unwrap_or_else(|err| panic!("the catalog of {lang} does not fit: {err}"));
    let mut status = file.status;
    status.lang = lang.to_string();
    let mut form = file.form;
    form.lang = lang.to_string();
    Catalog {
        lang: lang.to_string(),
        status,
        form,
        skeleton: file.skeleton,
    }
}

/// Lays `over` (the messages at `path`) on `base`: mappings key by key, anything else
/// replaced. A counted word's forms are replaced whole: the categories differ by language,
/// and an English `one` must not stand in for a language's own forms.
fn merge(base: &mut Json, over: Json, path: &str) {
    match (base, over) {
        (Json::Object(base), Json::Object(over)) if !is_plural(path) => {
            for (key, value) in over {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value, &inner),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

static INSTALLED: OnceLock<Catalogs> = OnceLock::new();

/// Reads the project's catalogs in `dir` for the rest of the process; their problems go to
/// `diags` (at every call, so that each load of the project reports them). The catalogs of
/// the first call stay: `watch` takes a changed catalog at its next start.
pub fn install(dir: &Path, diags: &mut Diagnostics) {
    let catalogs = Catalogs::with_project(dir, diags);
    let _ = INSTALLED.set(catalogs);
}

/// The catalogs of the process: the project's over the built-in ones once [`install`]ed,
/// else the built-in ones.
pub fn catalogs() -> &'static Catalogs {
    INSTALLED.get_or_init(Catalogs::built_in)
}

/// The catalogs in `dir/templates/messages`, by language code, each checked against the
/// English one (every key known, every message text, every counted word with `other`).
fn project_catalogs(dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Json> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join(PROJECT_FOLDER)) else {
        return out;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let english: Json = serde_saphyr::from_str(BUILT_IN[0].1).unwrap_or(Json::Null);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = name.strip_suffix(".yaml") else {
            continue;
        };
        let shown = format!("{PROJECT_FOLDER}/{name}");
        // Links are not followed: the project's own files only.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            diags
                .error(
                    &shown,
                    Pos::FILE,
                    "a catalog is named by its language's code, e.g. kk.yaml",
                )
                .hint("rename the file to the language's code, as meeting.yaml lists it");
            continue;
        }
        if meta.len() > MAX_BYTES {
            diags.error(&shown, Pos::FILE, "the catalog is larger than 1 MiB");
            continue;
        }
        let text = match std::fs::read_to_string(entry.path()) {
            Ok(text) => text,
            Err(err) => {
                diags.error(&shown, Pos::FILE, format!("cannot read: {err}"));
                continue;
            }
        };
        let node = match yaml::parse(&text, 1) {
            Ok(node) => node,
            Err(err) => {
                let diag = diags.error(&shown, err.pos, err.message);
                if let Some(hint) = err.hint {
                    diag.hint(hint);
                }
                continue;
            }
        };
        let before = diags.error_count();
        let value = checked(&node, &english, "", &shown, diags);
        if diags.error_count() == before {
            out.insert(lang.to_string(), value);
        }
    }
    out
}

/// `node` as JSON, each key checked to be one `shape` (the English catalog) has, each message
/// to be text, each counted word to have its `other` form.
fn checked(node: &Node, shape: &Json, path: &str, file: &str, diags: &mut Diagnostics) -> Json {
    match (&node.value, shape) {
        (Value::Null, _) if path.is_empty() => Json::Object(Default::default()),
        (Value::Map(entries), Json::Object(known)) => {
            let mut out = serde_json::Map::new();
            for (key, value) in entries {
                let Some(name) = key.as_str() else {
                    diags.error(file, key.pos, "a message's key is a word, e.g. title");
                    continue;
                };
                let inner_path = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                // A counted word's forms and a form's labels are open sets of keys.
                let open = is_plural_or_table(path);
                match known.get(name) {
                    Some(shape) => {
                        out.insert(
                            name.to_string(),
                            checked(value, shape, &inner_path, file, diags),
                        );
                    }
                    None if open => {
                        out.insert(
                            name.to_string(),
                            checked(
                                value,
                                &Json::String(String::new()),
                                &inner_path,
                                file,
                                diags,
                            ),
                        );
                    }
                    None => {
                        let diag =
                            diags.error(file, key.pos, format!("there is no message {inner_path}"));
                        if let Some(like) = did_you_mean(name, known.keys().map(String::as_str)) {
                            diag.hint(format!("did you mean {like}?"));
                        }
                    }
                }
            }
            if is_plural(path) && !out.contains_key("other") {
                diags
                    .error(file, node.pos, format!("{path} has no `other` form"))
                    .hint("give every counted word its `other` form, which stands for any number the others do not");
            }
            Json::Object(out)
        }
        (Value::Seq(items), Json::Array(known)) => {
            let item_shape = known.first().cloned().unwrap_or(Json::Null);
            Json::Array(
                items
                    .iter()
                    .map(|item| checked(item, &item_shape, path, file, diags))
                    .collect(),
            )
        }
        (_, Json::String(_)) => match node.scalar_text() {
            Some(text) => Json::String(text),
            None => {
                diags.error(
                    file,
                    node.pos,
                    format!("{path} is a message: text, not {}", node.kind()),
                );
                Json::Null
            }
        },
        (_, Json::Object(_)) => {
            diags.error(
                file,
                node.pos,
                format!(
                    "{path} is a group of messages: a mapping, not {}",
                    node.kind()
                ),
            );
            Json::Null
        }
        (_, Json::Array(_)) => {
            diags.error(
                file,
                node.pos,
                format!("{path} is a list, not {}", node.kind()),
            );
            Json::Null
        }
        _ => Json::Null,
    }
}

/// Whether the messages at `path` are a counted word's forms.
fn is_plural(path: &str) -> bool {
    matches!(
        path,
        "status.word-forms" | "status.errors" | "status.warnings" | "status.contributions"
    )
}

/// Whether the keys at `path` are open: a counted word's forms, or a form's tables of labels
/// and placeholders by field.
fn is_plural_or_table(path: &str) -> bool {
    is_plural(path) || matches!(path, "form.labels" | "form.placeholders")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_icu() {
        let errors = &catalogs().get("ru").unwrap().status.errors;
        let forms: Vec<&str> = [1, 2, 5, 11, 21, 22, 0]
            .map(|n| errors.form("ru", n))
            .to_vec();
        assert_eq!(
            forms,
            [
                "ошибка",
                "ошибки",
                "ошибок",
                "ошибок",
                "ошибка",
                "ошибки",
                "ошибок"
            ]
        );
        let english = &catalogs().or_english("en").status.errors;
        assert_eq!(english.form("en", 1), "error");
        assert_eq!(english.form("en", 0), "errors");
        // A language ICU does not know takes `other`.
        assert_eq!(english.form("zz-unknown-tag-!", 1), "errors");
    }

    #[test]
    fn a_language_without_a_catalog_falls_back_to_english() {
        let catalogs = Catalogs::built_in();
        assert!(catalogs.get("kk").is_none());
        assert_eq!(catalogs.or_english("kk").form.lang, "en");
        assert_eq!(
            catalogs.or_english("ru").status.title,
            "Ход представления материалов"
        );
    }

    #[test]
    fn a_project_catalog_adds_a_language_over_english() {
        let dir = std::env::temp_dir().join(format!("speca-messages-{}", std::process::id()));
        let folder = dir.join(PROJECT_FOLDER);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("kk.yaml"),
            "status:\n  title: Материалдарды ұсыну барысы\n  errors: {one: қате, other: қате}\n",
        )
        .unwrap();
        std::fs::write(
            folder.join("ru.yaml"),
            "status:\n  titel: x\n  errors: {one: ошибка}\nform:\n  labels: 3\n",
        )
        .unwrap();
        let mut diags = Diagnostics::new();
        let catalogs = Catalogs::with_project(&dir, &mut diags);
        std::fs::remove_dir_all(&dir).ok();
        let kazakh = catalogs.get("kk").unwrap();
        assert_eq!(kazakh.status.title, "Материалдарды ұсыну барысы");
        // What the file leaves out is English.
        assert_eq!(kazakh.status.meeting, "Meeting");
        assert_eq!(kazakh.status.errors.form("kk", 2), "қате");
        // The broken Russian file is reported at its keys and left out.
        let messages: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            messages,
            [
                "2:3 there is no message status.titel",
                "3:11 status.errors has no `other` form",
                "5:11 form.labels is a group of messages: a mapping, not a number",
            ],
            "{messages:?}"
        );
        assert_eq!(
            catalogs.get("ru").unwrap().status.title,
            "Ход представления материалов"
        );
    }
}
