//! XLIFF 2.1 out to translators and back.
//!
//! One file per text (a contribution or a rapporteur's file) and target language, one `<file>`
//! for the text, one `<unit>` per translation unit with a stable id. A unit's Markdown is not
//! in its text: it is inline codes, `<pc>` for a span (emphasis, strong, strikethrough, a link)
//! and `<ph>` for what stands alone (a footnote reference, code, a line break, a picture, a
//! label), their Markdown in `<originalData>`, so a translator cannot break it. An out-of-date translation's units
//! carry its old text as the starting target (`state="initial"`) and the original's text as it
//! was, in a note.
//!
//! A returned file is untrusted: parsed without a DTD and bounded; an unknown unit, a lost,
//! repeated or unknown inline code, another text or language are refused with a
//! message naming them.

use std::collections::BTreeMap;

use crate::ooxml::XmlWriter;

use super::units::{Piece, Unit};

/// XLIFF 2's namespace (2.1 keeps 2.0's).
pub const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The most a returned file may be, and the most XML nodes it may hold.
pub const MAX_BYTES: u64 = 16 << 20;
const MAX_NODES: u32 = 1_000_000;

/// A unit as exported.
pub struct Export<'a> {
    pub id: String,
    pub unit: &'a Unit,
    /// The translation's text so far, its codes those of `unit` (an out-of-date or hand-made
    /// translation).
    pub target: Option<Vec<Piece>>,
    /// The original's text when the translation was made (a changed unit).
    pub previous_source: Option<String>,
}

/// The XLIFF 2.1 file of `units` of `original` (in `src`) for `translation` (in `trg`).
pub fn write(original: &str, translation: &str, src: &str, trg: &str, units: &[Export]) -> String {
    let mut out = XmlWriter::part();
    out.start("xliff")
        .attr("xmlns", NS)
        .attr("version", "2.1")
        .attr("srcLang", src)
        .attr("trgLang", trg);
    out.start("file")
        .attr("id", "f1")
        .attr("original", original);
    out.start("notes")
        .start("note")
        .attr("category", "speca-docs")
        .text(&format!("translation: {translation}"))
        .end()
        .end();
    for export in units {
        out.start("unit").attr("id", &export.id);
        out.start("notes")
            .start("note")
            .attr("category", "kind")
            .text(&export.unit.kind)
            .end();
        if let Some(previous) = &export.previous_source {
            out.start("note")
                .attr("category", "previous-source")
                .text(previous)
                .end();
        }
        out.end();
        let codes = codes_of(&export.unit.pieces);
        if !codes.is_empty() {
            out.start("originalData");
            for (data_id, markdown) in &codes {
                out.start("data").attr("id", data_id).text(markdown).end();
            }
            out.end();
        }
        out.start("segment");
        if export.target.is_some() {
            out.attr("state", "initial");
        }
        out.start("source");
        write_pieces(&mut out, &export.unit.pieces);
        out.end();
        if let Some(target) = &export.target {
            out.start("target");
            write_pieces(&mut out, target);
            out.end();
        }
        out.end().end();
    }
    out.end().end();
    out.finish().into_string()
}

/// The `<data>` of a unit's codes: `s<id>`/`e<id>` for a span's start and end, `d<id>` for a
/// standalone code.
fn codes_of(pieces: &[Piece]) -> Vec<(String, String)> {
    pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Open { id, markdown } => Some((format!("s{id}"), markdown.clone())),
            Piece::Close { id, markdown } => Some((format!("e{id}"), markdown.clone())),
            Piece::Code { id, markdown } => Some((format!("d{id}"), markdown.clone())),
            Piece::Text(_) => None,
        })
        .collect()
}

fn write_pieces(out: &mut XmlWriter, pieces: &[Piece]) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                out.text(text);
            }
            Piece::Open { id, .. } => {
                out.start("pc")
                    .attr("id", id)
                    .attr("dataRefStart", format_args!("s{id}"))
                    .attr("dataRefEnd", format_args!("e{id}"));
            }
            Piece::Close { .. } => {
                out.end();
            }
            Piece::Code { id, .. } => {
                out.start("ph")
                    .attr("id", id)
                    .attr("dataRef", format_args!("d{id}"))
                    .end();
            }
        }
    }
}

/// A returned file, read.
#[derive(Debug)]
pub struct Returned {
    pub original: String,
    pub src: String,
    pub trg: String,
    /// Unit id to its target's pieces (`None`: no target, or an empty one).
    pub units: Vec<(String, Option<Vec<Piece>>, String)>,
}

/// Reads a returned XLIFF file; `sources` gives each unit's source pieces by id, to take the
/// Markdown of its codes from (never from the file). Errors are messages for the person who
/// imports.
pub fn read(text: &str, sources: &dyn Fn(&str) -> Option<Vec<Piece>>) -> Result<Returned, String> {
    let tree = crate::ooxml::read::parse_xml(text, MAX_NODES).map_err(|err| match err {
        roxmltree::Error::DtdDetected => {
            "the file holds a DTD (a document type declaration); XLIFF needs none, so the file is refused".to_string()
        }
        roxmltree::Error::NodesLimitReached => {
            format!("the file has more than {MAX_NODES} XML nodes; it is refused")
        }
        err => format!("the file is not well-formed XML ({err})"),
    })?;
    let root = tree.root_element();
    if root.tag_name().name() != "xliff" || root.tag_name().namespace() != Some(NS) {
        return Err(
            "this is not an XLIFF 2 file (its root is not <xliff> in XLIFF 2's namespace)".into(),
        );
    }
    if !matches!(root.attribute("version"), Some("2.0" | "2.1")) {
        return Err("this XLIFF file is not of version 2.0 or 2.1".into());
    }
    let src = root.attribute("srcLang").unwrap_or_default().to_string();
    let trg = root.attribute("trgLang").unwrap_or_default().to_string();
    let is = |node: &roxmltree::Node, name: &str| {
        node.is_element()
            && node.tag_name().name() == name
            && node.tag_name().namespace() == Some(NS)
    };
    let files: Vec<_> = root.children().filter(|n| is(n, "file")).collect();
    let [file] = files.as_slice() else {
        return Err("the file must hold one <file>, for one text".into());
    };
    let original = file.attribute("original").unwrap_or_default().to_string();
    let mut units = Vec::new();
    for unit in file.descendants().filter(|n| is(n, "unit")) {
        let id = unit.attribute("id").unwrap_or_default().to_string();
        let Some(source) = sources(&id) else {
            return Err(format!("the unit \"{id}\" is none of this text's"));
        };
        let mut target_pieces: Vec<Piece> = Vec::new();
        let mut has_target = false;
        let mut source_text = String::new();
        for segment in unit
            .children()
            .filter(|n| is(n, "segment") || is(n, "ignorable"))
        {
            if let Some(s) = segment.children().find(|n| is(n, "source")) {
                source_text.push_str(
                    &s.descendants()
                        .filter(|n| n.is_text())
                        .filter_map(|n| n.text())
                        .collect::<String>(),
                );
            }
            if let Some(target) = segment.children().find(|n| is(n, "target")) {
                has_target = true;
                read_inline(target, &source, &mut target_pieces, &id, &is)?;
            }
        }
        let translated = has_target
            && target_pieces
                .iter()
                .any(|p| matches!(p, Piece::Text(t) if !t.trim().is_empty()));
        if translated {
            check_codes(&source, &target_pieces, &id)?;
        }
        units.push((id, translated.then_some(target_pieces), source_text));
    }
    Ok(Returned {
        original,
        src,
        trg,
        units,
    })
}

/// The pieces of a `<target>` (or an element inside it), codes taken from the source's.
fn read_inline(
    node: roxmltree::Node,
    source: &[Piece],
    out: &mut Vec<Piece>,
    unit: &str,
    is: &dyn Fn(&roxmltree::Node, &str) -> bool,
) -> Result<(), String> {
    let code_id = |n: &roxmltree::Node, attr: &str| -> Result<u32, String> {
        n.attribute(attr)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("the unit \"{unit}\" has an inline code without a known id"))
    };
    let markdown = |id: u32, want: &str| -> Result<String, String> {
        source
            .iter()
            .find_map(|p| match (p, want) {
                (Piece::Open { id: i, markdown }, "open")
                | (Piece::Close { id: i, markdown }, "close")
                | (Piece::Code { id: i, markdown }, "code")
                    if *i == id =>
                {
                    Some(markdown.clone())
                }
                _ => None,
            })
            .ok_or_else(|| {
                format!("the unit \"{unit}\" has an inline code {id} that its source does not have")
            })
    };
    for child in node.children() {
        if child.is_text() {
            let text = child.text().unwrap_or_default();
            match out.last_mut() {
                Some(Piece::Text(last)) => last.push_str(text),
                _ => out.push(Piece::Text(text.to_string())),
            }
        } else if is(&child, "pc") {
            let id = code_id(&child, "id")?;
            out.push(Piece::Open {
                id,
                markdown: markdown(id, "open")?,
            });
            read_inline(child, source, out, unit, is)?;
            out.push(Piece::Close {
                id,
                markdown: markdown(id, "close")?,
            });
        } else if is(&child, "sc") {
            let id = code_id(&child, "id")?;
            out.push(Piece::Open {
                id,
                markdown: markdown(id, "open")?,
            });
        } else if is(&child, "ec") {
            let id = code_id(&child, "startRef").or_else(|_| code_id(&child, "id"))?;
            out.push(Piece::Close {
                id,
                markdown: markdown(id, "close")?,
            });
        } else if is(&child, "ph") {
            let id = code_id(&child, "id")?;
            out.push(Piece::Code {
                id,
                markdown: markdown(id, "code")?,
            });
        } else if is(&child, "mrk") || is(&child, "sm") || is(&child, "em") {
            read_inline(child, source, out, unit, is)?;
        } else if is(&child, "cp") {
            let c = child
                .attribute("hex")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .ok_or_else(|| format!("the unit \"{unit}\" has a <cp> that is no character"))?;
            out.push(Piece::Text(c.to_string()));
        } else if child.is_element() {
            return Err(format!(
                "the unit \"{unit}\" holds <{}>, which is no inline element of XLIFF 2",
                child.tag_name().name()
            ));
        }
    }
    Ok(())
}

/// Every code of the source is in the target once, each span closed after it opens.
pub fn check_codes(source: &[Piece], target: &[Piece], unit: &str) -> Result<(), String> {
    let count = |pieces: &[Piece]| -> BTreeMap<(u8, u32), usize> {
        let mut counts = BTreeMap::new();
        for piece in pieces {
            let key = match piece {
                Piece::Open { id, .. } => (0, *id),
                Piece::Close { id, .. } => (1, *id),
                Piece::Code { id, .. } => (2, *id),
                Piece::Text(_) => continue,
            };
            *counts.entry(key).or_insert(0) += 1;
        }
        counts
    };
    let (want, got) = (count(source), count(target));
    for (key, n) in &want {
        if got.get(key) != Some(n) {
            let markdown = source
                .iter()
                .find_map(|p| match (p, key.0) {
                    (Piece::Open { id, markdown }, 0)
                    | (Piece::Close { id, markdown }, 1)
                    | (Piece::Code { id, markdown }, 2)
                        if *id == key.1 =>
                    {
                        Some(markdown.clone())
                    }
                    _ => None,
                })
                .unwrap_or_default();
            return Err(format!(
                "the unit \"{unit}\" lost its inline code {} (`{markdown}`), or has it more than once; keep every code of the source in the target",
                key.1
            ));
        }
    }
    // A span's end after its start.
    let mut open = Vec::new();
    for piece in target {
        match piece {
            Piece::Open { id, .. } => open.push(*id),
            Piece::Close { id, .. } if open.pop() != Some(*id) => {
                return Err(format!(
                    "the unit \"{unit}\" closes its inline code {id} out of order"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::units::units;

    const TEXT: &str = "---\ntype: country-input\n---\nThe *main* results[^n] are [here](https://x.org).\n\n[^n]: A note.\n";

    #[test]
    fn units_go_out_with_their_codes_and_come_back() {
        let units = units(TEXT);
        let exports: Vec<Export> = units
            .iter()
            .enumerate()
            .map(|(i, unit)| Export {
                id: format!("u{}", i + 1),
                unit,
                target: None,
                previous_source: None,
            })
            .collect();
        let xliff = write("sources/a.en.md", "sources/a.ru.md", "en", "ru", &exports);
        assert!(xliff.contains(
            "<source>The <pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">main</pc> results<ph id=\"2\" dataRef=\"d2\"/> are <pc id=\"3\" dataRefStart=\"s3\" dataRefEnd=\"e3\">here</pc>.</source>"
        ), "{xliff}");
        assert!(
            xliff.contains("<data id=\"e3\">](&lt;https://x.org&gt;)</data>"),
            "{xliff}"
        );
        // A translator's target, the codes kept in another order of words.
        let returned = xliff.replacen(
            "</source></segment>",
            "</source><target>Основные <ph id=\"2\" dataRef=\"d2\"/><pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">итоги</pc> — <pc id=\"3\" dataRefStart=\"s3\" dataRefEnd=\"e3\">здесь</pc>.</target></segment>",
            1,
        );
        let returned = returned.replacen(
            "</source></segment>",
            "</source><target>Сноска.</target></segment>",
            1,
        );
        let by_id = |id: &str| -> Option<Vec<Piece>> {
            let index: usize = id.strip_prefix('u')?.parse().ok()?;
            units.get(index - 1).map(|u| u.pieces.clone())
        };
        let back = read(&returned, &by_id).unwrap();
        assert_eq!(back.original, "sources/a.en.md");
        let markdown: Vec<Option<String>> = back
            .units
            .iter()
            .map(|(_, t, _)| t.as_ref().map(|p| super::super::units::to_markdown(p)))
            .collect();
        assert_eq!(
            markdown,
            [
                Some("Основные [^n]*итоги* — [здесь](<https://x.org>).".to_string()),
                Some("Сноска.".to_string())
            ]
        );
    }

    #[test]
    fn lost_codes_dtds_and_strangers_are_refused() {
        let units = units(TEXT);
        let by_id =
            |id: &str| -> Option<Vec<Piece>> { (id == "u1").then(|| units[0].pieces.clone()) };
        let file = |target: &str| {
            format!(
                "<xliff xmlns=\"{NS}\" version=\"2.1\" srcLang=\"en\" trgLang=\"ru\"><file id=\"f\" original=\"o\"><unit id=\"u1\"><segment><source>x</source><target>{target}</target></segment></unit></file></xliff>"
            )
        };
        let lost = read(&file("Только текст"), &by_id).unwrap_err();
        assert!(lost.contains("lost its inline code 1 (`*`)"), "{lost}");
        let stranger = read(&file("a<ph id=\"9\"/>"), &by_id).unwrap_err();
        assert!(
            stranger.contains("inline code 9 that its source does not have"),
            "{stranger}"
        );
        let dtd = read("<!DOCTYPE x [<!ENTITY e \"boom\">]><xliff/>", &by_id).unwrap_err();
        assert!(dtd.contains("DTD"), "{dtd}");
        let unknown = file("x").replace("u1", "u7");
        assert!(
            read(&unknown, &by_id)
                .unwrap_err()
                .contains("\"u7\" is none")
        );
    }
}
