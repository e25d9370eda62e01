//! Reading a source file as text: size limit, UTF-8 check with the place of the first bad byte,
//! BOM and CRLF accepted.

use crate::diag::Pos;

/// The largest source text file read, in bytes. Real contributions are a few kilobytes.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// The longest line accepted, in bytes (a pasted table row is a few kilobytes).
pub const MAX_LINE_BYTES: usize = 256 * 1024;

pub use crate::digest::sha256_hex;

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextError {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

/// Decodes a source file: drops a UTF-8 byte order mark, turns CRLF and lone CR into LF (the
/// line count stays the same), and refuses files that are too large or not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(TextError {
            pos: Pos::new(1, 1),
            message: format!(
                "the file is {} bytes; source files may be at most {} MiB",
                bytes.len(),
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
            hint: Some("split it, or move data into an image or annex".into()),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count() as u32
                + 1;
            return Err(TextError {
                pos: Pos::new(line, col),
                message: format!(
                    "the file is not UTF-8 text (invalid byte 0x{:02X} at byte offset {offset})",
                    bytes[offset]
                ),
                hint: Some(
                    "save the file as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8))".into(),
                ),
            });
        }
    };
    if let Some((index, _)) = text
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > MAX_LINE_BYTES)
    {
        return Err(TextError {
            pos: Pos::new(index as u32 + 1, 1),
            message: format!(
                "line {} is longer than {} KiB",
                index + 1,
                MAX_LINE_BYTES / 1024
            ),
            hint: Some("break the text into paragraphs".into()),
        });
    }
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\na: 1\r\n").unwrap(),
            "---\na: 1\n"
        );
    }

    #[test]
    fn names_line_and_offset_of_bad_bytes() {
        let err = decode(b"---\ntitle: caf\xE9\n").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 11));
        assert!(err.message.contains("byte offset 14"), "{}", err.message);
    }

    #[test]
    fn refuses_huge_files_and_lines() {
        assert!(
            decode(&vec![b'a'; MAX_TEXT_BYTES + 1])
                .unwrap_err()
                .message
                .contains("at most")
        );
        assert!(
            decode(&vec![b'a'; MAX_LINE_BYTES + 1])
                .unwrap_err()
                .message
                .contains("longer than")
        );
    }
}
