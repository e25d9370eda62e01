//! How UN documents number things, shared by every writer: chapters I., II.; sections A., B.;
//! subsections 1., 2.; then (a), (b).

/// Upper-case Roman numeral (I, II, … MMMCMXCIX); other numbers in digits.
pub fn roman(mut n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters as Word's `upperLetter` counts: A … Z, AA, BB, … ZZ, AAA …
pub fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(letter, times).collect()
}

/// The levels of a document's outline: chapters (I.), sections (A.), subsections (1.) and
/// their parts ((a)), as UN documents number them. Consolidation gives no heading a deeper
/// level (a heading an author nests deeper runs into the paragraph after it), so the PDF's
/// outline and Word's navigation pane hold the same headings.
pub const OUTLINE_LEVELS: u8 = 4;

/// The number a heading shows at `level` (1: I., 2: A., 3: 1., 4 and below: (a)), as UN
/// documents number chapters, sections and subsections.
pub fn heading_label(level: u8, count: u32) -> String {
    match level {
        0 | 1 => format!("{}.", roman(u64::from(count))),
        2 => format!("{}.", letters(count)),
        3 => format!("{count}."),
        _ => format!("({})", letters(count).to_lowercase()),
    }
}

pub use super::languages::writes_decimal_comma;

/// A figure as it was written in the sources (`90.9`), as `lang` writes it: `90,9` in Russian.
/// Only the decimal separator changes, so no digit is lost or added.
pub fn figure(value: &str, lang: &str) -> String {
    if writes_decimal_comma(lang) {
        value.replacen('.', ",", 1)
    } else {
        value.to_string()
    }
}

/// Only web and mail links become hyperlinks; `javascript:`, `file:` and the rest stay text.
pub fn is_web_or_mail_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_the_language_writes_them() {
        assert_eq!(figure("90.9", "ru"), "90,9");
        assert_eq!(figure("90.9", "en"), "90.9");
        assert_eq!(figure("1204", "ru"), "1204");
        assert_eq!(figure("-0.13", "fr"), "-0,13");
    }

    #[test]
    fn numbers_as_word_does() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(0), "0");
        assert_eq!(letters(1), "A");
        assert_eq!(letters(26), "Z");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(u32::MAX).len(), 50);
        assert_eq!(heading_label(1, 3), "III.");
        assert_eq!(heading_label(2, 2), "B.");
        assert_eq!(heading_label(3, 10), "10.");
        assert_eq!(heading_label(4, 1), "(a)");
    }

    #[test]
    fn only_web_and_mail_links_are_links() {
        assert!(is_web_or_mail_url("https://unece.org/speca"));
        assert!(is_web_or_mail_url("HTTP://example.org"));
        assert!(is_web_or_mail_url("mailto:focal.point@example.org"));
        assert!(!is_web_or_mail_url("javascript:alert(1)"));
        assert!(!is_web_or_mail_url("file:///etc/passwd"));
        assert!(!is_web_or_mail_url("data:text/html,x"));
    }
}
