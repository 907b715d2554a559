//! Importing members from a table, all or nothing. The dry run is the real import inside a
//! transaction that is rolled back, so what it reports is exactly what the import would do.
//!
//! Per row: the mapped cells become a profile (plus join date, category, status and role in
//! the chosen group, tags and a note); every problem is reported with the row number as the
//! spreadsheet shows it (the header is row 1). A row whose phone or handle matches a member
//! already in the book, or an earlier row, is a duplicate: merged (empty fields filled, tags,
//! group and note added; nothing overwritten) or skipped, as the user chooses. Inviters are
//! found by nickname after all rows are in, so a row may name someone further down.
use super::columns::{parse_category, parse_status, Target};
use super::{Table, TransferError};
use crate::dates::parse_date;
use crate::groups::Rule;
use crate::members::{
    self, add_note_in, get, insert_in, search, set_status, text, update_in, validate, Category,
    FieldValue, Handle, JoinInput, MemberError, MemberInput, MemberStatus,
};
use crate::store::bulk::DeferredIndexes;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
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

/// A cell as written, without the apostrophe exports put before `=`, `+`, `-`, `@` (so an
/// export imports back unchanged).
fn cell(row: &[String], col: usize) -> &str {
    let v = row.get(col).map(|s| s.trim()).unwrap_or("");
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => v,
    }
}

struct Parsed {
    input: MemberInput,
    joined_on: Option<String>,
    category: Option<Category>,
    status: Option<MemberStatus>,
    role: String,
    note: String,
    inviter: String,
}

fn split_tags(s: &str) -> Vec<String> {
    s.split([',', '，', '、', ';', '；', '|', ' '])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn parse_row(
    row: &[String],
    rownum: u32,
    headers: &[String],
    mapping: &[Option<Target>],
    problems: &mut Vec<RowProblem>,
) -> Parsed {
    let mut p = Parsed {
        input: MemberInput::default(),
        joined_on: None,
        category: None,
        status: None,
        role: String::new(),
        note: String::new(),
        inviter: String::new(),
    };
    let mut problem = |col: usize, key: &str, value: &str| {
        problems.push(RowProblem {
            row: rownum,
            column: headers.get(col).cloned().unwrap_or_default(),
            key: key.into(),
            value: value.chars().take(100).collect(),
        })
    };
    let mut column_of: HashMap<&'static str, usize> = HashMap::new();
    for (col, target) in mapping.iter().enumerate() {
        let Some(target) = target else { continue };
        // Which column a profile field came from, to name it in a problem.
        let field = match target {
            Target::Nickname => "nickname",
            Target::DisplayName => "display_name",
            Target::RealName => "real_name",
            Target::Region => "region",
            Target::Occupation => "occupation",
            Target::Phone => "phone",
            Target::Source => "source",
            Target::Birthday => "birthday",
            Target::Handle { .. } => "handles",
            Target::Tags => "tags",
            _ => "",
        };
        column_of.entry(field).or_insert(col);
        let v = cell(row, col);
        if v.is_empty() {
            continue;
        }
        let i = &mut p.input;
        match *target {
            Target::Nickname => i.nickname = v.into(),
            Target::DisplayName => i.display_name = v.into(),
            Target::RealName => i.real_name = v.into(),
            Target::Region => i.region = v.into(),
            Target::Occupation => i.occupation = v.into(),
            Target::Phone => i.phone = v.into(),
            Target::Source => i.source = v.into(),
            Target::Birthday => i.birthday = v.into(),
            Target::Handle { handle } => i.handles.push(Handle {
                kind: handle,
                value: v.into(),
            }),
            Target::Field { field_id } => i.fields.push(FieldValue {
                field_id,
                value: v.into(),
            }),
            Target::Tags => i.tags.extend(split_tags(v)),
            Target::InvitedBy => p.inviter = v.into(),
            Target::Note => p.note = v.into(),
            Target::Role => p.role = v.into(),
            Target::JoinedOn => match parse_date(v) {
                Some(d) => p.joined_on = Some(d.to_string()),
                None => problem(col, "import.bad_date", v),
            },
            Target::Category => match parse_category(v) {
                Some(c) => p.category = Some(c),
                None => problem(col, "import.bad_category", v),
            },
            Target::Status => match parse_status(v) {
                Some(s) => p.status = Some(s),
                None => problem(col, "import.bad_status", v),
            },
        }
    }
    for e in validate(&p.input) {
        let top = e.field.split('.').next().unwrap_or("");
        let col = column_of.get(top).copied().unwrap_or(usize::MAX);
        let value = match col {
            usize::MAX => String::new(),
            c => cell(row, c).to_string(),
        };
        let key = match (top, &e.rule) {
            ("nickname", Rule::Required) => "import.no_nickname",
            ("birthday", _) => "import.bad_birthday",
            ("phone", Rule::Invalid) => "import.bad_phone",
            (_, Rule::TooMany { .. }) => "import.too_many",
            _ => "import.too_long",
        };
        problem(col, key, &value);
    }
    p
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

/// The member a row duplicates: same phone or handle as someone live in the book or an
/// earlier row of this file (`seen` holds both).
fn find_duplicate(input: &MemberInput, seen: &HashMap<String, i64>) -> Option<i64> {
    let phone = text::phone_key(&input.phone).map(|p| format!("p:{p}"));
    let handles = input
        .handles
        .iter()
        .map(|h| format!("h:{}", text::handle_key(&h.value)));
    phone
        .into_iter()
        .chain(handles)
        .find_map(|k| seen.get(&k).copied())
}

fn remember(seen: &mut HashMap<String, i64>, input: &MemberInput, id: i64) {
    if let Some(p) = text::phone_key(&input.phone) {
        seen.entry(format!("p:{p}")).or_insert(id);
    }
    for h in &input.handles {
        seen.entry(format!("h:{}", text::handle_key(&h.value)))
            .or_insert(id);
    }
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
    let birthday = match (&m.birth_md, m.birth_year) {
        (Some(md), Some(y)) => format!("{y}-{md}"),
        (Some(md), None) => format!("--{md}"),
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

/// Imports `table` with `mapping` (one entry per column). See the module docs.
pub fn import_members(
    conn: &mut Connection,
    table: &Table,
    mapping: &[Option<Target>],
    opts: &ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, TransferError> {
    if !mapping.contains(&Some(Target::Nickname)) {
        return Err(TransferError::NoNickname);
    }
    if let Some(g) = opts.group_id {
        members::group_exists(conn, g)?;
    }
    let tx = conn.transaction()?;
    let mut report = ImportReport {
        rows: table.rows.len() as u32,
        ..Default::default()
    };
    // Phones and handles already in the book, so duplicate checks stay in memory (one read of
    // two indexes instead of two lookups per row).
    let mut seen = existing_keys(&tx)?;
    let deferred = if bulk(&tx, table.rows.len())? {
        Some(DeferredIndexes::drop(&tx, DEFERRABLE)?)
    } else {
        None
    };
    let mut by_nickname: HashMap<String, i64> = HashMap::new();
    let mut inviters: Vec<(u32, i64, String)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let rownum = i as u32 + 2;
        let before = report.problems.len();
        let p = parse_row(row, rownum, &table.headers, mapping, &mut report.problems);
        if report.problems.len() > before {
            report.skipped_invalid += 1;
            continue;
        }
        let mut fresh = false;
        let id = match find_duplicate(&p.input, &seen) {
            Some(existing) if opts.duplicates == DuplicatePolicy::Skip => {
                // Later rows with this row's phone or handle are the same person too.
                remember(&mut seen, &p.input, existing);
                report.skipped_duplicates += 1;
                report.warnings.push(RowProblem {
                    row: rownum,
                    column: String::new(),
                    key: "import.duplicate_skipped".into(),
                    value: get(&tx, existing)?.nickname,
                });
                continue;
            }
            Some(existing) => {
                let merged = merged_input(&tx, existing, &p.input)?;
                update_in(&tx, existing, &merged, now)?;
                report.merged += 1;
                existing
            }
            None => {
                let id = insert_in(&tx, &p.input, now)?;
                report.created += 1;
                fresh = true;
                by_nickname.entry(p.input.nickname.clone()).or_insert(id);
                id
            }
        };
        remember(&mut seen, &p.input, id);
        if let Some(group_id) = opts.group_id {
            let joined = JoinInput {
                group_id,
                joined_on: p.joined_on.clone(),
                category: p.category.unwrap_or(Category::Active),
                role: p.role.clone(),
            };
            match members::join_checked(&tx, id, &joined, now) {
                Ok(()) | Err(MemberError::AlreadyInGroup(_)) => {}
                Err(e) => return Err(e.into()),
            }
            if let Some(status) = p.status.filter(|s| *s != MemberStatus::InGroup) {
                set_status(&tx, id, group_id, status, "导入 / import", now)?;
            }
        }
        if !p.note.is_empty() {
            add_note_in(&tx, id, &p.note, now)?;
        }
        if !p.inviter.is_empty() {
            inviters.push((rownum, id, p.inviter.clone()));
        }
        if fresh {
            let i = &p.input;
            let doc = search::DocSource {
                names: [&i.nickname, &i.display_name, &i.real_name],
                plain: [&i.region, &i.occupation, &i.source],
                phone: &i.phone,
                handles: i.handles.iter().map(|h| h.value.clone()).collect(),
                texts: i
                    .fields
                    .iter()
                    .map(|f| f.value.clone())
                    .chain((!p.note.is_empty()).then(|| p.note.clone()))
                    .collect(),
            };
            search::write_doc(&tx, id, &doc)?;
        } else {
            search::reindex(&tx, id)?;
        }
    }
    // Names not in the file are looked up among everyone else, read once (there is no
    // nickname index, and a lookup per row would scan the book each time).
    let mut in_book: Option<HashMap<String, i64>> = None;
    for (rownum, id, name) in inviters {
        let inviter = match by_nickname.get(&name) {
            Some(i) => Some(*i),
            None => {
                if in_book.is_none() {
                    in_book = Some(live_nicknames(&tx)?);
                }
                in_book.as_ref().and_then(|m| m.get(&name).copied())
            }
        };
        match inviter {
            Some(inv) if inv != id && !members::is_invited_by(&tx, inv, id)? => {
                tx.prepare_cached("UPDATE members SET invited_by = ?2 WHERE id = ?1")?
                    .execute(params![id, inv])?;
            }
            _ => report.warnings.push(RowProblem {
                row: rownum,
                column: String::new(),
                key: "import.inviter_not_found".into(),
                value: name,
            }),
        }
    }
    let blocked = !report.problems.is_empty() && !opts.skip_invalid;
    if opts.dry_run || blocked {
        tx.rollback()?;
    } else {
        if let Some(d) = deferred {
            d.rebuild(&tx)?;
        }
        tx.commit()?;
        // Committed: statistics are best effort and must not turn a done import into an error.
        let _ = crate::store::optimize(conn);
        report.applied = true;
    }
    if !opts.skip_invalid {
        report.skipped_invalid = 0;
    }
    Ok(report)
}
