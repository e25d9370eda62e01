//! Pictures and what is not one: drawings, VML pictures, embedded objects, text boxes,
//! shapes, alternate content, and the picture's format from its bytes.

use super::*;

/// The image format of `data`, from its first bytes.
pub(super) fn sniff(data: &[u8]) -> Result<&'static str, String> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok("png");
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok("jpeg");
    }
    let head = String::from_utf8_lossy(data.get(..4096).unwrap_or(data));
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<svg")
        || ((head.starts_with("<?xml") || head.starts_with("<!--")) && head.contains("<svg"))
    {
        return Ok("svg");
    }
    let named = if data.starts_with(b"GIF8") {
        "GIF"
    } else if data.get(..4) == Some(&[0x01, 0, 0, 0]) && data.get(40..44) == Some(b" EMF") {
        "EMF"
    } else if data.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || data.starts_with(&[1, 0, 9, 0]) {
        "WMF"
    } else if data.starts_with(b"BM") {
        "BMP"
    } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
        "TIFF"
    } else if data.get(8..12) == Some(b"WEBP") {
        "WebP"
    } else {
        "unknown"
    };
    Err(named.to_string())
}

impl<'p, 'b> Reader<'p, 'b> {
    pub(super) fn drawing(&mut self, drawing: Node, out: &mut Vec<Inline>) {
        if self.hiding() {
            return;
        }
        if drawing
            .descendants()
            .any(|n| n.has_tag_name_local("txbxContent") || n.has_tag_name_local("txbx"))
        {
            self.text_box(drawing);
            return;
        }
        let alt = drawing
            .descendants()
            .find(|n| n.has_tag_name_local("docPr"))
            .and_then(|d| {
                let descr = d
                    .attribute("descr")
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                descr.or_else(|| d.attribute("title").map(str::trim))
            })
            .unwrap_or_default()
            .to_string();
        if let Some(blip) = drawing.descendants().find(|n| n.has_tag_name_local("blip")) {
            self.picture(blip.r_attr("embed"), blip.r_attr("link"), alt, out);
        } else if drawing.descendants().any(|n| n.has_tag_name_local("chart")) {
            self.shape("a chart");
        } else {
            self.shape("a shape or a drawing");
        }
    }

    pub(super) fn pict(&mut self, pict: Node, out: &mut Vec<Inline>) {
        if self.hiding() {
            return;
        }
        if pict
            .descendants()
            .any(|n| n.has_tag_name_local("textbox") || n.has_tag_name_local("txbxContent"))
        {
            self.text_box(pict);
        } else if let Some(data) = pict
            .descendants()
            .find(|n| n.has_tag_name_local("imagedata"))
        {
            let alt = pict
                .descendants()
                .find(|n| n.has_tag_name_local("shape"))
                .and_then(|s| s.attribute("alt"))
                .or_else(|| {
                    data.attributes()
                        .find(|a| a.name() == "title")
                        .map(|a| a.value())
                })
                .unwrap_or_default()
                .trim()
                .to_string();
            self.picture(data.r_attr("id"), data.r_attr("link"), alt, out);
        } else if !pict
            .descendants()
            .any(|n| n.attributes().any(|a| a.name() == "hr" && a.value() == "t"))
        {
            // A horizontal line (`o:hr`) is decoration; anything else is a shape.
            self.shape("a shape or a drawing");
        }
    }

    pub(super) fn object(&mut self) {
        if self.hiding() {
            return;
        }
        self.objects += 1;
        self.notice(
            format!("embedded object {}", self.objects),
            "an embedded object (OLE: an equation, a spreadsheet, a chart …) was not imported; \
             copy its content into the body as text or a picture"
                .into(),
        );
    }

    pub(super) fn text_box(&mut self, node: Node) {
        self.text_boxes += 1;
        let text = snippet(node, "t");
        self.notice(
            format!("text box {}", self.text_boxes),
            format!("a text box{text} was not imported; copy its text into the body"),
        );
    }

    pub(super) fn shape(&mut self, what: &str) {
        self.shapes += 1;
        self.notice(
            format!("shape {}", self.shapes),
            format!("{what} was not imported; insert it as a picture (PNG, JPEG or SVG)"),
        );
    }

    /// Markup compatibility: one of the alternatives is read, never both. A picture may be in
    /// either; a text box or shape is noticed once.
    pub(super) fn alternate(&mut self, node: Node, base: RunProps, out: &mut Vec<Inline>) {
        let choice = node.children().find(|c| c.has_tag_name_local("Choice"));
        let fallback = node.children().find(|c| c.has_tag_name_local("Fallback"));
        let has = |n: Option<Node>, names: &[&str]| {
            n.is_some_and(|n| {
                n.descendants()
                    .any(|d| names.iter().any(|x| d.has_tag_name_local(x)))
            })
        };
        // A text box or a picture in the choice is read there (the fallback repeats it in
        // VML); a picture only in the fallback is read from it.
        let pick = if has(choice, &["txbxContent", "txbx", "textbox", "blip"]) {
            choice
        } else if has(fallback, &["blip", "imagedata"]) {
            fallback
        } else {
            choice.or(fallback)
        };
        let Some(pick) = pick else {
            return;
        };
        // The alternative holds run content (`w:drawing`, `w:pict`) or, rarely, runs.
        let wrapper_run = pick.children().any(|c| c.is_w("r"));
        if wrapper_run {
            self.inlines(pick, base, out);
        } else {
            for child in pick.children().filter(Node::is_element) {
                if child.is_w("drawing") {
                    self.drawing(child, out);
                } else if child.is_w("pict") {
                    self.pict(child, out);
                } else if child.is_w("object") {
                    self.object();
                }
            }
        }
    }

    pub(super) fn picture(
        &mut self,
        embed: Option<&str>,
        link: Option<&str>,
        alt: String,
        out: &mut Vec<Inline>,
    ) {
        self.images += 1;
        let place = format!("image {}", self.images);
        let Some(rid) = embed.filter(|id| !id.is_empty()) else {
            let message = if link.is_some() {
                "the picture is linked to a file outside the Word document, not embedded in it; \
                 skipped (insert the picture itself)"
            } else {
                "the picture has no image data; skipped"
            };
            self.notice(place, message.into());
            return;
        };
        let target = self.rels.get(rid).map(|rel| rel.target.clone());
        let part = match target {
            Some(Target::Part(part)) => part,
            Some(Target::External(url)) => {
                self.notice(
                    place,
                    format!(
                        "the picture is linked to {url}, outside the Word document; skipped \
                         (insert the picture itself)"
                    ),
                );
                return;
            }
            None => {
                self.notice(
                    place,
                    "the picture's data is missing from the file; skipped".into(),
                );
                return;
            }
        };
        if let Some(&media) = self.media_by_part.get(&part) {
            self.push(out, Inline::Image { media, alt });
            return;
        }
        let data = match self.package.part(&part) {
            Ok(Some(data)) => data,
            Ok(None) => {
                self.notice(
                    place,
                    format!("the picture's data ({part}) is missing from the file; skipped"),
                );
                return;
            }
            Err(error) => {
                self.error.get_or_insert(error);
                return;
            }
        };
        match sniff(&data) {
            Ok(format) => {
                let media = u32::try_from(self.media.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                self.media.insert(
                    media,
                    Media {
                        part: part.clone(),
                        format,
                        data,
                    },
                );
                self.media_by_part.insert(part, media);
                self.push(out, Inline::Image { media, alt });
            }
            Err(format) => self.notice(
                place.clone(),
                format!(
                    "{place} is in a format the documents cannot show ({format}, {part}), skipped; \
                     insert it as PNG, JPEG or SVG"
                ),
            ),
        }
    }
}
