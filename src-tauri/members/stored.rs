//! A member profile as its rows store it, and the statements that write them.
//!
//! [`ProfileRows`] is computed from a valid input without the database (trimmed texts, the
//! phone and handle keys, the birthday split, the pinyin sort key), so an import can compute
//! it on a second thread while the first one writes. Creating and editing a member go through
//! the same two steps, so the three ways in store a profile alike.
use super::{parse_birthday, text, HandleKind, MemberInput, Result};
use rusqlite::{params, params_from_iter, Connection, ToSql};

/// The stored form of one member profile (see the module docs).
#[derive(Debug, Clone)]
pub struct ProfileRows {
    nickname: String,
    display_name: String,
    real_name: String,
    region: String,
    occupation: String,
    phone: String,
    phone_key: Option<String>,
    source: String,
    invited_by: Option<i64>,
    birth_md: Option<String>,
    birth_year: Option<i32>,
    birth_lunar: u8,
    sort_key: String,
    /// Kind, value and the folded key duplicates are found by.
    handles: Vec<(HandleKind, String, String)>,
    /// Field id and value, blanks left out.
    fields: Vec<(i64, String)>,
    /// Tag names, trimmed, blanks left out.
    pub tags: Vec<String>,
}

impl ProfileRows {
    /// The rows of `input`, which must have passed [`super::validate`].
    pub fn new(input: &MemberInput) -> Self {
        let birthday = parse_birthday(&input.birthday).ok().flatten();
        let phone = input.phone.trim();
        Self {
            nickname: input.nickname.trim().into(),
            display_name: input.display_name.trim().into(),
            real_name: input.real_name.trim().into(),
            region: input.region.trim().into(),
            occupation: input.occupation.trim().into(),
            phone: phone.into(),
            phone_key: text::phone_key(phone),
            source: input.source.trim().into(),
            invited_by: input.invited_by,
            birth_md: birthday.map(|b| b.md()),
            birth_year: birthday.and_then(|b| b.year),
            birth_lunar: birthday.map(|b| b.lunar).unwrap_or(0),
            sort_key: text::sort_key(&input.nickname),
            handles: input
                .handles
                .iter()
                .map(|h| (h.kind, h.value.trim().into(), text::handle_key(&h.value)))
                .collect(),
            fields: input
                .fields
                .iter()
                .filter(|f| !f.value.trim().is_empty())
                .map(|f| (f.field_id, f.value.trim().into()))
                .collect(),
            tags: input
                .tags
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(Into::into)
                .collect(),
        }
    }

    /// The profile columns of `members`, in the order both statements below bind them.
    fn columns(&self) -> [&dyn ToSql; 13] {
        [
            &self.nickname,
            &self.display_name,
            &self.real_name,
            &self.region,
            &self.occupation,
            &self.phone,
            &self.phone_key,
            &self.source,
            &self.invited_by,
            &self.birth_md,
            &self.birth_year,
            &self.sort_key,
            &self.birth_lunar,
        ]
    }

    /// The keys a duplicate shares with this member: `p:<phone>`, `h:<handle>`.
    pub fn duplicate_keys(&self) -> Vec<String> {
        let phone = self.phone_key.iter().map(|p| format!("p:{p}"));
        let handles = self.handles.iter().map(|(_, _, key)| format!("h:{key}"));
        phone.chain(handles).collect()
    }
}

/// Inserts a new member with its handles, field values and the tags `tag_ids` (the ids of
/// `rows.tags`); `ts` is the creation time as stored. Returns the new id.
pub fn insert(conn: &Connection, rows: &ProfileRows, tag_ids: &[i64], ts: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO members (nickname, display_name, real_name, region, occupation, phone,
             phone_key, source, invited_by, birth_md, birth_year, sort_key, birth_lunar,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params_from_iter(
        rows.columns().into_iter().chain([&ts as &dyn ToSql]),
    ))?;
    let id = conn.last_insert_rowid();
    insert_parts(conn, id, rows, tag_ids)?;
    Ok(id)
}

/// Replaces member `id`'s profile, handles, field values and tags.
pub fn update(
    conn: &Connection,
    id: i64,
    rows: &ProfileRows,
    tag_ids: &[i64],
    ts: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE members SET nickname = ?1, display_name = ?2, real_name = ?3, region = ?4,
             occupation = ?5, phone = ?6, phone_key = ?7, source = ?8, invited_by = ?9,
             birth_md = ?10, birth_year = ?11, sort_key = ?12, birth_lunar = ?13, updated_at = ?14
         WHERE id = ?15",
    )?
    .execute(params_from_iter(
        rows.columns()
            .into_iter()
            .chain([&ts as &dyn ToSql, &id as &dyn ToSql]),
    ))?;
    for sql in [
        "DELETE FROM member_handles WHERE member_id = ?1",
        "DELETE FROM member_field_values WHERE member_id = ?1",
        "DELETE FROM member_tags WHERE member_id = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([id])?;
    }
    insert_parts(conn, id, rows, tag_ids)
}

fn insert_parts(conn: &Connection, id: i64, rows: &ProfileRows, tag_ids: &[i64]) -> Result<()> {
    if !rows.handles.is_empty() {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO member_handles (member_id, kind, value, value_key, position)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (pos, (kind, value, key)) in rows.handles.iter().enumerate() {
            stmt.execute(params![id, kind, value, key, pos as i64])?;
        }
    }
    if !rows.fields.is_empty() {
        let mut stmt = conn.prepare_cached(
            "INSERT OR REPLACE INTO member_field_values (member_id, field_id, value)
             VALUES (?1, ?2, ?3)",
        )?;
        for (field_id, value) in &rows.fields {
            stmt.execute(params![id, field_id, value])?;
        }
    }
    if !tag_ids.is_empty() {
        let mut stmt = conn.prepare_cached(
            "INSERT OR IGNORE INTO member_tags (member_id, tag_id) VALUES (?1, ?2)",
        )?;
        for tag in tag_ids {
            stmt.execute(params![id, tag])?;
        }
    }
    Ok(())
}
