//! End-to-end: the real GroupDesk binary in a real WebKitGTK window (tauri-driver +
//! WebKitWebDriver under Xvfb), clicked through as a group owner would, then quit and
//! relaunched to check that everything was really saved.
//!
//! Ignored by a plain `cargo test` (they need a display and tauri-driver); `scripts/test.sh`
//! runs them with `--ignored` under Xvfb.
mod common;
mod e2e_support;

use e2e_support::{App, Driver};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn create_edit_delete_switch_language_and_find_it_all_after_a_restart() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    let app = App::launch(&driver, ws.path()).await;

    // A new workspace opens on the first-run welcome (three ways in); the groups screen has an
    // empty state that says what to do.
    app.wait("first-run").await;
    app.click("nav-groups").await;
    app.wait("groups-empty").await;
    assert!(app.body_text().await.contains("还没有社群"));
    app.shot("01-zh-empty").await;

    // Saving an empty form is refused inline, in Chinese, and saves nothing.
    app.click("group-new-empty").await;
    app.wait("group-form").await;
    app.click("group-save").await;
    assert_eq!(app.text("error-f-name").await, "必填");
    app.fill("field-size_cap", "两百").await;
    app.wait_text("error-f-size_cap", |t| t == "请输入整数")
        .await;
    app.shot("02-zh-validation").await;

    // Fill it in properly; the errors disappear as the fields are fixed.
    app.fill("field-name", "知行读书会共读群1").await;
    app.choose("field-platform", "wecom").await;
    app.choose("field-kind", "knowledge").await;
    app.choose("field-stage", "growing").await;
    app.fill("field-size_cap", "200").await;
    app.fill("field-theme", "每月共读一本好书").await;
    app.fill("field-audience", "想保持阅读习惯的职场人").await;
    app.fill("field-rules", "1. 禁止广告\u{E007}2. 友善交流")
        .await; // Enter: a new line
    app.fill("field-announcement", "本周日 20:00 线上分享会")
        .await;
    app.choose("field-threshold", "paid").await;
    app.fill("field-threshold_note", "年费 199 元").await;
    app.click("goal-add").await;
    app.fill("goal-title", "付费会员人数").await;
    app.fill("goal-target", "500").await;
    app.wait_count("error-f-name", 0).await;
    app.click("group-save").await;

    // The new group is open and listed.
    assert_eq!(
        app.wait_text("detail-name", |t| !t.is_empty()).await,
        "知行读书会共读群1"
    );
    assert_eq!(app.text("detail-platform").await, "企业微信");
    assert_eq!(app.text("detail-stage").await, "中期");
    assert_eq!(app.text("detail-threshold").await, "付费");
    assert!(app.text("detail-goals").await.contains("付费会员人数"));
    assert_eq!(app.text("detail-rules").await, "1. 禁止广告\n2. 友善交流");
    app.wait_count("group-item", 1).await;
    app.shot("03-zh-detail").await;

    // Edit in place.
    app.click("group-edit").await;
    app.fill("field-theme", "每月共读一本好书，周日线上分享")
        .await;
    app.click("group-save").await;
    app.wait_text("detail-theme", |t| t == "每月共读一本好书，周日线上分享")
        .await;

    // A second group, created from the keyboard (N), deleted, then brought back with Undo.
    app.press("n").await;
    app.wait("group-form").await;
    app.fill("field-name", "小鹿烘焙福利群1").await;
    app.press("\u{E009}\u{E007}\u{E000}").await; // Ctrl+Enter saves
    app.wait_text("detail-name", |t| t == "小鹿烘焙福利群1")
        .await;
    app.wait_count("group-item", 2).await;
    app.click("group-delete").await;
    app.wait_count("group-item", 1).await;
    app.wait_text("tab-trash", |t| t.contains('1')).await;
    app.click("toast-undo").await;
    app.wait_count("group-item", 2).await;

    // Archive one: it leaves the active list and shows under 已归档.
    app.open_group("小鹿烘焙福利群1").await;
    app.click("group-archive").await;
    app.wait_count("group-item", 1).await;
    app.click("tab-archived").await;
    app.wait_group("小鹿烘焙福利群1").await;
    app.click("tab-active").await;

    // Back up from Settings, add a group, then restore that backup: the group is gone again
    // and the state before the restore is itself kept as a backup. (Rows are found by kind:
    // the automatic daily backup may appear at any moment.)
    const MANUAL: &str = "[data-testid=\"backup-item\"][data-kind=\"manual\"]";
    app.click("nav-settings").await;
    app.wait("settings").await;
    app.click("backup-now").await;
    app.wait_css(MANUAL).await;
    app.click("nav-groups").await;
    app.click("group-new").await;
    app.fill("field-name", "临时测试群").await;
    app.click("group-save").await;
    app.wait_text("detail-name", |t| t == "临时测试群").await;
    app.click("nav-settings").await;
    app.wait_css(&format!("{MANUAL} [data-testid=\"backup-restore\"]"))
        .await
        .click()
        .await
        .expect("restore the manual backup");
    app.wait("confirm-dialog").await;
    app.click("confirm-ok").await;
    app.wait_css("[data-testid=\"backup-item\"][data-kind=\"pre_restore\"]")
        .await;
    app.click("nav-groups").await;
    app.wait_count("group-item", 1).await;
    assert_eq!(app.count_css("[data-group-name=\"临时测试群\"]").await, 0);

    // Switch to English in Settings: the whole UI follows at once.
    app.click("nav-settings").await;
    app.wait("settings").await;
    app.shot("04-zh-settings").await;
    app.click("lang-en").await;
    app.wait_text("nav-groups", |t| t.contains("Groups")).await;
    app.shot("05-en-settings").await;
    app.click("nav-groups").await;
    app.open_group("知行读书会共读群1").await;
    assert_eq!(
        app.wait_text("detail-platform", |t| !t.is_empty()).await,
        "WeCom"
    );
    app.shot("06-en-detail").await;
    app.quit().await;

    // Relaunch: the language, the groups and every edit are still there.
    let app = App::launch(&driver, ws.path()).await;
    app.wait_text("nav-groups", |t| t.contains("Groups")).await;
    app.click("nav-groups").await;
    app.wait_count("group-item", 1).await;
    app.open_group("知行读书会共读群1").await;
    assert_eq!(
        app.wait_text("detail-theme", |t| !t.is_empty()).await,
        "每月共读一本好书，周日线上分享"
    );
    assert_eq!(app.text("detail-stage").await, "Growing");
    assert!(app.text("detail-goals").await.contains("500"));
    app.wait_text("tab-archived", |t| t.contains('1')).await;
    app.shot("07-en-after-restart").await;

    // A second launch on the same workspace does not open a second window: it hands over to
    // the running one and exits at once.
    let second = e2e_support::cli(ws.path(), &[]);
    assert!(second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("already open"), "{said}");
    app.wait("group-detail").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn damage_inside_a_readable_workspace_is_found_and_never_backed_up() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "3", "--members", "30"]);
    e2e_support::cli_ok(ws.path(), &["backup"]);
    let backups_before = std::fs::read_dir(ws.path().join("backups"))
        .unwrap()
        .count();
    // The header and schema read fine; one index page is garbage (a failing disk).
    common::damage_index(&ws.path().join("groupdesk.sqlite3"), "members_by_sort");

    let app = App::launch(&driver, ws.path()).await;
    // The check runs a few seconds after the start, then the recovery screen takes over.
    let reason = app
        .wait_text("recovery-reason", |t| t.contains("损坏"))
        .await;
    assert!(reason.contains("损坏"), "{reason}");
    app.shot("13-zh-recovery-damaged-index").await;
    assert_eq!(
        std::fs::read_dir(ws.path().join("backups"))
            .unwrap()
            .count(),
        backups_before,
        "no backup was made of the damaged file"
    );
    app.click("recovery-restore").await;
    app.wait("today-screen").await;
    app.click("nav-groups").await;
    app.wait_count("group-item", 3).await;
    app.quit().await;
    let check = e2e_support::cli(ws.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_damaged_workspace_offers_a_way_out_and_restores_a_backup() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "12"]);
    e2e_support::cli_ok(ws.path(), &["backup"]);
    // Then the file is overwritten by something that is not a database.
    let file = ws.path().join("groupdesk.sqlite3");
    let junk = "这不是数据库".repeat(100);
    std::fs::write(&file, &junk).unwrap();
    let _ = std::fs::remove_file(ws.path().join("groupdesk.sqlite3-wal"));
    let _ = std::fs::remove_file(ws.path().join("groupdesk.sqlite3-shm"));

    let app = App::launch(&driver, ws.path()).await;
    app.wait("recovery").await;
    assert_eq!(
        app.text("recovery-reason").await,
        "这个文件不是群主工作台的数据文件。"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        junk,
        "the file was not touched"
    );
    app.shot("08-zh-recovery").await;

    app.click("recovery-restore").await;
    app.wait("today-screen").await;
    app.click("nav-groups").await;
    app.wait_count("group-item", 12).await;
    app.open_group("知行读书会共读群1").await;
    app.wait("group-detail").await;
    app.shot("09-zh-demo-detail").await;

    // Dark theme, and a small window: nothing cut off.
    app.click("nav-settings").await;
    app.click("theme-dark").await;
    app.click("nav-groups").await;
    app.open_group("知行读书会共读群1").await;
    app.wait("group-detail").await;
    app.shot("10-zh-dark-detail").await;
    if app.client.set_window_size(1024, 700).await.is_ok() {
        app.shot("11-zh-dark-1024").await;
    }
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("theme-light").await;
    app.click("nav-groups").await;
    app.click("group-new").await;
    app.wait("group-form").await;
    app.shot("12-en-form-1024").await;
    app.quit().await;

    // The damaged bytes are kept beside the restored workspace.
    let kept: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("groupdesk.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), junk);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_long_list_is_windowed_and_the_keyboard_walks_through_it() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "200"]);
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-groups").await;
    app.wait_text("tab-active", |t| t.contains("200")).await;
    // Only the rows in view (plus a margin) are in the page, not all 200.
    let rendered = app.count("group-item").await;
    assert!((10..60).contains(&rendered), "{rendered} rows rendered");

    for _ in 0..60 {
        app.press("\u{E015}").await; // ArrowDown
    }
    // The 60th group is open, and its row was scrolled into the window and is selected.
    let name = app.wait_text("detail-name", |t| !t.is_empty()).await;
    let selected = app
        .js("return document.querySelector('[data-testid=group-item][aria-selected=true]')?.dataset.groupName ?? null")
        .await;
    assert_eq!(selected.as_str(), Some(name.as_str()));
    let index = app
        .js("const names = [...document.querySelectorAll('[data-testid=group-item]')].map(e => e.dataset.groupId); return names.length")
        .await;
    assert!(
        index.as_u64().unwrap_or(0) < 60,
        "still windowed after scrolling"
    );
    app.shot("13-zh-200-groups-scrolled").await;

    // The filter box narrows the list; a filter with no match says so.
    app.fill("group-filter", "跑者联盟打卡群2").await;
    app.wait_group("城市跑者联盟打卡群2").await;
    // 群2 and 群20–群25 (200 groups over 8 brands) contain the text.
    app.wait_count("group-item", 7).await;
    app.fill("group-filter", "没有这个群").await;
    app.wait_count("group-item", 0).await;
    assert!(app.text("filter-empty").await.contains("没有这个群"));
    app.quit().await;
}
