//! The PDF standards a PDF claims and Typst enforces as it exports: by default PDF/A-2a
//! (archival, accessible) and PDF/UA-1 (accessible), which the embedded compiler supports
//! together. `build --pdf-standard` chooses another set by the names Typst's own command line
//! uses (`a-2b`, `ua-1`, `1.7`), or `none`.

use typst_pdf::PdfStandard;

/// The names a person may give, with Typst's standard for each.
const KNOWN: &[(&str, PdfStandard)] = &[
    ("1.4", PdfStandard::V_1_4),
    ("1.5", PdfStandard::V_1_5),
    ("1.6", PdfStandard::V_1_6),
    ("1.7", PdfStandard::V_1_7),
    ("2.0", PdfStandard::V_2_0),
    ("a-1b", PdfStandard::A_1b),
    ("a-1a", PdfStandard::A_1a),
    ("a-2b", PdfStandard::A_2b),
    ("a-2u", PdfStandard::A_2u),
    ("a-2a", PdfStandard::A_2a),
    ("a-3b", PdfStandard::A_3b),
    ("a-3u", PdfStandard::A_3u),
    ("a-3a", PdfStandard::A_3a),
    ("a-4", PdfStandard::A_4),
    ("a-4f", PdfStandard::A_4f),
    ("a-4e", PdfStandard::A_4e),
    ("ua-1", PdfStandard::Ua_1),
];

/// A set of PDF standards, checked to be one Typst can meet together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfStandards {
    names: Vec<&'static str>,
}

impl Default for PdfStandards {
    /// PDF/A-2a and PDF/UA-1.
    fn default() -> PdfStandards {
        PdfStandards {
            names: vec!["a-2a", "ua-1"],
        }
    }
}

impl PdfStandards {
    /// The standards named on the command line; `none` alone for none. The error is a usage
    /// message that lists what is known.
    pub fn parse(names: &[String]) -> Result<PdfStandards, String> {
        if let [only] = names
            && only.trim().eq_ignore_ascii_case("none")
        {
            return Ok(PdfStandards { names: Vec::new() });
        }
        let mut chosen = Vec::new();
        for name in names {
            let wanted = name.trim().to_ascii_lowercase();
            match KNOWN.iter().find(|(known, _)| *known == wanted) {
                Some((known, _)) => {
                    if !chosen.contains(known) {
                        chosen.push(*known);
                    }
                }
                None => {
                    return Err(format!(
                        "\"{name}\" is not a PDF standard speca-docs knows; use {} or none",
                        KNOWN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
        let standards = PdfStandards { names: chosen };
        typst_pdf::PdfStandards::new(&standards.list()).map_err(|err| {
            format!(
                "the PDF standards {} cannot be met together: {}",
                standards.names.join(", "),
                err.message()
            )
        })?;
        Ok(standards)
    }

    /// Whether the standards refuse a character that no font has a glyph for: every PDF/A
    /// but PDF/A-1b, and PDF/UA-1 (as krilla, Typst's PDF writer, enforces them).
    pub fn forbid_missing_glyphs(&self) -> bool {
        self.names
            .iter()
            .any(|name| (name.starts_with("a-") && *name != "a-1b") || *name == "ua-1")
    }

    /// Whether the standards refuse a character of Unicode's private use areas: the accessible
    /// PDF/A-2 and PDF/A-3 profiles, and every PDF/A-4.
    pub fn forbid_private_use(&self) -> bool {
        self.names
            .iter()
            .any(|name| matches!(*name, "a-2a" | "a-3a") || name.starts_with("a-4"))
    }

    /// The names, e.g. `["a-2a", "ua-1"]` (empty for none).
    pub fn names(&self) -> &[&'static str] {
        &self.names
    }

    fn list(&self) -> Vec<PdfStandard> {
        self.names
            .iter()
            .filter_map(|name| KNOWN.iter().find(|(known, _)| known == name))
            .map(|(_, standard)| *standard)
            .collect()
    }

    /// Typst's form of the set, checked when it was parsed.
    pub(super) fn typst(&self) -> typst_pdf::PdfStandards {
        typst_pdf::PdfStandards::new(&self.list()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_typst_gives_them() {
        let parse = |names: &[&str]| {
            PdfStandards::parse(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(parse(&["a-2a", "ua-1"]).unwrap(), PdfStandards::default());
        assert_eq!(parse(&["A-2B"]).unwrap().names(), ["a-2b"]);
        assert!(parse(&["none"]).unwrap().names().is_empty());
        assert!(parse(&["a-9z"]).unwrap_err().contains("a-2a"));
        // Typst cannot claim two PDF/A parts at once.
        assert!(
            parse(&["a-2b", "a-3b"])
                .unwrap_err()
                .contains("cannot be met together")
        );
    }
}
