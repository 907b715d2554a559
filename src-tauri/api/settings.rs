//! Commands for the user's preferences. Changing the language also retitles the window.
use super::{ApiError, AppState};
use crate::settings::{self, Language, Settings};
use tauri::{AppHandle, Emitter, Manager, State};

/// The event sent after the settings are saved.
pub const SETTINGS_CHANGED: &str = "settings-changed";

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, ApiError> {
    state.with_store(|s| Ok(settings::load(s.conn())?))
}

#[tauri::command(async)]
pub fn update_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, ApiError> {
    let errs = settings::check(&settings);
    if !errs.is_empty() {
        return Err(ApiError {
            code: super::ErrorCode::Validation,
            key: "settings.invalid".into(),
            message: format!("settings not valid: {errs:?}"),
            fields: errs,
        });
    }
    let saved = state.with_store(|s| Ok(settings::save(s.conn_mut(), &settings)?))?;
    set_window_title(&app, saved.language);
    // The zone or the morning time may have moved when things fire; the desktop applies the
    // tray and login options.
    state.wake.notify_one();
    let _ = app.emit(SETTINGS_CHANGED, ());
    Ok(saved)
}

/// The window title in the user's language: both names, the chosen language's first.
pub fn window_title(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "群主工作台 · GroupDesk",
        Language::En => "GroupDesk · 群主工作台",
    }
}

pub fn set_window_title(app: &AppHandle, language: Language) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(window_title(language));
    }
}
