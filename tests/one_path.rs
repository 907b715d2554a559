//! The one path a change takes, tried on real workspace files: a write commits or rolls back
//! whole (a failure injected into its second statement leaves neither), announces what it
//! changed only once committed, readers never wait for the writer (a search answers while a
//! 100,000-row import is writing), and long work can be cancelled leaving the book exactly as
//! it was and no file behind.
mod common;

use common::{dump, group, now};
use groupdesk::members::{self, JoinInput, MemberFilter, MemberInput, MemberSort, MemberStatus};
use groupdesk::progress::{Progress, Quiet, Step};
use groupdesk::session::{Failure, Session};
use groupdesk::store::{Area, ChangeSet, Store};
use groupdesk::transfer::{self, ExportFormat, ExportRequest, ImportOptions, Table, Target};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn person(name: &str) -> MemberInput {
    MemberInput {
        nickname: name.into(),
        ..Default::default()
    }
}

/// Makes the next insert into `table` fail, as a full disk or a bug half-way would.
fn inject_failure(s: &Store, table: &str) {
    s.conn()
        .execute_batch(&format!(
            "CREATE TRIGGER inject BEFORE INSERT ON {table}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .unwrap();
}

fn membership_count(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM memberships", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_failure_in_the_second_write_of_a_membership_change_leaves_neither() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let g = s
        .write(|w| groupdesk::groups::create(w, &group("读书会"), now()))
        .unwrap()
        .id;
    let m = s
        .write(|w| members::create(w, &person("小雅"), now()))
        .unwrap()
        .id;
    let join = JoinInput {
        group_id: g,
        joined_on: Some("2026-11-01".into()),
        category: members::Category::Active,
        role: String::new(),
    };
    // The second write of a join is its history row: make it fail, as a full disk would.
    inject_failure(&s, "status_changes");
    let err = s.write(|w| members::join(w, m, &join, now())).unwrap_err();
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert_eq!(
        membership_count(&s),
        0,
        "the membership went with its history row"
    );

    // Without the failure the join goes in; then a status change fails the same way.
    s.conn().execute_batch("DROP TRIGGER inject").unwrap();
    s.write(|w| members::join(w, m, &join, now())).unwrap();
    inject_failure(&s, "status_changes");
    let before = dump(s.conn());
    s.write(|w| members::set_status(w, m, g, MemberStatus::Left, "退群", now()))
        .unwrap_err();
    assert_eq!(
        dump(s.conn()),
        before,
        "status and history roll back together"
    );
    let got = members::get(s.conn(), m).unwrap();
    assert_eq!(got.memberships[0].status, MemberStatus::InGroup);
    assert_eq!(got.memberships[0].history.len(), 1);
}

#[test]
fn a_member_and_its_search_document_commit_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    inject_failure(&s, "search_words_data");
    let before = dump(s.conn());
    // The document is written by the write handle just before the commit; its failure takes
    // the profile with it.
    assert!(s
        .write(|w| members::create(w, &person("Amy"), now()))
        .is_err());
    assert_eq!(dump(s.conn()), before);
    s.conn().execute_batch("DROP TRIGGER inject").unwrap();
    let id = s
        .write(|w| members::create(w, &person("Amy"), now()))
        .unwrap()
        .id;
    let found = groupdesk::members::search::matching(s.conn(), "amy").unwrap();
    assert_eq!(found, Some(vec![id]));
}

#[test]
fn committed_writes_announce_what_they_changed_and_rolled_back_ones_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let seen: Arc<Mutex<Vec<ChangeSet>>> = Arc::default();
    let sink = seen.clone();
    s.bus()
        .listen(move |c| sink.lock().unwrap().push(c.clone()));

    let id = s
        .write(|w| members::create(w, &person("张三"), now()))
        .unwrap()
        .id;
    s.write(|w| members::add_note(w, id, "喜欢跑步", now()))
        .unwrap();
    let bad = MemberInput::default(); // no nickname
    assert!(s.write(|w| members::create(w, &bad, now())).is_err());
    let table = Table::from_rows("UTF-8", vec!["昵称".into()], vec![vec!["李四".into()]]);
    let dry = ImportOptions {
        dry_run: true,
        ..Default::default()
    };
    let report = s
        .write(|w| {
            transfer::import_members(w, &table, &[Some(Target::Nickname)], &dry, now(), &Quiet)
        })
        .unwrap();
    assert!(!report.applied && report.created == 1);

    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.len(),
        2,
        "the failed write and the dry run announced nothing: {seen:?}"
    );
    for c in seen.iter() {
        assert!(c.touches(Area::Members));
        let ids = &c
            .changes
            .iter()
            .find(|x| x.area == Area::Members)
            .unwrap()
            .ids;
        assert_eq!(ids, &vec![id]);
    }
}

/// A session on a real folder, as the window holds it.
fn session_with(members: u32) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path(), now()).unwrap();
    let opts = groupdesk::demo::DemoOptions {
        groups: 3,
        seed: 7,
        members,
        notes: members,
        reminders: 0,
    };
    store
        .write(|w| groupdesk::demo::fill(w, &opts, now(), &Quiet))
        .unwrap();
    let session = Session::new(dir.path().to_path_buf(), Ok(store));
    (dir, session)
}

#[test]
fn a_read_does_not_wait_for_a_write_in_progress() {
    let (_dir, session) = session_with(200);
    let session = Arc::new(session);
    let (started_tx, started) = std::sync::mpsc::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let writer = {
        let session = session.clone();
        std::thread::spawn(move || {
            session
                .write(|w| {
                    members::create(w, &person("写到一半"), now())?;
                    started_tx.send(()).unwrap();
                    released.recv().unwrap();
                    Ok::<_, Failure>(())
                })
                .unwrap();
        })
    };
    started.recv().unwrap();
    let t = Instant::now();
    let n = session
        .read(|c| Ok::<_, Failure>(members::count(c, &MemberFilter::default(), &clock())?))
        .unwrap();
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    assert_eq!(
        n, 200,
        "the reader sees the last committed state, not the write in progress"
    );
    release.send(()).unwrap();
    writer.join().unwrap();
    let n = session
        .read(|c| Ok::<_, Failure>(members::count(c, &MemberFilter::default(), &clock())?))
        .unwrap();
    assert_eq!(n, 201);
}

fn clock() -> members::Clock {
    members::Clock {
        today: now().date_naive(),
        now: now(),
    }
}

fn big_table(rows: usize) -> Table {
    Table::from_rows(
        "UTF-8",
        vec!["昵称".into(), "手机".into(), "备注".into()],
        (0..rows)
            .map(|i| {
                vec![
                    format!("导入成员{i}"),
                    format!("139{i:08}"),
                    format!("第 {i} 行的备注"),
                ]
            })
            .collect(),
    )
}

/// Progress that lets the test watch an import from another thread and cancel it half-way.
struct Watch {
    done: AtomicU64,
    cancel_at: u64,
    cancelled: AtomicBool,
}

impl Progress for Watch {
    fn report(&self, step: Step, done: u64, _total: u64) {
        if step == Step::Writing {
            self.done.store(done, Ordering::SeqCst);
        }
    }
    fn cancelled(&self) -> bool {
        let c = self.done.load(Ordering::SeqCst) >= self.cancel_at;
        if c {
            self.cancelled.store(true, Ordering::SeqCst);
        }
        c
    }
}

#[test]
fn search_answers_while_a_100k_import_writes_and_a_cancelled_import_changes_nothing() {
    const ROWS: usize = 100_000;
    let (_dir, session) = session_with(2_000);
    let session = Arc::new(session);
    let before = session.read(|c| Ok::<_, Failure>(dump(c))).unwrap();
    let watch = Arc::new(Watch {
        done: AtomicU64::new(0),
        cancel_at: ROWS as u64 / 2,
        cancelled: AtomicBool::new(false),
    });
    let importer = {
        let (session, watch) = (session.clone(), watch.clone());
        std::thread::spawn(move || {
            let table = big_table(ROWS);
            let mapping = transfer::guess_columns(&table.headers);
            session.write(|w| {
                Ok::<_, Failure>(transfer::import_members(
                    w,
                    &table,
                    &mapping,
                    &ImportOptions::default(),
                    now(),
                    watch.as_ref(),
                )?)
            })
        })
    };
    // Searches while the import is between its first rows and its cancel.
    let mut during = Vec::new();
    while !importer.is_finished() {
        let done = watch.done.load(Ordering::SeqCst);
        let t = Instant::now();
        let hits = session
            .read(|c| Ok::<_, Failure>(members::search::matching(c, "张")?))
            .unwrap();
        let took = t.elapsed();
        if done > 0 && !watch.cancelled.load(Ordering::SeqCst) {
            during.push((took, hits.map_or(0, |h| h.len())));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let result = importer.join().unwrap();
    assert!(
        matches!(
            result,
            Err(Failure::Transfer(transfer::TransferError::Cancelled(_)))
        ),
        "{result:?}"
    );
    assert!(during.len() >= 3, "searched while importing: {during:?}");
    let slowest = during.iter().map(|d| d.0).max().unwrap();
    assert!(
        slowest < Duration::from_secs(1),
        "a search waited: {slowest:?}"
    );
    assert!(
        during.iter().all(|d| d.1 > 0),
        "the book's members were found meanwhile"
    );
    let after = session.read(|c| Ok::<_, Failure>(dump(c))).unwrap();
    assert!(
        after == before,
        "the cancelled import left the book exactly as it was"
    );
}

#[test]
fn a_cancelled_export_or_backup_leaves_no_file() {
    let (dir, session) = session_with(3_000);
    struct Stop;
    impl Progress for Stop {
        fn report(&self, _: Step, _: u64, _: u64) {}
        fn cancelled(&self) -> bool {
            true
        }
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("成员.xlsx");
    let req = ExportRequest {
        filter: &MemberFilter::default(),
        sort: MemberSort::default(),
        format: ExportFormat::Xlsx,
        path: &out,
        workspace: dir.path(),
        overwrite: false,
    };
    let r =
        session.read(|c| Ok::<_, Failure>(transfer::export_filtered(c, &req, &clock(), &Stop)?));
    assert!(matches!(
        r,
        Err(Failure::Transfer(transfer::TransferError::Cancelled(_)))
    ));
    let left: Vec<_> = std::fs::read_dir(elsewhere.path()).unwrap().collect();
    assert!(left.is_empty(), "no export and no temporary file left");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("groupdesk.sqlite3") && n != "backups")
        .collect();
    assert!(names.is_empty(), "nothing left behind: {names:?}");
    let r = session.read(|c| {
        Ok::<_, Failure>(groupdesk::store::backup::write_from_with(
            c,
            dir.path(),
            &groupdesk::store::backup::BackupKind::Manual,
            now(),
            &Stop,
        )?)
    });
    assert!(r.is_err());
    let backups = groupdesk::store::backup::list(dir.path()).unwrap();
    assert!(
        backups.iter().all(|b| !b.name.starts_with("manual")),
        "{backups:?}"
    );
    let partials = std::fs::read_dir(dir.path().join("backups"))
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("partial")
            })
            .count()
        })
        .unwrap_or(0);
    assert_eq!(partials, 0);
}

#[test]
fn jobs_cancel_by_the_id_the_ui_gave_them() {
    let jobs = groupdesk::session::Jobs::default();
    let seen: Arc<Mutex<Vec<groupdesk::session::JobProgress>>> = Arc::default();
    let sink = seen.clone();
    jobs.set_sink(move |p| sink.lock().unwrap().push(p.clone()));
    let job = jobs.start("job-1");
    job.report(Step::Writing, 0, 10);
    assert!(!job.cancelled());
    assert!(!jobs.cancel("job-2"), "no such job");
    assert!(jobs.cancel("job-1"));
    assert!(job.cancelled());
    drop(job);
    assert!(!jobs.cancel("job-1"), "a finished job is gone");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].job, "job-1");
    assert_eq!((seen[0].done, seen[0].total), (0, 10));
}

#[test]
fn a_saved_filter_that_no_longer_reads_is_none_never_every_member() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let f = MemberFilter {
        query: "张".into(),
        ..Default::default()
    };
    let seg = s
        .write(|w| members::save_segment(w, "张姓", &f, now()))
        .unwrap();
    s.conn()
        .execute(
            "UPDATE segments SET filter = '{\"statuses\": 5}' WHERE id = ?1",
            [seg.id],
        )
        .unwrap();
    let list = members::list_segments(s.conn()).unwrap();
    assert_eq!(list[0].filter, None);
}

#[tokio::test]
async fn the_scheduler_wakes_from_the_change_bus() {
    let (_dir, session) = session_with(10);
    let wake = groupdesk::scheduler::wake_on_changes(&session);
    let member = session
        .read(|c| Ok::<_, Failure>(c.query_row("SELECT min(id) FROM members", [], |r| r.get(0))?))
        .unwrap();
    let plan = groupdesk::reminders::Plan::default_for(chrono_tz::Asia::Shanghai);
    // A change the scheduler does not plan from does not wake it.
    session
        .write(|w| Ok::<_, Failure>(members::add_note(w, member, "随手记", now())?))
        .unwrap();
    assert!(
        tokio::time::timeout(Duration::from_millis(100), wake.notified())
            .await
            .is_err()
    );
    session
        .write(|w| {
            let input = groupdesk::reminders::ReminderInput {
                member_id: member,
                reason: "回访".into(),
                due_date: "2026-12-01".into(),
                due_time: None,
                repeat: None,
            };
            Ok::<_, Failure>(groupdesk::reminders::create(w, &input, &plan, now())?)
        })
        .unwrap();
    tokio::time::timeout(Duration::from_secs(1), wake.notified())
        .await
        .expect("a new follow-up wakes the scheduler");
}

#[test]
fn a_bulk_write_announces_its_area_as_a_whole() {
    let (_dir, session) = session_with(1_200);
    let seen: Arc<Mutex<Vec<ChangeSet>>> = Arc::default();
    let sink = seen.clone();
    session
        .bus()
        .listen(move |c| sink.lock().unwrap().push(c.clone()));
    let n = session
        .write(|w| {
            Ok::<_, Failure>(members::bulk(
                w,
                &members::Selection::Filter {
                    filter: Box::default(),
                },
                &members::BulkAction::Trash,
                &clock(),
            )?)
        })
        .unwrap();
    assert_eq!(n, 1_200);
    let seen = seen.lock().unwrap();
    let change = seen[0]
        .changes
        .iter()
        .find(|c| c.area == Area::Members)
        .unwrap();
    assert!(
        change.ids.is_empty(),
        "more than {} ids: the whole area",
        groupdesk::store::MAX_IDS
    );
}
