//! Splitting a contribution into its YAML front matter and its Markdown body, keeping the line
//! on which each starts so that every position reported is a line of the file.

use crate::diag::Pos;

/// A contribution file split in two.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The file line on which the YAML starts (2 when the file starts with `---`).
    pub yaml_line: u32,
    /// The Markdown after the closing line.
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SplitError {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// Splits `text` (already decoded: no BOM, LF line ends). The front matter opens with a line
/// `---` as the file's first line and closes with a line `---` or `...`.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            pos: Pos::new(1, 1),
            message: "the file is empty".into(),
            hint: "a contribution starts with `---`, its fields (type, country, …), `---`, then the text".into(),
        });
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(SplitError {
            pos: Pos::new(1, 1),
            message: "the file has no front matter: its first line must be `---`".into(),
            hint: "start the file with `---`, the fields (type, country, language, …), and `---` before the text".into(),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(SplitError {
        pos: Pos::new(1, 1),
        message: "the front matter opened on line 1 is never closed".into(),
        hint: "add a line `---` after the last field, before the text".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_file_lines() {
        let text = "---\ntype: case-study\nid: x\n---\n## Heading\n\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "type: case-study\nid: x\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(split.body, "## Heading\n\nBody\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn accepts_dots_and_trailing_spaces_and_no_body() {
        let split = split("---  \na: 1\n...").unwrap();
        assert_eq!(split.yaml, "a: 1\n");
        assert_eq!(split.body, "");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn empty_front_matter_is_a_split() {
        let split = split("---\n---\ntext").unwrap();
        assert_eq!(split.yaml, "");
        assert_eq!(split.body_line, 3);
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        assert!(split("").unwrap_err().message.contains("empty"));
        assert!(
            split("# Title\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        let err = split("---\ntype: x\n\nbody\n").unwrap_err();
        assert!(err.message.contains("never closed"));
        assert_eq!(err.pos, Pos::new(1, 1));
    }

    #[test]
    fn a_horizontal_rule_in_the_body_is_not_a_delimiter() {
        let split = split("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(split.body, "text\n---\nmore\n");
    }
}
