//! The document model as Typst markup, filled into the template's `document.typ.hbs`.

use serde::Serialize;

use super::escape::{optional_literal, string_literal, text_markup};
use super::template::{MAIN, TypstTemplate};
use crate::model::numbers::{heading_label, is_web_or_mail_url};
use crate::model::{Align, Block, Chart, Document, ImageRef, Inline, List, RefKind, Table};

/// What `document.typ.hbs` is filled with. Every value is already a Typst expression or Typst
/// markup (strings are escaped literals), so the template inserts them with `{{{…}}}`.
#[derive(Serialize)]
struct TemplateData {
    /// The document id, as a comment-safe plain identifier.
    id: String,
    lang: String,
    original_lang: String,
    /// A Typst dictionary with the masthead, sessional heading, title and summary.
    front: String,
    /// A Typst dictionary of the labels in the document's language.
    labels: String,
    /// A Typst dictionary of the template's page (`page.yaml`): size, margins, header and
    /// footer distances, as lengths (`sheet` in the template, where `page` is Typst's).
    page: String,
    /// The body as markup.
    body: String,
    annexes: Vec<AnnexData>,
}

#[derive(Serialize)]
struct AnnexData {
    number: usize,
    title: String,
    content: String,
}

/// Generates the main Typst file of `doc` with `template`.
pub fn to_typst(doc: &Document, template: &TypstTemplate) -> Result<String, String> {
    let mut numbers = Numbers::default();
    let data = TemplateData {
        id: doc
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
        lang: string_literal(&doc.lang),
        original_lang: string_literal(&doc.original_lang),
        front: front_dict(doc),
        labels: labels_dict(doc),
        page: page_dict(&template.page),
        body: blocks(&doc.body, Some(&mut numbers)),
        annexes: doc
            .annexes
            .iter()
            .enumerate()
            .map(|(i, annex)| {
                // Headings inside each annex are numbered afresh, as in the DOCX.
                numbers.restart_headings();
                // A label of the annex stands at its start.
                let anchor = annex.label.as_deref().map(anchor).unwrap_or_default();
                AnnexData {
                    number: i + 1,
                    title: string_literal(&annex.title),
                    content: anchor + &blocks(&annex.blocks, Some(&mut numbers)),
                }
            })
            .collect(),
    };
    template
        .handlebars
        .render("document", &data)
        .map_err(|err| format!("templates/{}/{MAIN}: {err}", template.name))
}

fn page_dict(page: &crate::template::Page) -> String {
    let cm = |value: f64| format!("{value}cm");
    dict(
        [
            ("width", cm(page.width)),
            ("height", cm(page.height)),
            ("margin-top", cm(page.margin_top)),
            ("margin-bottom", cm(page.margin_bottom)),
            ("margin-left", cm(page.margin_left)),
            ("margin-right", cm(page.margin_right)),
            ("header", cm(page.header)),
            ("footer", cm(page.footer)),
        ]
        .into_iter(),
    )
}

fn front_dict(doc: &Document) -> String {
    let front = &doc.front;
    let labels = &doc.labels;
    let date = front.date.map(|d| labels.format_masthead_date(d));
    let dates = front
        .meeting_dates
        .map(|(start, end)| labels.format_date_range(start, end));
    let place_and_dates = match (&front.venue, &dates) {
        (Some(venue), Some(dates)) => Some(format!("{venue}, {dates}")),
        (Some(venue), None) => Some(venue.clone()),
        (None, Some(dates)) => Some(dates.clone()),
        (None, None) => None,
    };
    let draft = doc.draft_mark();
    // `version` stays the bare version a project's own template may print after its label;
    // `version-mark` is what the running header says ("Version 1.1", or "Draft").
    let version = (!doc.is_final).then(|| doc.version.clone());
    let version_mark = doc.header_version();
    let changes_note = doc
        .changes
        .as_ref()
        .map(|c| labels.changes_note(&c.version, c.date));
    let organizers = array(front.organizers.iter().map(|o| string_literal(o)));
    let summary = array(front.summary.iter().map(|p| string_literal(p)));
    let entries = [
        ("programme", string_literal(&front.programme)),
        ("organizers", organizers),
        ("symbol", optional_literal(front.symbol.as_deref())),
        (
            "distribution",
            string_literal(labels.distribution_name(&front.distribution)),
        ),
        ("date", optional_literal(date.as_deref())),
        ("language", string_literal(labels.language_name(&doc.lang))),
        (
            "original",
            string_literal(labels.language_name(&doc.original_lang)),
        ),
        ("body", optional_literal(front.body.as_deref())),
        ("session", optional_literal(front.session.as_deref())),
        (
            "place-and-dates",
            optional_literal(place_and_dates.as_deref()),
        ),
        (
            "agenda-item",
            optional_literal(front.agenda_item.as_deref()),
        ),
        ("title", string_literal(&front.title)),
        ("subtitle", optional_literal(front.subtitle.as_deref())),
        ("summary", summary),
        ("short-title", string_literal(&front.short_title)),
        ("draft", optional_literal(draft.as_deref())),
        ("draft-note", optional_literal(front.draft_note.as_deref())),
        ("changes-note", optional_literal(changes_note.as_deref())),
        ("version", optional_literal(version.as_deref())),
        ("version-mark", optional_literal(version_mark.as_deref())),
        (
            "year",
            front
                .date
                .map_or("none".to_string(), |d| d.year.to_string()),
        ),
        (
            "month",
            front
                .date
                .map_or("none".to_string(), |d| d.month.to_string()),
        ),
        (
            "day",
            front.date.map_or("none".to_string(), |d| d.day.to_string()),
        ),
    ];
    // Only a preview has a banner; the template reads it with a default, so documents'
    // sources do not carry the key at all.
    let preview = front
        .preview
        .as_deref()
        .map(|banner| ("preview", string_literal(banner)));
    dict(entries.into_iter().chain(preview))
}

fn labels_dict(doc: &Document) -> String {
    let l = &doc.labels;
    let entries = [
        ("united-nations", &l.united_nations),
        ("distr", &l.distr),
        ("original", &l.original),
        ("contents", &l.contents),
        ("summary", &l.summary),
        ("annex", &l.annex),
        ("draft", &l.draft),
        ("version", &l.version),
        ("page", &l.page),
        ("figure", &l.figure),
    ];
    dict(entries.into_iter().map(|(k, v)| (k, string_literal(v))))
}

fn dict<'a>(entries: impl Iterator<Item = (&'a str, String)>) -> String {
    let body: Vec<String> = entries.map(|(k, v)| format!("  {k}: {v},")).collect();
    format!("(\n{}\n)", body.join("\n"))
}

/// A Typst array; a one-element array needs its trailing comma.
fn array(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.len() {
        0 => "()".to_string(),
        _ => format!("({},)", items.join(", ")),
    }
}

/// The running numbers of a document. They are counted here rather than by Typst counters:
/// a counter shown in `context` for every paragraph made typesetting more than twice as slow.
#[derive(Default)]
struct Numbers {
    /// The last paragraph number, straight through the document.
    paragraph: u32,
    /// The last heading number per level (1 to 9).
    headings: [u32; 9],
}

impl Numbers {
    fn next_paragraph(&mut self) -> String {
        self.paragraph += 1;
        format!("{}.", self.paragraph)
    }

    fn next_heading(&mut self, level: u8) -> String {
        let index = usize::from(level.clamp(1, 9) - 1);
        self.headings[index] += 1;
        self.headings[index + 1..].iter_mut().for_each(|n| *n = 0);
        heading_label(level, self.headings[index])
    }

    fn restart_headings(&mut self) {
        self.headings = [0; 9];
    }
}

/// Blocks as markup, separated by blank lines. With `numbers`, numbered paragraphs and
/// headings take the next numbers; without (in lists, quotes, footnotes), nothing is numbered.
fn blocks(blocks: &[Block], numbers: Option<&mut Numbers>) -> String {
    blocks_in(blocks, numbers, false)
}

/// As [`blocks`]; `struck` when the blocks stand in struck-through text (a deletion), where
/// no link may be underlined as well: PDF/UA lets text carry one decoration.
fn blocks_in(blocks: &[Block], mut numbers: Option<&mut Numbers>, struck: bool) -> String {
    let mut out = String::new();
    for block in blocks {
        write_block(block, numbers.as_deref_mut(), struck, &mut out);
        out.push_str("\n\n");
    }
    out
}

fn write_block(block: &Block, numbers: Option<&mut Numbers>, struck: bool, out: &mut String) {
    // A block with changes inside it stands beside a change bar.
    if block.has_changes()
        && !matches!(
            block,
            Block::Inserted(_) | Block::Deleted(_) | Block::Lang { .. }
        )
    {
        let mut inner = String::new();
        write_unchanged_block(block, numbers, struck, &mut inner);
        out.push_str(&format!("#un-changed[{inner}]"));
        return;
    }
    write_unchanged_block(block, numbers, struck, out);
}

fn write_unchanged_block(
    block: &Block,
    numbers: Option<&mut Numbers>,
    struck: bool,
    out: &mut String,
) {
    let inlines = |content: &[Inline]| inlines_in(content, struck);
    match block {
        Block::Heading(heading) => {
            let label = match numbers {
                Some(numbers) if heading.numbered => {
                    string_literal(&numbers.next_heading(heading.level))
                }
                _ => "none".to_string(),
            };
            // A heading's label is the heading's own: its body is shown again in the contents
            // and the outline, where an anchor inside it would stand twice.
            let (anchors, content): (Vec<&Inline>, Vec<&Inline>) = heading
                .content
                .iter()
                .partition(|inline| matches!(inline, Inline::Anchor(_)));
            let content: Vec<Inline> = content.into_iter().cloned().collect();
            out.push_str(&format!(
                "#un-heading({}, {label})[{}]",
                heading.level.max(1),
                inlines(&content)
            ));
            if let Some(Inline::Anchor(name)) = anchors.first() {
                out.push_str(&format!(" <ref-{name}>"));
            }
        }
        Block::Paragraph { content, numbered } => match numbers {
            Some(numbers) if *numbered => {
                let label = string_literal(&numbers.next_paragraph());
                out.push_str(&format!("#un-para({label})[{}]", inlines(content)));
            }
            _ => out.push_str(&inlines(content)),
        },
        Block::List(list) => write_list(list, struck, out),
        Block::Table(table) => write_table(table, struck, out),
        Block::Quote(content) => {
            out.push_str(&format!(
                "#quote(block: true)[{}]",
                blocks_in(content, None, struck)
            ));
        }
        Block::CodeBlock(code) => {
            out.push_str(&format!("#raw(block: true, {})", string_literal(code)));
        }
        Block::Figure(image) => {
            out.push_str(&format!("#un-figure({})", image_call(image)));
        }
        Block::Chart(chart) => write_chart(chart, out),
        Block::Rule => out.push_str("#un-rule()"),
        Block::Lang {
            lang,
            blocks: inner,
        } => {
            // A content block scopes the language; numbers run on through it.
            out.push_str(&format!(
                "#[#set text(lang: {})\n\n{}]",
                string_literal(lang),
                blocks_in(inner, numbers, struck)
            ));
        }
        Block::Byline(content) => out.push_str(&format!("#un-byline[{}]", inlines(content))),
        // Inserted blocks take the next numbers; deleted ones none, and their headings are
        // no headings (they leave the contents and the outline as the new document has them).
        Block::Inserted(inner) => {
            out.push_str(&format!(
                "#un-inserted[{}]",
                blocks_in(inner, numbers, struck)
            ));
        }
        Block::Deleted(inner) => {
            let shown: Vec<Block> = inner.iter().map(deleted_view).collect();
            out.push_str(&format!("#un-deleted[{}]", blocks_in(&shown, None, true)));
        }
    }
}

/// A deleted heading as a bold paragraph.
fn deleted_view(block: &Block) -> Block {
    match block {
        Block::Heading(heading) => Block::Paragraph {
            content: vec![Inline::Strong(heading.content.clone())],
            numbered: false,
        },
        other => other.clone(),
    }
}

fn write_list(list: &List, struck: bool, out: &mut String) {
    let items: Vec<String> = list
        .items
        .iter()
        .map(|item| format!("[{}]", blocks_in(item, None, struck)))
        .collect();
    match list.start {
        Some(start) => out.push_str(&format!("#enum(start: {start}, {})", items.join(", "))),
        None => out.push_str(&format!("#list({})", items.join(", "))),
    }
}

fn write_table(table: &Table, struck: bool, out: &mut String) {
    let inlines = |content: &[Inline]| inlines_in(content, struck);
    let align = array(table.align.iter().map(|a| {
        match a {
            Align::None | Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
        .to_string()
    }));
    let cells = |row: &[Vec<Inline>]| array(row.iter().map(|cell| format!("[{}]", inlines(cell))));
    let header = cells(&table.header);
    let rows = array(table.rows.iter().map(|row| cells(row)));
    let notes = array(
        table
            .notes
            .iter()
            .map(|note| format!("[{}]", inlines(note))),
    );
    out.push_str(&format!(
        "#un-table(columns: {}, align: {align}, header: {header}, rows: {rows}, notes: {notes})",
        column_widths(table)
    ));
}

/// Column widths: automatic for tables of short cells; in wide ones, columns of short cells stay
/// automatic and the others share the rest in proportion to their longest cell (as pandoc
/// sizes pipe tables whose lines are long), so a column of long text squeezes no other.
fn column_widths(table: &Table) -> String {
    let columns = table.align.len().max(1);
    let mut longest = vec![1usize; columns];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let length = Inline::plain_text(cell).chars().count();
            longest[i] = longest[i].max(length.min(200));
        }
    }
    if longest.iter().sum::<usize>() <= 90 {
        return columns.to_string();
    }
    array(longest.iter().map(|&l| {
        if l <= 24 {
            "auto".to_string()
        } else {
            format!("{l}fr")
        }
    }))
}

/// A chart as a call of the template's `un-chart`, which draws it; `labels` is the generated
/// file's dictionary of labels ("Figure").
/// Where a label stands: an invisible element that cross-references link to. Labels are
/// letters, digits, `-` and `_` (the loader refuses others), which Typst's label syntax takes.
fn anchor(label: &str) -> String {
    format!("#metadata(none)<ref-{label}>")
}

fn write_chart(chart: &Chart, out: &mut String) {
    if let Some(label) = &chart.label {
        out.push_str(&anchor(label));
    }
    let bars = array(chart.bars.iter().map(|bar| {
        let year = bar.year.map_or("none".to_string(), |y| y.to_string());
        let value = if bar.value.is_finite() {
            bar.value
        } else {
            0.0
        };
        format!(
            "(label: {}, value: {value:?}, shown: {}, year: {year})",
            string_literal(&bar.label),
            string_literal(&bar.shown)
        )
    }));
    let source = if chart.source.is_empty() {
        "none".to_string()
    } else {
        format!("[{}]", inlines(&chart.source))
    };
    out.push_str(&format!(
        "#un-chart(labels, number: {}, title: {}, unit: {}, bars: {bars}, source: {source}, alt: {})",
        chart.number,
        string_literal(&chart.title),
        string_literal(&chart.unit),
        string_literal(&chart.alt)
    ));
}

fn image_call(image: &ImageRef) -> String {
    format!(
        "{}, alt: {}",
        string_literal(&format!("/{}", image.key)),
        string_literal(&image.alt)
    )
}

/// Inlines as markup.
fn inlines(inlines: &[Inline]) -> String {
    inlines_in(inlines, false)
}

/// As [`inlines`]; `struck` as for [`blocks_in`].
fn inlines_in(inlines: &[Inline], struck: bool) -> String {
    let mut out = String::new();
    for inline in inlines {
        write_inline(inline, struck, &mut out);
    }
    out
}

fn write_inline(inline: &Inline, struck: bool, out: &mut String) {
    let inlines = |content: &[Inline]| inlines_in(content, struck);
    match inline {
        Inline::Text(text) => out.push_str(&text_markup(&text.replace(['\n', '\r'], " "))),
        Inline::Emph(content) => out.push_str(&format!("#emph[{}]", inlines(content))),
        Inline::Strong(content) => out.push_str(&format!("#strong[{}]", inlines(content))),
        Inline::Strike(content) => {
            out.push_str(&format!("#strike[{}]", inlines_in(content, true)));
        }
        Inline::Superscript(content) => out.push_str(&format!("#super[{}]", inlines(content))),
        Inline::Code(code) => out.push_str(&format!("#raw({})", string_literal(code))),
        Inline::Link { url, content } => {
            if is_web_or_mail_url(url) {
                let plain = if struck || has_strike(content) {
                    ", plain: true"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "#un-link({}{plain})[{}]",
                    string_literal(url),
                    inlines(content)
                ));
            } else {
                out.push_str(&inlines(content));
            }
        }
        Inline::Footnote(content) => {
            out.push_str(&format!("#footnote[{}]", blocks(content, None).trim_end()))
        }
        Inline::SoftBreak => out.push(' '),
        Inline::LineBreak => out.push_str("#linebreak()"),
        Inline::Image(image) => out.push_str(&format!("#box(un-image({}))", image_call(image))),
        Inline::Inserted(content) => out.push_str(&format!("#un-ins[{}]", inlines(content))),
        Inline::Deleted(content) => {
            out.push_str(&format!("#un-del[{}]", inlines_in(content, true)));
        }
        Inline::Anchor(label) => out.push_str(&anchor(label)),
        // A number that links to what it numbers; one nothing has stays text (`?`). In struck
        // text no link, as for `un-link`.
        Inline::Ref {
            label,
            number,
            kind,
        } => {
            let number = text_markup(number);
            if *kind == RefKind::Unresolved || struck {
                out.push_str(&number);
            } else {
                out.push_str(&format!("#un-ref(<ref-{label}>)[{number}]"));
            }
        }
    }
}

/// Whether any of `inlines` is struck through (strikethrough or a deletion).
fn has_strike(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Strike(_) | Inline::Deleted(_) => true,
        Inline::Emph(c)
        | Inline::Strong(c)
        | Inline::Superscript(c)
        | Inline::Link { content: c, .. }
        | Inline::Inserted(c) => has_strike(c),
        Inline::Text(_)
        | Inline::Code(_)
        | Inline::Footnote(_)
        | Inline::SoftBreak
        | Inline::LineBreak
        | Inline::Image(_)
        | Inline::Anchor(_)
        | Inline::Ref { .. } => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Heading;

    #[test]
    fn text_is_always_a_literal() {
        let content = vec![
            Inline::Text("= not a heading #eval(\"x\") $x$ <label> @ref".into()),
            Inline::Emph(vec![Inline::Text("*".into())]),
        ];
        let markup = inlines(&content);
        assert_eq!(
            markup,
            "#\"= not a heading #eval(\\\"x\\\") $x$ <label> @ref\";#emph[#\"*\";]"
        );
    }

    #[test]
    fn only_top_level_numbered_paragraphs_take_numbers() {
        let para = |numbered| Block::Paragraph {
            content: vec![Inline::Text("p".into())],
            numbered,
        };
        let list = Block::List(List {
            start: None,
            items: vec![vec![para(true)]],
        });
        let mut numbers = Numbers::default();
        let out = blocks(
            &[para(true), para(false), list, para(true)],
            Some(&mut numbers),
        );
        assert_eq!(out.matches("#un-para").count(), 2, "{out}");
        assert!(out.contains("#un-para(\"2.\")"), "{out}");
        let heading = |level, numbered| {
            Block::Heading(Heading {
                level,
                content: vec![],
                numbered,
            })
        };
        let out = blocks(
            &[
                heading(1, true),
                heading(2, true),
                heading(2, false),
                heading(2, true),
                heading(1, true),
                heading(2, true),
            ],
            Some(&mut numbers),
        );
        let labels: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            labels,
            [
                "#un-heading(1, \"I.\")[]",
                "#un-heading(2, \"A.\")[]",
                "#un-heading(2, none)[]",
                "#un-heading(2, \"B.\")[]",
                "#un-heading(1, \"II.\")[]",
                "#un-heading(2, \"A.\")[]",
            ]
        );
    }

    #[test]
    fn unsafe_links_are_plain_text() {
        let link = |url: &str| {
            inlines(&[Inline::Link {
                url: url.into(),
                content: vec![Inline::Text("x".into())],
            }])
        };
        assert!(link("https://example.org").starts_with("#un-link(\"https://example.org\")["));
        assert_eq!(link("javascript:alert(1)"), "#\"x\";");
    }

    #[test]
    fn links_with_struck_text_are_not_underlined_too() {
        let struck = inlines(&[Inline::Link {
            url: "https://example.org".into(),
            content: vec![Inline::Emph(vec![Inline::Strike(vec![Inline::Text(
                "x".into(),
            )])])],
        }]);
        assert!(
            struck.starts_with("#un-link(\"https://example.org\", plain: true)["),
            "{struck}"
        );
    }
}
