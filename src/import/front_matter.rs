//! The front matter of an imported contribution, written as YAML that the loader reads back
//! exactly: every text a double-quoted scalar, escaped as JSON escapes it (a subset of YAML's
//! double-quoted escapes), so nothing an expert typed can become YAML structure.

use crate::model::Date;

/// What an imported contribution's front matter says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// `country-input` or `case-study`.
    pub kind: String,
    /// A case study's id.
    pub id: Option<String>,
    pub country: String,
    pub language: String,
    pub title: Option<String>,
    pub organization: Option<String>,
    pub period: Option<String>,
    pub summary: Option<String>,
    pub focal_point: FocalPoint,
    pub submitted: Option<Date>,
    /// Theme ids.
    pub themes: Vec<String>,
    pub indicators: Vec<IndicatorValue>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FocalPoint {
    pub name: Option<String>,
    pub organization: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorValue {
    pub id: String,
    /// The number as the contract writes it (`90.9`).
    pub value: String,
    pub year: Option<i64>,
    pub source: Option<String>,
}

/// A YAML double-quoted scalar holding exactly `text`.
pub fn quoted(text: &str) -> String {
    crate::load::yaml::double_quoted(text)
}

impl FrontMatter {
    /// The front matter between its `---` lines, with a comment naming where it came from.
    pub fn to_yaml(&self, origin: &str) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!(
            "# Imported from {} by speca-docs import.\n",
            origin.replace(['\n', '\r'], " ")
        ));
        out.push_str(&format!("type: {}\n", self.kind));
        if let Some(id) = &self.id {
            out.push_str(&format!("id: {}\n", quoted(id)));
        }
        out.push_str(&format!("country: {}\n", quoted(&self.country)));
        out.push_str(&format!("language: {}\n", quoted(&self.language)));
        for (key, value) in [
            ("title", &self.title),
            ("organization", &self.organization),
            ("period", &self.period),
            ("summary", &self.summary),
        ] {
            if let Some(value) = value {
                out.push_str(&format!("{key}: {}\n", quoted(value)));
            }
        }
        let fp = &self.focal_point;
        if fp.name.is_some() || fp.organization.is_some() || fp.email.is_some() {
            out.push_str("focal-point:\n");
            for (key, value) in [
                ("name", &fp.name),
                ("organization", &fp.organization),
                ("email", &fp.email),
            ] {
                if let Some(value) = value {
                    out.push_str(&format!("  {key}: {}\n", quoted(value)));
                }
            }
        }
        if let Some(date) = self.submitted {
            out.push_str(&format!("submitted: {date}\n"));
        }
        if !self.themes.is_empty() {
            let themes: Vec<String> = self.themes.iter().map(|t| quoted(t)).collect();
            out.push_str(&format!("themes: [{}]\n", themes.join(", ")));
        }
        if !self.indicators.is_empty() {
            out.push_str("indicators:\n");
            for indicator in &self.indicators {
                let mut parts = vec![format!("value: {}", indicator.value)];
                if let Some(year) = indicator.year {
                    parts.push(format!("year: {year}"));
                }
                if let Some(source) = &indicator.source {
                    parts.push(format!("source: {}", quoted(source)));
                }
                out.push_str(&format!(
                    "  {}: {{{}}}\n",
                    quoted(&indicator.id),
                    parts.join(", ")
                ));
            }
        }
        out.push_str("---\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_yaml() {
        for text in [
            "a: b",
            "\"quoted\" \\ back",
            "# not a comment",
            "line\nbreak",
            "tab\there",
            "\u{2028}\u{85}",
            "{x: [1]}",
            "- item",
            "&anchor *alias !tag",
            "Цифровой Казахстан",
        ] {
            let yaml = format!("key: {}\n", quoted(text));
            let value: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(value["key"], text, "{yaml}");
        }
    }
}
