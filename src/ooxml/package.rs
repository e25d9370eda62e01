//! The package: the zip with its bounds, content types and relationships.
//!
//! Every part is read through [`Package::part`], which enforces [`Limits`] on the entry's
//! declared sizes first (cheap, refuses most zip bombs before inflating a byte) and again on
//! the bytes actually inflated (declared sizes can lie). Part names stay names inside the
//! package: they are looked up in the zip's directory, never joined to a path on disk.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::names::OFFICE_DOCUMENT;
use super::read::{self as xml, NodeExt};
use super::{Limits, ReadError};

/// Past this many uncompressed bytes a part's compression ratio is checked: small parts of
/// repetitive XML legitimately compress very well.
const RATIO_FLOOR: u64 = 1 << 20;

pub struct Package<'b> {
    archive: zip::ZipArchive<Cursor<&'b [u8]>>,
    /// Part name (no leading `/`, lower case: OPC part names compare case-insensitively) to
    /// the entry's index.
    entries: HashMap<String, usize>,
    /// The entries' names as the zip spells them, in its order (directories left out).
    names: Vec<String>,
    limits: Limits,
    /// Uncompressed bytes read so far, every part together.
    total: u64,
    /// `[Content_Types].xml` overrides: part name (lower case) to content type.
    overrides: HashMap<String, String>,
}

/// One relationship of a part.
#[derive(Debug, Clone)]
pub struct Rel {
    pub kind: String,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A part of the package, its name resolved against the source part.
    Part(String),
    /// An address outside the package (`TargetMode="External"`).
    External(String),
}

/// A part's relationships by id.
pub type Rels = HashMap<String, Rel>;

pub fn not_docx(why: &str) -> ReadError {
    ReadError {
        message: format!("this is not a Word (.docx) file ({why})"),
        hint: Some("save it in Word as a Word Document (.docx)".into()),
    }
}

fn macros() -> ReadError {
    ReadError {
        message: "macro-enabled Word files are refused; save it as a .docx (Word Document)".into(),
        hint: Some(
            "in Word: File > Save As > Word Document (*.docx), which leaves the macros out".into(),
        ),
    }
}

impl<'b> Package<'b> {
    /// Opens the zip, refusing encrypted files, macro-enabled files and too many entries.
    pub fn open(name: &str, bytes: &'b [u8], limits: Limits) -> Result<Package<'b>, ReadError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // An OLE compound file: what Word writes for a password-protected document (and
            // for the old binary .doc format).
            return Err(ReadError {
                message:
                    "the file is password-protected (encrypted) or an old binary Word (.doc) file, \
                          which cannot be read"
                        .into(),
                hint: Some(
                    "remove the password in Word (File > Info > Protect Document > Encrypt with \
                     Password, clear it) and save it as a Word Document (.docx)"
                        .into(),
                ),
            });
        }
        if bytes.is_empty() {
            return Err(not_docx("the file is empty"));
        }
        if name.to_ascii_lowercase().ends_with(".docm") {
            return Err(macros());
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| not_docx(&format!("not a zip package: {e}")))?;
        if archive.len() > limits.max_entries {
            return Err(ReadError {
                message: format!(
                    "the file holds {} entries, more than the {} a Word file may have; it is refused",
                    archive.len(),
                    limits.max_entries
                ),
                hint: None,
            });
        }
        let mut entries = HashMap::new();
        let mut names = Vec::new();
        for index in 0..archive.len() {
            let Some(Ok(entry)) = archive.name_for_index(index) else {
                continue;
            };
            if entry.split(['/', '\\']).any(|segment| segment == "..") || entry.contains(':') {
                return Err(outside("the zip's list of entries", &entry));
            }
            let entry = entry.trim_start_matches('/');
            if !entry.ends_with('/') {
                names.push(entry.to_string());
            }
            let entry = entry.to_lowercase();
            // Word's VBA project, wherever a renamed package keeps it.
            if entry.rsplit('/').next() == Some("vbaproject.bin") {
                return Err(macros());
            }
            entries.entry(entry).or_insert(index);
        }
        let mut package = Package {
            archive,
            entries,
            names,
            limits,
            total: 0,
            overrides: HashMap::new(),
        };
        if let Some(types) = package.part("[Content_Types].xml")? {
            let text = xml::text("[Content_Types].xml", &types)?;
            let tree = xml::parse("[Content_Types].xml", &text, &limits)?;
            for node in tree
                .descendants()
                .filter(|n| n.has_tag_name_local("Override"))
            {
                if let (Some(part), Some(kind)) =
                    (node.attribute("PartName"), node.attribute("ContentType"))
                {
                    package.overrides.insert(
                        part.trim_start_matches('/').to_lowercase(),
                        kind.to_string(),
                    );
                }
            }
        }
        Ok(package)
    }

    /// The main document part's name: the `officeDocument` relationship of `_rels/.rels`,
    /// else `word/document.xml`. Refuses a macro-enabled main part.
    pub fn main_part(&mut self) -> Result<String, ReadError> {
        let rels = self.rels("")?;
        let mut main = rels.values().find_map(|rel| match &rel.target {
            Target::Part(part) if OFFICE_DOCUMENT.contains(&rel.kind.as_str()) => {
                Some(part.clone())
            }
            _ => None,
        });
        if main.as_ref().is_some_and(|part| !self.has(part)) {
            main = None;
        }
        let main = main
            .or_else(|| {
                self.has("word/document.xml")
                    .then(|| "word/document.xml".to_string())
            })
            .ok_or_else(|| not_docx("it has no Word document part"))?;
        if let Some(kind) = self.overrides.get(&main.to_lowercase())
            && kind.to_ascii_lowercase().contains("macroenabled")
        {
            return Err(macros());
        }
        Ok(main)
    }

    /// The names of the package's parts, as the zip spells them and in its order.
    pub fn part_names(&self) -> &[String] {
        &self.names
    }

    /// How a part is stored in the zip (`stored`, `deflated`, …), `None` when there is no
    /// such part.
    pub fn compression(&mut self, part: &str) -> Option<String> {
        let index = *self
            .entries
            .get(&part.trim_start_matches('/').to_lowercase())?;
        let entry = self.archive.by_index_raw(index).ok()?;
        Some(format!("{:?}", entry.compression()).to_lowercase())
    }

    /// A part's text (see [`xml::text`]), `None` when the package has no such part.
    pub fn text(&mut self, part: &str) -> Result<Option<String>, ReadError> {
        match self.part(part)? {
            Some(bytes) => xml::text(part, &bytes).map(Some),
            None => Ok(None),
        }
    }

    pub fn has(&self, part: &str) -> bool {
        self.entries
            .contains_key(&part.trim_start_matches('/').to_lowercase())
    }

    /// A part's bytes, `None` when the package has no such part. Refuses a part (and so the
    /// file) beyond the limits.
    pub fn part(&mut self, part: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(&index) = self
            .entries
            .get(&part.trim_start_matches('/').to_lowercase())
        else {
            return Ok(None);
        };
        let limits = self.limits;
        let too_big = |what: String| ReadError {
            message: format!("the part {part} {what}; the file is refused"),
            hint: Some("a Word document this large is likely damaged or a zip bomb".into()),
        };
        let mut entry = match self.archive.by_index(index) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::UnsupportedArchive(why)) => {
                return Err(ReadError {
                    message: format!("the part {part} cannot be read ({why})"),
                    hint: Some(
                        "if the file has a password, remove it in Word and save it as a Word \
                         Document (.docx)"
                            .into(),
                    ),
                });
            }
            Err(e) => return Err(not_docx(&format!("the part {part} is damaged: {e}"))),
        };
        if entry.encrypted() {
            return Err(ReadError {
                message: format!("the part {part} is encrypted"),
                hint: Some("remove the password in Word and save it again".into()),
            });
        }
        // The declared sizes first: a zip bomb usually says what it is.
        let compressed = entry.compressed_size().max(1);
        let declared = entry.size();
        if declared > limits.max_part_bytes {
            return Err(too_big(format!(
                "is {declared} bytes uncompressed, more than {}",
                limits.max_part_bytes
            )));
        }
        if declared > RATIO_FLOOR && declared / compressed > limits.max_ratio {
            return Err(too_big(format!(
                "inflates {}-fold (a zip bomb)",
                declared / compressed
            )));
        }
        if self.total.saturating_add(declared) > limits.max_total_bytes {
            return Err(too_big(format!(
                "takes the parts read past {} bytes uncompressed",
                limits.max_total_bytes
            )));
        }
        // Then the bytes themselves, in chunks, since the declared sizes can lie.
        let mut data = Vec::with_capacity(declared.min(1 << 20) as usize);
        let mut reader = (&mut entry).take(limits.max_part_bytes.saturating_add(1));
        let mut chunk = vec![0u8; 64 << 10];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(not_docx(&format!("the part {part} is damaged: {e}"))),
            };
            data.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let len = data.len() as u64;
            if len > limits.max_part_bytes {
                return Err(too_big(format!(
                    "is more than {} bytes uncompressed",
                    limits.max_part_bytes
                )));
            }
            if len > RATIO_FLOOR && len / compressed > limits.max_ratio {
                return Err(too_big(format!(
                    "inflates more than {}-fold (a zip bomb)",
                    limits.max_ratio
                )));
            }
            if self.total.saturating_add(len) > limits.max_total_bytes {
                return Err(too_big(format!(
                    "takes the parts read past {} bytes uncompressed",
                    limits.max_total_bytes
                )));
            }
        }
        self.total = self.total.saturating_add(data.len() as u64);
        Ok(Some(data))
    }

    /// The relationships of `part` (`""` for the package's own, `_rels/.rels`). A missing or
    /// unreadable-as-XML rels part is no relationships; one over the limits refuses the file.
    pub fn rels(&mut self, part: &str) -> Result<Rels, ReadError> {
        let (dir, file) = match part.rsplit_once('/') {
            Some((dir, file)) => (format!("{dir}/"), file),
            None => (String::new(), part),
        };
        let rels_part = format!("{dir}_rels/{file}.rels");
        let Some(bytes) = self.part(&rels_part)? else {
            return Ok(Rels::new());
        };
        let text = xml::text(&rels_part, &bytes)?;
        let tree = xml::parse(&rels_part, &text, &self.limits)?;
        let mut rels = Rels::new();
        for node in tree
            .descendants()
            .filter(|n| n.has_tag_name_local("Relationship"))
        {
            let (Some(id), Some(target)) = (node.attribute("Id"), node.attribute("Target")) else {
                continue;
            };
            let kind = node.attribute("Type").unwrap_or_default().to_string();
            let target = if node
                .attribute("TargetMode")
                .is_some_and(|mode| mode.eq_ignore_ascii_case("External"))
            {
                Target::External(target.to_string())
            } else {
                match resolve(&dir, target) {
                    Some(resolved) => Target::Part(resolved),
                    // Word never points outside its own package; a file that does was made to
                    // reach something else, and is refused whole.
                    None => return Err(outside(&format!("{rels_part} ({id})"), target)),
                }
            };
            rels.insert(id.to_string(), Rel { kind, target });
        }
        Ok(rels)
    }
}

/// The refusal of a file that names a place outside itself.
fn outside(place: &str, target: &str) -> ReadError {
    let target: String = target.chars().take(200).collect();
    ReadError {
        message: format!(
            "{place} names \"{target}\", outside the Word file; Word never does, so the file \
             is refused"
        ),
        hint: Some("open it in Word and save it again as a new .docx".into()),
    }
}

/// Resolves a relationship target against the directory of its source part (`word/`),
/// inside the package: `..` goes up within the package only; a target that would leave it
/// is `None`. A leading `/` starts at the package root. Percent-escapes are decoded for
/// the common `%20`.
pub fn resolve(dir: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let (base, target) = match target.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (dir, target),
    };
    if target.contains("://") || target.contains('\\') || target.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for segment in base.split('/').chain(target.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/").replace("%20", " "))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn targets_resolve_inside_the_package_only() {
        assert_eq!(
            resolve("word/", "media/a.png").as_deref(),
            Some("word/media/a.png")
        );
        assert_eq!(
            resolve("word/", "../media/a.png").as_deref(),
            Some("media/a.png")
        );
        assert_eq!(
            resolve("word/", "/word/x.xml").as_deref(),
            Some("word/x.xml")
        );
        assert_eq!(
            resolve("", "word/document.xml").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(resolve("word/", "../../x"), None);
        assert_eq!(resolve("word/", "../../../etc/passwd"), None);
        assert_eq!(resolve("word/", "file:///etc/passwd"), None);
        assert_eq!(resolve("word/", "C:\\x"), None);
        assert_eq!(resolve("word/", ".."), None);
    }
}
