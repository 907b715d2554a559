//! Where a workspace lives when the user does not say (`--data-dir`): one folder in the OS's
//! per-user data directory, so the app works with no set-up.
use std::path::PathBuf;

/// The folder name inside the OS data directory (`~/.local/share` on Linux,
/// `%APPDATA%` on Windows, `~/Library/Application Support` on macOS).
pub const APP_FOLDER: &str = "GroupDesk";

/// The default workspace folder, or the current directory if the OS gives none.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .map(|d| d.join(APP_FOLDER))
        .unwrap_or_else(|| PathBuf::from(APP_FOLDER))
}
