//! The zip of a package (the .docx, and the workbooks embedded in it), deterministic:
//! entries in the order given, every timestamp 1980-01-01 00:00:00, fixed permissions, no
//! extra fields.

use std::io::Write;

use super::error::DocxError;

/// A deterministic zip of `entries` (name, bytes, whether to deflate), in their order.
pub(super) fn zip_entries(entries: &[(String, Vec<u8>, bool)]) -> Result<Vec<u8>, DocxError> {
    use zip::write::SimpleFileOptions;
    let zip_error =
        |e: zip::result::ZipError| DocxError::new(format!("cannot write the .docx zip: {e}"));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in entries {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        zip.start_file(name.as_str(), base.compression_method(method))
            .map_err(zip_error)?;
        zip.write_all(bytes)
            .map_err(|e| DocxError::new(format!("cannot write {name} into the .docx zip: {e}")))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}
