//! Native file dialogs, opened from Rust so that the paths the window's file commands accept
//! are the ones the user chose ([`crate::session::Picked`]). Each returns the chosen path (or
//! `null` when the user cancelled) for the UI to show and send back.
//!
//! `GROUPDESK_TEST_PICKS`: the end-to-end tests' stand-in for the dialog, which WebDriver
//! cannot drive — a file whose first line is taken as the next choice. Setting it needs
//! control of the app's environment, which grants far more than a dialog does.
use super::ApiError;
use crate::session::{Purpose, Session};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

fn test_pick() -> Option<Option<PathBuf>> {
    let queue = std::env::var_os("GROUPDESK_TEST_PICKS")?;
    let text = std::fs::read_to_string(&queue).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().map(|l| l.trim().to_string());
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&queue, rest.join("\n"));
    Some(first.filter(|l| !l.is_empty()).map(PathBuf::from))
}

fn chosen(purpose: Purpose, state: &Session, path: Option<PathBuf>) -> Option<String> {
    let path = path?;
    state.picked.grant(purpose, &path);
    Some(path.display().to_string())
}

/// Opens the system's "open file" dialog for an import (CSV, TXT, XLSX).
#[tauri::command(async)]
pub fn pick_import_file(
    app: AppHandle,
    state: State<'_, Session>,
    title: String,
) -> Result<Option<String>, ApiError> {
    let path = test_pick().unwrap_or_else(|| {
        app.dialog()
            .file()
            .set_title(title)
            .add_filter("CSV / Excel", &["csv", "txt", "xlsx", "xlsm"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    });
    Ok(chosen(Purpose::Import, &state, path))
}

/// Opens the system's "save file" dialog for an export, starting at `suggested`.
#[tauri::command(async)]
pub fn pick_export_file(
    app: AppHandle,
    state: State<'_, Session>,
    title: String,
    suggested: String,
) -> Result<Option<String>, ApiError> {
    let suggested = PathBuf::from(suggested);
    let path = test_pick().unwrap_or_else(|| {
        let ext = suggested
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("xlsx")
            .to_string();
        let mut dialog = app
            .dialog()
            .file()
            .set_title(title)
            .add_filter(ext.to_uppercase(), &[ext.as_str()]);
        if let Some(dir) = suggested.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.blocking_save_file().and_then(|p| p.into_path().ok())
    });
    Ok(chosen(Purpose::Export, &state, path))
}

/// Opens the system's folder dialog to choose another workspace folder.
#[tauri::command(async)]
pub fn pick_workspace_folder(
    app: AppHandle,
    state: State<'_, Session>,
    title: String,
) -> Result<Option<String>, ApiError> {
    let path = test_pick().unwrap_or_else(|| {
        app.dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
    });
    Ok(chosen(Purpose::Workspace, &state, path))
}

/// Refuses a path the user did not choose for `purpose`.
pub(super) fn require(state: &Session, purpose: Purpose, path: &Path) -> Result<(), ApiError> {
    if state.picked.allows(purpose, path) {
        Ok(())
    } else {
        Err(ApiError::new(
            super::ErrorCode::Validation,
            "file.not_chosen",
            format!("{} was not chosen in a dialog", path.display()),
        ))
    }
}
