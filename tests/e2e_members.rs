//! End-to-end for the member book in the real window: add a member with a note and tags,
//! find them by a one-character Chinese search and by pinyin initials, import a GBK CSV,
//! export XLSX, quit and relaunch, and find everything still there. Plus a 20,000-member book
//! that stays virtualised while searching and scrolling, and a 200,000-row import whose
//! progress shows and whose cancel leaves the book as it was.
mod e2e_support;

use calamine::Reader;
use e2e_support::{App, Driver};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn add_search_import_gbk_export_xlsx_and_find_it_all_after_a_restart() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "2"]);
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-members").await;
    app.wait("members-empty").await;
    app.shot("m01-zh-empty").await;

    // Add a member: nothing saved until the nickname is there, the error is in Chinese.
    app.click("member-new-empty").await;
    app.wait("member-form").await;
    app.click("member-save").await;
    assert_eq!(app.text("error-m-nickname").await, "必填");
    app.fill("field-nickname", "张小雅").await;
    app.fill("field-real_name", "张雅").await;
    app.fill("field-region", "济南").await;
    app.fill("field-phone", "138 0013 8000").await;
    app.fill("field-birthday", "3月5日").await;
    app.fill("field-tags", "高意向\u{E007}").await; // Enter adds the tag
    app.fill("field-tags", "宝妈").await;
    app.wait_count("error-m-nickname", 0).await;
    app.click("member-save").await;
    assert_eq!(
        app.wait_text("member-name", |t| !t.is_empty()).await,
        "张小雅"
    );
    app.wait_count("member-tag", 2).await;
    assert_eq!(app.text("member-birthday").await, "3月5日");

    // A note, and a contact that sets "last contacted".
    app.fill("note-input", "孩子上初二，想找数学辅导。答应下周发资料。")
        .await;
    app.click("note-add").await;
    app.wait_count("note", 1).await;
    assert!(app.text("note-body").await.contains("数学辅导"));
    app.fill("contact-summary", "私聊了报名的事").await;
    app.click("contact-log").await;
    app.wait_text("member-last-contact", |t| {
        t.contains("刚刚") || t.contains("分钟")
    })
    .await;
    app.shot("m02-zh-member-detail").await;

    // A second member, so search has something to leave out.
    app.click("member-new").await;
    app.fill("field-nickname", "王五").await;
    app.click("member-save").await;
    app.wait_text("member-name", |t| t == "王五").await;
    app.wait_count("member-item", 2).await;

    // One Chinese character finds her; pinyin initials find her; note text finds her.
    for q in ["雅", "zxy", "数学", "8000"] {
        app.fill("member-search", "").await;
        app.wait_count("member-item", 2).await;
        app.fill("member-search", q).await;
        app.wait_count("member-item", 1).await;
        let name = app
            .wait_css("[data-testid=member-item]")
            .await
            .attr("data-member-name")
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("张小雅"), "search {q}");
    }
    app.shot("m03-zh-search-initials").await;
    app.fill("member-search", "没有这个人").await;
    app.wait("member-list-empty").await;
    app.fill("member-search", "").await;
    app.wait_count("member-item", 2).await;

    // Import a GBK CSV (what Chinese Excel writes): one bad row stops it, the report names it.
    let csv = "昵称,手机号,微信号,生日,入群时间,标签,备注\n\
               李四,13900000001,wx_lisi,1990/3/5,2024/1/2,读书会,喜欢摄影\n\
               赵六,13900000002,,,45356,,\n\
               钱七,13900000003,,,2024-13-01,,\n";
    let path = ws.path().join("成员名单.csv");
    std::fs::write(&path, encoding_rs::GB18030.encode(csv).0).unwrap();
    app.click("member-import").await;
    app.wait("import-dialog").await;
    // The window cannot read a path it names itself: only what the user chose.
    let sneaky = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('preview_import', { path: '/etc/passwd', encoding: 'auto' })
               .then(() => done('read'), (e) => done(e.key));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(sneaky, serde_json::json!("file.not_chosen"));
    driver.pick(&path);
    app.click("import-pick").await;
    app.wait_text("import-summary", |t| {
        t.contains("3") && t.contains("gb18030")
    })
    .await;
    app.click("import-check").await;
    let report = app.wait_text("import-report", |t| !t.is_empty()).await;
    assert!(report.contains("1 行需要修改"), "{report}");
    assert!(app.text("import-problems").await.contains("第 4 行"));
    app.shot("m04-zh-import-problems").await;
    // Leave out the bad row and import the rest.
    app.click("import-skip-invalid").await;
    app.click("import-run").await;
    app.wait_count("import-dialog", 0).await;
    app.wait_text("member-count", |t| t.contains("4")).await;

    // Export the list to XLSX, in a folder chosen in the save dialog; a second export there
    // asks before replacing the file.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("导出.xlsx");
    app.click("member-export").await;
    app.wait("export-dialog").await;
    app.click("export-xlsx").await;
    driver.pick(&out);
    app.click("export-pick").await;
    app.wait_value("export-path", |v| v.ends_with("导出.xlsx"))
        .await;
    app.click("export-run").await;
    app.wait_count("export-dialog", 0).await;
    let first = std::fs::metadata(&out).unwrap().modified().unwrap();
    app.click("member-export").await;
    app.wait("export-dialog").await;
    driver.pick(&out);
    app.click("export-pick").await;
    app.wait_value("export-path", |v| v.ends_with("导出.xlsx"))
        .await;
    app.click("export-run").await;
    app.wait("confirm-dialog").await;
    app.shot("m09-zh-export-replace").await;
    app.click("confirm-ok").await;
    app.wait_count("export-dialog", 0).await;
    assert!(std::fs::metadata(&out).unwrap().modified().unwrap() >= first);
    let mut book = calamine::open_workbook_auto(&out).expect("the export opens as a workbook");
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let names: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(names, ["李四", "王五", "张小雅", "赵六"], "pinyin order");
    assert_eq!(sheet.rows().next().unwrap()[0].to_string(), "昵称");

    // Quit and relaunch: the members, the note, the tags and the import are all there.
    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-members").await;
    app.wait_text("member-count", |t| t.contains("4")).await;
    app.fill("member-search", "zxy").await;
    app.wait_count("member-item", 1).await;
    app.click("member-item").await;
    assert_eq!(
        app.wait_text("member-name", |t| !t.is_empty()).await,
        "张小雅"
    );
    app.wait_count("member-tag", 2).await;
    assert!(app.text("note-body").await.contains("数学辅导"));
    app.fill("member-search", "lisi").await;
    app.wait_css("[data-testid=member-item][data-member-name=\"李四\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_count("member-item", 1).await;
    app.wait_text("member-name", |t| t == "李四").await;
    assert!(app.text("note-body").await.contains("喜欢摄影"));

    // The same screens in English.
    app.click("nav-settings").await;
    app.click("lang-en").await;
    app.click("nav-members").await;
    app.fill("member-search", "").await;
    app.wait_text("member-count", |t| t.contains("4 members"))
        .await;
    app.click("member-item").await;
    app.wait("member-detail").await;
    app.shot("m05-en-member-detail").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn twenty_thousand_members_stay_virtualised_while_searching_and_scrolling() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(
        ws.path(),
        &[
            "demo",
            "--groups",
            "12",
            "--members",
            "20000",
            "--notes",
            "60000",
        ],
    );
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-members").await;
    app.wait_text("member-count", |t| t.contains("20000")).await;
    let rendered = app.count("member-item").await;
    assert!((5..80).contains(&rendered), "{rendered} rows in the page");
    app.shot("m06-zh-20k-members").await;

    // Jump to the end of the list: the rows there load and the DOM stays small.
    app.js("document.querySelector('[data-testid=member-list]').scrollTop = 1e9; return null")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let last = app
        .js("const rows = [...document.querySelectorAll('[data-testid=member-item]')]; return rows.length")
        .await;
    assert!(
        (5..80).contains(&(last.as_u64().unwrap_or(0) as usize)),
        "{last} rows after scrolling"
    );

    // Filters combine: a group, then a category; the count follows.
    app.click("member-filters").await;
    app.click("filter-category-core").await;
    let core = app
        .wait_text("member-count", |t| !t.contains("20000"))
        .await;
    app.click("filter-birthday").await;
    app.wait_text("member-count", |t| t != core).await;
    app.shot("m07-zh-filters").await;
    app.click("filter-clear").await;
    app.wait_text("member-count", |t| t.contains("20000")).await;

    // Tick two rows and tag them in bulk.
    app.fill("member-search", "张").await;
    app.wait_text("member-count", |t| !t.contains("20000"))
        .await;
    let ticks = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=member-tick]"))
        .await
        .unwrap();
    ticks[0].click().await.unwrap();
    ticks[1].click().await.unwrap();
    assert!(app.text("bulk-count").await.contains('2'));
    app.click("bulk-tag").await;
    app.fill("bulk-tag-name", "端午福利").await;
    app.click("bulk-apply").await;
    app.wait_count("bulk-bar", 0).await;
    app.fill("member-search", "端午福利").await;
    app.wait_count("member-item", 2).await;
    app.quit().await;
}

/// A large import runs as a job: the dialog shows its step and a progress bar, Cancel stops
/// it, and the book is exactly as before — also after a restart. Meanwhile the window keeps
/// answering (the search box works while the import writes).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb and tauri-driver: run scripts/test.sh"]
async fn a_large_import_shows_progress_and_a_cancel_changes_nothing() {
    let driver = Driver::start();
    let ws = tempfile::tempdir().unwrap();
    e2e_support::cli_ok(ws.path(), &["demo", "--groups", "2", "--members", "50"]);
    let mut csv = String::from("昵称,手机号,备注\n");
    for i in 0..200_000u32 {
        csv.push_str(&format!(
            "导入{i},1{:010},第{i}行\n",
            5_000_000_000u64 + u64::from(i)
        ));
    }
    let path = ws.path().join("二十万人.csv");
    std::fs::write(&path, csv).unwrap();

    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-members").await;
    app.wait_text("member-count", |t| t.contains("50")).await;
    app.click("member-import").await;
    app.wait("import-dialog").await;
    driver.pick(&path);
    app.click("import-pick").await;
    app.wait_text("import-summary", |t| t.contains("200")).await;
    app.click("import-run").await;
    app.wait_text("job-progress", |t| t.contains("写入")).await;
    app.shot("m08-zh-import-progress").await;
    app.click("job-cancel").await;
    let body = loop {
        let b = app.body_text().await;
        if b.contains("导入已取消") {
            break b;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(!body.contains("导入完成"), "{body}");
    app.wait_count("job-progress", 0).await;
    app.click("import-cancel").await;
    app.wait_count("import-dialog", 0).await;
    app.wait_text("member-count", |t| t.contains("50")).await;

    app.quit().await;
    let app = App::launch(&driver, ws.path()).await;
    app.click("nav-members").await;
    app.wait_text("member-count", |t| t.contains("50") && !t.contains("200"))
        .await;
    app.quit().await;
}
