//! Finding, checking and loading the images that Markdown bodies reference.
//!
//! An image path is relative to the Markdown file or to `sources/media/`, and must stay inside
//! `sources/`: `..` that climbs out, absolute paths, URLs and symbolic links that lead outside
//! are refused. The bytes are checked to be PNG, JPEG or SVG and loaded once per file.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::confined;
use crate::diag::{Diagnostics, Pos};
use crate::model::{ImageFormat, ImageRef};

/// The largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

/// A loaded image file: its format, bytes and size in pixels.
type Loaded = (ImageFormat, Arc<[u8]>, u32, u32);

/// Loads images for one project, each file once.
pub struct ImageLoader {
    project: PathBuf,
    sources: Option<PathBuf>,
    cache: HashMap<String, Option<Loaded>>,
}

impl ImageLoader {
    pub fn new(project: &Path) -> Self {
        let sources = confined::real_sources(project);
        ImageLoader {
            project: project.to_path_buf(),
            sources,
            cache: HashMap::new(),
        }
    }

    /// The project-relative paths of the images loaded so far, with the SHA-256 of their bytes.
    pub fn files(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.cache.iter().filter_map(|(key, loaded)| {
            let (_, data, _, _) = loaded.as_ref()?;
            Some((key.clone(), super::text::sha256_hex(data)))
        })
    }

    /// Resolves `src` as written in `file` (a project-relative path such as
    /// `sources/case-studies/x.en.md`), reporting problems at `pos`.
    pub fn resolve(
        &mut self,
        src: &str,
        alt: &str,
        file: &str,
        pos: Pos,
        diags: &mut Diagnostics,
    ) -> Option<ImageRef> {
        let src = src.trim();
        let shown: String = src.chars().take(80).collect();
        if src.is_empty() {
            diags
                .error(file, pos, "the image has no path")
                .hint("write ![description](../media/picture.png)");
            return None;
        }
        if src.contains("://") || src.starts_with("data:") || src.starts_with("mailto:") {
            diags
                .error(
                    file,
                    pos,
                    format!("image \"{shown}\" is not a file in the project"),
                )
                .hint("download the image into sources/media/ and reference it by its file name");
            return None;
        }
        if src.starts_with('/') || src.starts_with('\\') || src.as_bytes().get(1) == Some(&b':') {
            diags
                .error(file, pos, format!("image \"{shown}\" is an absolute path"))
                .hint("paths are relative to the Markdown file or to sources/media/, e.g. ../media/chart.png");
            return None;
        }
        let file_dir = Path::new(file).parent().unwrap_or(Path::new("sources"));
        let candidates = [
            normalize(&file_dir.join(src)),
            normalize(&Path::new("sources/media").join(src)),
        ];
        let inside: Vec<PathBuf> = candidates
            .into_iter()
            .flatten()
            .filter(|p| p.starts_with("sources"))
            .collect();
        if inside.is_empty() {
            diags
                .error(
                    file,
                    pos,
                    format!("image \"{shown}\" points outside sources/"),
                )
                .hint("images must be inside sources/, best in sources/media/");
            return None;
        }
        let Some(rel) = inside.iter().find(|p| self.project.join(p).is_file()) else {
            diags
                .error(file, pos, format!("image \"{shown}\" not found"))
                .hint(format!(
                    "looked for {}; paths are relative to the Markdown file or to sources/media/",
                    inside
                        .iter()
                        .map(|p| slash_path(p))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            return None;
        };
        let key = slash_path(rel);
        if !self.cache.contains_key(&key) {
            let loaded = self.load(rel, &key, file, pos, diags);
            self.cache.insert(key.clone(), loaded);
        }
        let (format, data, width, height) = self.cache.get(&key)?.clone()?;
        Some(ImageRef {
            key,
            format,
            data,
            width,
            height,
            alt: alt.to_string(),
        })
    }

    fn load(
        &self,
        rel: &Path,
        key: &str,
        file: &str,
        pos: Pos,
        diags: &mut Diagnostics,
    ) -> Option<(ImageFormat, Arc<[u8]>, u32, u32)> {
        // A symbolic link may lead anywhere: the real file must be inside sources/, and the
        // file read is the real file that was checked.
        let data = match confined::read(
            self.sources.as_deref(),
            &self.project.join(rel),
            MAX_IMAGE_BYTES,
        ) {
            Ok(data) => data,
            Err(confined::ReadError::Outside) => {
                diags
                    .error(
                        file,
                        pos,
                        format!("image \"{key}\" leads outside sources/ (through a symbolic link)"),
                    )
                    .hint("copy the image into sources/media/ instead of linking to it");
                return None;
            }
            Err(confined::ReadError::TooLarge(size)) => {
                diags
                    .error(
                        file,
                        pos,
                        format!(
                            "image \"{key}\" is {} MiB; images may be at most {} MiB",
                            size / (1024 * 1024),
                            MAX_IMAGE_BYTES / (1024 * 1024)
                        ),
                    )
                    .hint("save it smaller (a chart as PNG or SVG is usually under 1 MiB)");
                return None;
            }
            Err(confined::ReadError::Io(err)) => {
                diags.error(file, pos, format!("image \"{key}\" cannot be read: {err}"));
                return None;
            }
        };
        match sniff(&data) {
            Some((format, width, height)) => Some((format, Arc::from(data), width, height)),
            None => {
                diags
                    .error(
                        file,
                        pos,
                        format!("\"{key}\" is not a PNG, JPEG or SVG image"),
                    )
                    .hint("images must be PNG, JPEG or SVG files");
                None
            }
        }
    }
}

/// Resolves `.` and `..` without touching the file system; `None` when `..` climbs above the
/// start of the path.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// A relative path with `/` separators, for messages, keys and manifests.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Recognises an image by its bytes and reads its size in pixels.
pub fn sniff(data: &[u8]) -> Option<(ImageFormat, u32, u32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 && &data[12..16] == b"IHDR" {
        let width = u32::from_be_bytes(data[16..20].try_into().ok()?);
        let height = u32::from_be_bytes(data[20..24].try_into().ok()?);
        return (width > 0 && height > 0).then_some((ImageFormat::Png, width, height));
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (width, height) = jpeg_size(data)?;
        return Some((ImageFormat::Jpeg, width, height));
    }
    let head = std::str::from_utf8(&data[..data.len().min(4096)])
        .ok()
        .or_else(|| {
            // The 4 KiB cut may split a character: retry a little shorter.
            (1..4).find_map(|cut| {
                std::str::from_utf8(&data[..data.len().min(4096).saturating_sub(cut)]).ok()
            })
        })?;
    if let Some(start) = head.find("<svg") {
        let tag_end = head[start..].find('>').map_or(head.len(), |i| start + i);
        let tag = &head[start..tag_end];
        let (width, height) = svg_size(tag).unwrap_or((400, 300));
        return Some((ImageFormat::Svg, width, height));
    }
    None
}

fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = data[i + 1];
        if marker == 0xD8 || marker == 0x01 || (0xD0..=0xD7).contains(&marker) || marker == 0xFF {
            i += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let length = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        let is_frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
        if is_frame {
            let height = u16::from_be_bytes([data[i + 5], data[i + 6]]) as u32;
            let width = u16::from_be_bytes([data[i + 7], data[i + 8]]) as u32;
            return (width > 0 && height > 0).then_some((width, height));
        }
        i += 2 + length;
    }
    None
}

/// Width and height of an `<svg …>` start tag, from its attributes or its viewBox.
fn svg_size(tag: &str) -> Option<(u32, u32)> {
    let attr = |name: &str| -> Option<&str> {
        let at = tag
            .find(&format!(" {name}="))
            .or_else(|| tag.find(&format!("\n{name}=")))?;
        let rest = &tag[at + name.len() + 2..];
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let rest = &rest[1..];
        Some(&rest[..rest.find(quote)?])
    };
    let number = |text: &str| -> Option<f64> {
        let digits: String = text
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits
            .parse()
            .ok()
            .filter(|n: &f64| *n > 0.0 && !text.contains('%'))
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        return Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32));
    }
    let view_box: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter_map(|p| p.parse().ok())
        .collect();
    match view_box.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => {
            Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_and_refuses_climbing() {
        assert_eq!(
            normalize(Path::new("sources/case-studies/../media/a.png")),
            Some(PathBuf::from("sources/media/a.png"))
        );
        assert_eq!(normalize(Path::new("sources/../../etc/passwd")), None);
        assert_eq!(
            normalize(Path::new("sources/../Cargo.toml")),
            Some(PathBuf::from("Cargo.toml"))
        );
    }

    #[test]
    fn sniffs_sizes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&800u32.to_be_bytes());
        png.extend_from_slice(&400u32.to_be_bytes());
        assert_eq!(sniff(&png), Some((ImageFormat::Png, 800, 400)));
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="640" height="320.5">"#;
        assert_eq!(sniff(svg), Some((ImageFormat::Svg, 640, 321)));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150">"#;
        assert_eq!(sniff(svg), Some((ImageFormat::Svg, 300, 150)));
        assert_eq!(sniff(b"GIF89a...."), None);
        // Unquoted or odd attribute values: no size from them, and no panic.
        assert_eq!(
            sniff("<svg width=é1 height=2>".as_bytes()),
            Some((ImageFormat::Svg, 400, 300))
        );
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 100, 3, 0, 0, 0, 0,
        ];
        assert_eq!(sniff(&jpeg), Some((ImageFormat::Jpeg, 100, 50)));
    }
}
