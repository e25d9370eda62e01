//! Word files for the import tests: a form filled the way Word fills one, and packages built
//! part by part (to make hostile ones).
#![allow(dead_code)]

use std::io::Write;

/// The parts of a `.docx`, in order.
pub fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let package = super::ooxml::Docx::read("the DOCX", docx);
    package
        .order
        .iter()
        .map(|name| (name.clone(), package.bytes(name).to_vec()))
        .collect()
}

/// A zip of `parts`, deflated.
pub fn package(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A part's text.
pub fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = parts.iter().find(|(n, _)| n == name).expect(name);
    String::from_utf8(bytes.clone()).unwrap()
}

/// Replaces (or adds) a part.
pub fn set_part(parts: &mut Vec<(String, Vec<u8>)>, name: &str, bytes: impl Into<Vec<u8>>) {
    let bytes = bytes.into();
    match parts.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = bytes,
        None => parts.push((name.to_string(), bytes)),
    }
}

/// XML-escaped text.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What a focal point types into a form.
pub struct Filling<'a> {
    /// Field tag → text typed into its content control.
    pub fields: &'a [(&'a str, &'a str)],
    /// The paragraphs, lists and tables typed into the text's control (WordprocessingML).
    pub body: String,
    /// Footnotes added: id → text.
    pub footnotes: &'a [(u32, &'a str)],
    /// Pictures inserted: relationship id → PNG bytes.
    pub pictures: &'a [(&'a str, &'a [u8])],
}

/// Fills a form as Word does: text typed into each control replaces its placeholder (and Word
/// drops `w:showingPlcHdr`), the text's control gets the typed body, footnotes go to the
/// footnotes part, a numbering part appears for the lists, pictures become media parts.
pub fn fill_form(form: &[u8], filling: &Filling) -> Vec<u8> {
    let mut parts = parts(form);
    let mut doc = part(&parts, "word/document.xml");
    for (tag, text) in filling.fields {
        let run = format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text));
        doc = replace_control(&doc, tag, &run);
    }
    doc = replace_control(&doc, "body", &filling.body);
    set_part(&mut parts, "word/document.xml", doc);

    let mut notes = part(&parts, "word/footnotes.xml");
    let mut added = String::new();
    for (id, text) in filling.footnotes {
        added.push_str(&format!(
            "<w:footnote w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
            esc(text)
        ));
    }
    notes = notes.replace("</w:footnotes>", &format!("{added}</w:footnotes>"));
    set_part(&mut parts, "word/footnotes.xml", notes);

    let numbering = concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
        "<w:numbering xmlns:w=\"",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "\">",
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>",
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/></w:lvl></w:abstractNum>",
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    set_part(&mut parts, "word/numbering.xml", numbering);
    let mut rels = part(&parts, "word/_rels/document.xml.rels");
    let mut added = String::from(
        "<Relationship Id=\"rIdNum\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>",
    );
    for (i, (rel, png)) in filling.pictures.iter().enumerate() {
        let name = format!("media/image{}.png", i + 1);
        added.push_str(&format!(
            "<Relationship Id=\"{rel}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{name}\"/>"
        ));
        set_part(&mut parts, &format!("word/{name}"), png.to_vec());
    }
    rels = rels.replace("</Relationships>", &format!("{added}</Relationships>"));
    set_part(&mut parts, "word/_rels/document.xml.rels", rels);
    let mut types = part(&parts, "[Content_Types].xml");
    types = types.replace(
        "<Default Extension=\"xml\"",
        "<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"xml\"",
    );
    types = types.replace("</Types>", "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>");
    set_part(&mut parts, "[Content_Types].xml", types);
    package(&parts)
}

/// The document with the content of the control tagged `tag` replaced by `content`, and its
/// placeholder mark removed.
fn replace_control(doc: &str, tag: &str, content: &str) -> String {
    let marker = format!("<w:tag w:val=\"{tag}\"/>");
    let at = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("no control tagged {tag}"));
    let start = at + doc[at..].find("<w:sdtContent>").unwrap() + "<w:sdtContent>".len();
    let end = start + doc[start..].find("</w:sdtContent>").unwrap();
    let pr = doc[at..start].replace("<w:showingPlcHdr/>", "");
    format!("{}{}{}{}", &doc[..at], pr, content, &doc[end..])
}

/// The document with every content control unwrapped (their content kept): what some programs
/// leave of a form.
pub fn strip_controls(docx: &[u8]) -> Vec<u8> {
    let mut parts = parts(docx);
    let mut doc = part(&parts, "word/document.xml");
    while let Some(start) = doc.find("<w:sdtPr>") {
        let end = start + doc[start..].find("</w:sdtPr>").unwrap() + "</w:sdtPr>".len();
        doc.replace_range(start..end, "");
    }
    for tag in ["<w:sdt>", "</w:sdt>", "<w:sdtContent>", "</w:sdtContent>"] {
        doc = doc.replace(tag, "");
    }
    set_part(&mut parts, "word/document.xml", doc);
    package(&parts)
}
