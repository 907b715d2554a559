//! Native file dialogs, opened from Rust so that the paths the window's file commands accept
//! are the ones the user chose ([`crate::session::Picked`]). Each returns the chosen path (or
//! `null` when the user cancelled) for the UI to show and send back.
//!
//! The dialogs are `rfd`'s (what Tauri's dialog plugin wraps), opened on the main thread over
//! the window: the plugin itself would bring its file-system plugin and the IPC commands of
//! both into the package, for three calls the page never makes itself.
//!
//! `GROUPDESK_TEST_PICKS`: the end-to-end tests' stand-in for the dialog, which WebDriver
//! cannot drive — a file whose first line is taken as the next choice. Setting it needs
//! control of the app's environment, which grants far more than a dialog does.
use super::ApiError;
use crate::session::{Purpose, Session};
use rfd::{AsyncFileDialog, FileHandle};
use std::future::Future;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, State};

fn test_pick() -> Option<Option<PathBuf>> {
    let queue = std::env::var_os("GROUPDESK_TEST_PICKS")?;
    let text = std::fs::read_to_string(&queue).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().map(|l| l.trim().to_string());
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&queue, rest.join("\n"));
    Some(first.filter(|l| !l.is_empty()).map(PathBuf::from))
}

/// Opens the dialog `open` sets up, on the main thread and over the main window, and waits for
/// the user's answer (this command runs off the main thread).
fn ask<F, A>(app: &AppHandle, title: String, open: F) -> Option<PathBuf>
where
    F: FnOnce(AsyncFileDialog) -> A + Send + 'static,
    A: Future<Output = Option<FileHandle>> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let mut dialog = AsyncFileDialog::new()
            .set_title(title)
            .set_can_create_directories(true);
        if let Some(window) = handle.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        let answer = open(dialog);
        std::thread::spawn(move || {
            let _ = tx.send(tauri::async_runtime::block_on(answer));
        });
    })
    .ok()?;
    rx.recv().ok().flatten().map(|f| f.path().to_path_buf())
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
        ask(&app, title, |d| {
            d.add_filter("CSV / Excel", &["csv", "txt", "xlsx", "xlsm"])
                .pick_file()
        })
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
        let dir = suggested
            .parent()
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf);
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        ask(&app, title, move |mut d| {
            d = d.add_filter(ext.to_uppercase(), &[ext.as_str()]);
            if let Some(dir) = dir {
                d = d.set_directory(dir);
            }
            if let Some(name) = name {
                d = d.set_file_name(name);
            }
            d.save_file()
        })
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
    let path = test_pick().unwrap_or_else(|| ask(&app, title, |d| d.pick_folder()));
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
