//! Helpers shared by the integration tests: real workspace folders in temp dirs and a fixed
//! clock (domain code never reads the system clock).
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use groupdesk::groups::{GoalInput, GroupInput, GroupKind, Horizon, Platform, Stage, Threshold};

pub fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid test time")
}

pub fn now() -> DateTime<Utc> {
    at(2026, 11, 24, 8)
}

pub fn group(name: &str) -> GroupInput {
    GroupInput {
        name: name.to_string(),
        platform: Platform::Wechat,
        kind: GroupKind::Knowledge,
        theme: "每月共读一本书".into(),
        audience: "职场人".into(),
        purpose: "坚持阅读".into(),
        rules: "1. 禁止广告\n2. 友善交流".into(),
        announcement: "本周日 20:00 分享会".into(),
        threshold: Threshold::Paid,
        threshold_note: "年费 199 元".into(),
        size_cap: Some(200),
        naming_convention: "昵称+城市+职业".into(),
        stage: Stage::Growing,
        goals: vec![
            GoalInput {
                horizon: Horizon::Long,
                title: "付费会员".into(),
                target: Some(1000),
                due_date: Some("2027-12-31".into()),
            },
            GoalInput {
                horizon: Horizon::Short,
                title: "本周打卡人次".into(),
                target: Some(80),
                due_date: None,
            },
        ],
    }
}

/// Every row of every table, with the schema: two equal dumps are the same book.
pub fn dump(conn: &rusqlite::Connection) -> String {
    let mut out = String::new();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, sql) in &tables {
        out.push_str(sql);
        out.push('\n');
        if !sql.starts_with("CREATE TABLE") {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// Overwrites the header of the first page of `index` in a closed workspace file.
pub fn damage_index(db: &std::path::Path, index: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    let page: i64 = c
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [index],
            |r| r.get(0),
        )
        .unwrap();
    let size: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(c);
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((page - 1) * size) as usize;
    bytes[at..at + 16].copy_from_slice(&[0xFF; 16]);
    std::fs::write(db, bytes).unwrap();
}

/// The `groupdesk` binary on `dir`, as a shell user runs it.
pub fn groupdesk(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_groupdesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("GROUPDESK_DATA_DIR")
        .output()
        .expect("run groupdesk")
}

/// [`groupdesk`] that must succeed; its standard output.
pub fn groupdesk_ok(dir: &std::path::Path, args: &[&str]) -> String {
    let o = groupdesk(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}
