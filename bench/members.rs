//! Member-book benchmark on the demo size (100,000 members, 1,000,000 notes), each
//! figure beside the plain SQL a hand-written app would run on the same file:
//! - search (first page of 100 rows + the count), Chinese 1–2+ characters, pinyin full and
//!   initials, English, phone digits — against a `LIKE '%q%'` scan of the same fields and notes;
//! - opening a member with 200 notes — against the two bare `SELECT`s;
//! - the first page of filtered lists — against the same filter written as plain SQL;
//! - importing a 100,000-row CSV — against bare `INSERT`s of the same rows;
//! - the app's memory after scrolling the whole list and searching (needs a display and the
//!   release binary; `scripts/test.sh` runs it under Xvfb).
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
/// Bump when the generated workspace changes shape, so an old one is rebuilt.
// 5: demo data written through the app's own use cases.
const LAYOUT: &str = "5";
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
    if std::fs::read_to_string(&done).ok().as_deref() != Some(LAYOUT) {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut store = Store::open_dir(&dir, clock().now).expect("open");
        let opts = groupdesk::demo::DemoOptions {
            groups: 30,
            seed: 2026,
            members: MEMBERS,
            notes: NOTES,
            reminders: 0,
        };
        store
            .write(|w| groupdesk::demo::fill(w, &opts, clock().now, &groupdesk::progress::Quiet))
            .expect("demo");
        // Levels for every group, so the level filter has something to find.
        let groups: Vec<i64> = store
            .conn()
            .prepare("SELECT id FROM groups")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for g in groups {
            let levels = [("新人", 0), ("铁粉", 30), ("元老", 100)].map(|(name, min_points)| {
                groupdesk::members::LevelInput {
                    name: name.into(),
                    min_points,
                }
            });
            store
                .write(|w| groupdesk::members::set_levels(w, g, &levels))
                .expect("levels");
        }
        store
            .conn()
            .execute_batch("PRAGMA optimize")
            .expect("optimize");
        std::fs::write(&done, LAYOUT).unwrap();
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

/// `BENCH_ONLY=filters,import` runs only those sections (and leaves members.md alone).
fn wanted(section: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |v| v.split(',').any(|s| s.trim() == section))
}

fn search(conn: &Connection, c: &Clock, report: &mut String) {
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
        let matches = members::count(conn, &filter, c).unwrap();
        let (p50, p95) = time(|| members::page(conn, &filter, sort, 0, 100, c).unwrap());
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

    if wanted("search") {
        search(conn, &c, &mut report);
    }
    if wanted("open") {
        open_member(conn, &mut report);
    }
    if wanted("filters") {
        filtered_pages(conn, &c, &mut report);
    }
    drop(store);
    if wanted("import") {
        import_csv(&root, &dir, &mut report);
    }
    if wanted("memory") {
        app_memory(&dir, &mut report);
    }
    if std::env::var_os("BENCH_ONLY").is_none() {
        std::fs::write(root.join("members.md"), &report).unwrap();
    }
    println!("{report}");
}

/// Opening the member whose note count is nearest 200: the one IPC call the detail view makes.
fn open_member(conn: &Connection, report: &mut String) {
    let (id, notes): (i64, i64) = conn
        .query_row(
            "SELECT member_id, count(*) AS n FROM notes GROUP BY member_id ORDER BY abs(n - 200) LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (p50, p95) = time(|| groupdesk::members::detail(conn, id).unwrap());
    let (plain50, _) = time(|| {
        let mut a = conn
            .prepare_cached("SELECT * FROM members WHERE id = ?1")
            .unwrap();
        let n: usize = a.query_map([id], |r| r.get::<_, i64>(0)).unwrap().count();
        let mut b = conn
            .prepare_cached(
                "SELECT * FROM notes WHERE member_id = ?1 AND deleted_at IS NULL
                 ORDER BY pinned DESC, created_at DESC",
            )
            .unwrap();
        n + b
            .query_map([id], |r| r.get::<_, String>(2))
            .unwrap()
            .count()
    });
    let _ = writeln!(
        report,
        "## Opening a member\n\n| member | GroupDesk p50 | p95 | plain SQL p50 | ratio |\n|---|---|---|---|---|\n\
         | {notes} notes, with profile, groups, contacts and points | {p50:.2} | {p95:.2} | {plain50:.2} | {:.1}x |\n\n\
         Aim: under 20 ms. The plain SQL reads only the member row and the notes.\n",
        p50 / plain50
    );
    println!(
        "open member with {notes} notes: p50 {p50:.2} ms, p95 {p95:.2} ms; plain {plain50:.2} ms"
    );
}

/// The first page (100 rows with the total) of filtered lists, beside the same filter as
/// plain SQL (a join, `ORDER BY nickname`, `LIMIT 100`, and a `count(*)`).
fn filtered_pages(conn: &Connection, c: &Clock, report: &mut String) {
    use groupdesk::members::{Category, MemberStatus};
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let group =
        one("SELECT group_id FROM memberships GROUP BY group_id ORDER BY count(*) DESC LIMIT 1");
    let tag = one("SELECT tag_id FROM member_tags GROUP BY tag_id ORDER BY count(*) LIMIT 1");
    let level = one(&format!(
        "SELECT id FROM levels WHERE group_id = {group} ORDER BY min_points DESC LIMIT 1"
    ));
    let base = MemberFilter::default;
    let live = "SELECT m.id FROM members m WHERE m.deleted_at IS NULL";
    let in_group = format!(
        "SELECT m.id FROM members m JOIN memberships ms ON ms.member_id = m.id \
         WHERE ms.group_id = {group} AND m.deleted_at IS NULL"
    );
    let cases: Vec<(&str, MemberFilter, String)> = vec![
        ("all members", base(), live.into()),
        ("one group", MemberFilter { group_id: Some(group), ..base() }, in_group.clone()),
        (
            "group + core + in group",
            MemberFilter {
                group_id: Some(group),
                categories: vec![Category::Core],
                statuses: vec![MemberStatus::InGroup],
                ..base()
            },
            format!("{in_group} AND ms.category = 'core' AND ms.status = 'in_group'"),
        ),
        (
            "left or removed, any group",
            MemberFilter { statuses: vec![MemberStatus::Left, MemberStatus::Removed], ..base() },
            format!("{live} AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.status IN ('left','removed'))"),
        ),
        (
            "rarest tag",
            MemberFilter { tag_ids: vec![tag], ..base() },
            format!("{live} AND m.id IN (SELECT member_id FROM member_tags WHERE tag_id = {tag})"),
        ),
        (
            "top level of the group",
            MemberFilter { level_id: Some(level), ..base() },
            format!("{in_group} AND ms.points >= 100"),
        ),
        (
            "birthday this month",
            MemberFilter { birthday_this_month: true, ..base() },
            format!("{live} AND substr(m.birth_md, 1, 2) = '11'"),
        ),
        (
            "not contacted for 60 days",
            MemberFilter { not_contacted_days: Some(60), ..base() },
            format!("{live} AND (m.last_contact_at IS NULL OR m.last_contact_at < '2026-09-25')"),
        ),
        (
            "source 海报 + joined in 2026",
            MemberFilter {
                source: Some("海报".into()),
                joined_from: Some("2026-01-01".into()),
                joined_to: Some("2026-12-31".into()),
                ..base()
            },
            format!("{live} AND m.source = '海报' AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.joined_on BETWEEN '2026-01-01' AND '2026-12-31')"),
        ),
        (
            "search 张 + one group + tag",
            MemberFilter { query: "张".into(), group_id: Some(group), tag_ids: vec![tag], ..base() },
            format!("{in_group} AND m.id IN (SELECT member_id FROM member_tags WHERE tag_id = {tag}) AND (m.nickname LIKE '%张%' OR m.real_name LIKE '%张%' OR m.display_name LIKE '%张%' OR m.id IN (SELECT member_id FROM notes WHERE body LIKE '%张%'))"),
        ),
    ];
    let _ = writeln!(
        report,
        "## First page of filtered lists (100 rows by name + the total)\n\n\
         | filter | matches | GroupDesk p50 | p95 | plain SQL p50 | ratio |\n|---|---|---|---|---|---|"
    );
    let mut worst = 0f64;
    for (name, filter, plain) in cases {
        let sort = MemberSort {
            key: SortKey::Name,
            desc: false,
        };
        let total = members::count(conn, &filter, c).unwrap();
        let (p50, p95) = time(|| members::page(conn, &filter, sort, 0, 100, c).unwrap());
        worst = worst.max(p95);
        let page_sql = plain.replacen("SELECT m.id", "SELECT m.id, m.nickname, m.phone", 1)
            + " ORDER BY m.nickname LIMIT 100";
        let count_sql = plain.replacen("SELECT m.id", "SELECT count(*)", 1);
        let (plain50, _) = time(|| {
            let mut stmt = conn.prepare_cached(&page_sql).unwrap();
            let n = stmt.query_map([], |r| r.get::<_, i64>(0)).unwrap().count();
            let total: i64 = conn.query_row(&count_sql, [], |r| r.get(0)).unwrap();
            n as i64 + total
        });
        let _ = writeln!(
            report,
            "| {name} | {total} | {p50:.1} | {p95:.1} | {plain50:.1} | {:.2}x |",
            p50 / plain50
        );
        println!("filter {name:>28}: {total:>6} matches, p50 {p50:.1} ms, p95 {p95:.1} ms; plain {plain50:.1} ms");
    }
    let _ = writeln!(
        report,
        "\nWorst p95: {worst:.1} ms (aim: under 20 ms). The ratio is GroupDesk's time over plain SQL's.\n"
    );
}

/// Imports a 100,000-row GBK CSV into an empty workspace with one group, and into a copy of
/// the 100,000-member book, beside bare INSERTs of the same rows (no validation, duplicates,
/// tags, notes or search index).
fn import_csv(root: &Path, book: &Path, report: &mut String) {
    let dir = root.join("import-100k");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut csv = String::from("昵称,手机号,微信号,地区,生日,入群时间,标签,备注\n");
    let cities = ["济南", "上海", "成都", "广州", "杭州"];
    for i in 0..100_000u32 {
        let _ = writeln!(
            csv,
            "会员{i},1{:010},wx_member{i},{},{}-{:02}-{:02},2025/{}/{},\"读书会,宝妈\",第{i}位成员，喜欢线下活动",
            3_000_000_000u64 + u64::from(i),
            cities[i as usize % 5],
            1970 + i % 40,
            1 + i % 12,
            1 + i % 28,
            1 + i % 12,
            1 + i % 28
        );
    }
    let path = dir.join("members.csv");
    std::fs::write(&path, encoding_rs::GB18030.encode(&csv).0).unwrap();
    let mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;

    // Each case IMPORT_RUNS times into a fresh copy; the median is reported (a single run on a
    // shared two-core machine varied by a third from one minute to the next).
    let empty = median_run(|run| {
        let ws = dir.join(format!("ws-{run}"));
        let imported = import_into(&ws, &path);
        let _ = std::fs::remove_dir_all(&ws);
        imported
    });
    let full = median_run(|run| {
        let full_dir = dir.join(format!("ws-100k-{run}"));
        std::fs::create_dir_all(&full_dir).unwrap();
        std::fs::copy(
            book.join(groupdesk::store::DB_FILE),
            full_dir.join(groupdesk::store::DB_FILE),
        )
        .unwrap();
        let imported = import_into(&full_dir, &path);
        let _ = std::fs::remove_dir_all(&full_dir);
        imported
    });

    // Plain SQL: the same rows as bare INSERTs into one table, one transaction.
    let plain = median_run(|run| {
        let plain = Connection::open(dir.join(format!("plain-{run}.sqlite3"))).unwrap();
        plain
            .execute_batch(
                "CREATE TABLE m (nickname, phone, wechat, region, birthday, joined, tags, note)",
            )
            .unwrap();
        let t = Instant::now();
        let bytes = std::fs::read(&path).unwrap();
        let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
        let tx = plain.unchecked_transaction().unwrap();
        {
            let mut ins = tx
                .prepare("INSERT INTO m VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .unwrap();
            let mut rd = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            for rec in rd.records() {
                ins.execute(rusqlite::params_from_iter(rec.unwrap().iter()))
                    .unwrap();
            }
        }
        tx.commit().unwrap();
        let secs = t.elapsed().as_secs_f64();
        drop(plain);
        let _ = std::fs::remove_file(dir.join(format!("plain-{run}.sqlite3")));
        Imported {
            secs,
            ..Imported::default()
        }
    });
    let during = search_while_importing(&dir, book, &path);
    let plain_secs = plain.secs;
    let _ = writeln!(
        report,
        "## Importing a 100,000-row CSV\n\nGBK file, {mb:.1} MB, 8 columns (nickname, phone, WeChat, region, \
         birthday, join date, 2 tags, a note), into one group: decode, validate, duplicate check, \
         members, handles, memberships with history, tags, notes, search index; one transaction.\n\n\
         | | median of {IMPORT_RUNS} | runs | ratio |\n|---|---|---|---|\n\
         | GroupDesk, into an empty workspace | {:.2} s | {} | {:.1}x |\n\
         | GroupDesk, into the 100,000-member book ({} new, {} merged) | {:.2} s | {} | {:.1}x |\n\
         | plain SQL: the rows as bare INSERTs into one table | {plain_secs:.2} s | {} | 1x |\n\n\
         Aim: under 5 s. Peak memory of the benchmark process: {} MB ({} MB before the imports).\n",
        empty.secs,
        empty.runs,
        empty.secs / plain_secs,
        full.created,
        full.merged,
        full.secs,
        full.runs,
        full.secs / plain_secs,
        plain.runs,
        full.peak_kib / 1024,
        empty.rss_before_kib / 1024,
    );
    let _ = writeln!(
        report,
        "## Searching while a 100,000-row import runs\n\n\
         The same app session: the import writes on the writer connection (one transaction, {:.1} s) \
         while searches (张, zs, 数学辅导, 小雅 in turn) run on read connections against the \
         100,000-member book.\n\n\
         | | searches | p50 | p95 | worst |\n|---|---|---|---|---|\n\
         | during the import (aim p95 < 50 ms) | {} | {:.1} ms | {:.1} ms | {:.1} ms |\n\
         | with nothing else running | {} | {:.1} ms | {:.1} ms | {:.1} ms |\n\n\
         With one connection behind one lock (before), each of these searches waited for the \
         whole import.\n",
        during.import_secs,
        during.busy.len(),
        pct(&during.busy, 0.5),
        pct(&during.busy, 0.95),
        pct(&during.busy, 1.0),
        during.idle.len(),
        pct(&during.idle, 0.5),
        pct(&during.idle, 0.95),
        pct(&during.idle, 1.0),
    );
    println!(
        "search during import: p95 {:.1} ms over {} searches (idle p95 {:.1} ms)",
        pct(&during.busy, 0.95),
        during.busy.len(),
        pct(&during.idle, 0.95)
    );
    println!(
        "import 100k rows: {:.2} s into an empty workspace, {:.2} s into the 100k book (plain {plain_secs:.2} s), peak RSS {} MB",
        empty.secs,
        full.secs,
        full.peak_kib / 1024
    );
    import_process_memory(&dir, &path, report);
}

/// Peak memory (VmHWM) of a `groupdesk` process, polled until it exits, in MB.
fn peak_mb(bin: &Path, args: &[&std::ffi::OsStr]) -> (bool, f64) {
    let child = std::process::Command::new(bin)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run groupdesk");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    let mut child = child;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if let Ok(Some(done)) = child.try_wait() {
            return (done.success(), peak as f64 / 1024.0);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The import as its own process (`groupdesk import members`, the release build): peak memory
/// for the real 100,000-row file and for files built to exhaust memory.
fn import_process_memory(dir: &Path, csv: &Path, report: &mut String) {
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/groupdesk");
    if !bin.exists() {
        let _ = writeln!(
            report,
            "## Import process memory\n\nNot measured: needs `target/release/groupdesk`.\n"
        );
        return;
    }
    let big_cell = dir.join("big-cell.csv");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&big_cell).unwrap();
        f.write_all("昵称,备注\n张三,".as_bytes()).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..50 {
            f.write_all(&chunk).unwrap();
        }
    }
    let one_line = dir.join("one-line.csv");
    std::fs::write(&one_line, "昵称,".repeat(9_000_000)).unwrap();
    let mut rows = String::new();
    for (what, file, expect_ok) in [
        ("the 100,000-row GBK file above (imported)", csv, true),
        (
            "a CSV with one 50 MB cell (refused)",
            big_cell.as_path(),
            false,
        ),
        (
            "a CSV of one 63 MB line (refused)",
            one_line.as_path(),
            false,
        ),
        ("/dev/zero (refused)", Path::new("/dev/zero"), false),
    ] {
        let ws = dir.join("mem-ws");
        let _ = std::fs::remove_dir_all(&ws);
        let (ok, mb) = peak_mb(
            &bin,
            &[
                "--data-dir".as_ref(),
                ws.as_os_str(),
                "import".as_ref(),
                "members".as_ref(),
                file.as_os_str(),
            ],
        );
        assert_eq!(ok, expect_ok, "{what}");
        let _ = writeln!(rows, "| {what} | {mb:.0} MB |");
        println!("import process peak: {what}: {mb:.0} MB");
        let _ = std::fs::remove_dir_all(&ws);
    }
    let _ = std::fs::remove_file(&big_cell);
    let _ = std::fs::remove_file(&one_line);
    let _ = writeln!(
        report,
        "## Import process memory\n\n`groupdesk import members FILE` (release build), peak resident \
         memory (VmHWM) of the process. Aim: under 300 MB for any file.\n\n| file | peak |\n|---|---|\n{rows}"
    );
}

const IMPORT_RUNS: usize = 3;

struct During {
    import_secs: f64,
    /// Search latencies (ms) while the import ran, and with nothing else running.
    busy: Vec<f64>,
    idle: Vec<f64>,
}

fn pct(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s[((s.len() - 1) as f64 * p).round() as usize]
}

/// Imports `csv` into a copy of the 100k book through a [`Session`] on one thread while
/// another searches through the same session.
fn search_while_importing(dir: &Path, book: &Path, csv: &Path) -> During {
    use groupdesk::session::{Failure, Session};
    use std::sync::atomic::{AtomicBool, Ordering};
    let ws = dir.join("ws-during");
    let _ = std::fs::remove_dir_all(&ws);
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::copy(
        book.join(groupdesk::store::DB_FILE),
        ws.join(groupdesk::store::DB_FILE),
    )
    .unwrap();
    let store = Store::open_dir(&ws, clock().now).unwrap();
    let session = std::sync::Arc::new(Session::new(ws.clone(), Ok(store)));
    let queries = ["张", "zs", "数学辅导", "小雅"];
    let c = clock();
    let search = |i: usize| {
        let f = groupdesk::members::MemberFilter {
            query: queries[i % queries.len()].into(),
            ..Default::default()
        };
        let t = Instant::now();
        session
            .read(|conn| {
                Ok::<_, Failure>(groupdesk::members::page(
                    conn,
                    &f,
                    groupdesk::members::MemberSort::default(),
                    0,
                    100,
                    &c,
                )?)
            })
            .unwrap();
        ms(t.elapsed())
    };
    let idle: Vec<f64> = (0..40).map(search).collect();
    let running = std::sync::Arc::new(AtomicBool::new(true));
    let importer = {
        let (session, running, csv) = (session.clone(), running.clone(), csv.to_path_buf());
        std::thread::spawn(move || {
            let t = Instant::now();
            let table =
                groupdesk::transfer::read_file(&csv, groupdesk::transfer::TextEncoding::Auto)
                    .unwrap();
            let mapping = groupdesk::transfer::guess_columns(&table.headers);
            session
                .write(|w| {
                    Ok::<_, Failure>(groupdesk::transfer::import_members(
                        w,
                        &table,
                        &mapping,
                        &Default::default(),
                        clock().now,
                        &groupdesk::progress::Quiet,
                    )?)
                })
                .unwrap();
            running.store(false, Ordering::SeqCst);
            t.elapsed().as_secs_f64()
        })
    };
    let mut busy = Vec::new();
    let mut i = 0;
    // The first searches after the start overlap the file read; keep going until the commit.
    while running.load(Ordering::SeqCst) {
        let took = search(i);
        if running.load(Ordering::SeqCst) {
            busy.push(took);
        }
        i += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    let import_secs = importer.join().unwrap();
    drop(session);
    let _ = std::fs::remove_dir_all(&ws);
    During {
        import_secs,
        busy,
        idle,
    }
}

/// Runs `f` [`IMPORT_RUNS`] times and keeps the run with the median time, noting every time.
fn median_run(mut f: impl FnMut(usize) -> Imported) -> Imported {
    let mut runs: Vec<Imported> = (0..IMPORT_RUNS).map(&mut f).collect();
    let all = runs
        .iter()
        .map(|r| format!("{:.2}", r.secs))
        .collect::<Vec<_>>()
        .join(" / ");
    runs.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    let mut median = runs.swap_remove(IMPORT_RUNS / 2);
    median.runs = all;
    median
}

#[derive(Default)]
struct Imported {
    /// Every run's time, in the order they ran (set by [`median_run`]).
    runs: String,
    secs: f64,
    created: u32,
    merged: u32,
    rss_before_kib: u64,
    peak_kib: u64,
}

/// Opens the workspace in `dir`, adds a group and imports `csv` into it, timed from reading
/// the file to the commit.
fn import_into(dir: &Path, csv: &Path) -> Imported {
    let mut store = Store::open_dir(dir, clock().now).unwrap();
    let gid = store
        .write(|w| groupdesk::groups::create(w, &import_group(), clock().now))
        .unwrap()
        .id;
    let rss_before_kib = status_kib("VmRSS:");
    let t = Instant::now();
    let table =
        groupdesk::transfer::read_file(csv, groupdesk::transfer::TextEncoding::Auto).unwrap();
    let mapping = groupdesk::transfer::guess_columns(&table.headers);
    let opts = groupdesk::transfer::ImportOptions {
        group_id: Some(gid),
        ..Default::default()
    };
    let r = store
        .write(|w| {
            groupdesk::transfer::import_members(
                w,
                &table,
                &mapping,
                &opts,
                clock().now,
                &groupdesk::progress::Quiet,
            )
        })
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(
        r.applied && r.created + r.merged == 100_000,
        "{:?}",
        &r.problems[..r.problems.len().min(3)]
    );
    Imported {
        runs: String::new(),
        secs,
        created: r.created,
        merged: r.merged,
        rss_before_kib,
        peak_kib: status_kib("VmHWM:"),
    }
}

fn import_group() -> groupdesk::groups::GroupInput {
    groupdesk::groups::GroupInput::named("导入测试群", groupdesk::groups::Platform::Wechat)
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(field))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// The real app on the 100k workspace (release build, needs a display): it opens the member
/// list, scrolls through all of it, runs three searches, opens a member, then prints the
/// resident memory of its own process and of WebKit's helper processes.
fn app_memory(dir: &Path, report: &mut String) {
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/groupdesk");
    if std::env::var_os("DISPLAY").is_none() || !bin.exists() {
        let _ = writeln!(
            report,
            "## App memory\n\nNot measured: needs a display and `target/release/groupdesk`.\n"
        );
        return;
    }
    let mut rows = Vec::new();
    for _ in 0..3 {
        let out = std::process::Command::new(&bin)
            .arg("--data-dir")
            .arg(dir)
            .env("GROUPDESK_STARTUP_PROBE", "members")
            .output()
            .expect("run the app");
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(line) = text.lines().find(|l| l.starts_with("groupdesk-rss ")) {
            let v: Vec<u64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect();
            rows.push((v[0] / 1024, v[1] / 1024));
        }
    }
    let _ = writeln!(
        report,
        "## App memory (RSS, MB)\n\nAfter scrolling the 100,000-member list end to end, three searches \
         and opening a member.\n\n| run | GroupDesk process | WebKit helper processes (web content + network) |\n|---|---|---|"
    );
    for (i, (own, kids)) in rows.iter().enumerate() {
        let _ = writeln!(report, "| {} | {own} | {kids} |", i + 1);
    }
    let _ = writeln!(report, "\nAim: the app process under 300 MB.\n");
    println!("app memory: {rows:?}");
}
