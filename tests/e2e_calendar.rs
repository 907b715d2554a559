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

/// Switches the calendar to its month view and waits for the grid.
async fn month_view(app: &App) {
    app.wait_css(".ec-dayGridMonth")
        .await
        .click()
        .await
        .unwrap();
    app.wait_css(".ec-day-grid").await;
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
    month_view(&app).await;
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

/// Drags the calendar event showing `title` one day column to the right, with the pointer as
/// a user would (press, move in steps, release).
async fn drag_one_day_right(app: &App, title: &str) {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
    let at = app
        .js(&format!(
            "const e = [...document.querySelectorAll('.ec-event')].find((x) => x.textContent.includes('{title}'));\
             e.scrollIntoView({{ block: 'center' }});\
             const r = e.getBoundingClientRect();\
             const day = [...document.querySelectorAll('.ec-body .ec-day')].find((d) => {{ const b = d.getBoundingClientRect(); return b.left <= r.left + 2 && r.left + 2 <= b.right; }});\
             return [r.left + 8, r.top + r.height / 2, day.getBoundingClientRect().width];"
        ))
        .await;
    let n = |i: usize| at[i].as_f64().unwrap();
    let (x, y, w) = (n(0), n(1), n(2));
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Pause {
            duration: std::time::Duration::from_millis(100),
        });
    for step in 1..=8 {
        mouse = mouse.then(PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(30)),
            x: x + w * step as f64 / 8.0,
            y,
        });
    }
    let mouse = mouse
        .then(PointerAction::Pause {
            duration: std::time::Duration::from_millis(100),
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    app.client.perform_actions(mouse).await.expect("drag");
}

/// A CSV the member import takes: one member whose lunar (农历) birthday falls on `day`.
fn lunar_member_csv(dir: &std::path::Path, day: chrono::NaiveDate) -> std::path::PathBuf {
    let (_, m, d, leap) = groupdesk::lunar::of_solar(day);
    let path = dir.join("成员.csv");
    let birthday = format!("农历{}{m:02}-{d:02}", if leap { "闰" } else { "" });
    std::fs::write(&path, format!("昵称,生日\n阿农,{birthday}\n")).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn the_week_plan_its_themes_pace_warnings_trash_undo_drag_and_a_lunar_birthday() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();

    // An empty workspace: the calendar, the week plan and the month as a new owner sees them.
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-calendar").await;
    app.wait("calendar-screen").await;
    app.wait_css(".ec-timeGridWeek").await;
    app.shot("c10-zh-empty-week").await;
    month_view(&app).await;
    app.shot("c11-zh-empty-month").await;
    app.click("mode-plan").await;
    app.wait_text("week-plan", |t| t.contains("还没有社群"))
        .await;
    let today = app
        .js("const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;")
        .await;
    let today = chrono::NaiveDate::parse_from_str(today.as_str().unwrap(), "%Y-%m-%d").unwrap();
    app.quit().await;

    // Two groups, a daily 08:00 morning brief from this Monday, a member with a lunar birthday
    // today.
    use chrono::Datelike;
    let monday = today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64);
    e2e_support::cli_ok(ws.path(), &["group", "add", "读书会"]);
    e2e_support::cli_ok(ws.path(), &["group", "add", "跑团"]);
    e2e_support::cli_ok(
        ws.path(),
        &[
            "slot",
            "add",
            "--group",
            "读书会",
            "--title",
            "早报",
            "--rrule",
            "FREQ=DAILY",
            "--start",
            &format!("{monday} 08:00"),
        ],
    );
    let files = tempfile::tempdir().unwrap();
    let csv = lunar_member_csv(files.path(), today);
    e2e_support::cli_ok(ws.path(), &["import", "members", csv.to_str().unwrap()]);

    let app = App::launch(&driver, ws.path()).await;
    app.wait_text("today-lunar", |t| t.contains("农历")).await;
    app.shot("c12-zh-today-lunar-birthday").await;

    // The week plan: a theme for Monday, then "fill next week".
    app.click("nav-calendar").await;
    app.click("mode-plan").await;
    app.wait_count("plan-row", 2).await;
    set_value(&app, "plan-theme-0", "行业资讯").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("plan-fill-next").await;
    let next = monday + chrono::Duration::days(7);
    app.wait_text("plan-week", |t| t.contains(&next.to_string()))
        .await;
    app.wait_value("plan-theme-0", |v| v == "行业资讯").await;
    app.wait_count("plan-entry", 7).await;
    // Edit the first draft's title in place.
    app.js("const e = document.querySelector('[data-testid=\"plan-entry\"]'); e.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));")
        .await;
    app.wait("plan-edit").await;
    // Let the reload that follows the fill settle before typing into the cell.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let edit = app.wait("plan-edit").await;
    // Select all and type over it (a WebDriver clear would blur the cell, which saves it).
    app.js("document.querySelector('[data-testid=\"plan-edit\"]').select();")
        .await;
    edit.send_keys("早报 · 第一期").await.unwrap();
    app.wait_value("plan-edit", |v| v == "早报 · 第一期").await;
    edit.send_keys("\u{E007}").await.unwrap();
    app.wait_css("[data-testid=\"plan-entry\"]").await;
    app.wait_text("week-plan", |t| t.contains("08:00 早报 · 第一期"))
        .await;

    // Back to this week: a second post for 读书会 on Monday at 23:30, from the cell's "+".
    app.click("plan-prev").await;
    app.wait_text("plan-week", |t| t.contains(&monday.to_string()))
        .await;
    app.js("document.querySelectorAll('[data-testid=\"plan-add\"]')[0].click();")
        .await;
    app.wait("content-form").await;
    app.fill("content-title", "加更：读书笔记").await;
    set_value(&app, "content-time", "23:30").await;
    assert_eq!(
        app.wait_value("content-date", |v| !v.is_empty()).await,
        monday.to_string()
    );
    app.click("content-save").await;
    app.wait_count("content-form", 0).await;
    app.wait_text("week-plan", |t| t.contains("加更：读书笔记"))
        .await;

    // The posting pace: at most one a day, quiet 22:00–07:00 for 读书会: warnings, no block.
    app.click("calendar-pace").await;
    app.wait_count("pace-row", 2).await;
    app.js("const e = document.querySelectorAll('[data-testid=\"pace-max\"]')[0]; e.value = '1'; e.dispatchEvent(new Event('input', { bubbles: true }));").await;
    app.js("for (const [id, v] of [['pace-from', '22:00'], ['pace-to', '07:00']]) { const e = document.querySelectorAll(`[data-testid=\"${id}\"]`)[0]; e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); }").await;
    app.shot("c13-zh-pace").await;
    app.click("pace-save").await;
    app.wait_count("pace-form", 0).await;
    app.wait("plan-day-warning").await;
    app.js("[...document.querySelectorAll('[data-testid=\"plan-entry\"]')].find((e) => e.textContent.includes('加更')).click();").await;
    app.wait_text("calendar-panel-title", |t| t.contains("加更"))
        .await;
    app.wait_count("calendar-pace-warning", 2).await;
    app.shot("c14-zh-week-plan-warnings").await;

    // Approve it in a helper's name; delete it and undo.
    app.click("calendar-approve").await;
    app.fill("calendar-act-text", "阿May").await;
    app.click("calendar-act-save").await;
    app.wait_text("calendar-approved-by", |t| t.contains("阿May"))
        .await;
    app.click("calendar-trash").await;
    app.wait_text("week-plan", |t| !t.contains("加更")).await;
    app.click("toast-undo").await;
    app.wait_text("week-plan", |t| t.contains("加更")).await;

    // In the week calendar, drag it one day later.
    app.click("mode-calendar").await;
    app.wait_css(".ec-timeGridWeek")
        .await
        .click()
        .await
        .unwrap();
    click_event(&app, "加更").await;
    drag_one_day_right(&app, "加更").await;
    let tuesday = monday + chrono::Duration::days(1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let plan = e2e_support::cli(ws.path(), &["plan", "week", &monday.to_string(), "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
        let day = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"].as_str().is_some_and(|t| t.contains("加更")))
            .map(|e| e["date"].as_str().unwrap_or("").to_string());
        if day.as_deref() == Some(tuesday.to_string().as_str()) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not dragged: {day:?}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.shot("c15-zh-dragged").await;
    app.quit().await;

    // After a restart, in English: the theme, the edited title, the approval are there.
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("nav-calendar").await;
    app.click("mode-plan").await;
    app.wait_value("plan-theme-0", |v| v == "行业资讯").await;
    app.wait_text("week-plan", |t| t.contains("加更")).await;
    app.shot("c16-en-week-plan").await;
    app.click("plan-next").await;
    app.wait_text("week-plan", |t| t.contains("早报 · 第一期"))
        .await;
    app.js("[...document.querySelectorAll('[data-testid=\"plan-entry\"]')].find((e) => e.textContent.includes('第一期')).click();").await;
    app.wait_text("calendar-panel-status", |t| t.contains("Draft"))
        .await;
    app.click("mode-calendar").await;
    month_view(&app).await;
    app.shot("c17-en-month").await;
    app.quit().await;
}
