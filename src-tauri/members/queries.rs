//! Creating, reading, editing, trashing and restoring member profiles, and the user-defined
//! fields they carry. Every write marks the member's search document stale, and the write
//! handle rebuilds it before the transaction commits ([`search::touched`]).
use super::memberships::memberships_of;
use super::stored::{self, ProfileRows};
use super::tags::{ensure_tags, tags_of};
use super::{
    found, search, validate, FieldValue, Handle, Member, MemberError, MemberInput, MemberRef,
    Result,
};
use crate::dates::to_db;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every problem with `input` (for member `id` when editing), including the ones that need
/// the database (an inviter that does not exist or would make a loop).
pub fn check(conn: &Connection, input: &MemberInput, id: Option<i64>) -> Result<Vec<FieldError>> {
    let mut errs = validate(input);
    if let Some(inviter) = input.invited_by {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1 AND deleted_at IS NULL)",
            [inviter],
            |r| r.get(0),
        )?;
        let loops = match id {
            Some(id) => inviter == id || super::referrals::is_invited_by(conn, inviter, id)?,
            None => false,
        };
        if !exists {
            errs.push(FieldError {
                field: "invited_by".into(),
                rule: Rule::Unknown,
            });
        } else if loops {
            errs.push(FieldError {
                field: "invited_by".into(),
                rule: Rule::Invalid,
            });
        }
    }
    for f in &input.fields {
        if !field_exists(conn, f.field_id)? {
            errs.push(FieldError {
                field: format!("fields.{}", f.field_id),
                rule: Rule::Unknown,
            });
        }
    }
    Ok(errs)
}

fn ensure_valid(conn: &Connection, input: &MemberInput, id: Option<i64>) -> Result<()> {
    let errs = check(conn, input, id)?;
    if errs.is_empty() {
        Ok(())
    } else {
        Err(MemberError::Invalid(errs))
    }
}

/// Whether the user-defined field `id` exists.
pub fn field_exists(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM custom_fields WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))
}

/// Creates a member (profile, handles, fields, tags); its search document is written when the
/// write commits.
pub fn create(w: &Write, input: &MemberInput, now: DateTime<Utc>) -> Result<Member> {
    let id = create_id(w, input, now)?;
    get(w, id)
}

/// [`create`], returning only the new id (bulk writes that do not need the member back).
pub fn create_id(w: &Write, input: &MemberInput, now: DateTime<Utc>) -> Result<i64> {
    ensure_valid(w, input, None)?;
    let rows = ProfileRows::new(input);
    let tags = ensure_tags(w, &rows.tags)?;
    let id = stored::insert(w, &rows, &tags, &to_db(now))?;
    search::created(w, id);
    Ok(id)
}

/// Replaces the profile of member `id` (memberships, notes and points are kept).
pub fn update(w: &Write, id: i64, input: &MemberInput, now: DateTime<Utc>) -> Result<Member> {
    ensure_exists(w, id)?;
    ensure_valid(w, input, Some(id))?;
    let rows = ProfileRows::new(input);
    let tags = ensure_tags(w, &rows.tags)?;
    stored::update(w, id, &rows, &tags, &to_db(now))?;
    search::touched(w, id);
    get(w, id)
}

pub(crate) fn ensure_exists(conn: &Connection, id: i64) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(MemberError::NotFound(id))
    }
}

/// One member with handles, fields, tags and memberships.
pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    let mut member = found(
        conn.prepare_cached(
            "SELECT m.id, m.nickname, m.display_name, m.real_name, m.region, m.occupation,
                    m.phone, m.source, m.invited_by, i.nickname, m.birth_md, m.birth_year,
                    m.last_contact_at, m.created_at, m.updated_at, m.deleted_at,
                    (SELECT count(*) FROM members c WHERE c.invited_by = m.id AND c.deleted_at IS NULL),
                    m.birth_lunar
             FROM members m LEFT JOIN members i ON i.id = m.invited_by
             WHERE m.id = ?1",
        )?
        .query_row([id], |r| {
            let inviter: Option<i64> = r.get(8)?;
            Ok(Member {
                id: r.get(0)?,
                nickname: r.get(1)?,
                display_name: r.get(2)?,
                real_name: r.get(3)?,
                region: r.get(4)?,
                occupation: r.get(5)?,
                phone: r.get(6)?,
                source: r.get(7)?,
                invited_by: match inviter {
                    Some(id) => Some(MemberRef { id, nickname: r.get(9)? }),
                    None => None,
                },
                birth_md: r.get(10)?,
                birth_year: r.get(11)?,
                birth_lunar: r.get(17)?,
                last_contact_at: r.get(12)?,
                created_at: r.get(13)?,
                updated_at: r.get(14)?,
                deleted_at: r.get(15)?,
                invitee_count: r.get(16)?,
                handles: Vec::new(),
                fields: Vec::new(),
                tags: Vec::new(),
                memberships: Vec::new(),
            })
        }),
        MemberError::NotFound(id),
    )?;
    member.handles = conn
        .prepare_cached(
            "SELECT kind, value FROM member_handles WHERE member_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Handle {
                kind: r.get(0)?,
                value: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    member.fields = conn
        .prepare_cached(
            "SELECT v.field_id, v.value FROM member_field_values v
             JOIN custom_fields f ON f.id = v.field_id
             WHERE v.member_id = ?1 ORDER BY f.position",
        )?
        .query_map([id], |r| {
            Ok(FieldValue {
                field_id: r.get(0)?,
                value: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    member.tags = tags_of(conn, id)?;
    member.memberships = memberships_of(conn, id)?;
    Ok(member)
}

/// Moves members to the trash (their notes, memberships and points stay with them).
pub fn trash(tx: &Write, ids: &[i64], now: DateTime<Utc>) -> Result<usize> {
    let mut n = 0;
    for &id in ids {
        ensure_exists(tx, id)?;
        n += tx
            .prepare_cached(
                "UPDATE members SET deleted_at = ?2, updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .execute(params![id, to_db(now)])?;
    }
    tx.changed(Area::Members, ids.iter().copied());
    Ok(n)
}

/// Takes members out of the trash.
pub fn restore(tx: &Write, ids: &[i64], now: DateTime<Utc>) -> Result<usize> {
    let mut n = 0;
    for &id in ids {
        ensure_exists(tx, id)?;
        n += tx
            .prepare_cached(
                "UPDATE members SET deleted_at = NULL, updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NOT NULL",
            )?
            .execute(params![id, to_db(now)])?;
    }
    tx.changed(Area::Members, ids.iter().copied());
    Ok(n)
}

/// Deletes a member in the trash for good, with everything attached to them.
pub fn purge(tx: &Write, id: i64) -> Result<()> {
    let deleted: Option<Option<String>> = tx
        .query_row("SELECT deleted_at FROM members WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match deleted {
        None => return Err(MemberError::NotFound(id)),
        Some(None) => return Err(MemberError::NotInTrash(id)),
        Some(Some(_)) => {}
    }
    search::remove(tx, id)?;
    tx.execute("DELETE FROM members WHERE id = ?1", [id])?;
    tx.changed(Area::Members, [id]);
    Ok(())
}

/// Deletes every member in the trash for good; returns how many.
pub fn empty_trash(tx: &Write) -> Result<usize> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM members WHERE deleted_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        search::remove(tx, id)?;
    }
    tx.execute("DELETE FROM members WHERE deleted_at IS NOT NULL", [])?;
    tx.changed(Area::Members, ids.iter().copied());
    Ok(ids.len())
}

/// A user-defined member field ("会员卡号").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomField {
    pub id: i64,
    pub name: String,
}

pub fn list_fields(conn: &Connection) -> Result<Vec<CustomField>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM custom_fields ORDER BY position, id")?
        .query_map([], |r| {
            Ok(CustomField {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn field_name_errors(name: &str) -> Vec<FieldError> {
    let n = name.trim();
    let rule = if n.is_empty() {
        Rule::Required
    } else if n.chars().count() > 40 {
        Rule::TooLong { max: 40 }
    } else {
        return Vec::new();
    };
    vec![FieldError {
        field: "name".into(),
        rule,
    }]
}

pub fn create_field(conn: &Write, name: &str) -> Result<CustomField> {
    let errs = field_name_errors(name);
    if !errs.is_empty() {
        return Err(MemberError::Invalid(errs));
    }
    let name = name.trim();
    let r = conn.execute(
        "INSERT INTO custom_fields (name, position)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM custom_fields))",
        [name],
    );
    match r {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(MemberError::FieldTaken(name.into()))
        }
        other => {
            other?;
            let id = conn.last_insert_rowid();
            conn.changed(Area::Fields, [id]);
            Ok(CustomField {
                id,
                name: name.into(),
            })
        }
    }
}

/// Deletes a field and its values, and drops those values from search, in one transaction.
pub fn delete_field(tx: &Write, id: i64) -> Result<()> {
    let holders: Vec<i64> = tx
        .prepare("SELECT member_id FROM member_field_values WHERE field_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("DELETE FROM custom_fields WHERE id = ?1", [id])?;
    for m in holders {
        search::touched(tx, m);
    }
    tx.changed(Area::Fields, [id]);
    Ok(())
}
