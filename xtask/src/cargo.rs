//! Running cargo from a task: the same cargo that runs xtask, in the workspace root.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A `cargo` command with `args`, run from the workspace root.
///
/// Uses `$CARGO`, which cargo sets for the programs it runs, so the tasks use the
/// toolchain `cargo xtask` was started with rather than whatever `cargo` is on `PATH`.
pub fn command(args: &[&str]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(workspace_root());
    command
}

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
