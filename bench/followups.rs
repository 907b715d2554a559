//! Follow-ups benchmark on the demo size (100,000 members, 200,000 follow-ups), each
//! figure beside the plain SQL a hand-written app would run on the same file:
//! - the Today view (settings, every section, the day's spotlight, and the JSON the window
//!   receives) — against the same sections read without the app's indexes and limits;
//! - completing (logs the contact, schedules the next of a repeating one) and snoozing a
//!   follow-up — against a bare `UPDATE`;
//! - how late the real scheduler (tokio, sleeping until the next follow-up) announces 20
//!   follow-ups due one second apart, one of them added while it sleeps;
//! - the scheduler's idle cost: process CPU time and scheduler turns over 10 s with nothing
//!   due — against one turn's cost times the 10 turns a one-second poll would make.
//!
//! The workspace is generated once into `target/bench/followups-100k` and reused; mutating
//! runs work on a copy. Results go to stdout and `target/bench/followups.md`.
//! Run: `cargo bench --bench followups`.
// The scheduler part runs by the wall clock on purpose.
#![allow(clippy::disallowed_methods)]
use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use groupdesk::reminders::{self, today, Plan, ReminderInput, Snooze};
use groupdesk::scheduler::{self, Announcement, Host};
use groupdesk::session::{Failure, Session};
use groupdesk::settings::{self, Language};
use groupdesk::store::Store;
use rusqlite::Connection;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const MEMBERS: u32 = 100_000;
const REMINDERS: u32 = 200_000;
/// Bump when the generated workspace changes shape, so an old one is rebuilt.
// 3: demo data written through the app's own use cases.
const LAYOUT: &str = "3";
const RUNS: usize = 21;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentiles(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (v[n / 2], v[(n * 95).div_ceil(100) - 1])
}

/// p50 and p95 of `RUNS` timed runs of `f(i)` (after one warm-up, `f(RUNS)`).
fn time<T>(mut f: impl FnMut(usize) -> T) -> (f64, f64) {
    f(RUNS);
    percentiles(
        (0..RUNS)
            .map(|i| {
                let t = Instant::now();
                std::hint::black_box(f(i));
                ms(t.elapsed())
            })
            .collect(),
    )
}

/// The moment the demo was generated for, and the Today view is read at.
fn bench_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 4, 0, 0).unwrap()
}

fn workspace(root: &Path) -> PathBuf {
    let dir = root.join("followups-100k");
    let done = dir.join(".complete");
    if std::fs::read_to_string(&done).ok().as_deref() != Some(LAYOUT) {
        let _ = std::fs::remove_dir_all(&dir);
        let t = Instant::now();
        let mut store = Store::open_dir(&dir, bench_now()).expect("open");
        let opts = groupdesk::demo::DemoOptions {
            groups: 30,
            seed: 2026,
            members: MEMBERS,
            notes: 0,
            reminders: REMINDERS,
        };
        store
            .write(|w| groupdesk::demo::fill(w, &opts, bench_now(), &groupdesk::progress::Quiet))
            .expect("demo");
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

/// A scratch copy of the workspace for runs that change it.
fn scratch(dir: &Path) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "sqlite3") {
            std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let store = Store::open_dir(tmp.path(), bench_now()).expect("open copy");
    (tmp, store)
}

/// `BENCH_ONLY=today,scheduler` runs only those sections (and leaves followups.md alone).
fn wanted(section: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |v| v.split(',').any(|s| s.trim() == section))
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&root).unwrap();
    let dir = workspace(&root);
    let mut report = String::from("# Follow-ups benchmark\n\n");
    let _ = writeln!(
        report,
        "{MEMBERS} members, {REMINDERS} follow-ups (a tenth done), two stay-in-touch cadences, \
         30 groups; p50 / p95 of {RUNS} runs, ms.\n"
    );
    if wanted("today") {
        let (_tmp, store) = scratch(&dir);
        today_view(store.conn(), &mut report);
    }
    if wanted("actions") {
        let (_tmp, mut store) = scratch(&dir);
        actions(&mut store, &mut report);
    }
    if wanted("scheduler") {
        let (tmp, store) = scratch(&dir);
        scheduler_bench(tmp.path(), store, &mut report);
    }
    if std::env::var_os("BENCH_ONLY").is_none() {
        std::fs::write(root.join("followups.md"), &report).unwrap();
    }
    println!("{report}");
}

fn plan(conn: &Connection) -> Plan {
    settings::plan(&settings::load(conn).unwrap())
}

/// The Today view as the command builds it, and as JSON for the window.
fn today_view(conn: &Connection, report: &mut String) {
    let now = bench_now();
    let v = today::view(conn, &plan(conn), now).unwrap();
    let _ = writeln!(report, "## Today view\n");
    let _ = writeln!(
        report,
        "Sections: overdue {}, due today {}, next 7 days {}, birthdays {}, keep in touch {}, \
         win back {}{}, spotlight {}.\n",
        v.overdue.total,
        v.today.total,
        v.upcoming.total,
        v.birthdays.len(),
        v.cadence.total,
        v.winback.total,
        if v.winback.capped { "+" } else { "" },
        v.spotlight.len()
    );
    let (p50, p95) = time(|_| today::view(conn, &plan(conn), now).unwrap());
    let (j50, j95) = time(|_| serde_json::to_vec(&today::view(conn, &plan(conn), now).unwrap()));
    let (plain50, plain95) = time(|_| plain_today(conn, now));
    let _ = writeln!(
        report,
        "| what | GroupDesk p50 | p95 | plain SQL p50 | p95 |\n|---|---|---|---|---|\n\
         | Today view (aim < 30 ms) | {p50:.1} | {p95:.1} | {plain50:.1} | {plain95:.1} |\n\
         | Today view + JSON for the window | {j50:.1} | {j95:.1} | | |\n"
    );
    let _ = writeln!(
        report,
        "Plain SQL: the same three follow-up sections, birthdays and win-back read in full \
         without the app's partial indexes and row limits (what a first version would do).\n"
    );
}

/// What a hand-written Today would run: every open follow-up in range, all rows.
fn plain_today(conn: &Connection, now: DateTime<Utc>) -> usize {
    let t = |d: DateTime<Utc>| groupdesk::dates::to_db(d);
    let start = now - Days::hours(4);
    let mut n = 0;
    for (from, to) in [
        (String::new(), t(start)),
        (t(start), t(start + Days::days(1))),
        (t(start + Days::days(1)), t(start + Days::days(8))),
    ] {
        let mut s = conn
            .prepare_cached(
                "SELECT r.*, m.nickname FROM reminders r NOT INDEXED JOIN members m ON m.id = r.member_id
                 WHERE r.done_at IS NULL AND r.fire_at >= ?1 AND r.fire_at < ?2
                   AND m.deleted_at IS NULL ORDER BY r.fire_at",
            )
            .unwrap();
        n += s
            .query_map([&from, &to], |r| r.get::<_, i64>(0))
            .unwrap()
            .count();
    }
    let mut b = conn
        .prepare_cached(
            "SELECT id, nickname FROM members NOT INDEXED
             WHERE birth_md IN ('11-24','11-25','11-26','11-27') AND deleted_at IS NULL",
        )
        .unwrap();
    n += b.query_map([], |r| r.get::<_, i64>(0)).unwrap().count();
    let mut w = conn
        .prepare_cached(
            "SELECT m.id FROM members m NOT INDEXED
             WHERE m.deleted_at IS NULL AND coalesce(m.last_contact_at, m.created_at) < ?1
               AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id
                           AND ms.status = 'in_group')
             ORDER BY coalesce(m.last_contact_at, m.created_at)",
        )
        .unwrap();
    n += w
        .query_map([t(now - Days::days(30))], |r| r.get::<_, i64>(0))
        .unwrap()
        .count();
    n
}

/// Completing and snoozing distinct open follow-ups (a fifth of them repeating).
fn actions(store: &mut Store, report: &mut String) {
    let now = bench_now();
    let p = plan(store.conn());
    let open: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM reminders WHERE done_at IS NULL ORDER BY id LIMIT 200")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let repeating: i64 = store
        .conn()
        .query_row(
            &format!(
                "SELECT count(*) FROM reminders WHERE rule IS NOT NULL AND id IN ({})",
                open[..RUNS + 1]
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (c50, c95) = time(|i| {
        store
            .write(|w| reminders::complete(w, open[i], "聊过了", &p, now))
            .unwrap()
    });
    let (s50, s95) = time(|i| {
        store
            .write(|w| reminders::snooze(w, open[RUNS + 1 + i], &Snooze::Tomorrow, &p, now))
            .unwrap()
    });
    let at = groupdesk::dates::to_db(now);
    let (u50, u95) = time(|i| {
        store
            .conn()
            .execute(
                "UPDATE reminders SET done_at = ?2 WHERE id = ?1",
                rusqlite::params![open[2 * (RUNS + 1) + i], at],
            )
            .unwrap()
    });
    let _ = writeln!(
        report,
        "## Completing and snoozing\n\n\
         | what | GroupDesk p50 | p95 | bare UPDATE p50 | p95 |\n|---|---|---|---|---|\n\
         | done with a note (aim < 10 ms; {repeating} of {} repeating) | {c50:.2} | {c95:.2} | {u50:.2} | {u95:.2} |\n\
         | snooze until tomorrow (aim < 10 ms) | {s50:.2} | {s95:.2} | {u50:.2} | {u95:.2} |\n",
        RUNS + 1
    );
    let _ = writeln!(
        report,
        "Done is one transaction: mark done, log the contact on the member (last contacted), \
         schedule the next of a repeating one, read both back.\n"
    );
}

/// Announcements land on a channel, stamped with the wall clock when they arrive.
struct BenchHost {
    session: Session,
    turns: AtomicUsize,
    tx: Mutex<mpsc::Sender<(DateTime<Utc>, Vec<i64>)>>,
}

impl Host for BenchHost {
    fn session(&self) -> &Session {
        self.turns.fetch_add(1, Ordering::Relaxed);
        &self.session
    }
    fn announce(&self, _: Language, what: Announcement) {
        let at = Utc::now();
        if let Announcement::Due(d) = what {
            let ids = d.iter().map(|r| r.id).collect();
            let _ = self.tx.lock().unwrap().send((at, ids));
        }
    }
}

/// CPU time (user + system) this process has used, from /proc.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(") ").map_or("", |(_, s)| s);
    let f: Vec<u64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name; clock ticks
    // are 100 per second on Linux.
    (f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)) as f64 * 10.0
}

fn scheduler_bench(dir: &Path, store: Store, report: &mut String) {
    let (tx, rx) = mpsc::channel();
    let host = Arc::new(BenchHost {
        session: Session::new(dir.to_path_buf(), Ok(store)),
        turns: AtomicUsize::new(0),
        tx: Mutex::new(tx),
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // The demo's follow-ups were planned around its own moment (04:00 UTC); count them as
    // announced, so the run measures only its own.
    let member: i64 = host
        .session
        .write(|w| {
            w.execute_batch(
                "UPDATE reminders SET notified_at = '2026-01-01T00:00:00.000Z'
                 WHERE notified_at IS NULL AND done_at IS NULL",
            )?;
            Ok::<_, Failure>(w.query_row("SELECT min(id) FROM members", [], |r| r.get(0))?)
        })
        .unwrap();
    let started = Utc::now();
    rt.spawn(scheduler::run(host.clone(), started));
    std::thread::sleep(Duration::from_millis(500));

    // Twenty follow-ups due one second apart (planned to the second, so the run takes 20 s
    // rather than 20 minutes); the last is added while the scheduler sleeps for the others.
    let base = Utc::now() + Days::seconds(2);
    let mut planned = Vec::new();
    for i in 0..20 {
        if i == 19 {
            std::thread::sleep(Duration::from_secs(5));
        }
        let fire_at = base + Days::seconds(i64::from(i));
        // Created through the app's write: its change announcement wakes the scheduler.
        let id = host
            .session
            .write(|w| {
                let p = plan(w);
                let r = reminders::create(
                    w,
                    &ReminderInput {
                        member_id: member,
                        reason: format!("基准 {i}"),
                        due_date: "2026-12-31".into(),
                        due_time: Some("09:00".into()),
                        repeat: None,
                    },
                    &p,
                    Utc::now(),
                )?;
                w.execute(
                    "UPDATE reminders SET fire_at = ?2 WHERE id = ?1",
                    rusqlite::params![r.id, groupdesk::dates::to_db(fire_at)],
                )?;
                Ok::<_, Failure>(r.id)
            })
            .unwrap();
        planned.push((id, fire_at));
    }
    let mut late = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(40);
    while late.len() < planned.len() && Instant::now() < deadline {
        if let Ok((at, ids)) = rx.recv_timeout(Duration::from_secs(1)) {
            for id in ids {
                if let Some((_, due)) = planned.iter().find(|(p, _)| *p == id) {
                    late.push(ms((at - *due).to_std().unwrap_or_default()));
                }
            }
        }
    }
    assert_eq!(late.len(), planned.len(), "every follow-up is announced");
    let worst = late.iter().copied().fold(0.0, f64::max);
    let (l50, l95) = percentiles(late);

    // Idle: nothing due for hours; measure 10 s.
    let turns0 = host.turns.load(Ordering::Relaxed);
    let cpu0 = cpu_ms();
    std::thread::sleep(Duration::from_secs(10));
    let idle_cpu = cpu_ms() - cpu0;
    let idle_turns = host.turns.load(Ordering::Relaxed) - turns0;
    // What one polling turn costs on this workspace.
    let (turn50, _) = time(|_| rt.block_on(scheduler::turn(host.as_ref(), started, Utc::now())));
    let _ = writeln!(
        report,
        "## Scheduler\n\n\
         | what | measured | aim |\n|---|---|---|\n\
         | announced after the due moment, p50 / p95 / worst of 20 | {l50:.1} / {l95:.1} / {worst:.1} ms | < 2000 ms |\n\
         | idle 10 s: scheduler turns | {idle_turns} | 0 |\n\
         | idle 10 s: process CPU time | {idle_cpu:.0} ms (clock ticks of 10 ms) | ≈ 0 |\n\
         | a one-second poll instead: 10 turns × {turn50:.2} ms | {:.1} ms of CPU per 10 s | |\n",
        10.0 * turn50
    );
}
