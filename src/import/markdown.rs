//! Placeholder until the Markdown emitter lands from its branch.
use super::word::{Block, WordDocument};

pub fn to_markdown(
    _doc: &WordDocument,
    _blocks: &[Block],
    _image_path: &dyn Fn(u32) -> Option<String>,
) -> String {
    String::new()
}
