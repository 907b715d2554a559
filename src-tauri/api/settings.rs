//! Commands for the user's preferences. Changing the language also retitles the window.
use super::ApiError;
use crate::session::Session;
use crate::settings::{self, Language, Settings};
use tauri::{AppHandle, Manager, State};

#[tauri::command(async)]
pub fn get_settings(state: State<'_, Session>) -> Result<Settings, ApiError> {
    state.read(|c| Ok(settings::load(c)?))
}

#[tauri::command(async)]
pub fn update_settings(
    app: AppHandle,
    state: State<'_, Session>,
    settings: Settings,
) -> Result<Settings, ApiError> {
    let errs = settings::check(&settings);
    if !errs.is_empty() {
        return Err(ApiError {
            code: super::ErrorCode::Validation,
            key: "settings.invalid".into(),
            message: format!("settings not valid: {errs:?}"),
            fields: errs,
            params: Default::default(),
        });
    }
    let saved = state.write(|w| Ok::<_, ApiError>(settings::save(w, &settings)?))?;
    set_window_title(&app, saved.language);
    // The desktop applies the tray and login options and the scheduler re-plans, both from
    // the change bus.
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
