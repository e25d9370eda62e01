//! The page: size and margins, ours (A4 with UN margins) or a reference.docx's.

use super::xml::W;
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
    pub fn xml(&self) -> String {
        let orient = if self.landscape {
            " w:orient=\"landscape\""
        } else {
            ""
        };
        format!(
            "<w:pgSz w:w=\"{}\" w:h=\"{}\"{orient}/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"{}\"/>",
            self.width,
            self.height,
            self.top,
            self.right,
            self.bottom,
            self.left,
            self.header,
            self.footer,
            self.gutter
        )
    }

    /// The page setup of the last `w:sectPr` of a document.xml, when it has a page size.
    pub(super) fn from_document_xml(xml: &str) -> Option<PageSetup> {
        let tree = roxmltree::Document::parse(xml).ok()?;
        let sect = tree
            .descendants()
            .rfind(|n| n.has_tag_name((W, "sectPr")))?;
        let child = |name: &str| sect.children().find(|n| n.has_tag_name((W, name)));
        let number = |node: Option<roxmltree::Node>, name: &str| -> Option<i64> {
            let value = node?.attribute((W, name))?.trim();
            value
                .parse::<i64>()
                .ok()
                .or_else(|| value.parse::<f64>().ok().map(|v| v.round() as i64))
        };
        let size = child("pgSz");
        let mut page = PageSetup {
            width: number(size, "w")?,
            height: number(size, "h")?,
            landscape: size.and_then(|n| n.attribute((W, "orient"))) == Some("landscape"),
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

    #[test]
    fn page_setup_from_the_last_section() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1000" w:right="900" w:bottom="800" w:left="700" w:header="500" w:footer="400" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        );
        let page = PageSetup::from_document_xml(&xml).unwrap();
        assert_eq!(
            (page.width, page.height, page.landscape),
            (16_838, 11_906, true)
        );
        assert_eq!((page.top, page.left, page.footer), (1000, 700, 400));
        assert_eq!(page.text_width_twips(), 16_838 - 1600);
        assert_eq!(PageSetup::from_document_xml("<x/>"), None);
    }
}
