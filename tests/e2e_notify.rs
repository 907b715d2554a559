//! End-to-end for the desktop notification of a post, on a real D-Bus: a private session bus
//! (`dbus-daemon`) on which this test is the notification service, as a desktop's is. A post
//! planned a minute ahead is announced at its time ("该发内容了": its time, group and title),
//! and clicking that notification brings the window to the post in the calendar, its body
//! ready to copy; a restart does not announce it again.
// Real time is the point here: the post must be announced by the wall clock.
#![allow(clippy::disallowed_methods)]
mod e2e_support;

use e2e_support::{App, Driver};
use gio::prelude::*;
use gio::{DBusCallFlags, DBusConnection, DBusConnectionFlags};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const PATH: &str = "/org/freedesktop/Notifications";
const IFACE: &str = "org.freedesktop.Notifications";
const XML: &str = r#"<node><interface name="org.freedesktop.Notifications">
  <method name="Notify">
    <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
    <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
    <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
  </method>
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="GetServerInformation">
    <arg type="s" direction="out"/><arg type="s" direction="out"/>
    <arg type="s" direction="out"/><arg type="s" direction="out"/>
  </method>
  <method name="CloseNotification"><arg type="u" direction="in"/></method>
</interface></node>"#;

/// A notification as the service received it.
#[derive(Debug, Clone)]
struct Shown {
    id: u32,
    app: String,
    summary: String,
    body: String,
    actions: Vec<String>,
}

/// A private session bus, ended with the test.
struct Bus {
    daemon: Child,
    address: String,
}

impl Bus {
    fn start() -> Bus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (Debian: dbus-daemon; scripts/setup.sh --test installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        Bus {
            daemon,
            address: address.trim().to_string(),
        }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Serves `org.freedesktop.Notifications` on the bus from a thread of its own; returns the
/// service's connection (to send clicks) and what it was asked to show.
fn serve(address: &str) -> (DBusConnection, Arc<Mutex<Vec<Shown>>>) {
    let (tx, rx) = mpsc::channel();
    let address = address.to_string();
    std::thread::spawn(move || {
        let context = glib::MainContext::new();
        context
            .with_thread_default(|| {
                let conn = DBusConnection::for_address_sync(
                    &address,
                    DBusConnectionFlags::AUTHENTICATION_CLIENT
                        | DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
                    None,
                    gio::Cancellable::NONE,
                )
                .expect("connect to the private bus");
                let node = gio::DBusNodeInfo::for_xml(XML).unwrap();
                let iface = node.lookup_interface(IFACE).unwrap();
                let shown = Arc::new(Mutex::new(Vec::<Shown>::new()));
                let list = shown.clone();
                conn.register_object(
                    PATH,
                    &iface,
                    move |_, _, _, _, method, params, call| match method {
                        "Notify" => {
                            let text = |i| params.child_value(i).get::<String>().unwrap();
                            let mut list = list.lock().unwrap();
                            let id = list.len() as u32 + 1;
                            list.push(Shown {
                                id,
                                app: text(0),
                                summary: text(3),
                                body: text(4),
                                actions: params.child_value(5).get::<Vec<String>>().unwrap(),
                            });
                            call.return_value(Some(&(id,).to_variant()));
                        }
                        "GetCapabilities" => call.return_value(Some(
                            &(vec!["actions".to_string(), "body".to_string()],).to_variant(),
                        )),
                        "GetServerInformation" => {
                            call.return_value(Some(&("test", "groupdesk", "1", "1.2").to_variant()))
                        }
                        _ => call.return_value(None),
                    },
                    |_, _, _, _, _| "".to_variant(),
                    |_, _, _, _, _, _| false,
                )
                .unwrap();
                conn.call_sync(
                    Some("org.freedesktop.DBus"),
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus",
                    "RequestName",
                    Some(&(IFACE, 4u32).to_variant()),
                    None,
                    DBusCallFlags::NONE,
                    5_000,
                    gio::Cancellable::NONE,
                )
                .expect("own org.freedesktop.Notifications");
                tx.send((conn, shown)).unwrap();
                glib::MainLoop::new(Some(&context), false).run();
            })
            .unwrap();
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the notification service started")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and dbus-daemon: run scripts/test.sh"]
async fn a_post_due_is_a_desktop_notification_whose_click_opens_the_post() {
    let bus = Bus::start();
    let (service, shown) = serve(&bus.address);

    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["group", "add", "读书会"]);
    // The next whole minute at least 20 s away, on the planning zone's clock (the system's).
    let at = chrono::Local::now() + chrono::Duration::seconds(80);
    let (day, time) = (at.format("%Y-%m-%d"), at.format("%H:%M"));
    let plan = ws.path().join("plan.csv");
    std::fs::write(
        &plan,
        format!("日期,时间,社群,类型,标题,正文,状态\n{day},{time},读书会,早报,周一早报,早安，今天读第三章,已批准\n"),
    )
    .unwrap();
    e2e_support::cli_ok(ws.path(), &["import", "content", plan.to_str().unwrap()]);

    let driver = Driver::start_with(&[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-screen").await;

    // Announced at its time, in the owner's language.
    let started = Instant::now();
    let note = loop {
        if let Some(n) = shown.lock().unwrap().first().cloned() {
            break n;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no notification reached the notification service"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(note.app, "GroupDesk");
    assert_eq!(note.summary, "该发内容了");
    assert_eq!(note.body, format!("{time} 在 读书会 发：周一早报"));
    assert_eq!(note.actions.first().map(String::as_str), Some("default"));

    // The user clicks it: the calendar, the post open in the panel with its body to copy.
    service
        .emit_signal(
            None,
            PATH,
            IFACE,
            "ActionInvoked",
            Some(&(note.id, "default").to_variant()),
        )
        .unwrap();
    app.wait_text("calendar-panel-title", |t| t == "周一早报")
        .await;
    assert!(app
        .inner_text("calendar-panel")
        .await
        .contains("早安，今天读第三章"));
    app.shot("n01-zh-notification-opened-post").await;

    // Shown once: a restart does not announce it again.
    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-screen").await;
    tokio::time::sleep(Duration::from_secs(8)).await;
    assert_eq!(shown.lock().unwrap().len(), 1, "announced again at restart");
    app.quit().await;
}
