//! Exported schedules read back by independent readers: the ICS by Python's `icalendar` and
//! `recurring-ical-events` (installed by `scripts/setup.sh --test`), giving the same
//! occurrences as `plan week --json` — across New York's daylight-saving change, with
//! holidays skipped, a 调休 Saturday added and a filled slot — and the same UIDs on a second
//! export; the XLSX by calamine; the GBK CSV decoded back.
mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn groupdesk(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_groupdesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn python() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pyenv/bin/python");
    assert!(
        p.exists(),
        "the ICS checkers are missing: run scripts/setup.sh --test"
    );
    p
}

/// Occurrences the Python readers find in `ics` between two dates: (start, summary, uid).
fn read_back(ics: &Path, from: &str, to: &str) -> Vec<(String, String, String)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_check.py");
    let out = Command::new(python())
        .arg(script)
        .arg(ics)
        .args([from, to])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    v.iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap().to_string(),
                e["summary"].as_str().unwrap().to_string(),
                e["uid"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    groupdesk(p, &["group", "add", "读书会"]);
    groupdesk(p, &["group", "add", "Book club NY"]);
    groupdesk(
        p,
        &[
            "slot",
            "add",
            "--group",
            "读书会",
            "--title",
            "工作日 早报，早安",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "--start",
            "2026-09-28 08:00",
            "--zone",
            "Asia/Shanghai",
            "--type",
            "morning_brief",
            "--cn-workdays",
        ],
    );
    groupdesk(
        p,
        &[
            "slot",
            "add",
            "--group",
            "Book club NY",
            "--title",
            "Guest share; Q&A",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=WE",
            "--start",
            "2026-10-14 20:00",
            "--zone",
            "America/New_York",
            "--type",
            "share",
            "--until",
            "2026-12-31",
        ],
    );
    dir
}

/// What `plan week --json` lists for the weeks from `monday` on: (start, title).
fn planned(dir: &Path, mondays: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in mondays {
        let plan: Value =
            serde_json::from_slice(&groupdesk(dir, &["plan", "week", m, "--json"]).stdout).unwrap();
        for e in plan["entries"].as_array().unwrap() {
            out.push((
                e["start"].as_str().unwrap().to_string(),
                e["title"].as_str().unwrap().to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn ics_gives_calendar_programs_the_same_occurrences_as_the_plan() {
    let dir = setup();
    let out = tempfile::tempdir().unwrap();
    let ics = out.path().join("日历.ics");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-09-28",
            "--to",
            "2026-11-08",
            "--format",
            "ics",
            "-o",
            ics.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "a line over 75 octets: {line}");
    }
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York"));
    let mondays = [
        "2026-09-28",
        "2026-10-05",
        "2026-10-12",
        "2026-10-19",
        "2026-10-26",
        "2026-11-02",
    ];
    let plan = planned(dir.path(), &mondays);
    let mut read: Vec<(String, String)> = read_back(&ics, "2026-09-28", "2026-11-08")
        .into_iter()
        .map(|(s, t, _)| (s, t))
        .collect();
    read.sort();
    assert_eq!(read, plan, "the calendar program sees exactly the plan");
    // Daylight saving: 20:00 in New York on both sides of 1 November.
    assert!(read.contains(&(
        "2026-10-28T20:00:00-04:00".into(),
        "Guest share; Q&A".into()
    )));
    assert!(read.contains(&(
        "2026-11-04T20:00:00-05:00".into(),
        "Guest share; Q&A".into()
    )));
    // 国庆 skipped, Saturday 10 October worked.
    assert!(!read.iter().any(|(s, _)| s.starts_with("2026-10-01")));
    assert!(read.iter().any(|(s, _)| s == "2026-10-10T08:00:00+08:00"));

    // A second export: the same UIDs, so importing again updates instead of duplicating.
    let again = out.path().join("again.ics");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-09-28",
            "--to",
            "2026-11-08",
            "--format",
            "ics",
            "-o",
            again.to_str().unwrap(),
        ],
    );
    let uids = |p: &Path| {
        let mut u: Vec<String> = read_back(p, "2026-09-28", "2026-11-08")
            .into_iter()
            .map(|(_, _, u)| u)
            .collect();
        u.sort();
        u.dedup();
        u
    };
    assert_eq!(uids(&ics), uids(&again));
}

#[test]
fn the_week_plan_opens_in_a_spreadsheet_and_gbk_csv_decodes_back() {
    let dir = setup();
    // A theme for Monday 5 October, as the week plan sets it.
    {
        let mut store = groupdesk::store::Store::open_dir(dir.path(), common::now()).unwrap();
        let monday = chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        store
            .write(|w| groupdesk::calendar::set_theme(w, monday, 0, "国庆特辑"))
            .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("周计划.xlsx");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-10-05",
            "--to",
            "2026-10-11",
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(
        sheet.get_value((0, 1)).unwrap().to_string(),
        "周一\n10-05\n国庆特辑"
    );
    assert_eq!(sheet.get_value((0, 2)).unwrap().to_string(), "周二\n10-06");
    let groups: Vec<String> = (1..sheet.height() as u32)
        .map(|r| sheet.get_value((r, 0)).unwrap().to_string())
        .collect();
    // The New York share starts the week after: only 读书会 has posts this week.
    assert_eq!(groups, ["读书会"]);
    // Saturday 10 October (调休): the morning brief is in Saturday's column.
    assert_eq!(
        sheet.get_value((1, 6)).unwrap().to_string(),
        "08:00 工作日 早报，早安"
    );
    assert!(
        sheet
            .get_value((1, 3))
            .is_none_or(|v| v.to_string().is_empty()),
        "7 October is a holiday"
    );

    let csv = out.path().join("周计划.csv");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-10-05",
            "--to",
            "2026-10-11",
            "--format",
            "csv",
            "--encoding",
            "gbk",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&csv).unwrap();
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), "日期,时间,社群,类型,标题,正文,状态");
    assert!(
        text.contains("2026-10-10,08:00,读书会,早报,\"工作日 早报，早安\",,待填写")
            || text.contains("2026-10-10,08:00,读书会,早报,工作日 早报，早安,,待填写"),
        "{text}"
    );

    let html = out.path().join("周计划.html");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-10-05",
            "--to",
            "2026-10-18",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("size: A4 landscape")
            && page.contains("工作日 早报，早安")
            && page.contains("<span class=\"theme\">国庆特辑</span>")
            && page.matches("<section>").count() == 2,
        "{page}"
    );
    assert!(page.contains("Guest share; Q&amp;A"), "escaped: {page}");
}

#[test]
fn a_plan_kept_in_excel_imports_all_or_nothing_and_an_export_imports_back() {
    let dir = setup();
    let files = tempfile::tempdir().unwrap();
    let plan = files.path().join("内容规划.csv");
    std::fs::write(
        &plan,
        encoding_rs::GB18030
            .encode("日期,时间,社群,类型,标题,正文,状态\n2026/12/7,08:00,读书会,早报,周一早报,早安,已批准\n\n2026-12-08,,读书会,精华,本周精华,,草稿\n2026-12-09,25:00,不存在的群,话题,话题,,发了\n")
            .0,
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_groupdesk"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let bad = run(&["import", "content", plan.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout).to_string();
    // Row 5 of the sheet (a blank row counted), each problem named.
    assert!(text.contains("row 5 [时间]: not a time"), "{text}");
    assert!(
        text.contains("row 5 [社群]: no group has this name"),
        "{text}"
    );
    assert!(text.contains("row 5 [状态]: unknown status"), "{text}");
    let week = |d: &str| -> Value {
        serde_json::from_slice(&groupdesk(dir.path(), &["plan", "week", d, "--json"]).stdout)
            .unwrap()
    };
    let items = |v: &Value| {
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "item")
            .count()
    };
    assert_eq!(items(&week("2026-12-07")), 0, "nothing imported");

    // Fixed: imported, with types and statuses understood.
    let fixed = files.path().join("fixed.csv");
    std::fs::write(
        &fixed,
        "日期,时间,社群,类型,标题,正文,状态\n2026/12/7,08:30,读书会,早报,周一早报,早安,已批准\n2026-12-08,,读书会,精华,本周精华,,草稿\n",
    )
    .unwrap();
    let dry = groupdesk(
        dir.path(),
        &["import", "content", fixed.to_str().unwrap(), "--dry-run"],
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would add 2"));
    assert_eq!(items(&week("2026-12-07")), 0);
    groupdesk(dir.path(), &["import", "content", fixed.to_str().unwrap()]);
    let w = week("2026-12-07");
    let first = w["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "周一早报")
        .unwrap()
        .clone();
    assert_eq!(first["type"], "morning_brief");
    assert_eq!(first["status"], "approved");
    assert_eq!(first["groups"], serde_json::json!(["读书会"]));

    // An export of the week imports back into another workspace with the same groups.
    let csv = files.path().join("周.csv");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-12-07",
            "--to",
            "2026-12-13",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    let other = setup();
    let back = groupdesk(other.path(), &["import", "content", csv.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&back.stdout).contains("Imported:"),
        "{}",
        String::from_utf8_lossy(&back.stdout)
    );
}

#[test]
fn skipped_and_moved_occurrences_reach_calendar_programs() {
    use groupdesk::calendar;
    use groupdesk::store::Store;
    let dir = setup();
    {
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let mut s = Store::open_dir(dir.path(), now).unwrap();
        let slot = calendar::list_slots(s.conn())
            .unwrap()
            .into_iter()
            .find(|s| s.title.starts_with("Guest"))
            .unwrap();
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        s.write(|w| calendar::skip_occurrence(w, slot.id, day(10, 21), now))
            .unwrap();
        let to =
            chrono::NaiveDateTime::parse_from_str("2026-10-29 19:00", "%Y-%m-%d %H:%M").unwrap();
        s.write(|w| {
            calendar::move_occurrence(
                w,
                slot.id,
                day(10, 28),
                to,
                Some("Guest share (Thursday)"),
                now,
            )
        })
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let ics = out.path().join("x.ics");
    groupdesk(
        dir.path(),
        &[
            "export",
            "calendar",
            "--from",
            "2026-10-12",
            "--to",
            "2026-11-08",
            "--group",
            "Book club NY",
            "--format",
            "ics",
            "-o",
            ics.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(
        text.contains("EXDATE;TZID=America/New_York:20261021T200000"),
        "{text}"
    );
    assert!(
        text.contains("RECURRENCE-ID;TZID=America/New_York:20261028T200000"),
        "{text}"
    );
    let read: Vec<(String, String)> = read_back(&ics, "2026-10-12", "2026-11-08")
        .into_iter()
        .map(|(s, t, _)| (s, t))
        .collect();
    let mondays = ["2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"];
    let mut plan: Vec<(String, String)> = planned(dir.path(), &mondays)
        .into_iter()
        .filter(|(_, t)| t.starts_with("Guest"))
        .collect();
    plan.sort();
    let mut read = read;
    read.sort();
    assert_eq!(read, plan);
    assert!(read.contains(&(
        "2026-10-29T19:00:00-04:00".into(),
        "Guest share (Thursday)".into()
    )));
    assert!(!read.iter().any(|(s, _)| s.starts_with("2026-10-21")));
}
