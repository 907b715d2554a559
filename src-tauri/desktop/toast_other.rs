//! Desktop notifications on Windows and macOS, through the Tauri notification plugin (which
//! reports no clicks on the desktop, so a notification there only informs).
use super::toast::Target;
use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt;

pub fn show(app: &AppHandle, title: &str, body: &str, _target: Target) -> Result<(), String> {
    app.notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .map_err(|e| e.to_string())
}

pub fn listen(_on_click: impl Fn(Target) + Send + Sync + 'static) {}
