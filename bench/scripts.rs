//! Script library benchmark: filling a welcome script (with a custom field and fallbacks) for
//! 10,000 members of one group — one text each, and one @-mentioning message for all —
//! beside the raw SELECT of the fields those placeholders read. Also Today's welcome
//! sections with 10,000 newcomers waiting. The figure to meet: < 50 ms for the 10,000 fills.
//!
//! The workspace is generated into `target/bench/scripts` each run (about 2 s). Results go to
//! stdout and `target/bench/scripts.md`. Run: `cargo bench --bench scripts`.
use chrono::{DateTime, Duration, TimeZone, Utc};
use groupdesk::groups::{self, GroupInput, Platform};
use groupdesk::members::{self, Category, FieldValue, JoinInput, MemberInput};
use groupdesk::reminders::Plan;
use groupdesk::scripts::{self, welcome, FillRequest, ScriptInput};
use groupdesk::settings::Language;
use groupdesk::store::Store;
use rusqlite::types::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

const MEMBERS: usize = 10_000;
const RUNS: usize = 21;

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p95 of `RUNS` timed runs after one warm-up.
fn time(mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let n = f();
    let mut v: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            ms(t.elapsed())
        })
        .collect();
    v.sort_by(f64::total_cmp);
    (v[RUNS / 2], v[(RUNS * 95).div_ceil(100) - 1], n)
}

fn populate(store: &mut Store, now: DateTime<Utc>) -> (i64, Vec<i64>) {
    store
        .write(|w| {
            let mut g = GroupInput::named("读书会共读群", Platform::Wechat);
            g.rules = "1. 不发广告\n2. 友善交流\n3. 每周打卡至少三次".into();
            g.naming_convention = "昵称+城市+职业".into();
            let gid = groups::create_id(w, &g, now)?;
            let field = members::create_field(w, "会员卡号")?.id;
            let cities = ["杭州", "北京", "上海", "深圳", "成都", "济南"];
            let mut ids = Vec::with_capacity(MEMBERS);
            for i in 0..MEMBERS {
                let m = members::create(
                    w,
                    &MemberInput {
                        nickname: format!("书友{i:05}"),
                        display_name: if i % 3 == 0 {
                            String::new()
                        } else {
                            format!("书友{i}-{}-设计", cities[i % cities.len()])
                        },
                        birthday: if i % 2 == 0 {
                            "03-05".into()
                        } else {
                            String::new()
                        },
                        fields: if i % 4 == 0 {
                            vec![FieldValue {
                                field_id: field,
                                value: format!("VIP-{i:05}"),
                            }]
                        } else {
                            Vec::new()
                        },
                        ..Default::default()
                    },
                    now,
                )?;
                members::join(
                    w,
                    m.id,
                    &JoinInput {
                        group_id: gid,
                        joined_on: Some(now.date_naive().to_string()),
                        category: Category::Active,
                        role: String::new(),
                    },
                    now - Duration::minutes((MEMBERS - i) as i64),
                )?;
                ids.push(m.id);
            }
            Ok::<_, Box<dyn std::error::Error>>((gid, ids))
        })
        .expect("populate")
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/scripts");
    let _ = std::fs::remove_dir_all(&root);
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 8, 0, 0).unwrap();
    let mut store = Store::open_dir(&root, now).unwrap();
    let t = Instant::now();
    let (gid, ids) = populate(&mut store, now);
    let populate_s = t.elapsed().as_secs_f64();
    let body = "🎉 欢迎 {称呼} 加入{群名}！入群第 {入群天数} 天\n群名片格式：{群名片格式}\n群规：\n{群规}\n会员卡号：{会员卡号|待办理}，生日：{生日|未填}\n邀请人：{邀请人|群友}";
    let script = store
        .write(|w| {
            scripts::create(
                w,
                &ScriptInput {
                    kind: "welcome".into(),
                    name: String::new(),
                    group_id: Some(gid),
                    platform: None,
                    body: body.into(),
                    is_default: true,
                },
                now,
            )
        })
        .unwrap();
    let conn = store.conn();
    let today = now.date_naive();
    let request = |together| FillRequest {
        script_id: Some(script.id),
        kind: String::new(),
        group_id: Some(gid),
        platform: None,
        member_ids: ids.clone(),
        together,
    };

    let (each_p50, each_p95, texts) = time(|| {
        scripts::fill_script(conn, &request(false), today, Language::ZhCn)
            .unwrap()
            .texts
            .len()
    });
    assert_eq!(texts, MEMBERS);
    let (all_p50, all_p95, _) = time(|| {
        scripts::fill_script(conn, &request(true), today, Language::ZhCn)
            .unwrap()
            .texts[0]
            .length as usize
    });
    // The raw SELECT of the fields the placeholders read, for the same members.
    let set = Rc::new(ids.iter().map(|i| Value::Integer(*i)).collect::<Vec<_>>());
    let (raw_p50, raw_p95, rows) = time(|| {
        let mut stmt = conn
            .prepare_cached(
                "SELECT m.id, m.nickname, m.display_name, i.nickname, ms.joined_on, m.birth_md,
                        m.birth_lunar, v.value
                 FROM members m
                 LEFT JOIN members i ON i.id = m.invited_by
                 LEFT JOIN memberships ms ON ms.member_id = m.id AND ms.group_id = ?2
                 LEFT JOIN member_field_values v ON v.member_id = m.id
                 WHERE m.id IN rarray(?1)",
            )
            .unwrap();
        let mut n = 0;
        let mut rows = stmt.query(rusqlite::params![set, gid]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let _: (i64, String, String, Option<String>) = (
                r.get(0).unwrap(),
                r.get(1).unwrap(),
                r.get(2).unwrap(),
                r.get(3).unwrap(),
            );
            n += 1;
        }
        n
    });
    assert!(rows >= MEMBERS);
    let plan = Plan::default_for(chrono_tz::Asia::Shanghai);
    let (today_p50, today_p95, waiting) =
        time(|| welcome::sections(conn, &plan, Language::ZhCn, now).unwrap()[0].total as usize);
    assert_eq!(waiting, MEMBERS);

    let mut report = String::new();
    let _ = writeln!(
        report,
        "# Script library benchmark\n\n{MEMBERS} members in one group (generated in {populate_s:.1} s); \
         a welcome script with 8 placeholders incl. a custom field and fallbacks. p50 / p95 of {RUNS} runs.\n"
    );
    let _ = writeln!(report, "| | p50 | p95 | aim |\n|---|---|---|---|");
    let _ = writeln!(
        report,
        "| fill for {MEMBERS} members, one text each | {each_p50:.1} ms | {each_p95:.1} ms | < 50 ms |"
    );
    let _ = writeln!(
        report,
        "| fill one message @-mentioning all {MEMBERS} | {all_p50:.1} ms | {all_p95:.1} ms | |"
    );
    let _ = writeln!(
        report,
        "| raw SELECT of their fields ({rows} rows) | {raw_p50:.1} ms | {raw_p95:.1} ms | |"
    );
    let _ = writeln!(
        report,
        "| Today's welcome section, {MEMBERS} newcomers waiting | {today_p50:.1} ms | {today_p95:.1} ms | |"
    );
    let _ = writeln!(
        report,
        "\nFilling costs {:.1}× the raw SELECT.",
        each_p50 / raw_p50.max(0.001)
    );
    print!("{report}");
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/scripts.md");
    std::fs::write(out, &report).unwrap();
}
