//! End-to-end in the real window: the script library and the welcome ritual. Write a welcome
//! script with placeholders (an unknown one is marked and the script cannot be saved; a
//! flagged word is named; the preview fills it), paste three newcomers into the group, see
//! them on Today with their welcome filled, copy one (the clipboard holds that text), tick it
//! off, restart and find it all there (the follow-up planned by the group's rule among this
//! week's), then the same in English with the placeholders under their English names.
mod e2e_support;

use e2e_support::{App, Driver};
use std::time::{Duration, Instant};

/// The X clipboard's text (the app and the test share the Xvfb display).
fn clipboard() -> String {
    let out = std::process::Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .expect("xclip (scripts/setup.sh --test installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn wait_clipboard(pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = clipboard();
        if pred(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "clipboard stayed {text:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn group_id(ws: &std::path::Path, name: &str) -> String {
    let out = e2e_support::cli(ws, &["group", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .map(|g| g["id"].to_string())
        .expect("group listed")
}

/// Sets a multi-line field as typing would end up (WebDriver's keys do not type line breaks
/// into a textarea), firing `input`.
async fn set_text(app: &App, id: &str, text: &str) {
    app.wait(id).await;
    app.js(&format!(
        "const el = document.querySelector('[data-testid=\"{id}\"]'); el.focus(); el.value = {}; \
         el.setSelectionRange(el.value.length, el.value.length); \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); return true;",
        serde_json::to_string(text).unwrap()
    ))
    .await;
}

async fn disabled(app: &App, id: &str) -> bool {
    app.wait(id).await;
    app.js(&format!(
        "return document.querySelector('[data-testid=\"{id}\"]').disabled;"
    ))
    .await
        == serde_json::json!(true)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_welcome_script_fills_for_three_newcomers_copies_and_is_ticked_off_across_a_restart() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["group", "add", "读书会"]);
    let gid = group_id(ws.path(), "读书会");

    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-empty").await;

    // The library starts empty, with a way in.
    app.click("nav-scripts").await;
    app.wait("scripts-empty").await;
    app.shot("s01-zh-scripts-empty").await;
    app.click("script-new").await;
    app.choose("script-group", &gid).await;

    // An unknown placeholder is marked, named with its place, and the script cannot be saved.
    app.fill("script-body", "欢迎 {称呼} 加入{群明}！").await;
    let problems = app
        .wait_text("script-problems", |t| t.contains("群明"))
        .await;
    assert!(
        problems.contains("第 1 行第 11 个字：不认识的占位符 {群明}"),
        "{problems}"
    );
    assert!(disabled(&app, "script-save").await);
    app.shot("s02-zh-script-unknown-placeholder").await;

    // Fixed, with a flagged word: a warning names it; the preview fills the group's values.
    set_text(
        &app,
        "script-body",
        "欢迎 {称呼|新朋友} 加入{群名}！🎉\n群名片格式：{群名片格式|昵称+城市+职业}\n想要资料的加微信",
    )
    .await;
    app.wait_text("script-words", |t| {
        t.contains("加微信") && t.contains("第 3 行")
    })
    .await;
    app.wait_text("preview-text", |t| {
        t.starts_with("欢迎 新朋友 加入读书会！")
    })
    .await;
    app.wait_text("script-length", |t| t.contains("/ 2000"))
        .await;
    // The picker inserts at the caret (the end here).
    app.click("placeholder-owner").await;
    app.wait_value("script-body", |v| v.ends_with("加微信{群主}"))
        .await;
    assert!(!disabled(&app, "script-save").await);
    app.click("script-save").await;
    app.wait_count("script-item", 1).await;
    app.shot("s03-zh-script-saved").await;

    // Three newcomers pasted into the group.
    app.click("nav-members").await;
    app.click("member-import").await;
    app.click("import-tab-paste").await;
    set_text(&app, "import-paste", "张三\n李四\n王五").await;
    app.choose("import-group", &gid).await;
    app.click("import-run").await;
    // Imported: the dialog closes and the list shows them.
    app.wait_count("import-dialog", 0).await;
    app.wait_count("member-item", 3).await;

    // Today: a welcome section for the group, each welcome filled for its newcomer.
    app.click("nav-today").await;
    app.wait("today-welcome").await;
    app.wait_count("welcome-row", 3).await;
    let section = app.inner_text("today-welcome").await;
    assert!(
        section.contains("读书会") && section.contains("3 位新人"),
        "{section}"
    );
    app.shot("s04-zh-today-welcome").await;

    // Copy the first: the clipboard holds exactly 张三's welcome.
    app.click("welcome-copy").await;
    let copied = wait_clipboard(|t| t.contains("张三")).await;
    assert!(
        copied
            .starts_with("欢迎 张三 加入读书会！🎉\n群名片格式：昵称+城市+职业\n想要资料的加微信"),
        "{copied:?}"
    );
    // One message for all three, @-mentioned as WeChat does it.
    app.click("welcome-copy-all").await;
    let together = wait_clipboard(|t| t.contains("@李四")).await;
    assert!(
        together.starts_with("欢迎 @张三\u{2005}@李四\u{2005}@王五 加入读书会"),
        "{together:?}"
    );
    // Ticked off: 张三 leaves the section.
    app.click("welcome-done").await;
    app.wait_count("welcome-row", 2).await;
    assert!(!app.inner_text("today-welcome").await.contains("张三"));

    // From the member page: the group's welcome filled for that member.
    app.click("nav-members").await;
    app.wait_count("member-item", 3).await;
    app.fill("member-search", "王五").await;
    app.wait_count("member-item", 1).await;
    app.click("member-item").await;
    app.wait_text("member-name", |t| t == "王五").await;
    app.click("member-copy-script").await;
    app.click("member-copy-script-welcome").await;
    wait_clipboard(|t| t.starts_with("欢迎 王五 加入读书会！")).await;
    // From a selection of the list: one text each, one after another.
    app.fill("member-search", "").await;
    app.wait_count("member-item", 3).await;
    let ticks = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=member-tick]"))
        .await
        .unwrap();
    ticks[0].click().await.unwrap();
    ticks[1].click().await.unwrap();
    app.click("bulk-copy-script").await;
    app.shot("s05-zh-bulk-copy-menu").await;
    app.click("bulk-copy-script-welcome").await;
    let both = wait_clipboard(|t| t.matches("欢迎 ").count() == 2).await;
    assert!(
        both.contains("\n\n欢迎 "),
        "one text each, a blank line between: {both:?}"
    );

    // The editor's preview for a chosen member.
    app.click("nav-scripts").await;
    app.click("script-item").await;
    app.fill("preview-member", "李").await;
    app.click("preview-member-option").await;
    app.wait_text("preview-text", |t| t.starts_with("欢迎 李四 加入读书会"))
        .await;
    app.shot("s06-zh-script-preview").await;

    // Restart: the script, the two still to welcome, and 张三's follow-up in 3 days.
    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-welcome").await;
    app.wait_count("welcome-row", 2).await;
    app.wait_text("today-upcoming", |t| t.contains("张三"))
        .await;
    let upcoming = app.inner_text("today-upcoming").await;
    assert!(upcoming.contains("做自我介绍了吗"), "{upcoming}");
    app.click("nav-scripts").await;
    app.wait_count("script-item", 1).await;

    // English: the section and the editor, placeholders under their English names.
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("nav-today").await;
    app.wait_text("today-welcome", |t| t.contains("Welcome newcomers"))
        .await;
    app.shot("s07-en-today-welcome").await;
    app.click("nav-scripts").await;
    app.click("script-item").await;
    app.wait_value("script-body", |v| {
        v.starts_with("欢迎 {name|新朋友} 加入{group}") && v.ends_with("{owner}")
    })
    .await;
    app.shot("s08-en-script-editor").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_new_workspace_opens_on_the_three_ways_in_and_the_first_group_leads_to_its_welcome() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    let app = App::launch(&driver, ws.path()).await;
    app.wait("first-run").await;
    app.wait("first-sample").await;
    app.shot("s09-zh-first-run").await;
    // In English too (the first run stays until a way in is chosen).
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("nav-today").await;
    app.wait_text("first-run", |t| t.contains("Explore sample data"))
        .await;
    app.shot("s10-en-first-run").await;
    app.click("nav-settings").await;
    app.click("lang-zh-CN").await;
    app.click("nav-today").await;

    // Import opens the member import; creating the first group opens its form.
    app.click("first-import").await;
    app.wait("import-dialog").await;
    app.click("import-cancel").await;
    app.click("nav-today").await;
    app.wait("today-screen").await;
    app.quit().await;

    let app = App::launch(&driver, ws.path()).await;
    app.click("first-create-group").await;
    app.wait("group-form").await;
    app.fill("field-name", "读书会").await;
    app.click("group-save").await;
    app.wait("group-detail").await;
    // The group's welcome ritual: the shared welcome until it writes its own, a follow-up
    // after 3 days; "write this group's welcome" opens the library on a new welcome.
    app.wait_text("welcome-rule", |t| t.contains("通用欢迎语"))
        .await;
    assert_eq!(app.wait_value("welcome-rule-days", |v| v == "3").await, "3");
    app.click("welcome-write").await;
    app.wait("script-editor").await;
    app.wait_value("script-kind", |v| v == "welcome").await;
    app.quit().await;

    // Not new any more: the next start opens on Today.
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-screen").await;
    assert_eq!(app.count("first-run").await, 0);
    app.quit().await;
}

/// Stops the GroupDesk a window started on `dir` by itself (outside WebDriver's session).
fn stop_app_on(dir: &std::path::Path) {
    let _ = std::process::Command::new("pkill")
        .args(["-f", "--", &format!("--data-dir {}$", dir.display())])
        .status();
    std::thread::sleep(Duration::from_millis(800));
}

fn wait_for(what: &str, mut pred: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !pred() {
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn running_on(dir: &std::path::Path) -> bool {
    std::process::Command::new("pgrep")
        .args(["-f", "--", &format!("--data-dir {}$", dir.display())])
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn sample_data_opens_in_a_folder_of_its_own_with_a_banner_and_the_way_back() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    let sample = ws.path().join("sample-workspace");
    let app = App::launch(&driver, ws.path()).await;
    app.click("first-sample").await;
    // GroupDesk reopens itself on the sample folder (a new process, outside this session).
    wait_for("the sample window", || running_on(&sample));
    drop(app);
    stop_app_on(&sample);
    let out = e2e_support::cli(&sample, &["group", "list", "--json"]);
    let groups: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(groups.as_array().unwrap().len(), 6, "the demo's groups");
    let own = e2e_support::cli(ws.path(), &["group", "list", "--json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&own.stdout).unwrap(),
        serde_json::json!([]),
        "the owner's own workspace stays empty"
    );

    // Opened on the sample: the banner says so, with the demo's Today beneath it.
    let app = App::launch(&driver, &sample).await;
    app.wait("sample-banner").await;
    app.wait("today-welcome").await;
    app.shot("s11-zh-sample-today").await;
    // The window closes as it answers the click, so the click's own answer may be an error.
    let _ = app.wait("sample-leave").await.click().await;
    wait_for("the way back", || running_on(ws.path()));
    drop(app);
    stop_app_on(ws.path());
}
