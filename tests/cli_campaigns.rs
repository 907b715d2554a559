//! The campaign commands as scripts call them: `campaign add` (from a playbook, with a budget
//! and a source code), `campaign list --json`, `campaign show NAME --json` in the shape the
//! contract names, `export campaign NAME --format xlsx` read back by a real reader, and bad
//! input (an end before the start, a negative budget) refused with nothing saved.
use calamine::{open_workbook, Reader, Xlsx};

mod common;

use common::{groupdesk, groupdesk_ok as ok};

#[test]
fn add_show_and_export_a_campaign_as_the_contract_says() {
    let ws = tempfile::tempdir().unwrap();
    let d = ws.path();
    ok(d, &["group", "add", "读书会"]);
    // Members who came through the code during the campaign (and one before it).
    let csv = d.join("m.csv");
    std::fs::write(
        &csv,
        "昵称,来源,入群时间\n甲,share-dec,2026-12-09\n乙,share-dec,2026-12-10\n丙,share-dec,2026-12-11\n丁,share-dec,2026-11-01\n戊,公众号,2026-12-10\n",
    )
    .unwrap();
    ok(
        d,
        &[
            "import",
            "members",
            csv.to_str().unwrap(),
            "--group",
            "读书会",
        ],
    );
    ok(
        d,
        &[
            "campaign",
            "add",
            "十二月嘉宾分享",
            "--kind",
            "guest_share",
            "--group",
            "读书会",
            "--start",
            "2026-12-08",
            "--end",
            "2026-12-12",
            "--event-date",
            "2026-12-10",
            "--playbook",
            "guest_share",
            "--budget",
            "300",
            "--source",
            "share-dec",
            "--goal",
            "joins=5",
        ],
    );
    let list: serde_json::Value =
        serde_json::from_str(&ok(d, &["campaign", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);

    let shown: serde_json::Value =
        serde_json::from_str(&ok(d, &["campaign", "show", "十二月嘉宾分享", "--json"])).unwrap();
    for key in [
        "name",
        "kind",
        "start",
        "end",
        "budget",
        "joins",
        "cost_per_member",
        "goals",
        "checklist",
        "posts",
    ] {
        assert!(shown.get(key).is_some(), "show --json lacks {key}: {shown}");
    }
    assert_eq!(shown["kind"], "guest_share");
    assert_eq!(shown["start"], "2026-12-08");
    assert_eq!(shown["end"], "2026-12-12");
    assert_eq!(shown["budget"], 300.0);
    assert_eq!(shown["joins"], 3);
    assert_eq!(shown["cost_per_member"], 100.0);
    assert_eq!(shown["goals"][0]["metric"], "joins");
    assert_eq!(shown["goals"][0]["actual"], 3);
    let steps = shown["checklist"].as_array().unwrap();
    assert_eq!(steps.len(), 7);
    assert_eq!(steps[0]["title"], "确认嘉宾与分享主题");
    assert_eq!(steps[0]["due"], "2026-12-03");
    assert_eq!(steps[0]["done"], false);
    assert_eq!(shown["posts"].as_array().unwrap().len(), 4);

    // The retrospective as XLSX, read back.
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("复盘.xlsx");
    ok(
        d,
        &[
            "export",
            "campaign",
            "十二月嘉宾分享",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, vec!["复盘", "数据"]);
    let review = book.worksheet_range("复盘").unwrap();
    let cells: Vec<String> = review
        .rows()
        .map(|r| format!("{}={}", r[0], r[1]))
        .collect();
    assert!(cells.contains(&"新增成员=3".to_string()), "{cells:?}");
    assert!(
        cells.contains(&"人均获客成本=¥100.00".to_string()),
        "{cells:?}"
    );
    let numbers = book.worksheet_range("数据").unwrap();
    let channels: Vec<String> = numbers
        .rows()
        .map(|r| format!("{}|{}", r[0], r[1]))
        .collect();
    assert!(channels.contains(&"公众号|1".to_string()), "{channels:?}");
    // The printable page too.
    let page = out.path().join("复盘.html");
    ok(
        d,
        &[
            "export",
            "campaign",
            "十二月嘉宾分享",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("@page{size:A4"));
}

#[test]
fn bad_input_exits_1_and_saves_nothing() {
    let ws = tempfile::tempdir().unwrap();
    let d = ws.path();
    ok(d, &["group", "add", "读书会"]);
    let o = groupdesk(
        d,
        &[
            "campaign",
            "add",
            "倒着",
            "--kind",
            "meetup",
            "--group",
            "读书会",
            "--start",
            "2026-12-20",
            "--end",
            "2026-12-10",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ends (2026-12-10) before it starts"));
    let o = groupdesk(
        d,
        &[
            "campaign",
            "add",
            "负数",
            "--kind",
            "meetup",
            "--group",
            "读书会",
            "--start",
            "2026-12-20",
            "--budget",
            "-50",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--budget"));
    let o = groupdesk(
        d,
        &[
            "campaign",
            "add",
            "怪",
            "--kind",
            "party",
            "--group",
            "读书会",
            "--start",
            "2026-12-20",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let list: serde_json::Value =
        serde_json::from_str(&ok(d, &["campaign", "list", "--json"])).unwrap();
    assert_eq!(list, serde_json::json!([]));
}
