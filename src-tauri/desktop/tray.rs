//! Keeping GroupDesk in the tray so follow-ups still fire with the window closed (an option),
//! and starting it at login (an option; it then starts hidden in the tray).
use crate::session::{Failure, Session};
use crate::settings::{self, Language};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, WindowEvent};
use tauri_plugin_autostart::ManagerExt;

/// The flag login starts GroupDesk with.
pub const HIDDEN_FLAG: &str = "--hidden";

fn prefs(app: &AppHandle) -> Option<settings::Settings> {
    app.state::<Session>()
        .read(|c| Ok::<_, Failure>(settings::load(c)?))
        .ok()
}

pub fn show_main(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Adds the tray icon (once) with "open" and "quit".
pub fn ensure_tray(app: &AppHandle, language: Language) {
    if app.tray_by_id("main").is_some() {
        return;
    }
    let (open, quit) = match language {
        Language::ZhCn => ("打开群主工作台", "退出"),
        Language::En => ("Open GroupDesk", "Quit"),
    };
    let build = || -> tauri::Result<()> {
        let open = MenuItem::with_id(app, "open", open, true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", quit, true, None::<&str>)?;
        let menu = Menu::with_items(app, &[&open, &quit])?;
        let mut tray = TrayIconBuilder::with_id("main")
            .menu(&menu)
            .tooltip("群主工作台 · GroupDesk")
            .on_menu_event(|app, event| match event.id().as_ref() {
                "open" => show_main(app),
                "quit" => app.exit(0),
                _ => {}
            });
        if let Some(icon) = app.default_window_icon() {
            tray = tray.icon(icon.clone());
        }
        tray.build(app)?;
        Ok(())
    };
    if let Err(e) = build() {
        eprintln!("groupdesk: the tray icon could not be added: {e}");
    }
}

/// Applies the tray and login options (at start and whenever the settings are saved).
pub fn apply(app: &AppHandle) {
    let Some(p) = prefs(app) else { return };
    if p.keep_in_tray {
        ensure_tray(app, p.language);
    }
    let autostart = app.autolaunch();
    let on = autostart.is_enabled().unwrap_or(false);
    let result = match (p.start_at_login, on) {
        // Written again when already on, so the entry names this workspace folder (an entry
        // from an older version started without `--data-dir`).
        (true, _) => autostart.enable(),
        (false, true) => autostart.disable(),
        _ => Ok(()),
    };
    if let Err(e) = result {
        eprintln!("groupdesk: start at login could not be changed: {e}");
    }
}

/// Closing the window hides it instead, while "keep in tray" is on.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let app = window.app_handle();
        if prefs(app).is_some_and(|p| p.keep_in_tray) {
            api.prevent_close();
            let _ = window.hide();
        }
    }
}
