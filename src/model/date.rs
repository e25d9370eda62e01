//! Calendar dates as the sources contract writes them (ISO 8601 `YYYY-MM-DD`).

use std::fmt;

/// A valid calendar date of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` when the text is not of that form or the day does not exist
    /// (`2022-13-45`, `2023-02-29`).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        Date::new(year, month, day)
    }

    /// A date from its parts, when that day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The date meant by `28.06.2022`, `28/06/2022`, `28-06-2022` (day, month, year, as Central
    /// Asia writes dates) or `2022.06.28`, `2022/06/28` (year first). A day-first date that does
    /// not exist is read month first (`06/28/2022`), as some software writes it.
    pub fn parse_other_order(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text.split(['.', '/', '-']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let number = |part: &str| -> Option<u32> {
            (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let (a, b, c, a_len, c_len) = (number(a)?, number(b)?, number(c)?, a.len(), c.len());
        let make = |year: u32, month: u32, day: u32| {
            Date::new(
                year as i32,
                u8::try_from(month).ok()?,
                u8::try_from(day).ok()?,
            )
        };
        if a_len == 4 && c_len <= 2 {
            make(a, b, c)
        } else if c_len == 4 && a_len <= 2 {
            make(c, b, a).or_else(|| make(c, a, b))
        } else {
            None
        }
    }

    /// The date of a Unix timestamp (seconds since 1970-01-01 UTC).
    pub fn from_unix_seconds(seconds: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let days = seconds.div_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Seconds since 1970-01-01 UTC at midnight of this date.
    pub fn unix_seconds(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// A date is written `YYYY-MM-DD` in a snapshot, as everywhere else.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not a date")))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_and_rejects_impossible_dates() {
        assert_eq!(
            Date::parse_iso("2022-07-19"),
            Some(Date {
                year: 2022,
                month: 7,
                day: 19
            })
        );
        assert_eq!(Date::parse_iso("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2022-13-45"), None);
        assert_eq!(Date::parse_iso("2022-7-19"), None);
        assert_eq!(Date::parse_iso("２０２２-07-19"), None);
    }

    #[test]
    fn unix_seconds_round_trip() {
        for text in ["1970-01-01", "2000-02-29", "2022-07-20", "2038-01-19"] {
            let date = Date::parse_iso(text).unwrap();
            assert_eq!(Date::from_unix_seconds(date.unix_seconds()), date);
        }
        assert_eq!(
            Date::parse_iso("2022-07-20").unwrap().unix_seconds(),
            1_658_275_200
        );
    }
}
