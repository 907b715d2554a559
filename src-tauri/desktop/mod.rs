//! The desktop window: one instance per workspace folder, the workspace opened (or its failure
//! kept for the recovery screen), the commands registered, and in the background: daily
//! backups, the follow-up scheduler with its notifications, the tray and start at login.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]
mod backups;
mod notify;
pub mod probe;
pub mod tray;

use crate::api::{settings::set_window_title, AppState, Workspace};
use crate::instance::{self, Acquired};
use crate::settings;
use crate::store::Store;
use chrono::Utc;
use std::path::PathBuf;
use std::process::ExitCode;
use tauri::{Listener, Manager};

pub fn run(dir: PathBuf, hidden: bool) -> ExitCode {
    probe::start();
    let mut guard = match instance::acquire(&dir) {
        Ok(Acquired::First(guard)) => guard,
        Ok(Acquired::AlreadyRunning { notified }) => {
            if notified {
                eprintln!(
                    "GroupDesk is already open on {}; switched to its window.",
                    dir.display()
                );
            } else {
                eprintln!(
                    "GroupDesk is already open on {} (its window could not be brought forward).",
                    dir.display()
                );
            }
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("groupdesk: cannot use the folder {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };

    let workspace = match Store::open_dir(&dir, Utc::now()) {
        Ok(store) => Workspace::Open(store),
        Err(e) => {
            eprintln!("groupdesk: {e}");
            Workspace::Failed(e.into())
        }
    };
    probe::mark("store-open");
    let language = match &workspace {
        Workspace::Open(s) => settings::load(s.conn()).map(|s| s.language).ok(),
        Workspace::Failed(_) => None,
    };

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![tray::HIDDEN_FLAG]),
        ))
        .on_window_event(tray::on_window_event)
        .manage(AppState::new(dir, workspace))
        .invoke_handler(crate::api_handlers!())
        .setup(move |app| {
            probe::mark("tauri-setup");
            let handle = app.handle().clone();
            if let Some(language) = language {
                set_window_title(&handle, language);
            }
            let focus_handle = handle.clone();
            guard.on_focus_request(move || {
                if let Some(w) = focus_handle.get_webview_window("main") {
                    let _ = w.unminimize();
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            });
            app.manage(guard);
            backups::spawn(handle.clone());
            tray::apply(&handle);
            let tray_handle = handle.clone();
            handle.listen(crate::api::settings::SETTINGS_CHANGED, move |_| {
                tray::apply(&tray_handle)
            });
            if hidden {
                // Started at login: into the tray, window closed.
                if let Some(language) = language {
                    tray::ensure_tray(&handle, language);
                }
                if let Some(w) = handle.get_webview_window("main") {
                    let _ = w.hide();
                }
            }
            let host = std::sync::Arc::new(notify::DesktopHost(handle.clone()));
            let started = Utc::now();
            tauri::async_runtime::spawn(crate::scheduler::run(host, started));
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("groupdesk: the window could not start: {e}");
            ExitCode::FAILURE
        }
    }
}
