//! Desktop notifications on Linux: the freedesktop.org Notifications service, called over
//! D-Bus through GIO — the library the window's GTK/WebKit stack already links.
//!
//! Why not `tauri-plugin-notification` here: on Linux it brings two D-Bus stacks of its own
//! (zbus 5 for itself and zbus 6 through notify-rust, with their async runtimes), over a
//! megabyte of the package for one method call GIO makes already. Other systems keep the
//! plugin (`toast_other.rs`).
//!
//! Clicking a notification (its "default" action) hands the [`Target`] it was raised with to
//! `on_click`, on the GTK main thread.
use gio::prelude::*;
use gio::{BusType, DBusCallFlags, DBusConnection, DBusSignalFlags};
use glib::{StaticVariantType, Variant};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tauri::AppHandle;

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

use super::toast::Target;

type Clicks = Arc<Mutex<HashMap<u32, Target>>>;
type OnClick = Box<dyn Fn(Target) + Send + Sync>;

/// What a click does, set at the app's setup (no D-Bus work there: the start path stays as
/// it was).
static ON_CLICK: OnceLock<OnClick> = OnceLock::new();

/// The session bus and what each shown notification opens, connected at the first
/// notification.
struct Bus {
    connection: DBusConnection,
    clicks: Clicks,
}

static BUS: OnceLock<Option<Bus>> = OnceLock::new();

fn bus() -> Option<&'static Bus> {
    BUS.get_or_init(|| {
        let connection = gio::bus_get_sync(BusType::Session, gio::Cancellable::NONE)
            .map_err(|e| eprintln!("groupdesk: no session bus for notifications: {e}"))
            .ok()?;
        let clicks = Clicks::default();
        subscribe(&connection, &clicks);
        Some(Bus { connection, clicks })
    })
    .as_ref()
}

/// Sets what a click on one of GroupDesk's notifications does.
pub fn listen(on_click: impl Fn(Target) + Send + Sync + 'static) {
    let _ = ON_CLICK.set(Box::new(on_click));
}

/// Follows clicks and closings of the notifications shown. Subscribed from the scheduler's
/// thread, which has no main context of its own, so GIO calls back on the default one: the
/// GTK main thread's.
fn subscribe(connection: &DBusConnection, clicks: &Clicks) {
    let shown = clicks.clone();
    connection.signal_subscribe(
        None,
        Some(SERVICE),
        Some("ActionInvoked"),
        Some(PATH),
        None,
        DBusSignalFlags::NONE,
        move |_, _, _, _, _, params| {
            let Some((id, action)) = params.get::<(u32, String)>() else {
                return;
            };
            let target = shown.lock().ok().and_then(|mut c| c.remove(&id));
            if let (Some(target), "default", Some(on_click)) =
                (target, action.as_str(), ON_CLICK.get())
            {
                on_click(target);
            }
        },
    );
    let shown = clicks.clone();
    connection.signal_subscribe(
        None,
        Some(SERVICE),
        Some("NotificationClosed"),
        Some(PATH),
        None,
        DBusSignalFlags::NONE,
        move |_, _, _, _, _, params| {
            if let Some((id, _reason)) = params.get::<(u32, u32)>() {
                if let Ok(mut c) = shown.lock() {
                    c.remove(&id);
                }
            }
        },
    );
}

/// Shows a notification; clicking it opens `target`.
pub fn show(app: &AppHandle, title: &str, body: &str, target: Target) -> Result<(), String> {
    let bus = bus().ok_or("no session bus")?;
    let app_name = app.package_info().name.clone();
    // The package's launcher (GroupDesk.desktop) and icon (hicolor `groupdesk`).
    let hints: HashMap<String, Variant> = HashMap::from([
        ("desktop-entry".to_string(), "GroupDesk".to_variant()),
        ("urgency".to_string(), 1u8.to_variant()),
    ]);
    // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
    let actions = vec!["default".to_string(), title.to_string()];
    let params = (
        app_name.as_str(),
        0u32,
        "groupdesk",
        title,
        body,
        actions,
        hints,
        -1i32,
    )
        .to_variant();
    let reply = bus
        .connection
        .call_sync(
            Some(SERVICE),
            PATH,
            SERVICE,
            "Notify",
            Some(&params),
            Some(&<(u32,)>::static_variant_type()),
            DBusCallFlags::NONE,
            5_000,
            gio::Cancellable::NONE,
        )
        .map_err(|e| e.to_string())?;
    if let Some((id,)) = reply.get::<(u32,)>() {
        if let Ok(mut c) = bus.clicks.lock() {
            // A daemon that never says "closed" must not grow this without end.
            if c.len() > 200 {
                c.clear();
            }
            c.insert(id, target);
        }
    }
    Ok(())
}
