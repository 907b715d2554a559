//! The command line as a shell user meets it: exit codes, messages, and a backup taken while
//! another connection is writing.
use std::path::Path;
use std::process::{Command, Output};

fn groupdesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_groupdesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("GROUPDESK_DATA_DIR")
        .output()
        .expect("run groupdesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let o = groupdesk(dir.path(), &["--help"]);
    assert!(o.status.success());
    for word in ["check", "backup", "demo", "--data-dir"] {
        assert!(stdout(&o).contains(word), "help lacks {word}");
    }
    let o = groupdesk(dir.path(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_says_plainly_what_it_found() {
    let dir = tempfile::tempdir().unwrap();
    let o = groupdesk(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no workspace"), "{}", stdout(&o));
    assert!(
        !dir.path().join("groupdesk.sqlite3").exists(),
        "check must not create a file"
    );

    let o = groupdesk(dir.path(), &["demo", "--groups", "30"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("Added 30 demo groups"));
    let o = groupdesk(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "Schema:    version {}",
            groupdesk::store::migrations::LATEST
        )),
        "{out}"
    );
    assert!(out.contains("OK: the workspace is sound."), "{out}");

    std::fs::write(
        dir.path().join("groupdesk.sqlite3"),
        "hello, not a database".repeat(10),
    )
    .unwrap();
    let _ = std::fs::remove_file(dir.path().join("groupdesk.sqlite3-wal"));
    let o = groupdesk(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("NOT OK"), "{}", stdout(&o));
}

#[test]
fn backup_is_consistent_while_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    assert!(groupdesk(dir.path(), &["demo", "--groups", "10"])
        .status
        .success());
    // Another process (here: connection) is in the middle of a write transaction.
    let writer = rusqlite::Connection::open(dir.path().join("groupdesk.sqlite3")).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM group_goals;")
        .unwrap();

    let dest = dir.path().join("copy.sqlite3");
    let o = groupdesk(dir.path(), &["backup", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).starts_with("Backup written: "));
    writer.execute_batch("COMMIT").unwrap();

    // The copy holds the last committed state: the uncommitted delete is not in it.
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let goals: i64 = copy
        .query_row("SELECT count(*) FROM group_goals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(goals, 30);
    // It never overwrites an existing file.
    let o = groupdesk(dir.path(), &["backup", dest.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    // With no FILE it goes to the workspace's backups folder.
    let o = groupdesk(dir.path(), &["backup"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("backups/manual-"), "{}", stdout(&o));
}
