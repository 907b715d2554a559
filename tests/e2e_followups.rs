//! End-to-end for follow-ups in the real window: create a follow-up due in a minute on a
//! member, see it on Today, see it fire while the window is open, complete it with a note, see
//! the contact on the member, relaunch and find it all still there; then Today with a demo
//! workspace in Chinese and English, light and dark.
// Real time is the point here: the follow-up must fire by the wall clock.
#![allow(clippy::disallowed_methods)]
mod e2e_support;

use e2e_support::{App, Driver};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_follow_up_due_in_a_minute_fires_shows_on_today_and_completes_into_the_contact_log() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["group", "add", "知行读书会"]);
    let csv = ws.path().join("one.csv");
    std::fs::write(&csv, "昵称,手机号,地区\n王小雅,13800138000,济南\n").unwrap();
    e2e_support::cli_ok(ws.path(), &["import", "members", csv.to_str().unwrap()]);

    let app = App::launch(&driver, ws.path()).await;
    // The app opens on Today; nothing is due yet.
    app.wait("today-screen").await;
    app.wait("today-empty").await;
    app.shot("f01-zh-today-empty").await;

    // On the member: add a follow-up one minute from now (the zone is the system's, UTC here).
    app.click("nav-members").await;
    app.click("member-item").await;
    app.wait_text("member-name", |t| t == "王小雅").await;
    app.click("followup-add").await;
    app.click("fu-save").await;
    assert_eq!(app.text("error-fu-reason").await, "必填");
    app.fill("fu-reason", "问问孩子考试结果").await;
    let due = chrono::Utc::now() + chrono::Duration::seconds(65);
    app.set_input("fu-date", &due.format("%Y-%m-%d").to_string())
        .await;
    app.set_input("fu-time", &due.format("%H:%M").to_string())
        .await;
    app.click("fu-save").await;
    app.wait_count("reminder", 1).await;
    assert!(app
        .inner_text("followups")
        .await
        .contains("问问孩子考试结果"));
    app.shot("f02-zh-member-followup").await;
    app.shot("f02-zh-member-followup").await;

    // Today lists it under "due today".
    app.click("nav-today").await;
    app.wait("today-due").await;
    assert!(app.inner_text("today-due").await.contains("王小雅"));
    app.shot("f03-zh-today-due").await;

    // It fires on time while the window is open: a toast says so.
    let fire_at = due
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:00")
        .to_string();
    let fire_at = chrono::NaiveDateTime::parse_from_str(&fire_at, "%Y-%m-%dT%H:%M:%S")
        .unwrap()
        .and_utc();
    let started = Instant::now();
    loop {
        let page = app.js("return document.body.innerText;").await;
        if page.as_str().unwrap_or_default().contains("该跟进了") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the follow-up never fired"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let late = chrono::Utc::now() - fire_at;
    assert!(
        late < chrono::Duration::seconds(3),
        "fired {late} after its time"
    );
    app.shot("f04-zh-fired").await;

    // Done, with a note: it leaves Today and the note goes to the contact log.
    app.click("reminder-done").await;
    app.fill("reminder-note", "考了 95 分，下周聊报名").await;
    app.click("reminder-done-confirm").await;
    app.wait("today-empty").await;
    app.click("nav-members").await;
    app.click("member-item").await;
    app.wait_count("interaction", 1).await;
    let contact = app.inner_text("interaction").await;
    assert!(
        contact.contains("问问孩子考试结果") && contact.contains("考了 95 分"),
        "{contact}"
    );
    assert!(
        app.text("member-last-contact").await.contains("刚刚")
            || app.text("member-last-contact").await.contains("分钟")
    );

    // Relaunch: the contact and the done follow-up are still there; nothing fires again.
    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-empty").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        app.count_css("[data-testid=toast]").await,
        0,
        "nothing fires twice"
    );
    app.click("nav-members").await;
    app.click("member-item").await;
    app.wait_count("interaction", 1).await;
    app.wait_count("reminder-done-item", 1).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn today_with_a_busy_workspace_in_chinese_and_english_light_and_dark() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(
        ws.path(),
        &[
            "demo",
            "--groups",
            "4",
            "--members",
            "400",
            "--notes",
            "400",
            "--reminders",
            "600",
        ],
    );
    let app = App::launch(&driver, ws.path()).await;
    app.wait("today-overdue").await;
    app.wait("today-spotlight").await;
    app.shot("f05-zh-today-demo").await;
    // Snooze the first overdue follow-up to tomorrow morning: it leaves Overdue.
    let before = app.inner_text("today-overdue").await;
    app.click("reminder-snooze").await;
    app.click("snooze-tomorrow").await;
    app.wait_text("today-overdue", |t| t != before).await;
    // English and dark.
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.wait("followup-settings").await;
    app.shot("f06-en-settings-followups").await;
    app.click("theme-dark").await;
    app.click("nav-today").await;
    app.wait_text("today-screen", |t| t.contains("Overdue"))
        .await;
    app.shot("f07-en-dark-today").await;
    app.quit().await;
}
