//! Golden files: an answer compared byte for byte with the file that holds
//! it, or written there when `UPDATE_GOLDEN=1`.

use std::path::Path;

/// Asserts that `actual` is the content of the golden file at `path`; with
/// `UPDATE_GOLDEN=1` in the environment, writes it there instead.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("golden file {} is missing ({e})", path.display()));
    assert_eq!(actual, expected, "golden file {}", path.display());
}
