//! The page: size and margins, ours (A4 with UN margins) or a reference.docx's.

use crate::ooxml::XmlWriter;
use crate::ooxml::read::NodeExt;
use crate::template::Page;

/// Page size and margins in twips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PageSetup {
    pub width: i64,
    pub height: i64,
    pub landscape: bool,
    pub top: i64,
    pub right: i64,
    pub bottom: i64,
    pub left: i64,
    pub header: i64,
    pub footer: i64,
    pub gutter: i64,
}

impl Default for PageSetup {
    /// The built-in template's page: A4 with UN margins.
    fn default() -> PageSetup {
        PageSetup::from_page(&Page::default())
    }
}

impl PageSetup {
    /// A template's page, in twips (1/1440 inch) as Word counts.
    pub fn from_page(page: &Page) -> PageSetup {
        let twips = |cm: f64| (cm / 2.54 * 1440.0).round() as i64;
        PageSetup {
            width: twips(page.width),
            height: twips(page.height),
            landscape: page.width > page.height,
            top: twips(page.margin_top),
            right: twips(page.margin_right),
            bottom: twips(page.margin_bottom),
            left: twips(page.margin_left),
            header: twips(page.header),
            footer: twips(page.footer),
            gutter: 0,
        }
    }

    pub fn text_width_twips(&self) -> i64 {
        (self.width - self.left - self.right - self.gutter).max(1440)
    }

    pub fn text_height_twips(&self) -> i64 {
        (self.height - self.top.abs() - self.bottom.abs()).max(1440)
    }

    /// `w:pgSz` and `w:pgMar` of the section properties.
    pub fn write(&self, out: &mut XmlWriter) {
        out.start("w:pgSz")
            .attr("w:w", self.width)
            .attr("w:h", self.height);
        if self.landscape {
            out.attr("w:orient", "landscape");
        }
        out.end();
        out.start("w:pgMar")
            .attr("w:top", self.top)
            .attr("w:right", self.right)
            .attr("w:bottom", self.bottom)
            .attr("w:left", self.left)
            .attr("w:header", self.header)
            .attr("w:footer", self.footer)
            .attr("w:gutter", self.gutter)
            .end();
    }

    /// The page setup of the last `w:sectPr` of a document.xml, when it has a page size.
    pub(super) fn from_document(tree: &roxmltree::Document) -> Option<PageSetup> {
        let sect = tree.descendants().rfind(|n| n.is_w("sectPr"))?;
        let child = |name: &str| sect.w_child(name);
        let number = |node: Option<roxmltree::Node>, name: &str| -> Option<i64> {
            let value = node?.w_attr(name)?.trim();
            value
                .parse::<i64>()
                .ok()
                .or_else(|| value.parse::<f64>().ok().map(|v| v.round() as i64))
        };
        let size = child("pgSz");
        let mut page = PageSetup {
            width: number(size, "w")?,
            height: number(size, "h")?,
            landscape: size.and_then(|n| n.w_attr("orient")) == Some("landscape"),
            ..PageSetup::default()
        };
        if page.width < 1440 || page.height < 1440 || page.width > 31_680 || page.height > 31_680 {
            return None;
        }
        let margins = child("pgMar");
        let fields: [(&str, &mut i64); 7] = [
            ("top", &mut page.top),
            ("right", &mut page.right),
            ("bottom", &mut page.bottom),
            ("left", &mut page.left),
            ("header", &mut page.header),
            ("footer", &mut page.footer),
            ("gutter", &mut page.gutter),
        ];
        for (name, field) in fields {
            if let Some(value) = number(margins, name) {
                *field = value.clamp(-31_680, 31_680);
            }
        }
        Some(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ooxml::names::W;

    fn from_xml(xml: &str) -> Option<PageSetup> {
        PageSetup::from_document(&roxmltree::Document::parse(xml).unwrap())
    }

    #[test]
    fn page_setup_from_the_last_section() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1000" w:right="900" w:bottom="800" w:left="700" w:header="500" w:footer="400" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        );
        let page = from_xml(&xml).unwrap();
        assert_eq!(
            (page.width, page.height, page.landscape),
            (16_838, 11_906, true)
        );
        assert_eq!((page.top, page.left, page.footer), (1000, 700, 400));
        assert_eq!(page.text_width_twips(), 16_838 - 1600);
        assert_eq!(from_xml("<x/>"), None);
        // Strict OOXML names the same elements in its own namespace.
        let strict = xml.replace(W, "http://purl.oclc.org/ooxml/wordprocessingml/main");
        assert_eq!(from_xml(&strict), Some(page));
    }
}
