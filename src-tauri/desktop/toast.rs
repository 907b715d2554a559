//! Desktop notifications: shown from the scheduler's thread, and a click on one brings the
//! window up at what it announced (the `notification-open` event carries the [`Target`]).
//! Linux speaks to the notification service through GIO (`toast_linux.rs`); other systems
//! use the Tauri notification plugin (`toast_other.rs`).
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

#[cfg(target_os = "linux")]
use super::toast_linux as imp;
#[cfg(not(target_os = "linux"))]
use super::toast_other as imp;

/// The window event a click on a notification raises.
pub const OPEN_EVENT: &str = "notification-open";

/// Where a click on a notification leads: the post whose time came (its body ready to copy),
/// or Today (follow-ups, the morning summary, campaign steps).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Target {
    Today,
    Calendar { item: i64 },
}

/// Raises a desktop notification; a failure (no notification service) is logged, not fatal:
/// the window's own toast says the same.
pub fn show(app: &AppHandle, title: &str, body: &str, target: Target) {
    if let Err(e) = imp::show(app, title, body, target) {
        eprintln!("groupdesk: desktop notification failed: {e}");
    }
}

/// Says what a click on a notification does: the window comes up at its target.
pub fn listen(app: &AppHandle) {
    let app = app.clone();
    imp::listen(move |target| {
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.unminimize();
            let _ = w.show();
            let _ = w.set_focus();
        }
        let _ = app.emit(OPEN_EVENT, target);
    });
}
