//! Importing members from a table, all or nothing. The dry run is the real import inside a
//! transaction that is rolled back, so what it reports is exactly what the import would do.
//!
//! Per row: the mapped cells become a profile (plus join date, category, status and role in
//! the chosen group, tags and a note); every problem is reported with the row number as the
//! spreadsheet shows it (the header is row 1). A row whose phone or handle matches a member
//! already in the book, or an earlier row, is a duplicate: merged (empty fields filled, tags,
//! group and note added; nothing overwritten) or skipped, as the user chooses. Inviters are
//! found by nickname after all rows are in, so a row may name someone further down.
//!
//! Rows are parsed, checked and tokenised on a second thread ([`super::import_row`]) while
//! this one writes them in file order.
use super::columns::Target;
use super::import_row::{prepare, Ready};
use super::{Table, TransferError};
use crate::dates::to_db;
use crate::members::stored;
use crate::members::{
    self, add_note_in, get, search, set_status, text, Category, JoinInput, MemberError,
    MemberInput, MemberStatus,
};
use crate::progress::{Progress, Step};
use crate::store::bulk::DeferredIndexes;
use crate::store::Write;
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    #[default]
    Merge,
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(default)]
pub struct ImportOptions {
    /// Add everyone to this group (join date, category and status columns apply to it).
    pub group_id: Option<i64>,
    pub duplicates: DuplicatePolicy,
    /// Import the good rows and leave out the bad ones (otherwise any bad row stops it all).
    pub skip_invalid: bool,
    /// Check everything and change nothing.
    pub dry_run: bool,
}

/// A problem with one row: `key` names the sentence in the UI catalogue (`import.bad_date`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    /// As the spreadsheet numbers it: the header is row 1.
    pub row: u32,
    pub column: String,
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct ImportReport {
    pub rows: u32,
    pub created: u32,
    pub merged: u32,
    pub skipped_duplicates: u32,
    pub skipped_invalid: u32,
    /// Rows that stop the import (or are left out with `skip_invalid`).
    pub problems: Vec<RowProblem>,
    /// Things done differently than the file says (an inviter not found…); not blocking.
    pub warnings: Vec<RowProblem>,
    /// Whether the workspace was changed.
    pub applied: bool,
}

/// `p:<phone>` and `h:<handle>` of every live member, mapped to the member.
fn existing_keys(conn: &Connection) -> rusqlite::Result<HashMap<String, i64>> {
    let mut keys = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT 'p:' || phone_key, id FROM members WHERE phone_key IS NOT NULL AND deleted_at IS NULL
         UNION ALL
         SELECT 'h:' || h.value_key, h.member_id FROM member_handles h
           JOIN members m ON m.id = h.member_id WHERE m.deleted_at IS NULL",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, id) = row?;
        keys.entry(k).or_insert(id);
    }
    Ok(keys)
}

/// Every live member's nickname, mapped to the oldest member who has it.
fn live_nicknames(conn: &Connection) -> rusqlite::Result<HashMap<String, i64>> {
    let mut names = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT nickname, id FROM members WHERE deleted_at IS NULL ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (name, id) = row?;
        names.entry(name).or_insert(id);
    }
    Ok(names)
}

/// The member a row duplicates: same phone or handle (its `keys`) as someone live in the
/// book or an earlier row of this file (`seen` holds both).
fn find_duplicate(keys: &[String], seen: &HashMap<String, i64>) -> Option<i64> {
    keys.iter().find_map(|k| seen.get(k).copied())
}

fn remember(seen: &mut HashMap<String, i64>, keys: &[String], id: i64) {
    for k in keys {
        if !seen.contains_key(k) {
            seen.insert(k.clone(), id);
        }
    }
}

/// Rows per message from the preparing thread to the writing one.
const CHUNK: usize = 256;

/// The ids of tag names, from `cache` or the book (creating new tags); one lookup per name
/// per import instead of one per row.
fn tag_ids(
    conn: &Write,
    names: &[String],
    cache: &mut HashMap<String, i64>,
) -> Result<Vec<i64>, MemberError> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = match cache.get(name) {
            Some(id) => *id,
            None => {
                let id = members::ensure_tags(conn, std::slice::from_ref(name))?[0];
                cache.insert(name.clone(), id);
                id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Every custom field the mapping fills must exist (checked once, not per row).
fn check_fields(conn: &Connection, mapping: &[Option<Target>]) -> Result<(), TransferError> {
    for target in mapping.iter().flatten() {
        if let Target::Field { field_id } = target {
            if !members::field_exists(conn, *field_id)? {
                return Err(MemberError::Invalid(vec![FieldError {
                    field: format!("fields.{field_id}"),
                    rule: Rule::Unknown,
                }])
                .into());
            }
        }
    }
    Ok(())
}

/// Fills what the existing member lacks from the row; never overwrites.
fn merged_input(conn: &Connection, id: i64, row: &MemberInput) -> Result<MemberInput, MemberError> {
    let m = get(conn, id)?;
    let pick = |old: &str, new: &str| {
        if old.is_empty() {
            new.to_string()
        } else {
            old.to_string()
        }
    };
    let mut handles = m.handles.clone();
    for h in &row.handles {
        let k = text::handle_key(&h.value);
        if !handles
            .iter()
            .any(|o| o.kind == h.kind && text::handle_key(&o.value) == k)
        {
            handles.push(h.clone());
        }
    }
    let mut fields = m.fields.clone();
    for f in &row.fields {
        if !fields.iter().any(|o| o.field_id == f.field_id) {
            fields.push(f.clone());
        }
    }
    let mut tags: Vec<String> = m.tags.iter().map(|t| t.name.clone()).collect();
    tags.extend(row.tags.iter().cloned());
    let birthday = match (&m.birth_md, m.birth_lunar) {
        (Some(md), 0) if m.birth_year.is_none() => format!("--{md}"),
        (Some(_), _) => {
            crate::members::birthday_text(m.birth_md.as_deref(), m.birth_year, m.birth_lunar)
        }
        _ => row.birthday.clone(),
    };
    Ok(MemberInput {
        nickname: m.nickname.clone(),
        display_name: pick(&m.display_name, &row.display_name),
        real_name: pick(&m.real_name, &row.real_name),
        region: pick(&m.region, &row.region),
        occupation: pick(&m.occupation, &row.occupation),
        phone: pick(&m.phone, &row.phone),
        source: pick(&m.source, &row.source),
        invited_by: m.invited_by.as_ref().map(|r| r.id),
        birthday,
        handles: handles
            .into_iter()
            .take(members::MAX_HANDLES as usize)
            .collect(),
        fields,
        tags,
    })
}

/// Indexes the import never reads through, set aside during a large import (store/bulk.rs).
/// Kept: unique ones, and those the duplicate merge reads (a member's handles, notes,
/// memberships, tags and invitees).
const DEFERRABLE: &[&str] = &[
    "members_by_sort",
    "members_by_created",
    "members_by_contact",
    "members_by_birthday",
    "members_by_phone",
    "members_by_source",
    "members_by_quiet",
    "members_uncared",
    "member_handles_by_key",
    "member_tags_by_tag",
    "memberships_by_group",
    "memberships_by_points",
    "memberships_by_joined",
    "memberships_by_status",
    "memberships_by_category",
    "memberships_spotlight",
    "status_changes_by_membership",
    "status_changes_joins",
    "memberships_by_group_joined",
];

/// Whether `rows` new rows are enough to rebuild the indexes rather than update them: a
/// rebuild reads the whole table, so it pays when the file is large and not tiny next to the
/// book (measured in bench/members.rs).
fn bulk(conn: &Connection, rows: usize) -> rusqlite::Result<bool> {
    if rows < BULK_MIN_ROWS {
        return Ok(false);
    }
    let members: i64 = conn.query_row("SELECT count(*) FROM members", [], |r| r.get(0))?;
    Ok(rows as i64 * 2 >= members)
}

const BULK_MIN_ROWS: usize = 5_000;

/// The writing side of an import: one prepared row at a time, inside the import's
/// transaction.
struct Writer<'a> {
    tx: &'a Write<'a>,
    opts: &'a ImportOptions,
    now: DateTime<Utc>,
    ts: String,
    report: &'a mut ImportReport,
    /// Duplicate keys of the book and of the rows written so far.
    seen: HashMap<String, i64>,
    /// The first new member of each nickname, for inviters named in the file.
    by_nickname: HashMap<String, i64>,
    /// (row, member, inviter's name), resolved once every row is in.
    inviters: Vec<(u32, i64, String)>,
    tag_cache: HashMap<String, i64>,
}

impl Writer<'_> {
    fn write(&mut self, r: &Ready) -> Result<(), TransferError> {
        let Ready {
            rownum,
            parsed: p,
            problems,
            stored,
        } = r;
        let Some((rows, keys, doc)) = stored else {
            self.report.problems.extend(problems.iter().cloned());
            self.report.skipped_invalid += 1;
            return Ok(());
        };
        let (tx, now, rownum) = (self.tx, self.now, *rownum);
        let mut fresh = false;
        let id = match find_duplicate(keys, &self.seen) {
            Some(existing) if self.opts.duplicates == DuplicatePolicy::Skip => {
                // Later rows with this row's phone or handle are the same person too.
                remember(&mut self.seen, keys, existing);
                self.report.skipped_duplicates += 1;
                self.report.warnings.push(RowProblem {
                    row: rownum,
                    column: String::new(),
                    key: "import.duplicate_skipped".into(),
                    value: get(tx, existing)?.nickname,
                });
                return Ok(());
            }
            Some(existing) => {
                let merged = merged_input(tx, existing, &p.input)?;
                members::update(tx, existing, &merged, now)?;
                self.report.merged += 1;
                existing
            }
            None => {
                let tags = tag_ids(tx, &rows.tags, &mut self.tag_cache)?;
                let id = stored::insert(tx, rows, &tags, &self.ts)?;
                self.report.created += 1;
                fresh = true;
                self.by_nickname
                    .entry(p.input.nickname.clone())
                    .or_insert(id);
                id
            }
        };
        remember(&mut self.seen, keys, id);
        if let Some(group_id) = self.opts.group_id {
            let joined = JoinInput {
                group_id,
                joined_on: p.joined_on.clone(),
                category: p.category.unwrap_or(Category::Active),
                role: p.role.clone(),
            };
            match members::join_checked(tx, id, &joined, now) {
                Ok(()) | Err(MemberError::AlreadyInGroup(_)) => {}
                Err(e) => return Err(e.into()),
            }
            if let Some(status) = p.status.filter(|s| *s != MemberStatus::InGroup) {
                set_status(tx, id, group_id, status, "导入 / import", now)?;
            }
        }
        if !p.note.is_empty() {
            add_note_in(tx, id, &p.note, now)?;
        }
        if !p.inviter.is_empty() {
            self.inviters.push((rownum, id, p.inviter.clone()));
        }
        if fresh {
            // Written from the tokens prepared on the other thread; a merged member's
            // document is rebuilt by the write handle before the commit.
            doc.insert(tx, id)?;
            search::indexed(tx, id);
        }
        Ok(())
    }
}

/// Imports `table` with `mapping` (one entry per column). See the module docs.
///
/// A dry run, or a run stopped by a bad row, is rolled back through [`Write::discard`]; a
/// cancelled one returns [`TransferError::Cancelled`] and rolls back with the write.
pub fn import_members(
    tx: &Write,
    table: &Table,
    mapping: &[Option<Target>],
    opts: &ImportOptions,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<ImportReport, TransferError> {
    let conn: &Connection = tx;
    if !mapping.contains(&Some(Target::Nickname)) {
        return Err(TransferError::NoNickname);
    }
    if let Some(g) = opts.group_id {
        members::group_exists(conn, g)?;
    }
    check_fields(conn, mapping)?;
    let total = table.rows.len() as u64;
    progress.report(Step::Writing, 0, total);
    let mut report = ImportReport {
        rows: table.rows.len() as u32,
        warnings: table.notes.clone(),
        ..Default::default()
    };
    // Phones and handles already in the book, so duplicate checks stay in memory (one read of
    // two indexes instead of two lookups per row).
    let seen = existing_keys(tx)?;
    let deferred = if bulk(tx, table.rows.len())? {
        Some(DeferredIndexes::drop(tx, DEFERRABLE)?)
    } else {
        None
    };
    let mut w = Writer {
        tx,
        opts,
        now,
        ts: to_db(now),
        report: &mut report,
        seen,
        by_nickname: HashMap::new(),
        inviters: Vec::new(),
        tag_cache: HashMap::new(),
    };
    // Parsing, checking and tokenising (a fifth of the work) run on a second thread, a chunk
    // of rows ahead of this one, which only writes; rows arrive in file order. Written chunks
    // go back to be freed on the thread that allocated them: freed here, every free took the
    // other thread's allocator lock, and writing got a third slower than on one thread.
    std::thread::scope(|scope| -> Result<(), TransferError> {
        let (send, ready) = std::sync::mpsc::sync_channel::<Vec<Ready>>(4);
        let (give_back, written) = std::sync::mpsc::channel::<Vec<Ready>>();
        scope.spawn(move || {
            for chunk in table.rows.chunks(CHUNK) {
                while let Ok(done) = written.try_recv() {
                    drop(done);
                }
                let rows = chunk
                    .iter()
                    .map(|row| prepare(row, row.number, &table.headers, mapping));
                // A closed channel: the writer stopped on an error.
                if send.send(rows.collect()).is_err() {
                    return;
                }
            }
        });
        let mut done = 0u64;
        for chunk in ready {
            progress.check()?;
            for r in &chunk {
                w.write(r)?;
            }
            done += chunk.len() as u64;
            progress.report(Step::Writing, done, total);
            let _ = give_back.send(chunk);
        }
        Ok(())
    })?;
    let Writer {
        by_nickname,
        inviters,
        ..
    } = w;
    // Names not in the file are looked up among everyone else, read once (there is no
    // nickname index, and a lookup per row would scan the book each time).
    let mut in_book: Option<HashMap<String, i64>> = None;
    for (rownum, id, name) in inviters {
        let inviter = match by_nickname.get(&name) {
            Some(i) => Some(*i),
            None => {
                if in_book.is_none() {
                    in_book = Some(live_nicknames(tx)?);
                }
                in_book.as_ref().and_then(|m| m.get(&name).copied())
            }
        };
        let set = match inviter {
            Some(inv) => members::set_inviter(tx, id, inv)?,
            None => false,
        };
        if !set {
            report.warnings.push(RowProblem {
                row: rownum,
                column: String::new(),
                key: "import.inviter_not_found".into(),
                value: name,
            });
        }
    }
    progress.check()?;
    let blocked = !report.problems.is_empty() && !opts.skip_invalid;
    if opts.dry_run || blocked {
        tx.discard();
    } else {
        if let Some(d) = deferred {
            progress.report(Step::Indexing, 0, 1);
            d.rebuild(tx)?;
            progress.report(Step::Indexing, 1, 1);
        }
        // Statistics for the new sizes once committed (best effort).
        tx.optimize_after();
        report.applied = true;
    }
    if !opts.skip_invalid {
        report.skipped_invalid = 0;
    }
    Ok(report)
}
