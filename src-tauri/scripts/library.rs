//! The stored scripts: kinds (the shipped ones and the owner's own), shared or for one group,
//! for any or one platform, several variants per kind with one marked default; searched by
//! text and by pinyin; trashed with undo. [`pick`] chooses the script a fill uses.
use super::check::{self, WordHit};
use super::fill::{self, Context, Filled, GroupFacts};
use super::template::{self, Problem};
use super::{Result, ScriptError};
use crate::dates::to_db;
use crate::groups::Platform;
use crate::members::text;
use crate::settings::Language;
use crate::store::{Area, Write};
use crate::validate::{has_control, FieldError, Rule};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kinds the app ships (the owner may add their own, any name).
pub const BUILTIN_KINDS: [&str; 10] = [
    "welcome",
    "rules",
    "intro",
    "add_friend",
    "announcement",
    "red_packet",
    "farewell",
    "win_back",
    "birthday",
    "milestone",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScriptInput {
    /// One of [`BUILTIN_KINDS`] or the owner's own kind.
    pub kind: String,
    pub name: String,
    /// None: shared by every group.
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    /// None: for any platform.
    pub platform: Option<Platform>,
    pub body: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Script {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub name: String,
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub platform: Option<Platform>,
    /// As stored: placeholders under their Chinese names.
    pub body: String,
    pub is_default: bool,
    pub deleted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the library lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScriptQuery {
    /// Text, or pinyin (full or initials), of the name and body.
    pub query: String,
    pub kind: Option<String>,
    /// Scripts of this group and the shared ones.
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    pub trash: bool,
}

const SELECT: &str = "SELECT s.id, s.kind, s.name, s.group_id, g.name, s.platform, s.body,
        s.is_default, s.deleted_at, s.created_at, s.updated_at
    FROM scripts s LEFT JOIN groups g ON g.id = s.group_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Script> {
    Ok(Script {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        group_id: r.get(3)?,
        group_name: r.get(4)?,
        platform: r.get(5)?,
        body: r.get(6)?,
        is_default: r.get(7)?,
        deleted_at: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// The longest script body, in characters.
pub const MAX_BODY: usize = 20_000;

/// The custom member fields, for placeholders under their names.
pub fn custom_fields(conn: &Connection) -> rusqlite::Result<Vec<(i64, String)>> {
    conn.prepare_cached("SELECT id, name FROM custom_fields ORDER BY position, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Checks an input; returns it with the body's placeholders under their stored names.
fn checked(conn: &Connection, input: &ScriptInput) -> Result<ScriptInput> {
    let mut errors = Vec::new();
    let kind = input.kind.trim();
    if kind.is_empty() {
        errors.push(FieldError::new("kind", Rule::Required));
    } else if kind.chars().count() > 40 {
        errors.push(FieldError::new("kind", Rule::TooLong { max: 40 }));
    } else if has_control(kind, false) {
        errors.push(FieldError::new("kind", Rule::ControlChars));
    }
    if input.name.trim().chars().count() > 60 {
        errors.push(FieldError::new("name", Rule::TooLong { max: 60 }));
    } else if has_control(&input.name, false) {
        errors.push(FieldError::new("name", Rule::ControlChars));
    }
    if input.body.trim().is_empty() {
        errors.push(FieldError::new("body", Rule::Required));
    } else if input.body.chars().count() > MAX_BODY {
        errors.push(FieldError::new(
            "body",
            Rule::TooLong {
                max: MAX_BODY as u32,
            },
        ));
    } else if has_control(&input.body, true) {
        errors.push(FieldError::new("body", Rule::ControlChars));
    }
    if !errors.is_empty() {
        return Err(ScriptError::Invalid(errors));
    }
    if let Some(g) = input.group_id {
        group_facts(conn, g)?;
    }
    let fields = custom_fields(conn)?;
    let (_, problems) = template::parse(&input.body, &fields);
    if !problems.is_empty() {
        return Err(ScriptError::Placeholders(problems));
    }
    Ok(ScriptInput {
        kind: kind.to_string(),
        name: input.name.trim().to_string(),
        body: template::normalise(input.body.trim_end(), &fields),
        ..input.clone()
    })
}

/// What the library's search matches: the folded name and body, and the pinyin of their
/// Chinese runs in full and as initials.
fn search_doc(name: &str, body: &str) -> String {
    let folded = text::fold(&format!("{name}\n{body}"));
    let mut full = String::new();
    let mut initials = String::new();
    for piece in text::pieces(&folded) {
        if let text::Piece::Cjk(run) = piece {
            for s in text::syllables(&run) {
                full.push_str(s);
                initials.extend(s.chars().next());
            }
            full.push(' ');
            initials.push(' ');
        }
    }
    format!("{folded}\n{full}\n{initials}")
}

/// Only one default per kind, group and platform: marking one unmarks the others.
fn clear_defaults(w: &Write, input: &ScriptInput, except: i64) -> rusqlite::Result<()> {
    w.prepare_cached(
        "UPDATE scripts SET is_default = 0
         WHERE kind = ?1 AND group_id IS ?2 AND platform IS ?3 AND id <> ?4 AND is_default = 1",
    )?
    .execute(params![input.kind, input.group_id, input.platform, except])?;
    Ok(())
}

/// Saves a new script; the first of its kind for its group and platform becomes the default.
pub fn create(w: &Write, input: &ScriptInput, now: DateTime<Utc>) -> Result<Script> {
    let mut input = checked(w, input)?;
    if !input.is_default {
        input.is_default = !w
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM scripts WHERE kind = ?1 AND group_id IS ?2
                     AND platform IS ?3 AND deleted_at IS NULL)",
            )?
            .query_row(params![input.kind, input.group_id, input.platform], |r| {
                r.get::<_, bool>(0)
            })?;
    }
    w.prepare_cached(
        "INSERT INTO scripts (kind, name, group_id, platform, body, is_default, search,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        input.kind,
        input.name,
        input.group_id,
        input.platform,
        input.body,
        input.is_default,
        search_doc(&input.name, &input.body),
        to_db(now)
    ])?;
    let id = w.last_insert_rowid();
    if input.is_default {
        clear_defaults(w, &input, id)?;
    }
    w.changed(Area::Scripts, [id]);
    get(w, id)
}

pub fn update(w: &Write, id: i64, input: &ScriptInput, now: DateTime<Utc>) -> Result<Script> {
    get(w, id)?;
    let input = checked(w, input)?;
    w.prepare_cached(
        "UPDATE scripts SET kind = ?2, name = ?3, group_id = ?4, platform = ?5, body = ?6,
             is_default = ?7, search = ?8, updated_at = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.kind,
        input.name,
        input.group_id,
        input.platform,
        input.body,
        input.is_default,
        search_doc(&input.name, &input.body),
        to_db(now)
    ])?;
    if input.is_default {
        clear_defaults(w, &input, id)?;
    }
    w.changed(Area::Scripts, [id]);
    get(w, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Script> {
    conn.prepare_cached(&format!("{SELECT} WHERE s.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(ScriptError::NotFound(id))
}

/// Moves a script to the trash (the toast's Undo calls [`restore`]).
pub fn trash(w: &Write, id: i64, now: DateTime<Utc>) -> Result<()> {
    let n = w.execute(
        "UPDATE scripts SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, to_db(now)],
    )?;
    if n == 0 {
        return Err(ScriptError::NotFound(id));
    }
    w.changed(Area::Scripts, [id]);
    Ok(())
}

pub fn restore(w: &Write, id: i64) -> Result<()> {
    let n = w.execute(
        "UPDATE scripts SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
        [id],
    )?;
    if n == 0 {
        return Err(ScriptError::NotFound(id));
    }
    w.changed(Area::Scripts, [id]);
    Ok(())
}

/// The library, filtered: by kind (the shipped order), then default first, then name.
pub fn list(conn: &Connection, q: &ScriptQuery) -> Result<Vec<Script>> {
    let needle = text::fold(q.query.trim()).replace(char::is_whitespace, "");
    let like = format!(
        "%{}%",
        needle
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let sql = format!(
        "{SELECT} WHERE (s.deleted_at IS NOT NULL) = ?1
           AND (?2 IS NULL OR s.kind = ?2)
           AND (?3 IS NULL OR s.group_id IS NULL OR s.group_id = ?3)
           AND (?4 = '' OR replace(s.search, ' ', '') LIKE ?5 ESCAPE '\\')
         ORDER BY s.kind, s.is_default DESC, s.group_id IS NOT NULL, s.name, s.id"
    );
    let mut out: Vec<Script> = conn
        .prepare_cached(&sql)?
        .query_map(params![q.trash, q.kind, q.group_id, needle, like], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let rank = |k: &str| BUILTIN_KINDS.iter().position(|b| *b == k).unwrap_or(99);
    out.sort_by_key(|s| rank(&s.kind));
    Ok(out)
}

/// The script a fill of `kind` uses for `group` on `platform`: the group's own before the
/// shared ones, the platform's before the any-platform ones, the default before the other
/// variants, the latest edited last.
pub fn pick(
    conn: &Connection,
    kind: &str,
    group_id: Option<i64>,
    platform: Option<Platform>,
) -> Result<Option<Script>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE s.deleted_at IS NULL AND s.kind = ?1
               AND (s.group_id IS NULL OR s.group_id IS ?2)
               AND (s.platform IS NULL OR s.platform IS ?3)
             ORDER BY s.group_id IS NULL, s.platform IS NULL, s.is_default DESC,
                      s.updated_at DESC, s.id DESC
             LIMIT 1"
        ))?
        .query_row(params![kind, group_id, platform], from_row)
        .optional()?)
}

/// What a script knows of a group.
pub fn group_facts(conn: &Connection, id: i64) -> Result<GroupFacts> {
    conn.prepare_cached(
        "SELECT id, name, platform, rules, announcement, naming_convention,
                (SELECT count(*) FROM memberships ms WHERE ms.group_id = groups.id
                   AND ms.status = 'in_group')
         FROM groups WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .query_row([id], |r| {
        Ok(GroupFacts {
            id: r.get(0)?,
            name: r.get(1)?,
            platform: r.get(2)?,
            rules: r.get(3)?,
            announcement: r.get(4)?,
            name_format: r.get(5)?,
            size: r.get(6)?,
        })
    })
    .optional()?
    .ok_or(ScriptError::GroupNotFound(id))
}

/// The fill context for a group (or none) on `today`.
pub fn context(
    conn: &Connection,
    group: Option<i64>,
    today: NaiveDate,
    lang: Language,
) -> Result<Context> {
    Ok(Context {
        group: group.map(|g| group_facts(conn, g)).transpose()?,
        owner: check::owner_name(conn)?,
        today,
        lang,
    })
}

/// The editor's live view of a text (saved or not): filled for a member and group, its
/// length against the platform's limit, the placeholders it refuses and the flagged words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preview {
    pub filled: Filled,
    pub problems: Vec<Problem>,
    pub words: Vec<WordHit>,
    /// Of the filled text, as the platform counts.
    pub length: u32,
    pub limit: Option<u32>,
    pub platform: Option<Platform>,
}

/// See [`Preview`]. The platform is the one asked for, else the group's.
pub fn preview(
    conn: &Connection,
    body: &str,
    group: Option<i64>,
    member: Option<i64>,
    platform: Option<Platform>,
    today: NaiveDate,
    lang: Language,
) -> Result<Preview> {
    let fields = custom_fields(conn)?;
    let (t, problems) = template::parse(body, &fields);
    let cx = context(conn, group, today, lang)?;
    let m = match member {
        Some(id) => Some(
            fill::load_members(conn, &[id], cx.group.as_ref(), &fill::fields_used(&t))?
                .pop()
                .ok_or(ScriptError::MemberNotFound(id))?,
        ),
        None => None,
    };
    let filled = fill::fill_one(&t, m.as_ref(), &cx, &fields);
    let platform = platform.or(cx.group.as_ref().and_then(|g| g.platform));
    Ok(Preview {
        length: check::length(&filled.text, platform),
        limit: check::limit(platform).max,
        words: check::find_words(body, &check::words(conn)?),
        filled,
        problems,
        platform,
    })
}
