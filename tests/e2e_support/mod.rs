//! Driving the real app window: starts `tauri-driver` (which starts WebKitWebDriver and the
//! debug binary), and wraps fantoccini with the few verbs the flows need, all addressed by
//! `data-testid` so tests do not depend on wording or layout. Screenshots go to
//! `target/e2e-screenshots/` for a person to look at.
#![allow(dead_code)]

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    child: Child,
    pub port: u16,
    /// The queue of file-dialog answers (`GROUPDESK_TEST_PICKS`, see `src-tauri/api/files.rs`):
    /// WebDriver cannot drive the system's file dialog, so a test says what the user picks.
    picks: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Driver {
    pub fn start() -> Driver {
        Driver::start_with(&[])
    }

    /// Starts the driver (and so the app it launches) with `env` set as well.
    pub fn start_with(env: &[(&str, &str)]) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end tests need an X display: run them through scripts/test.sh (Xvfb)"
        );
        let port = free_port();
        let native = free_port();
        // Its own process group, so dropping the driver also ends the WebKitWebDriver it starts.
        let picks = std::env::temp_dir().join(format!("groupdesk-e2e-picks-{port}"));
        let _ = std::fs::remove_file(&picks);
        let child = Command::new("tauri-driver")
            .env("GROUPDESK_TEST_PICKS", &picks)
            .envs(env.iter().copied())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --version ^2)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port, picks }
    }

    /// What the user picks in the next file dialog the app opens.
    pub fn pick(&self, path: &Path) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.picks)
            .unwrap();
        writeln!(f, "{}", path.display()).unwrap();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        std::thread::sleep(Duration::from_millis(300));
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.picks);
    }
}

pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_groupdesk"))
}

/// Runs the `groupdesk` command line on a workspace, as a shell user would.
pub fn cli(data_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(app_binary())
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run groupdesk")
}

/// Like [`cli`], failing the test unless the command succeeds.
pub fn cli_ok(data_dir: &Path, args: &[&str]) {
    let out = cli(data_dir, args);
    assert!(
        out.status.success(),
        "groupdesk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn shots_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
    std::fs::create_dir_all(&d).expect("screenshot dir");
    d
}

pub struct App {
    pub client: Client,
}

const WAIT: Duration = Duration::from_secs(15);

fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

impl App {
    /// Launches GroupDesk on `data_dir` in a new window.
    pub async fn launch(driver: &Driver, data_dir: &Path) -> App {
        let mut caps = Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": app_binary(),
                "args": ["--data-dir", data_dir],
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("WebDriver session");
        App { client }
    }

    pub async fn quit(self) {
        self.client.close().await.expect("close session");
        // Let the process exit and release the workspace lock before a relaunch.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    pub async fn wait(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&tid(id)))
            .await
            .unwrap_or_else(|e| panic!("element {id} did not appear: {e}"))
    }

    pub async fn wait_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits for the group named `name` in the list.
    pub async fn wait_group(&self, name: &str) -> Element {
        self.wait_css(&format!("[data-group-name=\"{name}\"]"))
            .await
    }

    /// Opens the group named `name` from the list.
    pub async fn open_group(&self, name: &str) {
        self.wait_group(name)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("open {name}: {e}"));
    }

    pub async fn click(&self, id: &str) {
        self.wait(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {id}: {e}"));
    }

    /// Replaces a field's text by typing, as a user would (select all, type over it).
    pub async fn fill(&self, id: &str, text: &str) {
        let el = self.wait(id).await;
        el.click().await.expect("focus field");
        self.client
            .execute(
                "arguments[0].select();",
                vec![serde_json::to_value(&el).expect("el")],
            )
            .await
            .expect("select text");
        if text.is_empty() {
            el.send_keys("\u{E003}").await.expect("backspace");
        } else {
            el.send_keys(text).await.expect("type");
        }
    }

    /// Chooses an option of a <select> by value (and fires `change`, as the browser does).
    pub async fn choose(&self, id: &str, value: &str) {
        let el = self.wait(id).await;
        self.client
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![serde_json::to_value(&el).expect("el"), json!(value)],
            )
            .await
            .expect("choose option");
    }

    pub async fn text(&self, id: &str) -> String {
        self.wait(id).await.text().await.expect("text")
    }

    /// The element's rendered text as the page computes it (`innerText`). WebKitWebDriver's
    /// own text is empty for some rows inside a scrolled container that are plainly visible.
    pub async fn inner_text(&self, id: &str) -> String {
        self.wait(id).await;
        let v = self
            .js(&format!(
                "return document.querySelector('{}').innerText;",
                tid(id).replace('\'', "\\'")
            ))
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the element's text satisfies `pred` (the UI updates asynchronously).
    pub async fn wait_text(&self, id: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(&tid(id))).await {
                if let Ok(t) = el.text().await {
                    if pred(&t) {
                        return t;
                    }
                    if Instant::now() > deadline {
                        panic!("{id} text stayed {t:?}");
                    }
                }
            }
            assert!(Instant::now() < deadline, "{id} never appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until a field's value satisfies `pred`.
    pub async fn wait_value(&self, id: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self
                .js(&format!(
                    "const e = document.querySelector('{}'); return e ? e.value : null;",
                    tid(id).replace('\'', "\\'")
                ))
                .await;
            if let Some(v) = v.as_str() {
                if pred(v) {
                    return v.to_string();
                }
            }
            assert!(Instant::now() < deadline, "{id} value stayed {v:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn count(&self, id: &str) -> usize {
        self.count_css(&tid(id)).await
    }

    pub async fn count_css(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    pub async fn wait_count(&self, id: &str, n: usize) {
        let deadline = Instant::now() + WAIT;
        while self.count(id).await != n {
            assert!(
                Instant::now() < deadline,
                "{id}: expected {n}, have {}",
                self.count(id).await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn press(&self, keys: &str) {
        self.wait_css("body")
            .await
            .send_keys(keys)
            .await
            .expect("send keys");
    }

    pub async fn body_text(&self) -> String {
        self.wait_css("body").await.text().await.expect("body text")
    }

    pub async fn shot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(300)).await; // let transitions settle
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(shots_dir().join(format!("{name}.png")), png).expect("write screenshot");
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("script")
    }

    /// Sets an <input> (date, time) the way the browser does when the user picks a value.
    pub async fn set_input(&self, id: &str, value: &str) {
        self.wait(id).await;
        self.js(&format!(
            "const el = document.querySelector('{}'); el.value = {}; \
             el.dispatchEvent(new Event('input', {{bubbles: true}})); \
             el.dispatchEvent(new Event('change', {{bubbles: true}})); return true;",
            tid(id).replace('\'', "\\'"),
            serde_json::to_string(value).expect("a string")
        ))
        .await;
    }
}
