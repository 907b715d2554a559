//! Content-calendar benchmark: expanding a year of 50 slots (beside the `rrule` crate alone on
//! the same rules) and exporting a year to ICS (beside the raw SELECT + rrule expansion), on
//! a workspace with 30 groups, 50 slots and 5,000 content items. Results to stdout and
//! `target/bench/calendar.md`. Run: `cargo bench --bench calendar`.
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use groupdesk::calendar::{
    self, CalendarExport, CalendarFormat, ContentStatus, CsvEncoding, ItemInput, SlotInput,
};
use groupdesk::store::Store;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

const RUNS: usize = 21;
const RULES: [&str; 5] = [
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;BYDAY=WE",
    "FREQ=DAILY",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
];

fn median(mut f: impl FnMut()) -> (f64, f64) {
    f();
    let mut v: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    v.sort_by(f64::total_cmp);
    (v[RUNS / 2], v[(RUNS * 95).div_ceil(100) - 1])
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/calendar");
    let _ = std::fs::remove_dir_all(&root);
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 4, 0, 0).unwrap();
    let mut store = Store::open_dir(&root, now).unwrap();
    let year = (
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    store
        .write(|w| -> Result<(), Box<dyn std::error::Error>> {
            let mut groups = Vec::new();
            for i in 0..30 {
                let g = groupdesk::groups::GroupInput::named(
                    &format!("社群{i}"),
                    groupdesk::groups::Platform::Wechat,
                );
                groups.push(groupdesk::groups::create_id(w, &g, now)?);
            }
            for i in 0..50 {
                calendar::create_slot(
                    w,
                    &SlotInput {
                        group_id: groups[i % 30],
                        title: format!("固定栏目{i}"),
                        kind: "share".into(),
                        rule: RULES[i % RULES.len()].into(),
                        starts: "2026-01-05 20:00".into(),
                        tz: "Asia/Shanghai".into(),
                        until: None,
                        count: None,
                        cn_workdays: i % 5 == 0,
                    },
                    now,
                )?;
            }
            for i in 0..5_000 {
                let day = year.0 + Duration::days(i % 365);
                calendar::create_item(
                    w,
                    &ItemInput {
                        kind: "topic".into(),
                        title: format!("内容{i}"),
                        body: "今晚 20:00 见，记得 @所有人".into(),
                        groups: vec![groups[i as usize % 30]],
                        planned_date: day.to_string(),
                        planned_time: Some("21:00".into()),
                        tz: "Asia/Shanghai".into(),
                        status: ContentStatus::Draft,
                        slot_id: None,
                        slot_date: None,
                    },
                    now,
                )?;
            }
            Ok(())
        })
        .unwrap();
    let conn = store.conn();
    let slots = calendar::list_slots(conn).unwrap();
    let mut n = 0;
    let (expand_p50, expand_p95) = median(|| {
        n = slots
            .iter()
            .map(|s| {
                calendar::occurrences(conn, s, year.0, year.1)
                    .unwrap()
                    .len()
            })
            .sum::<usize>();
    });
    // The rrule crate alone: the same rules, a year of dates each.
    let (rrule_p50, rrule_p95) = median(|| {
        let mut total = 0;
        for s in &slots {
            let rule: rrule::RRule<rrule::Unvalidated> = s.rule.parse().unwrap();
            let start = rrule::Tz::UTC
                .with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
                .unwrap();
            let end = rrule::Tz::UTC
                .with_ymd_and_hms(2026, 12, 31, 23, 59, 59)
                .unwrap();
            total += rule
                .build(start)
                .unwrap()
                .before(end)
                .all(u16::MAX)
                .dates
                .len();
        }
        std::hint::black_box(total);
    });
    let req = CalendarExport {
        from: year.0,
        to: year.1,
        group: None,
        format: CalendarFormat::Ics,
        encoding: CsvEncoding::Utf8,
        alarm_minutes: None,
        zh: true,
    };
    let mut bytes = 0;
    let (ics_p50, ics_p95) = median(|| {
        bytes = calendar::to_ics(conn, &req, now).unwrap().0.len();
    });
    let (raw_p50, raw_p95) = median(|| {
        let mut st = conn
            .prepare("SELECT id, title, body, planned_date, planned_time FROM content_items WHERE planned_date BETWEEN ?1 AND ?2")
            .unwrap();
        let rows: Vec<(i64, String, String, String, Option<String>)> = st
            .query_map([year.0.to_string(), year.1.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut total = rows.len();
        for s in &slots {
            let rule: rrule::RRule<rrule::Unvalidated> = s.rule.parse().unwrap();
            let start = rrule::Tz::UTC
                .with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
                .unwrap();
            total += rule.build(start).unwrap().all(400).dates.len();
        }
        std::hint::black_box(total);
    });
    let mut report = String::new();
    let _ = writeln!(
        report,
        "## Content calendar (30 groups, 50 slots, 5,000 items, the year {})\n\n\
         | | p50 | p95 | beside |\n|---|---|---|---|\n\
         | expanding a year of 50 slots ({n} occurrences; aim < 10 ms) | {expand_p50:.2} ms | {expand_p95:.2} ms | rrule alone {rrule_p50:.2} / {rrule_p95:.2} ms ({:.1}x) |\n\
         | a year to ICS ({:.0} KB; aim < 200 ms) | {ics_p50:.1} ms | {ics_p95:.1} ms | raw SELECT + rrule {raw_p50:.2} / {raw_p95:.2} ms ({:.1}x) |\n",
        year.0.year(),
        expand_p50 / rrule_p50,
        bytes as f64 / 1024.0,
        ics_p50 / raw_p50,
    );
    std::fs::write(root.parent().unwrap().join("calendar.md"), &report).unwrap();
    println!("{report}");
}
