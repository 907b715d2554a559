//! Copy filled: a script filled for chosen members of a group — one text each, or one text
//! with all of them @-mentioned as the platform does it — from the member page, Today, the
//! group page, the member list's selection and the command line. Also finds a group's member
//! by the name an owner types (`script fill --member 张三`).
use super::check::{self, WordHit};
use super::fill::{self, Filled, MemberFacts};
use super::library::{context, custom_fields, get, pick};
use super::template;
use super::welcome::default_welcome;
use super::{Result, ScriptError};
use crate::groups::Platform;
use crate::settings::Language;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to fill: a script by id, or the best script of a kind for the group and platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FillRequest {
    #[ts(type = "number | null")]
    pub script_id: Option<i64>,
    /// Used when `script_id` is none.
    pub kind: String,
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    /// None: the group's platform.
    pub platform: Option<Platform>,
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    /// One text naming everyone instead of one text each.
    pub together: bool,
}

/// One filled text with its length as the platform counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CopyText {
    #[serde(flatten)]
    #[ts(flatten)]
    pub filled: Filled,
    pub length: u32,
}

/// The filled texts, ready for the clipboard, and what the owner should know first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Copy {
    /// None: the app's own welcome (the group has no welcome script yet).
    #[ts(type = "number | null")]
    pub script_id: Option<i64>,
    pub kind: String,
    pub platform: Option<Platform>,
    pub limit: Option<u32>,
    pub texts: Vec<CopyText>,
    /// Flagged words in the script (the same in every text).
    pub words: Vec<WordHit>,
}

impl Copy {
    /// Every text, one after another with a blank line between (what the clipboard gets).
    pub fn joined(&self) -> String {
        self.texts
            .iter()
            .map(|t| t.filled.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Fills `req` on `today`. Every member must be in the group (when one is given); nothing is
/// returned half-filled: an unknown member or one outside the group is an error.
pub fn fill_script(
    conn: &Connection,
    req: &FillRequest,
    today: NaiveDate,
    lang: Language,
) -> Result<Copy> {
    let cx = context(conn, req.group_id, today, lang)?;
    let platform = req.platform.or(cx.group.as_ref().and_then(|g| g.platform));
    let script = match req.script_id {
        Some(id) => Some(get(conn, id)?),
        None => pick(conn, req.kind.trim(), req.group_id, platform)?,
    };
    let (kind, body) = match &script {
        Some(s) => (s.kind.clone(), s.body.clone()),
        None if req.kind.trim() == "welcome" => ("welcome".into(), default_welcome(lang).into()),
        None => return Err(ScriptError::NoScript(req.kind.trim().to_string())),
    };
    let fields = custom_fields(conn)?;
    let (t, _) = template::parse(&body, &fields);
    let members = fill::load_members(
        conn,
        &req.member_ids,
        cx.group.as_ref(),
        &fill::fields_used(&t),
    )?;
    check_members(&req.member_ids, &members, req.group_id)?;
    let filled: Vec<Filled> = if members.is_empty() {
        vec![fill::fill_one(&t, None, &cx, &fields)]
    } else if req.together {
        vec![fill::fill_together(&t, &members, &cx, &fields)]
    } else {
        members
            .iter()
            .map(|m| fill::fill_one(&t, Some(m), &cx, &fields))
            .collect()
    };
    Ok(Copy {
        script_id: script.as_ref().map(|s| s.id),
        kind,
        platform,
        limit: check::limit(platform).max,
        texts: filled
            .into_iter()
            .map(|f| CopyText {
                length: check::length(&f.text, platform),
                filled: f,
            })
            .collect(),
        words: check::find_words(&body, &check::words(conn)?),
    })
}

/// Every one of `ids` was found (`loaded`, read for `group`) and, with a group, is in it.
pub(super) fn check_members(ids: &[i64], loaded: &[MemberFacts], group: Option<i64>) -> Result<()> {
    if loaded.len() < ids.len() {
        let found: std::collections::HashSet<i64> = loaded.iter().map(|m| m.id).collect();
        if let Some(id) = ids.iter().find(|id| !found.contains(id)) {
            return Err(ScriptError::MemberNotFound(*id));
        }
    }
    if let Some(g) = group {
        if let Some(m) = loaded.iter().find(|m| !m.in_group) {
            return Err(ScriptError::NotInGroup {
                member: m.id,
                group: g,
            });
        }
    }
    Ok(())
}

/// A member of a group found by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberMatch {
    #[ts(type = "number")]
    pub id: i64,
    pub nickname: String,
    pub display_name: String,
    pub real_name: String,
}

/// The group's members (in the group now) whose nickname, in-group name or real name is
/// `name` (letters without case); when none is, those whose names contain it.
pub fn find_members(conn: &Connection, group: i64, name: &str) -> Result<Vec<MemberMatch>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(Vec::new());
    }
    let like = format!(
        "%{}%",
        name.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.nickname, m.display_name, m.real_name,
                (m.nickname = ?2 COLLATE NOCASE OR m.display_name = ?2 COLLATE NOCASE
                 OR m.real_name = ?2 COLLATE NOCASE) AS exact
         FROM memberships ms JOIN members m ON m.id = ms.member_id
         WHERE ms.group_id = ?1 AND ms.status = 'in_group' AND m.deleted_at IS NULL
           AND (m.nickname LIKE ?3 ESCAPE '\\' OR m.display_name LIKE ?3 ESCAPE '\\'
                OR m.real_name LIKE ?3 ESCAPE '\\')
         ORDER BY exact DESC, m.sort_key, m.id
         LIMIT 50",
    )?;
    let rows: Vec<(MemberMatch, bool)> = stmt
        .query_map(params![group, name, like], |r| {
            Ok((
                MemberMatch {
                    id: r.get(0)?,
                    nickname: r.get(1)?,
                    display_name: r.get(2)?,
                    real_name: r.get(3)?,
                },
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let exact: Vec<MemberMatch> = rows
        .iter()
        .filter(|(_, e)| *e)
        .map(|(m, _)| m.clone())
        .collect();
    Ok(if exact.is_empty() {
        rows.into_iter().map(|(m, _)| m).collect()
    } else {
        exact
    })
}
