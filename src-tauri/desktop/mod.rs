//! The desktop window: one instance per workspace folder, the workspace opened (or its failure
//! kept for the recovery screen), the commands registered, and in the background: daily
//! backups, the follow-up scheduler with its notifications, the tray and start at login.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]
mod backups;
mod notify;
mod toast;
#[cfg(target_os = "linux")]
mod toast_linux;
#[cfg(not(target_os = "linux"))]
mod toast_other;
pub mod tray;

use crate::api::settings::set_window_title;
use crate::instance::{self, Acquired};
use crate::probe;
use crate::session::Session;
use crate::settings;
use crate::store::Store;
use crate::store::{Area, ChangeSet};
use chrono::Utc;
use std::path::PathBuf;
use std::process::ExitCode;
use tauri::Manager;

/// Window events of the workspace: `workspace-changed` with every committed [`ChangeSet`]
/// (open screens refresh the areas they show) and `job-progress` for running jobs.
pub const CHANGED_EVENT: &str = "workspace-changed";
pub const PROGRESS_EVENT: &str = "job-progress";
/// The open workspace was found damaged and closed: the window shows the recovery screen.
pub const FAILED_EVENT: &str = "workspace-failed";

fn announce_changes(app: &tauri::AppHandle) {
    use tauri::Emitter;
    let session = app.state::<Session>();
    let h = app.clone();
    session.bus().listen(move |changes: &ChangeSet| {
        let _ = h.emit(CHANGED_EVENT, changes);
        if changes.touches(Area::Settings) {
            tray::apply(&h);
        }
        // The subscription feed follows every change to what it shows (off the writer's thread).
        if changes.touches(Area::Calendar) || changes.touches(Area::Groups) {
            let app = h.clone();
            std::thread::spawn(move || {
                if let Some(Err(e)) = crate::api::calendar::refresh_feed(&app.state::<Session>()) {
                    eprintln!(
                        "groupdesk: the calendar feed was not rewritten: {}",
                        e.message
                    );
                }
            });
        }
    });
    let h = app.clone();
    session.jobs.set_sink(move |p| {
        let _ = h.emit(PROGRESS_EVENT, p);
    });
}

/// The start-at-login entry: hidden in the tray, on the folder this window has open.
fn login_start<R: tauri::Runtime>(dir: &std::path::Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .args(login_args(dir))
        .build()
}

/// The arguments start-at-login passes (kept beside [`login_start`] for its test).
pub fn login_args(dir: &std::path::Path) -> Vec<String> {
    vec![
        tray::HIDDEN_FLAG.to_string(),
        "--data-dir".to_string(),
        dir.display().to_string(),
    ]
}

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

    let opened = Store::open_dir(&dir, Utc::now());
    if let Err(e) = &opened {
        eprintln!("groupdesk: {e}");
    }
    let language = opened
        .as_ref()
        .ok()
        .and_then(|s| settings::load(s.conn()).ok())
        .map(|s| s.language);
    // Start at login opens this same workspace folder (as an absolute path: the login session
    // starts in another folder).
    let dir_at_login = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
    let session = Session::new(dir, opened);
    probe::mark("store-open");

    let builder = tauri::Builder::default();
    // Other systems' notifications (Linux speaks to its notification service itself).
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_notification::init());
    let result = builder
        .plugin(login_start(&dir_at_login))
        .on_window_event(tray::on_window_event)
        .manage(session)
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
            announce_changes(&handle);
            toast::listen(&handle);
            backups::spawn(handle.clone());
            tray::apply(&handle);
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
