//! Finding, checking and loading the images that Markdown bodies reference.
//!
//! An image path is relative to the Markdown file or to `sources/media/`, and must stay inside
//! `sources/`: `..` that climbs out, absolute paths, URLs and symbolic links that lead outside
//! are refused. The bytes are checked to be PNG, JPEG or SVG and loaded once per file, and the
//! size at which the image is shown is read from them: for PNG and JPEG the pixels at the
//! resolution the file records, for SVG its width and height in their units.

use std::collections::HashMap;

use image::DynamicImage;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::confined;
use crate::diag::{Diagnostics, Pos};
use crate::model::{ImageFormat, ImageRef};

/// The largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

/// The most XML nodes an SVG may have (elements, text, …), so that reading a hostile file
/// stays bounded; usvg has the same limit on the tree it builds.
const MAX_SVG_NODES: u32 = 1_000_000;

/// The resolution assumed for a PNG or JPEG that records none: 72 dpi (one pixel is one
/// point), as Typst assumes, so that the PDF and the DOCX show the image at the same size.
pub const DEFAULT_DPI: f64 = 72.0;

/// A loaded image file.
#[derive(Debug, Clone)]
struct Loaded {
    data: Arc<[u8]>,
    image: Sniffed,
}

/// Loads images for one project, each file once.
pub struct ImageLoader {
    project: PathBuf,
    sources: Option<PathBuf>,
    /// Each file loaded, or the problems that kept it from loading, reported again at every
    /// place that shows it (so that each file showing a broken picture has the error).
    cache: HashMap<String, Result<Loaded, Vec<Problem>>>,
}

/// A problem of an image file: its message and hint.
type Problem = (String, Option<String>);

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
            let loaded = loaded.as_ref().ok()?;
            Some((key.clone(), super::text::sha256_hex(&loaded.data)))
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
            let mut problems = Diagnostics::new();
            let loaded = self
                .load(rel, &key, file, pos, &mut problems)
                .ok_or_else(|| {
                    problems
                        .iter()
                        .map(|d| (d.message.clone(), d.hint.clone()))
                        .collect()
                });
            self.cache.insert(key.clone(), loaded);
        }
        let Loaded { data, image } = match self.cache.get(&key)? {
            Ok(loaded) => loaded.clone(),
            Err(problems) => {
                for (message, hint) in problems {
                    let reported = diags.error(file, pos, message.clone());
                    if let Some(hint) = hint {
                        reported.hint(hint.clone());
                    }
                }
                return None;
            }
        };
        Some(ImageRef {
            key,
            format: image.format,
            data,
            width_pt: image.width_pt,
            height_pt: image.height_pt,
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
    ) -> Option<Loaded> {
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
        let read = sniff(&data).and_then(|image| {
            let decoded = decode(image.format, &data)?;
            // A picture its EXIF says to turn is stored turned, and measured as stored.
            Ok(match upright(image.format, &data, decoded)? {
                Some(turned) => (sniff(&turned)?, turned),
                None => (image, data),
            })
        });
        match read {
            Ok((image, data)) => Some(Loaded {
                data: Arc::from(data),
                image,
            }),
            Err(SniffError::Unknown) => {
                diags
                    .error(
                        file,
                        pos,
                        format!("\"{key}\" is not a PNG, JPEG or SVG image"),
                    )
                    .hint("images must be PNG, JPEG or SVG files");
                None
            }
            Err(SniffError::Broken(format, reason)) => {
                diags
                    .error(
                        file,
                        pos,
                        format!(
                            "image \"{key}\" cannot be read as {}: {reason}",
                            format.extension().to_uppercase()
                        ),
                    )
                    .hint("open it in an image editor and save it again");
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

/// An image recognised by its bytes, with the size at which it is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sniffed {
    pub format: ImageFormat,
    /// Width in points (1/72 inch); always finite and positive.
    pub width_pt: f64,
    /// Height in points (1/72 inch); always finite and positive.
    pub height_pt: f64,
}

/// Why bytes are not an image that can be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum SniffError {
    /// Not PNG, JPEG or SVG at all.
    Unknown,
    /// It starts as an image of this format but cannot be read: why.
    Broken(ImageFormat, String),
}

/// Recognises an image by its bytes and reads the size at which it is shown:
///
/// - PNG and JPEG: the pixels (read by `imagesize`) at the resolution the file records, in
///   EXIF (`XResolution`/`YResolution`, as dots per inch as Typst takes them), else in the JFIF header of a
///   JPEG or the `pHYs` chunk of a PNG, else at [`DEFAULT_DPI`]. Like Typst, one resolution
///   (the larger of the two axes) is used for both, so the pixels keep their proportions.
/// - SVG: its size as `usvg` reads it, the same way Typst does: `width` and `height` in their
///   units (px, pt, pc, mm, cm, in; a number without a unit is px, 96 to the inch), a
///   percentage as that part of the `viewBox`, the `viewBox` alone when there is no size, and
///   when there is neither, as far as the drawing reaches right and down from the origin.
pub fn sniff(data: &[u8]) -> Result<Sniffed, SniffError> {
    let (format, width_pt, height_pt) = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (width, height) = raster_pixels(ImageFormat::Png, data)?;
        let dpi = png_dpi(data).unwrap_or(DEFAULT_DPI);
        (ImageFormat::Png, width * 72.0 / dpi, height * 72.0 / dpi)
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (width, height) = raster_pixels(ImageFormat::Jpeg, data)?;
        let dpi = jpeg_dpi(data).unwrap_or(DEFAULT_DPI);
        (ImageFormat::Jpeg, width * 72.0 / dpi, height * 72.0 / dpi)
    } else if looks_like_svg(data) {
        let (width, height) =
            svg_size(data).map_err(|e| SniffError::Broken(ImageFormat::Svg, e))?;
        (ImageFormat::Svg, width, height)
    } else {
        return Err(SniffError::Unknown);
    };
    let positive = |n: f64| n.is_finite() && n > 0.0;
    if positive(width_pt) && positive(height_pt) {
        Ok(Sniffed {
            format,
            width_pt,
            height_pt,
        })
    } else {
        Err(SniffError::Broken(format, "it has no size".into()))
    }
}

/// Decodes a PNG or JPEG picture whole, as Typst does when it typesets it (the same decoders,
/// with the same default limits on what decoding may allocate), so that a picture whose
/// header is sound but whose data is not is found by `check` rather than by a build. An SVG
/// was parsed whole by [`svg_size`].
fn decode(format: ImageFormat, data: &[u8]) -> Result<Option<DynamicImage>, SniffError> {
    use image::codecs::{jpeg::JpegDecoder, png::PngDecoder};
    use image::{ImageDecoder, ImageResult, Limits};
    fn whole<T: ImageDecoder>(decoder: ImageResult<T>) -> ImageResult<Option<DynamicImage>> {
        let mut decoder = decoder?;
        decoder.set_limits(Limits::default())?;
        DynamicImage::from_decoder(decoder).map(Some)
    }
    let cursor = std::io::Cursor::new(data);
    let decoded = match format {
        ImageFormat::Png => whole(PngDecoder::new(cursor)),
        ImageFormat::Jpeg => whole(JpegDecoder::new(cursor)),
        ImageFormat::Svg => Ok(None),
    };
    decoded.map_err(|err| {
        let reason = match err {
            image::ImageError::Limits(_) => "it is too large to decode".to_string(),
            err => format!("its data is damaged ({err})"),
        };
        SniffError::Broken(format, reason)
    })
}

/// A PNG or JPEG whose EXIF orientation says to turn or mirror it (a camera held sideways),
/// turned as Typst turns it and encoded again without that instruction; `None` when it is
/// upright. A DOCX embeds a picture's bytes as they are, and Word and LibreOffice do not follow
/// the instruction there, so the model holds the picture as it is to be seen, the same for
/// both writers. A JPEG keeps its resolution (in its JFIF header); a PNG gets none back, so
/// both writers show it at 72 dpi.
fn upright(
    format: ImageFormat,
    data: &[u8],
    decoded: Option<DynamicImage>,
) -> Result<Option<Vec<u8>>, SniffError> {
    use image::imageops;
    let Some(mut picture) = decoded else {
        return Ok(None);
    };
    let orientation = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(data))
        .ok()
        .and_then(|exif| {
            exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?
                .value
                .get_uint(0)
        });
    match orientation {
        Some(2) => imageops::flip_horizontal_in_place(&mut picture),
        Some(3) => imageops::rotate180_in_place(&mut picture),
        Some(4) => imageops::flip_vertical_in_place(&mut picture),
        Some(5) => {
            imageops::flip_horizontal_in_place(&mut picture);
            picture = picture.rotate270();
        }
        Some(6) => picture = picture.rotate90(),
        Some(7) => {
            imageops::flip_horizontal_in_place(&mut picture);
            picture = picture.rotate90();
        }
        Some(8) => picture = picture.rotate270(),
        _ => return Ok(None),
    }
    let broken = |err: image::ImageError| {
        SniffError::Broken(format, format!("it cannot be turned upright ({err})"))
    };
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            use image::codecs::jpeg::{JpegEncoder, PixelDensity};
            let mut encoder = JpegEncoder::new_with_quality(&mut out, 92);
            if let Some(dpi) = jpeg_dpi(data) {
                encoder
                    .set_pixel_density(PixelDensity::dpi(dpi.round().clamp(1.0, 65535.0) as u16));
            }
            encoder
                .encode_image(&DynamicImage::ImageRgb8(picture.to_rgb8()))
                .map_err(broken)?;
        }
        _ => {
            picture
                .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(broken)?;
            // The encoder writes no resolution: keep the one the picture recorded, or it
            // would be shown at 72 dpi, larger than its author made it.
            if let Some(dpi) = png_dpi(data) {
                out = with_png_resolution(out, dpi);
            }
        }
    }
    Ok(Some(out))
}

/// `png` (as the encoder wrote it: the signature, then IHDR) with a `pHYs` chunk after IHDR
/// that records `dpi`.
fn with_png_resolution(mut png: Vec<u8>, dpi: f64) -> Vec<u8> {
    const AFTER_IHDR: usize = 8 + 12 + 13;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (dpi / 0.0254).round().clamp(1.0, f64::from(u32::MAX)) as u32;
    let mut chunk = 9u32.to_be_bytes().to_vec();
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1); // the unit: the metre
    let crc = crc32fast::hash(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    png.splice(AFTER_IHDR..AFTER_IHDR, chunk);
    png
}

/// Width and height in pixels of a PNG or JPEG, read by `imagesize`.
fn raster_pixels(format: ImageFormat, data: &[u8]) -> Result<(f64, f64), SniffError> {
    let broken = |reason: &str| SniffError::Broken(format, reason.to_string());
    if format == ImageFormat::Png && data.get(12..16) != Some(b"IHDR") {
        return Err(broken("its header is missing"));
    }
    let size = imagesize::blob_size(data).map_err(|err| broken(&err.to_string()))?;
    if size.width == 0 || size.height == 0 {
        return Err(broken("it has no pixels"));
    }
    Ok((size.width as f64, size.height as f64))
}

/// A resolution in dots per inch, from dots per `unit_inches` inches on each axis: the larger,
/// when it is positive and finite.
fn dpi(x: f64, y: f64, unit_inches: f64) -> Option<f64> {
    Some(x.max(y) / unit_inches).filter(|dpi| dpi.is_finite() && *dpi > 0.0)
}

/// The resolution a PNG records: in an `eXIf` chunk, else in `pHYs` (dots per metre). Only
/// chunks before the image data count.
fn png_dpi(data: &[u8]) -> Option<f64> {
    let mut phys = None;
    let mut at = 8usize;
    while let (Some(length), Some(kind)) = (data.get(at..at + 4), data.get(at + 4..at + 8)) {
        let length = u32::from_be_bytes(length.try_into().ok()?) as usize;
        let Some(body) = data.get(at + 8..(at + 8).saturating_add(length)) else {
            break;
        };
        match kind {
            b"IDAT" | b"IEND" => break,
            b"eXIf" => {
                if let Some(dpi) = exif_dpi(body) {
                    return Some(dpi);
                }
            }
            b"pHYs" if body.len() >= 9 && body[8] == 1 => {
                let x = u32::from_be_bytes(body[0..4].try_into().ok()?);
                let y = u32::from_be_bytes(body[4..8].try_into().ok()?);
                phys = dpi(f64::from(x), f64::from(y), 1.0 / 0.0254);
            }
            _ => {}
        }
        at += 12 + length;
    }
    phys
}

/// The resolution a JPEG records: in its EXIF (APP1) segment, else in its JFIF (APP0) header.
/// Only segments before the image data count.
fn jpeg_dpi(data: &[u8]) -> Option<f64> {
    let mut jfif = None;
    let mut at = 2usize;
    while let Some(&[0xFF, marker]) = data.get(at..at + 2) {
        match marker {
            // Fill byte.
            0xFF => {
                at += 1;
                continue;
            }
            // Markers without a segment.
            0x01 | 0xD0..=0xD8 => {
                at += 2;
                continue;
            }
            // Start of scan, end of image: no more metadata.
            0xDA | 0xD9 => break,
            _ => {}
        }
        let Some(&[high, low]) = data.get(at + 2..at + 4) else {
            break;
        };
        let length = usize::from(u16::from_be_bytes([high, low]));
        let Some(body) = data.get(at + 4..(at + 2 + length).max(at + 4)) else {
            break;
        };
        match marker {
            0xE1 if body.starts_with(b"Exif\0\0") => {
                if let Some(dpi) = exif_dpi(&body[6..]) {
                    return Some(dpi);
                }
            }
            0xE0 if body.starts_with(b"JFIF\0") && body.len() >= 12 && jfif.is_none() => {
                let x = f64::from(u16::from_be_bytes([body[8], body[9]]));
                let y = f64::from(u16::from_be_bytes([body[10], body[11]]));
                jfif = match body[7] {
                    1 => dpi(x, y, 1.0),
                    2 => dpi(x, y, 1.0 / 2.54),
                    // 0: the numbers are only the pixels' proportions.
                    _ => None,
                };
            }
            _ => {}
        }
        at += 2 + length;
    }
    jfif
}

/// The resolution in an EXIF block (a TIFF structure), read by kamadak-exif: `XResolution`
/// and `YResolution` of the first image, taken as dots per inch whatever `ResolutionUnit`
/// says, because that is how Typst reads them: the PDF shows the picture so, and the DOCX
/// must show it the same size.
fn exif_dpi(tiff: &[u8]) -> Option<f64> {
    let exif = exif::Reader::new().read_raw(tiff.to_vec()).ok()?;
    let rational = |tag: exif::Tag| -> Option<f64> {
        match &exif.get_field(tag, exif::In::PRIMARY)?.value {
            exif::Value::Rational(values) => {
                values.first().filter(|r| r.denom != 0).map(|r| r.to_f64())
            }
            _ => None,
        }
    };
    let (x, y) = match (
        rational(exif::Tag::XResolution),
        rational(exif::Tag::YResolution),
    ) {
        (Some(x), Some(y)) => (x, y),
        (Some(v), None) | (None, Some(v)) => (v, v),
        (None, None) => return None,
    };
    dpi(x, y, 1.0)
}

/// Whether the bytes start like an SVG file: an `<svg` element in the first 4 KiB.
fn looks_like_svg(data: &[u8]) -> bool {
    data[..data.len().min(4096)]
        .windows(4)
        .any(|window| window == b"<svg")
}

/// Width and height of an SVG in points, as `usvg` reads them, or why it cannot be read.
///
/// It is parsed with at most [`MAX_SVG_NODES`] nodes and with options that never touch the
/// file system or the system's fonts: no resources folder, images given by a path or URL are
/// not loaded (only PNG, JPEG, GIF and WebP inlined as `data:` URLs, which are only measured,
/// not decoded; an inlined SVG, which may be compressed without bound, is left out), and the
/// font database is empty (text is left out; it does not change the size).
fn svg_size(data: &[u8]) -> Result<(f64, f64), String> {
    let text = std::str::from_utf8(data).map_err(|_| "it is not UTF-8 text".to_string())?;
    let xml = usvg::roxmltree::Document::parse_with_options(
        text,
        usvg::roxmltree::ParsingOptions {
            allow_dtd: true,
            nodes_limit: MAX_SVG_NODES,
            // External entities (`SYSTEM "file:…"`) are not resolved: no file is read.
            entity_resolver: None,
        },
    )
    .map_err(|err| err.to_string())?;
    let tree = usvg::Tree::from_xmltree(&xml, &svg_options()).map_err(|err| err.to_string())?;
    // usvg's user units are CSS pixels, 96 to the inch.
    let size = tree.size();
    Ok((
        f64::from(size.width()) * 0.75,
        f64::from(size.height()) * 0.75,
    ))
}

/// usvg's options for measuring an SVG; see [`svg_size`].
fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        // 96 dpi, as Typst reads SVG: the PDF shows the image at the same size.
        dpi: 96.0,
        font_family: String::new(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, data, _| match mime {
                "image/png" => Some(usvg::ImageKind::PNG(data)),
                "image/jpg" | "image/jpeg" => Some(usvg::ImageKind::JPEG(data)),
                "image/gif" => Some(usvg::ImageKind::GIF(data)),
                "image/webp" => Some(usvg::ImageKind::WEBP(data)),
                _ => None,
            }),
            resolve_string: Box::new(|_, _| None),
        },
        // The font database of `Options::default()` is empty: no system font is loaded.
        ..usvg::Options::default()
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

    /// A PNG of `width` × `height` pixels with these chunks before its (empty) image data.
    fn png(width: u32, height: u32, chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8; 4], body: &[u8]| {
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(body);
            out.extend_from_slice(&[0; 4]); // CRC, not checked
        };
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        for (kind, body) in chunks {
            chunk(kind, body);
        }
        chunk(b"IDAT", &[]);
        chunk(b"IEND", &[]);
        out
    }

    /// A pHYs chunk: dots per metre (unit 1) or only proportions (unit 0).
    fn phys(x: u32, y: u32, unit: u8) -> (&'static [u8; 4], Vec<u8>) {
        let mut body = x.to_be_bytes().to_vec();
        body.extend_from_slice(&y.to_be_bytes());
        body.push(unit);
        (b"pHYs", body)
    }

    /// An EXIF block (TIFF, little- or big-endian) with XResolution, YResolution (as n/1)
    /// and ResolutionUnit.
    fn exif(x: u32, y: u32, unit: u16, big_endian: bool) -> Vec<u8> {
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut out = if big_endian {
            b"MM\0*".to_vec()
        } else {
            b"II*\0".to_vec()
        };
        out.extend_from_slice(&u32b(8));
        out.extend_from_slice(&u16b(3));
        // Entries end at 8 + 2 + 3 × 12 + 4 (next IFD) = 50: the rationals follow.
        for (tag, kind, value) in [(0x011A, 5, 50), (0x011B, 5, 58), (0x0128, 3, 0)] {
            out.extend_from_slice(&u16b(tag));
            out.extend_from_slice(&u16b(kind));
            out.extend_from_slice(&u32b(1));
            if kind == 3 {
                out.extend_from_slice(&u16b(unit));
                out.extend_from_slice(&[0, 0]);
            } else {
                out.extend_from_slice(&u32b(value));
            }
        }
        out.extend_from_slice(&u32b(0));
        for v in [x, 1, y, 1] {
            out.extend_from_slice(&u32b(v));
        }
        out
    }

    /// A JPEG of `width` × `height` pixels with these segments (marker, body) before its frame.
    fn jpeg(width: u16, height: u16, segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        for (marker, body) in segments {
            out.extend_from_slice(&[0xFF, *marker]);
            out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
            out.extend_from_slice(body);
        }
        out.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&[1, 1, 0x11, 0, 0xFF, 0xD9]);
        out
    }

    /// A JFIF header: density unit (0 proportions, 1 per inch, 2 per cm) and densities.
    fn jfif(unit: u8, x: u16, y: u16) -> (u8, Vec<u8>) {
        let mut body = b"JFIF\0\x01\x02".to_vec();
        body.push(unit);
        body.extend_from_slice(&x.to_be_bytes());
        body.extend_from_slice(&y.to_be_bytes());
        body.extend_from_slice(&[0, 0]);
        (0xE0, body)
    }

    fn app1_exif(tiff: Vec<u8>) -> (u8, Vec<u8>) {
        let mut body = b"Exif\0\0".to_vec();
        body.extend(tiff);
        (0xE1, body)
    }

    /// Width and height in points, or the error.
    fn size(data: &[u8]) -> Result<(ImageFormat, f64, f64), SniffError> {
        sniff(data).map(|s| (s.format, s.width_pt, s.height_pt))
    }

    #[track_caller]
    fn assert_size(data: &[u8], format: ImageFormat, width_pt: f64, height_pt: f64) {
        let (got_format, w, h) = size(data).unwrap();
        assert_eq!(got_format, format);
        assert!(
            (w - width_pt).abs() < 0.01 && (h - height_pt).abs() < 0.01,
            "{w} × {h} pt instead of {width_pt} × {height_pt}"
        );
    }

    const MM: f64 = 72.0 / 25.4;

    #[test]
    fn png_is_shown_at_its_recorded_resolution() {
        // 600 × 300 px at 300 dpi (11,811 dots per metre) is 2 × 1 in: 144 × 72 pt.
        assert_size(
            &png(600, 300, &[phys(11_811, 11_811, 1)]),
            ImageFormat::Png,
            144.0,
            72.0,
        );
        // 144 dpi (5,669 per metre, as macOS records a Retina screenshot): about half.
        let dpi = 5_669.0 * 0.0254;
        assert_size(
            &png(600, 300, &[phys(5_669, 5_669, 1)]),
            ImageFormat::Png,
            600.0 * 72.0 / dpi,
            300.0 * 72.0 / dpi,
        );
        // No resolution, or only proportions (unit 0): 72 dpi, a pixel is a point.
        assert_size(&png(600, 300, &[]), ImageFormat::Png, 600.0, 300.0);
        assert_size(
            &png(600, 300, &[phys(3, 1, 0)]),
            ImageFormat::Png,
            600.0,
            300.0,
        );
        // EXIF (an eXIf chunk) comes before pHYs.
        assert_size(
            &png(
                600,
                300,
                &[(b"eXIf", exif(150, 150, 2, true)), phys(11_811, 11_811, 1)],
            ),
            ImageFormat::Png,
            288.0,
            144.0,
        );
        // A pHYs after the image data does not count.
        let mut late = png(600, 300, &[]);
        let end = late.len() - 12;
        let (kind, body) = phys(11_811, 11_811, 1);
        let mut chunk = (body.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(kind);
        chunk.extend_from_slice(&body);
        chunk.extend_from_slice(&[0; 4]);
        late.splice(end..end, chunk);
        assert_size(&late, ImageFormat::Png, 600.0, 300.0);
    }

    #[test]
    fn jpeg_is_shown_at_its_recorded_resolution() {
        // JFIF, dots per inch: 300 × 150 px at 300 dpi is 1 × 0.5 in.
        assert_size(
            &jpeg(300, 150, &[jfif(1, 300, 300)]),
            ImageFormat::Jpeg,
            72.0,
            36.0,
        );
        // JFIF, dots per cm: 118 per cm is 299.72 dpi.
        assert_size(
            &jpeg(300, 150, &[jfif(2, 118, 118)]),
            ImageFormat::Jpeg,
            300.0 * 72.0 / 299.72,
            150.0 * 72.0 / 299.72,
        );
        // JFIF with proportions only, or nothing: 72 dpi.
        assert_size(
            &jpeg(300, 150, &[jfif(0, 1, 1)]),
            ImageFormat::Jpeg,
            300.0,
            150.0,
        );
        assert_size(&jpeg(300, 150, &[]), ImageFormat::Jpeg, 300.0, 150.0);
        // EXIF wins over JFIF, in either byte order.
        assert_size(
            &jpeg(
                300,
                150,
                &[jfif(1, 72, 72), app1_exif(exif(150, 150, 2, false))],
            ),
            ImageFormat::Jpeg,
            144.0,
            72.0,
        );
        // Per cm, or with no unit: the numbers as dots per inch, as Typst takes them (the PDF
        // shows the picture so, and the DOCX must agree).
        assert_size(
            &jpeg(300, 150, &[app1_exif(exif(60, 60, 3, true))]),
            ImageFormat::Jpeg,
            360.0,
            180.0,
        );
        // Different resolutions per axis: the larger for both, as Typst does.
        assert_size(
            &jpeg(300, 150, &[jfif(1, 300, 150)]),
            ImageFormat::Jpeg,
            72.0,
            36.0,
        );
        assert_size(
            &jpeg(300, 150, &[app1_exif(exif(300, 300, 1, false))]),
            ImageFormat::Jpeg,
            72.0,
            36.0,
        );
        // An EXIF resolution of zero is not a resolution.
        assert_size(
            &jpeg(300, 150, &[app1_exif(exif(0, 0, 2, false))]),
            ImageFormat::Jpeg,
            300.0,
            150.0,
        );
        // The minimal JPEG of before: a segment, then the frame.
        let old = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 100, 3, 0, 0, 0, 0,
        ];
        assert_size(&old, ImageFormat::Jpeg, 100.0, 50.0);
    }

    #[test]
    fn svg_sizes_honour_units_percentages_and_the_view_box() {
        let svg = |attributes: &str| {
            format!(
                "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" {attributes}>\
                 <rect x=\"10\" y=\"20\" width=\"30\" height=\"40\"/></svg>"
            )
        };
        let cases: [(&str, f64, f64); 11] = [
            // The fixture's map: 80 × 40 mm.
            (
                r#"width="80mm" height="40mm" viewBox="0 0 80 40""#,
                80.0 * MM,
                40.0 * MM,
            ),
            (r#"width="8cm" height="4cm""#, 80.0 * MM, 40.0 * MM),
            (r#"width="210mm" height="297mm""#, 210.0 * MM, 297.0 * MM),
            (r#"width="144pt" height="72pt""#, 144.0, 72.0),
            (r#"width="2in" height="1in""#, 144.0, 72.0),
            (r#"width="12pc" height="6pc""#, 144.0, 72.0),
            // Numbers without a unit, and px: CSS pixels, 96 to the inch.
            (r#"width="640" height="320.5""#, 480.0, 240.375),
            (r#"width="640px" height="320px""#, 480.0, 240.0),
            // A percentage is that part of the viewBox.
            (
                r#"width="50%" height="100%" viewBox="0 0 300 150""#,
                112.5,
                112.5,
            ),
            // The viewBox alone.
            (r#"viewBox="0 0 300 150""#, 225.0, 112.5),
            (r#"viewBox="-10,-10,300,150""#, 225.0, 112.5),
        ];
        for (attributes, width, height) in cases {
            let data = svg(attributes);
            let (format, w, h) = size(data.as_bytes()).unwrap();
            assert_eq!(format, ImageFormat::Svg);
            assert!(
                (w - width).abs() < 0.01 && (h - height).abs() < 0.01,
                "{attributes}: {w} × {h} pt instead of {width} × {height}"
            );
        }
        // Neither size nor viewBox: as far as the drawing reaches from the origin (the
        // rectangle's right and bottom edges: 40 × 60 px).
        assert_size(svg("").as_bytes(), ImageFormat::Svg, 30.0, 45.0);
    }

    #[test]
    fn broken_and_hostile_svgs_are_errors_not_panics() {
        let broken = |data: &[u8]| match sniff(data) {
            Err(SniffError::Broken(ImageFormat::Svg, reason)) => reason,
            other => panic!("{:?}: {other:?}", String::from_utf8_lossy(data)),
        };
        // Unquoted or odd attribute values: not XML.
        broken("<svg width=é1 height=2>".as_bytes());
        broken(b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\"");
        // No size at all.
        broken(br#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>"#);
        broken(br#"<svg xmlns="http://www.w3.org/2000/svg" width="-5mm" height="10"/>"#);
        // Not UTF-8.
        broken(b"<svg xmlns=\"http://www.w3.org/2000/svg\">\xFF</svg>");
        // Entities that expand without end.
        let laughs = concat!(
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"&b;&b;\"><!ENTITY b \"&a;&a;\">]>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">&a;</svg>"
        );
        broken(laughs.as_bytes());
        // More nodes than the limit.
        let mut many =
            String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">"#);
        many.push_str(&"<g/>".repeat(MAX_SVG_NODES as usize + 1));
        many.push_str("</svg>");
        assert!(broken(many.as_bytes()).contains("nodes"));
        // Another XML file is not an image at all.
        assert_eq!(sniff(b"<html><p>x</p></html>"), Err(SniffError::Unknown));
        assert_eq!(sniff(b"GIF89a...."), Err(SniffError::Unknown));
    }

    #[test]
    fn svg_is_measured_without_reading_files() {
        // Without a size or a viewBox the size is the drawing's bounds: an image that is loaded
        // counts, one that is not does not. A file named by the SVG must not be loaded.
        let dir = tempfile::tempdir().unwrap();
        let picture = dir.path().join("big.png");
        std::fs::write(&picture, png(300, 150, &[])).unwrap();
        let svg = format!(
            concat!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">",
                "<rect width=\"10\" height=\"10\"/>",
                "<image href=\"{0}\"/><image xlink:href=\"file://{0}\"/></svg>"
            ),
            picture.display()
        );
        assert_size(svg.as_bytes(), ImageFormat::Svg, 7.5, 7.5);
        // An SVG inlined as a data: URL is left out too (it could be compressed without bound).
        let inner = r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150"/>"#;
        let svg = format!(
            concat!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"10\" height=\"10\"/>",
                "<image href=\"data:image/svg+xml;utf8,{}\"/></svg>"
            ),
            inner
                .replace('"', "'")
                .replace('<', "%3C")
                .replace('>', "%3E")
        );
        assert_size(svg.as_bytes(), ImageFormat::Svg, 7.5, 7.5);
    }

    #[test]
    fn a_picture_its_exif_says_to_turn_is_stored_turned() {
        use image::{Rgb, RgbImage};
        // 4 × 2 pixels, the left half black, stored as a camera held sideways stores it:
        // with EXIF orientation 6 (turn 90° clockwise to show it).
        let mut picture = RgbImage::from_pixel(4, 2, Rgb([255, 255, 255]));
        for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            picture.put_pixel(x, y, Rgb([0, 0, 0]));
        }
        let mut stored = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut stored, 100)
            .encode_image(&picture)
            .unwrap();
        // An APP1 segment after the start of image: a TIFF with one entry, Orientation
        // (0x0112), SHORT, one value, 6.
        let mut app1 = vec![0xFF, 0xE1, 0, 0];
        app1.extend_from_slice(
            b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0",
        );
        let length = (app1.len() - 2) as u16;
        app1[2..4].copy_from_slice(&length.to_be_bytes());
        stored.splice(2..2, app1);
        let decoded = decode(ImageFormat::Jpeg, &stored).unwrap();
        let turned = upright(ImageFormat::Jpeg, &stored, decoded)
            .unwrap()
            .expect("turned");
        // Shown 2 × 4 at 72 dpi, the black half now on top, and no turning left to do.
        assert_size(&turned, ImageFormat::Jpeg, 2.0, 4.0);
        let shown = decode(ImageFormat::Jpeg, &turned)
            .unwrap()
            .unwrap()
            .to_luma8();
        assert!(shown.get_pixel(0, 0)[0] < 64 && shown.get_pixel(1, 1)[0] < 64);
        assert!(shown.get_pixel(0, 3)[0] > 192 && shown.get_pixel(1, 2)[0] > 192);
        let again = decode(ImageFormat::Jpeg, &turned).unwrap();
        assert_eq!(upright(ImageFormat::Jpeg, &turned, again).unwrap(), None);
        // An upright picture is kept as it is.
        let mut plain = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut plain)
            .encode_image(&picture)
            .unwrap();
        let decoded = decode(ImageFormat::Jpeg, &plain).unwrap();
        assert_eq!(upright(ImageFormat::Jpeg, &plain, decoded).unwrap(), None);
    }

    #[test]
    fn a_png_turned_upright_keeps_its_resolution() {
        use image::{Rgb, RgbImage};
        // 4 × 2 pixels at 144 dpi, with EXIF orientation 6 in an eXIf chunk and the
        // resolution in pHYs (5,669 dots per metre).
        let picture = RgbImage::from_pixel(4, 2, Rgb([10, 20, 30]));
        let mut encoded = Vec::new();
        picture
            .write_to(
                &mut std::io::Cursor::new(&mut encoded),
                image::ImageFormat::Png,
            )
            .unwrap();
        let orientation =
            b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        let stored = with_png_resolution(encoded, 144.0);
        // The eXIf chunk after pHYs (IHDR ends at byte 33; pHYs is 21 bytes).
        let mut exif_chunk = (orientation.len() as u32).to_be_bytes().to_vec();
        exif_chunk.extend_from_slice(b"eXIf");
        exif_chunk.extend_from_slice(&orientation);
        let crc = crc32fast::hash(&exif_chunk[4..]);
        exif_chunk.extend_from_slice(&crc.to_be_bytes());
        let mut stored = stored;
        stored.splice(54..54, exif_chunk);
        assert_size(&stored, ImageFormat::Png, 2.0, 1.0);
        let decoded = decode(ImageFormat::Png, &stored).unwrap();
        let turned = upright(ImageFormat::Png, &stored, decoded)
            .unwrap()
            .expect("turned");
        // Turned: 2 × 4 pixels, still at 144 dpi, so 1 × 2 pt; and a valid PNG again.
        assert_size(&turned, ImageFormat::Png, 1.0, 2.0);
        assert!(image::load_from_memory(&turned).is_ok());
    }

    #[test]
    fn truncated_and_damaged_images_never_panic() {
        let samples = [
            png(600, 300, &[phys(11_811, 11_811, 1), (b"eXIf", exif(150, 150, 2, true))]),
            jpeg(
                300,
                150,
                &[jfif(1, 300, 300), app1_exif(exif(150, 150, 3, false))],
            ),
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="8cm" height="4cm" viewBox="0 0 8 4"><rect width="1" height="1"/></svg>"#.to_vec(),
        ];
        for sample in &samples {
            for cut in 0..sample.len() {
                let _ = sniff(&sample[..cut]);
            }
            // Every byte replaced by a few telling values, one at a time.
            for at in 0..sample.len() {
                for value in [0x00, 0x01, 0x7F, 0xFF] {
                    let mut damaged = sample.clone();
                    damaged[at] = value;
                    if let Ok(image) = sniff(&damaged) {
                        assert!(image.width_pt.is_finite() && image.width_pt > 0.0);
                        assert!(image.height_pt.is_finite() && image.height_pt > 0.0);
                    }
                }
            }
        }
    }
}
