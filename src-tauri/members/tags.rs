//! Tags (标签): free labels, many per member, renamable and mergeable. Names are unique
//! ignoring Latin case; a tag is created the first time a name is used.
use super::{MemberError, Result, TagRef};
use crate::store::{Area, Write};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagSummary {
    pub id: i64,
    pub name: String,
    pub color: u8,
    /// Members (not in the trash) carrying it.
    pub count: u32,
}

/// Every tag with how many members carry it, by name.
pub fn list_tags(conn: &Connection) -> Result<Vec<TagSummary>> {
    let mut out: Vec<TagSummary> = conn
        .prepare_cached(
            "SELECT t.id, t.name, t.color,
                (SELECT count(*) FROM member_tags mt JOIN members m ON m.id = mt.member_id
                 WHERE mt.tag_id = t.id AND m.deleted_at IS NULL)
             FROM tags t",
        )?
        .query_map([], |r| {
            Ok(TagSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
                count: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.sort_by_cached_key(|t| super::text::sort_key(&t.name));
    Ok(out)
}

pub(crate) fn tags_of(conn: &Connection, member_id: i64) -> Result<Vec<TagRef>> {
    let mut out: Vec<TagRef> = conn
        .prepare_cached(
            "SELECT t.id, t.name, t.color FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
             WHERE mt.member_id = ?1",
        )?
        .query_map([member_id], |r| {
            Ok(TagRef {
                id: r.get(0)?,
                name: r.get(1)?,
                color: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.sort_by_cached_key(|t| super::text::sort_key(&t.name));
    Ok(out)
}

fn find_tag(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tags WHERE name = ?1 COLLATE NOCASE")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// The ids of the named tags, creating the ones that do not exist yet (blank names skipped).
pub(crate) fn ensure_tags(conn: &Write, names: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let id = match find_tag(conn, name)? {
            Some(id) => id,
            None => {
                conn.prepare_cached(
                    "INSERT INTO tags (name, color) VALUES (?1, (SELECT count(*) % 10 FROM tags))",
                )?
                .execute([name])?;
                let id = conn.last_insert_rowid();
                conn.changed(Area::Tags, [id]);
                id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn check_name(name: &str) -> Result<&str> {
    let n = name.trim();
    let rule = if n.is_empty() {
        crate::validate::Rule::Required
    } else if n.chars().count() > super::validate::TAG_MAX as usize {
        crate::validate::Rule::TooLong {
            max: super::validate::TAG_MAX,
        }
    } else {
        return Ok(n);
    };
    Err(MemberError::Invalid(vec![crate::validate::FieldError {
        field: "name".into(),
        rule,
    }]))
}

pub fn create_tag(conn: &Write, name: &str) -> Result<TagRef> {
    let name = check_name(name)?;
    if find_tag(conn, name)?.is_some() {
        return Err(MemberError::TagTaken(name.into()));
    }
    let id = ensure_tags(conn, &[name.to_string()])?[0];
    conn.changed(Area::Tags, [id]);
    tag_ref(conn, id)
}

fn tag_ref(conn: &Connection, id: i64) -> Result<TagRef> {
    super::found(
        conn.query_row(
            "SELECT id, name, color FROM tags WHERE id = ?1",
            [id],
            |r| {
                Ok(TagRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    color: r.get(2)?,
                })
            },
        ),
        MemberError::TagNotFound(id),
    )
}

/// Renames a tag; refuses a name another tag has (merge them instead).
pub fn rename_tag(conn: &Write, id: i64, name: &str) -> Result<TagRef> {
    let name = check_name(name)?;
    tag_ref(conn, id)?;
    if matches!(find_tag(conn, name)?, Some(other) if other != id) {
        return Err(MemberError::TagTaken(name.into()));
    }
    conn.execute("UPDATE tags SET name = ?2 WHERE id = ?1", params![id, name])?;
    conn.changed(Area::Tags, [id]);
    tag_ref(conn, id)
}

pub fn set_tag_color(conn: &Write, id: i64, color: u8) -> Result<TagRef> {
    conn.execute(
        "UPDATE tags SET color = ?2 WHERE id = ?1",
        params![id, color.min(9)],
    )?;
    conn.changed(Area::Tags, [id]);
    tag_ref(conn, id)
}

/// Moves every member of tag `from` onto tag `into` and deletes `from`, in one transaction.
pub fn merge_tags(tx: &Write, from: i64, into: i64) -> Result<TagRef> {
    tag_ref(tx, from)?;
    tag_ref(tx, into)?;
    if from != into {
        tx.execute(
            "INSERT OR IGNORE INTO member_tags (member_id, tag_id)
             SELECT member_id, ?2 FROM member_tags WHERE tag_id = ?1",
            params![from, into],
        )?;
        tx.execute("DELETE FROM tags WHERE id = ?1", [from])?;
    }
    tx.changed(Area::Tags, [from, into]);
    tx.changed(Area::Members, []);
    tag_ref(tx, into)
}

pub fn delete_tag(conn: &Write, id: i64) -> Result<()> {
    tag_ref(conn, id)?;
    conn.execute("DELETE FROM tags WHERE id = ?1", [id])?;
    conn.changed(Area::Tags, [id]);
    conn.changed(Area::Members, []);
    Ok(())
}

pub(crate) fn add_tag(conn: &Write, member_id: i64, tag_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("INSERT OR IGNORE INTO member_tags (member_id, tag_id) VALUES (?1, ?2)")?
        .execute(params![member_id, tag_id])?
        > 0)
    .inspect(|_| conn.changed(Area::Members, [member_id]))
}

pub(crate) fn remove_tag(conn: &Write, member_id: i64, tag_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM member_tags WHERE member_id = ?1 AND tag_id = ?2")?
        .execute(params![member_id, tag_id])?
        > 0)
    .inspect(|_| conn.changed(Area::Members, [member_id]))
}
