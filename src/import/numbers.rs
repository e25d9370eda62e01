//! Numbers and dates as experts type them in Word: `90,9` and `1 204` in Russian, `1,204.5` in
//! English, `28.06.2022` as Central Asia writes a date.

use crate::model::Date;

/// A number typed in `lang`, as the contract writes it: `90.9`, `1204`, `-0.5`. `None` when the
/// text is not a number. Group separators (spaces, no-break and thin spaces, or commas and dots
/// in groups of three) are dropped; a trailing `%` is allowed, since the unit column says it.
pub fn parse_number(text: &str, lang: &str) -> Option<String> {
    let mut text: String = text
        .trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}'
            )
        })
        .collect();
    if let Some(stripped) = text.strip_suffix('%') {
        text = stripped.to_string();
    }
    let (negative, digits) = match text.strip_prefix(['-', '\u{2212}', '\u{2013}']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let commas = digits.matches(',').count();
    let dots = digits.matches('.').count();
    let decimal_comma = crate::model::numbers::writes_decimal_comma(lang);
    // Which character, if any, separates the decimals.
    let decimal = match (commas, dots) {
        (0, 0) => None,
        // Both: the last one written is the decimal separator (1,204.5 or 1.204,5).
        (_, _) if commas > 0 && dots > 0 => {
            let last = digits.rfind([',', '.'])?;
            Some(digits[last..].chars().next()?)
        }
        (1, 0) if decimal_comma || !is_grouped(digits, ',') => Some(','),
        (_, 0) => None,
        (0, 1) => Some('.'),
        (0, _) => None,
        _ => None,
    };
    let (whole, fraction) = match decimal {
        Some(sep) => {
            let at = digits.rfind(sep)?;
            (&digits[..at], Some(&digits[at + 1..]))
        }
        None => (digits, None),
    };
    let group = match decimal {
        Some(',') => '.',
        Some(_) => ',',
        None if commas > 0 => ',',
        None => '.',
    };
    if whole.contains(group) && !is_grouped(whole, group) {
        return None;
    }
    let whole: String = whole.chars().filter(|c| c.is_ascii_digit()).collect();
    if whole.is_empty() || whole.len() > 30 {
        return None;
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&whole);
    if let Some(fraction) = fraction {
        if fraction.is_empty()
            || fraction.len() > 30
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

/// `1,204,000`: one to three digits, then groups of exactly three after each separator.
fn is_grouped(digits: &str, separator: char) -> bool {
    let mut groups = digits.split(separator);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// A year: four digits.
pub fn parse_year(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches(['г', '.', ' ']);
    (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A date as people type it: `2022-06-28`, or `28.06.2022`, `28/06/2022`, `2022.06.28` (see
/// [`Date::parse_other_order`]), with a Russian `г.` after it allowed.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim().trim_end_matches(['г', '.', ' ']);
    Date::parse_iso(text).or_else(|| Date::parse_other_order(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_each_language_writes_them() {
        assert_eq!(parse_number("90,9", "ru").as_deref(), Some("90.9"));
        assert_eq!(parse_number("90.9", "ru").as_deref(), Some("90.9"));
        assert_eq!(parse_number("1 204", "ru").as_deref(), Some("1204"));
        assert_eq!(
            parse_number("1\u{a0}204,5", "ru").as_deref(),
            Some("1204.5")
        );
        assert_eq!(parse_number("1\u{202f}204", "ru").as_deref(), Some("1204"));
        assert_eq!(parse_number("90.9", "en").as_deref(), Some("90.9"));
        assert_eq!(parse_number("1,204", "en").as_deref(), Some("1204"));
        assert_eq!(parse_number("1,204.5", "en").as_deref(), Some("1204.5"));
        assert_eq!(parse_number("90,9", "en").as_deref(), Some("90.9"));
        assert_eq!(parse_number("1.204,5", "ru").as_deref(), Some("1204.5"));
        assert_eq!(parse_number("84%", "en").as_deref(), Some("84"));
        assert_eq!(parse_number("−0,13", "ru").as_deref(), Some("-0.13"));
        assert_eq!(parse_number("0.13", "en").as_deref(), Some("0.13"));
        for bad in [
            "9O.9", "", "-", "1,2,3", "12,34,5", "1.2.3", "n/a", "..", "1e5", "90,",
        ] {
            assert_eq!(parse_number(bad, "en"), None, "{bad}");
            assert_eq!(parse_number(bad, "ru"), None, "{bad}");
        }
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(parse_year("2021"), Some(2021));
        assert_eq!(parse_year("2021 г."), Some(2021));
        assert_eq!(parse_year("21"), None);
        let date = Date {
            year: 2022,
            month: 6,
            day: 28,
        };
        for text in [
            "2022-06-28",
            "28.06.2022",
            "28/06/2022",
            "2022.06.28",
            "28.6.2022",
        ] {
            assert_eq!(parse_date(text), Some(date), "{text}");
        }
        assert_eq!(parse_date("28.06.2022 г."), Some(date));
        assert_eq!(parse_date("31.02.2022"), None);
        assert_eq!(parse_date("28.06.22"), None);
        assert_eq!(parse_date("June 28"), None);
    }
}
