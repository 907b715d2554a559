//! The workspace file: opening, pragmas, migrations, refusing newer files, damaged files.
mod common;

use common::{group, now};
use groupdesk::groups;
use groupdesk::store::{self, migrations, Store, StoreError, DB_FILE};
use rusqlite::Connection;

#[test]
fn a_new_folder_becomes_a_workspace_with_the_latest_schema_and_safe_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("nested/ws");
    let store = Store::open_dir(&ws, now()).unwrap();
    assert!(ws.join(DB_FILE).is_file());
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let c = store.conn();
    let mode: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = c
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: bool = c
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
    // A brand-new workspace needs no pre-migration backup.
    assert!(store::backup::list(&ws).unwrap().is_empty());
}

#[test]
fn migrations_are_valid() {
    migrations::migrations().validate().unwrap();
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut s = Store::open_dir(dir.path(), now()).unwrap();
        s.write(|w| groups::create(w, &group("知行读书会共读群1"), now()))
            .unwrap()
            .id
    };
    let s = Store::open_dir(dir.path(), now()).unwrap();
    let g = groups::get(s.conn(), id).unwrap();
    assert_eq!(g.name, "知行读书会共读群1");
    assert_eq!(g.goals.len(), 2);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open_dir(dir.path(), now()).unwrap());
    let path = dir.path().join(DB_FILE);
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", migrations::LATEST + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open_dir(dir.path(), now()) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!(found, migrations::LATEST + 5);
            assert_eq!(supported, migrations::LATEST);
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a newer file was opened"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "file changed");
}

#[test]
fn an_older_file_is_backed_up_then_upgraded_without_loss() {
    // A version-0 file that already holds the user's data in a table we do not know: the
    // upgrade must keep it and take a backup first.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO legacy_notes (body) VALUES ('张三：想买课程');",
        )
        .unwrap();
    }
    let store = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let body: String = store
        .conn()
        .query_row("SELECT body FROM legacy_notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "张三：想买课程");
    let backups = store::backup::list(dir.path()).unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].kind, store::backup::BackupKindTag::PreMigration);
    assert!(backups[0]
        .name
        .starts_with("pre-migration-v0-20261124T080000Z"));
    // The backup holds the pre-upgrade file.
    let copy = Connection::open(dir.path().join("backups").join(&backups[0].name)).unwrap();
    let v: u32 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 0);
}

#[test]
fn a_text_file_is_not_a_database_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let junk = "这不是数据库 — just some notes the user saved here\n".repeat(50);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open_dir(dir.path(), now()).err().expect("must fail");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.is_damage());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), junk);
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists());
}

#[test]
fn a_database_with_a_destroyed_schema_page_is_reported_damaged_and_left_as_is() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = Store::open_dir(dir.path(), now()).unwrap();
        s.write(|w| groups::create(w, &group("群A"), now()))
            .unwrap();
        s.conn()
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
    }
    let path = dir.path().join(DB_FILE);
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header, wreck the rest of page 1 (the schema table).
    for b in bytes.iter_mut().take(4096).skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open_dir(dir.path(), now()).err().expect("must fail");
    assert!(err.is_damage(), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "damaged file was modified"
    );
    let report = store::check::check_dir(dir.path());
    assert!(matches!(
        report.verdict,
        store::check::Verdict::Damaged | store::check::Verdict::Unreadable
    ));
}

#[test]
fn a_truncated_file_is_reported_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DB_FILE), b"SQLite format 3\0").unwrap();
    let err = Store::open_dir(dir.path(), now()).err().expect("must fail");
    assert!(err.is_damage(), "{err}");
}

#[test]
fn check_reports_a_sound_workspace_and_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        store::check::check_dir(dir.path()).verdict,
        store::check::Verdict::Missing
    );
    drop(Store::open_dir(dir.path(), now()).unwrap());
    let r = store::check::check_dir(dir.path());
    assert_eq!(r.verdict, store::check::Verdict::Ok);
    assert_eq!(r.schema_version, Some(migrations::LATEST));
    assert!(r.problems.is_empty());
}

/// A workspace folder whose file an older release wrote: schema `version`, then `rows`.
fn old_workspace(version: usize, rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Connection::open(dir.path().join(DB_FILE)).unwrap();
    migrations::migrations()
        .to_version(&mut c, version)
        .unwrap();
    c.execute_batch(rows).unwrap();
    dir
}

#[test]
fn a_version_1_workspace_with_groups_upgrades_to_the_member_book_without_loss() {
    // A workspace as the first release wrote it: schema version 1, one group.
    let dir = old_workspace(
        1,
        "INSERT INTO groups (name, platform, kind, created_at, updated_at)
         VALUES ('知行读书会共读群1', 'wechat', 'knowledge', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    );
    let mut store = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let g = groupdesk::groups::find_by_name(store.conn(), "知行读书会共读群1")
        .unwrap()
        .expect("the group survived the upgrade");
    let m = store
        .write(|w| {
            groupdesk::members::create(
                w,
                &groupdesk::members::MemberInput {
                    nickname: "张三".into(),
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    let join = groupdesk::members::JoinInput {
        group_id: g,
        joined_on: None,
        category: groupdesk::members::Category::Core,
        role: String::new(),
    };
    store
        .write(|w| groupdesk::members::join(w, m.id, &join, now()))
        .unwrap();
    let backups = store::backup::list(dir.path()).unwrap();
    assert!(
        backups[0].name.starts_with("pre-migration-v1-"),
        "{}",
        backups[0].name
    );
}

#[test]
fn a_version_4_workspace_with_follow_ups_upgrades_and_keeps_counting_open_ones() {
    // Version 4 (the first with follow-ups): a member with two open follow-ups and a done one.
    let dir = old_workspace(
        4,
        "INSERT INTO members (id, nickname, sort_key, created_at, updated_at)
             VALUES (1, '王小雅', 'wangxiaoya', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             INSERT INTO reminders (member_id, reason, due_date, tz, fire_at, done_at, created_at, updated_at) VALUES
               (1, '续费', '2026-11-30', 'Asia/Shanghai', '2026-11-30T01:00:00.000Z', NULL, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'),
               (1, '回访', '2026-12-03', 'Asia/Shanghai', '2026-12-03T01:00:00.000Z', NULL, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'),
               (1, '问候', '2026-11-02', 'Asia/Shanghai', '2026-11-02T01:00:00.000Z', '2026-11-02T02:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');",
    );
    let mut store = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let open = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT open_follow_ups FROM members WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(open(&store), 2);
    let plan = groupdesk::reminders::Plan::default_for(chrono_tz::Asia::Shanghai);
    let first: i64 = store
        .conn()
        .query_row("SELECT min(id) FROM reminders", [], |r| r.get(0))
        .unwrap();
    store
        .write(|w| groupdesk::reminders::complete(w, first, "", &plan, now()))
        .unwrap();
    assert_eq!(open(&store), 1);
    store
        .write(|w| groupdesk::reminders::delete(w, first + 1))
        .unwrap();
    assert_eq!(open(&store), 0);
    let backups = store::backup::list(dir.path()).unwrap();
    assert!(backups[0].name.starts_with("pre-migration-v4-"));
}

#[test]
fn a_version_5_workspace_upgrades_to_plain_checks_that_allow_and_refuse_the_same_values() {
    // Version 5: a member in a group with a handle, a status change and a contact logged.
    let dir = old_workspace(
        5,
        "INSERT INTO groups (id, name, platform, kind, created_at, updated_at)
             VALUES (1, '宝妈群', 'wechat', 'interest', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             INSERT INTO members (id, nickname, sort_key, created_at, updated_at)
             VALUES (1, '王小雅', 'wangxiaoya', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
             INSERT INTO member_handles (member_id, kind, value, value_key, position) VALUES (1, 'wechat', 'wxy', 'wxy', 0);
             INSERT INTO memberships (member_id, group_id, status, category) VALUES (1, 1, 'left', 'paying');
             INSERT INTO status_changes (member_id, group_id, status, reason, at) VALUES (1, 1, 'left', '搬家', '2026-02-01T00:00:00.000Z');
             INSERT INTO interactions (member_id, at, channel, summary) VALUES (1, '2026-03-01T00:00:00.000Z', 'call', '聊续费');",
    );
    let store = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let c = store.conn();
    let one = |sql: &str| -> String { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(one("SELECT kind FROM member_handles"), "wechat");
    assert_eq!(
        one("SELECT status || '/' || category FROM memberships"),
        "left/paying"
    );
    assert_eq!(one("SELECT reason FROM status_changes"), "搬家");
    assert_eq!(one("SELECT summary FROM interactions"), "聊续费");
    assert_eq!(one("PRAGMA integrity_check"), "ok");

    // Every value the old constraints allowed is still allowed, and nothing else.
    let tx = c.unchecked_transaction().unwrap();
    for kind in [
        "wechat", "wecom", "qq", "telegram", "discord", "email", "other",
    ] {
        tx.execute(
            "INSERT INTO member_handles (member_id, kind, value, value_key, position) VALUES (1, ?1, 'x', 'x', 1)",
            [kind],
        )
        .unwrap();
    }
    for channel in ["private_chat", "group_chat", "call", "meeting", "other"] {
        tx.execute(
            "INSERT INTO interactions (member_id, at, channel) VALUES (1, '2026-03-02T00:00:00.000Z', ?1)",
            [channel],
        )
        .unwrap();
    }
    for status in ["in_group", "left", "removed", "blacklisted"] {
        tx.execute(
            "INSERT INTO status_changes (member_id, group_id, status, at) VALUES (1, 1, ?1, '2026-03-02T00:00:00.000Z')",
            [status],
        )
        .unwrap();
        tx.execute("UPDATE memberships SET status = ?1", [status])
            .unwrap();
    }
    for category in ["active", "silent", "contributor", "paying", "admin", "core"] {
        tx.execute("UPDATE memberships SET category = ?1", [category])
            .unwrap();
    }
    let refused = [
        "INSERT INTO member_handles (member_id, kind, value, value_key, position) VALUES (1, 'WeChat', 'x', 'x', 1)",
        "INSERT INTO interactions (member_id, at, channel) VALUES (1, '2026-03-02T00:00:00.000Z', 'email')",
        "INSERT INTO status_changes (member_id, group_id, status, at) VALUES (1, 1, 'gone', '2026-03-02T00:00:00.000Z')",
        "UPDATE memberships SET status = 'active'",
        "UPDATE memberships SET category = NULL",
        "UPDATE memberships SET category = 'vip'",
    ];
    for sql in refused {
        let e = tx.execute(sql, []).unwrap_err().to_string();
        assert!(
            e.contains("CHECK constraint failed") || e.contains("NOT NULL"),
            "{sql}: {e}"
        );
    }
    drop(tx);

    // The point of it: adding a member's rows builds no temporary B-tree any more.
    for sql in [
        "INSERT INTO member_handles (member_id, kind, value, value_key, position) VALUES (1, 'qq', 'x', 'x', 1)",
        "INSERT OR IGNORE INTO memberships (member_id, group_id, status, category) VALUES (1, 1, 'in_group', 'active')",
        "INSERT INTO status_changes (member_id, group_id, status, at) VALUES (1, 1, 'in_group', 'x')",
        "INSERT INTO interactions (member_id, at, channel) VALUES (1, 'x', 'call')",
    ] {
        let mut stmt = c.prepare(&format!("EXPLAIN {sql}")).unwrap();
        let ops: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!ops.iter().any(|o| o == "OpenEphemeral"), "{sql}: {ops:?}");
    }
    let backups = store::backup::list(dir.path()).unwrap();
    assert!(backups[0].name.starts_with("pre-migration-v5-"));
}

#[test]
fn a_version_7_workspace_with_a_calendar_upgrades_and_its_birthdays_stay_solar() {
    // Version 7 (the first with the calendar): a member with a birthday and a planned post.
    let dir = old_workspace(
        7,
        "INSERT INTO groups (id, name, platform, kind, created_at, updated_at)
             VALUES (1, '读书会', 'wechat', 'interest', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
         INSERT INTO members (id, nickname, sort_key, birth_md, birth_year, created_at, updated_at)
             VALUES (1, '王小雅', 'wangxiaoya', '03-05', 1990, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
         INSERT INTO content_items (id, kind, title, planned_date, planned_time, tz, status, created_at, updated_at)
             VALUES (1, 'share', '嘉宾分享', '2026-12-09', '20:00', 'Asia/Shanghai', 'draft', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
         INSERT INTO content_item_groups (item_id, group_id) VALUES (1, 1);",
    );
    let store = Store::open_dir(dir.path(), now()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    let c = store.conn();
    let one = |sql: &str| -> String { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        one("SELECT birth_year || '-' || birth_md || '/' || birth_lunar FROM members"),
        "1990-03-05/0"
    );
    let item = groupdesk::calendar::get_item(c, 1).unwrap();
    assert_eq!(
        (item.input.title.as_str(), item.input.groups.as_slice()),
        ("嘉宾分享", &[1][..])
    );
    assert!(groupdesk::calendar::own_types(c).unwrap().is_empty());
    assert_eq!(one("PRAGMA integrity_check"), "ok");
    let backups = store::backup::list(dir.path()).unwrap();
    assert!(
        backups[0].name.starts_with("pre-migration-v7-"),
        "{}",
        backups[0].name
    );
}
