//! A file under the system's temporary directory, removed when the test ends.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A file with a name no other test or run uses, deleted on drop.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Writes `contents` to a new file whose name has `label`, the process id and a
    /// counter in it.
    pub fn with(label: &str, contents: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!(
            "openai-admin-cli-test-{}-{number}-{label}",
            std::process::id()
        ));
        std::fs::write(&path, contents).unwrap();
        Self { path }
    }

    pub fn path_str(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
