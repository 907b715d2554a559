//! Backups: consistent copies, daily rotation, restore in place (undoable), and recovering a
//! workspace whose file was damaged without losing the damaged file.
mod common;

use chrono::Duration;
use common::{at, group, now};
use groupdesk::groups::{self, GroupView};
use groupdesk::store::backup::{self, BackupKind, BackupKindTag};
use groupdesk::store::{Store, DB_FILE};

fn three_days() -> backup::Tiers {
    backup::Tiers {
        daily: 3,
        weekly: 0,
        monthly: 0,
    }
}

#[test]
fn a_daily_backup_is_taken_once_a_day_and_only_the_newest_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    s.write(|w| groups::create(w, &group("群A"), now()))
        .unwrap();

    let t0 = at(2026, 11, 1, 9);
    assert!(
        backup::auto_backup_if_due(s.conn(), s.dir(), t0, three_days())
            .unwrap()
            .is_some()
    );
    // Twelve hours later: not due yet.
    assert!(
        backup::auto_backup_if_due(s.conn(), s.dir(), t0 + Duration::hours(12), three_days())
            .unwrap()
            .is_none()
    );
    for day in 1..=5 {
        assert!(backup::auto_backup_if_due(
            s.conn(),
            s.dir(),
            t0 + Duration::days(day),
            three_days()
        )
        .unwrap()
        .is_some());
    }
    let autos: Vec<_> = backup::list(dir.path())
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKindTag::Auto)
        .collect();
    assert_eq!(autos.len(), 3, "rotation keeps 3");
    assert!(
        autos[0].name.starts_with("auto-20261106T090000Z"),
        "{}",
        autos[0].name
    );
    assert!(autos[2].name.starts_with("auto-20261104T090000Z"));
    // Manual copies are never rotated away.
    backup::write_from(s.conn(), dir.path(), &BackupKind::Manual, t0).unwrap();
    backup::auto_backup_if_due(s.conn(), s.dir(), t0 + Duration::days(9), three_days()).unwrap();
    assert!(backup::list(dir.path())
        .unwrap()
        .iter()
        .any(|b| b.kind == BackupKindTag::Manual));
    assert_eq!(
        backup::next_auto_due(dir.path(), t0 + Duration::days(9)),
        t0 + Duration::days(10)
    );
}

#[test]
fn a_backup_is_a_consistent_openable_copy_taken_while_the_workspace_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    for i in 0..20 {
        s.write(|w| groups::create(w, &group(&format!("群{i}")), now()))
            .unwrap();
    }
    // The writer keeps its connection open (WAL not checkpointed) while we copy.
    let path = backup::write_from(s.conn(), dir.path(), &BackupKind::Manual, now()).unwrap();
    assert!(!path.with_extension("sqlite3.partial").exists());
    let copy = Store::open_dir(&tempdir_with(&path), now()).unwrap();
    assert_eq!(
        groups::list(copy.conn(), GroupView::Active).unwrap().len(),
        20
    );
}

fn tempdir_with(file: &std::path::Path) -> std::path::PathBuf {
    let d = tempfile::tempdir().unwrap().keep();
    std::fs::copy(file, d.join(DB_FILE)).unwrap();
    d
}

#[test]
fn restore_replaces_the_data_and_keeps_a_pre_restore_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    s.write(|w| groups::create(w, &group("留下的群"), now()))
        .unwrap();
    let b = backup::write_from(s.conn(), dir.path(), &BackupKind::Manual, now()).unwrap();
    let name = b.file_name().unwrap().to_string_lossy().into_owned();
    s.write(|w| groups::create(w, &group("后来加的群"), now()))
        .unwrap();

    let safety = backup::restore(&mut s, &name, now() + Duration::minutes(5)).unwrap();
    let names: Vec<_> = groups::list(s.conn(), GroupView::Active)
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, vec!["留下的群"]);
    // The state before the restore can itself be restored.
    let safety_name = safety.file_name().unwrap().to_string_lossy().into_owned();
    assert!(safety_name.starts_with("pre-restore-"));
    backup::restore(&mut s, &safety_name, now() + Duration::minutes(6)).unwrap();
    assert_eq!(groups::list(s.conn(), GroupView::Active).unwrap().len(), 2);
    // And the data is really in the file, not just this connection.
    drop(s);
    let s = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(groups::list(s.conn(), GroupView::Active).unwrap().len(), 2);
}

#[test]
fn restore_refuses_names_outside_the_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    for bad in [
        "../groupdesk.sqlite3",
        "/etc/passwd",
        "manual-x.sqlite3",
        "auto-20261124T080000Z.sqlite3",
    ] {
        assert!(
            backup::restore(&mut s, bad, now()).is_err(),
            "{bad} accepted"
        );
    }
}

#[test]
fn a_damaged_workspace_is_recovered_from_a_backup_and_the_damaged_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let name = {
        let mut s = Store::open_dir(dir.path(), now()).unwrap();
        s.write(|w| groups::create(w, &group("珍贵的群"), now()))
            .unwrap();
        let p = backup::write_from(s.conn(), dir.path(), &BackupKind::Auto, now()).unwrap();
        p.file_name().unwrap().to_string_lossy().into_owned()
    };
    let junk = b"not a database at all, but the user's bytes".repeat(10);
    std::fs::write(dir.path().join(DB_FILE), &junk).unwrap();
    let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}-wal")));
    assert!(Store::open_dir(dir.path(), now()).is_err());

    let later = now() + Duration::hours(1);
    let s = backup::recover_from_backup(dir.path(), &name, later).unwrap();
    assert_eq!(
        groups::list(s.conn(), GroupView::Active).unwrap()[0].name,
        "珍贵的群"
    );
    let kept = dir
        .path()
        .join("groupdesk.damaged-20261124T090000Z.sqlite3");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        junk,
        "damaged file must be kept as it was"
    );
}

#[test]
fn starting_afresh_sets_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DB_FILE), b"garbage".repeat(40)).unwrap();
    let aside = backup::set_aside_damaged(dir.path(), now()).unwrap();
    assert!(aside.exists());
    let s = Store::open_dir(dir.path(), now()).unwrap();
    assert!(groups::list(s.conn(), GroupView::Active)
        .unwrap()
        .is_empty());
}
