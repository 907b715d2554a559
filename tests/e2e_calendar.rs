//! End-to-end in the real window: the content calendar on the demo workspace — its week of
//! posts and open slots, a new recurring slot through the form, filling an occurrence, moving
//! the post with the keyboard ("move to…"), the month and list views, an ICS export through
//! the save dialog, then a restart with everything still there; Chinese and English, light
//! and dark screenshots.
mod e2e_support;

use e2e_support::{App, Driver};

async fn click_event(app: &App, title: &str) {
    // The calendar draws events itself; find the one showing `title` and click it as a
    // pointer would (a WebDriver click can land on the grid line above a short event).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let found = app
            .js(&format!(
                "const e = [...document.querySelectorAll('.ec-event')].find((x) => x.textContent.includes('{title}'));\
                 if (!e) return false; e.scrollIntoView({{ block: 'center' }}); e.click(); return true;"
            ))
            .await;
        if found == serde_json::json!(true) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "event {title} never appeared"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Opens the event showing `title` until its panel says `status` (the calendar may redraw
/// between a click and the panel, right after a change).
async fn open_event(app: &App, title: &str, status: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        click_event(app, title).await;
        for _ in 0..15 {
            let got = app
                .js("const e = document.querySelector('[data-testid=\"calendar-panel-status\"]'); return e ? e.textContent : '';")
                .await;
            if got.as_str().is_some_and(|t| t.contains(status)) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{title} never showed {status}"
        );
    }
}

/// Waits until the file at `path` holds `text`.
async fn wait_file(path: &std::path::Path, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        if std::fs::read_to_string(path).is_ok_and(|s| s.contains(text)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} never held {text}",
            path.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Sets a date or time field as its picker would (typing into them differs by engine).
async fn set_value(app: &App, id: &str, value: &str) {
    app.wait(id).await;
    app.js(&format!(
        "const e = document.querySelector('[data-testid=\"{id}\"]'); e.value = '{value}';\
         e.dispatchEvent(new Event('input', {{ bubbles: true }})); e.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn plan_a_slot_fill_it_move_it_export_it_and_find_it_after_a_restart() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "3"]);
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-calendar").await;
    app.wait("calendar-screen").await;
    // The demo's week: the workday morning briefs as open slots.
    app.wait_css(".ec-event.open-slot").await;
    app.shot("c01-zh-week").await;

    // A new slot: every Saturday 10:00.
    app.click("calendar-new-slot").await;
    app.wait("slot-form").await;
    app.fill("slot-title", "周六读书分享").await;
    app.choose("slot-rhythm", "weekly").await;
    app.choose("slot-weekday", "5").await;
    set_value(&app, "slot-time", "10:00").await;
    app.shot("c02-zh-slot-form").await;
    app.click("slot-save").await;
    app.wait_count("slot-form", 0).await;
    // The subscription feed: picked once, then rewritten after every change.
    let feed_dir = tempfile::tempdir().unwrap();
    let feed = feed_dir.path().join("订阅.ics");
    driver.pick(&feed);
    app.click("calendar-feed").await;
    wait_file(&feed, "周六读书分享").await;
    open_event(&app, "周六读书分享", "待填写").await;
    app.click("calendar-fill").await;
    app.wait_text("calendar-panel-status", |t| t.contains("草稿"))
        .await;
    // Moved with the keyboard to Sunday of the same week, 15:30.
    let date = app
        .wait_value("calendar-move-date", |v| v.len() == 10)
        .await;
    let day =
        chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap() + chrono::Duration::days(1);
    set_value(&app, "calendar-move-date", &day.to_string()).await;
    set_value(&app, "calendar-move-time", "15:30").await;
    app.click("calendar-move").await;
    app.wait_value("calendar-move-time", |v| v == "15:30").await;
    app.shot("c03-zh-filled-and-moved").await;
    wait_file(
        &feed,
        &format!("DTSTART;TZID=Etc/UTC:{}T153000", day.format("%Y%m%d")),
    )
    .await;

    // Month and list views.
    app.wait_css(".ec-dayGridMonth")
        .await
        .click()
        .await
        .unwrap();
    app.wait_css(".ec-day-grid").await;
    app.shot("c04-zh-month").await;
    app.wait_css(".ec-listWeek").await.click().await.unwrap();
    app.wait_css(".ec-list").await;

    // ICS export through the save dialog.
    let out = tempfile::tempdir().unwrap();
    let ics = out.path().join("内容日历.ics");
    driver.pick(&ics);
    app.click("calendar-export-ics").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !ics.exists() {
        assert!(std::time::Instant::now() < deadline, "no ICS written");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains("周六读书分享"));

    // Restart: the moved post is there, in English and dark too.
    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("theme-dark").await;
    app.click("nav-calendar").await;
    app.wait("calendar-screen").await;
    open_event(&app, "周六读书分享", "Draft").await;
    assert_eq!(
        app.wait_value("calendar-move-time", |v| !v.is_empty())
            .await,
        "15:30"
    );
    assert_eq!(
        app.wait_value("calendar-move-date", |v| !v.is_empty())
            .await,
        day.to_string()
    );
    app.shot("c05-en-dark-week").await;
    app.quit().await;
    let plan = e2e_support::cli(ws.path(), &["plan", "week", &day.to_string(), "--json"]);
    assert!(String::from_utf8_lossy(&plan.stdout).contains(&format!("{day}T15:30:00")));
}
