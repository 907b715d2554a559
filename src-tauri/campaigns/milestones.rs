//! Milestones (里程碑) owners announce to build pride: a group passing a size the owner set
//! (100, 150, 200… — one list for all groups, in the workspace's settings) and a campaign
//! reaching its joins target. Today offers each once, with the library's milestone script
//! filled for the group; "announced" (or "not now") sets it aside for good.
use super::results::joins;
use super::Result;
use crate::dates::to_db;
use crate::scripts::{self, FillRequest};
use crate::settings::Language;
use crate::store::{Area, Write};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SIZES_KEY: &str = "milestones.sizes";
/// The sizes owners celebrate when they never set their own.
pub const DEFAULT_SIZES: [u32; 8] = [50, 100, 150, 200, 300, 400, 500, 1000];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Milestone {
    /// What identifies it (`group:3:200`, `campaign:5:joins`), for "announced".
    pub key: String,
    #[ts(type = "number")]
    pub group_id: i64,
    pub group_name: String,
    /// The size passed, or the campaign's target reached.
    pub reached: u32,
    pub campaign: Option<String>,
    /// The milestone script filled for the group (or the app's words when the library has
    /// none).
    pub text: String,
}

/// The owner's sizes, smallest first.
pub fn sizes(conn: &Connection) -> Result<Vec<u32>> {
    let stored = crate::settings::get(conn, SIZES_KEY)?;
    let mut v: Vec<u32> = match stored {
        Some(s) => s
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .filter(|n| *n > 0)
            .collect(),
        None => DEFAULT_SIZES.to_vec(),
    };
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

pub fn set_sizes(w: &Write, sizes: &[u32]) -> Result<()> {
    let text = sizes
        .iter()
        .filter(|n| **n > 0)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(",");
    crate::settings::put(w, SIZES_KEY, &text)?;
    w.changed(Area::Settings, []);
    Ok(())
}

fn done(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM milestones_done WHERE key = ?1)",
        [key],
        |r| r.get(0),
    )?)
}

fn text_for(
    conn: &Connection,
    group: i64,
    reached: u32,
    campaign: Option<&str>,
    today: NaiveDate,
    lang: Language,
) -> Result<String> {
    let req = FillRequest {
        kind: "milestone".into(),
        group_id: Some(group),
        ..Default::default()
    };
    match scripts::fill_script(conn, &req, today, lang) {
        Ok(c) => Ok(c
            .texts
            .into_iter()
            .next()
            .map(|t| t.filled.text)
            .unwrap_or_default()),
        Err(scripts::ScriptError::NoScript(_)) => {
            let name: String =
                conn.query_row("SELECT name FROM groups WHERE id = ?1", [group], |r| {
                    r.get(0)
                })?;
            Ok(match (campaign, lang) {
                (Some(c), Language::ZhCn) => format!("🎉 「{c}」达成目标：新增 {reached} 人！感谢每一位参与和邀请的朋友～"),
                (Some(c), Language::En) => format!("🎉 “{c}” reached its goal: {reached} new members! Thank you all for joining and inviting."),
                (None, Language::ZhCn) => format!("🎉 {name} 成员突破 {reached} 人！感谢每一位朋友的陪伴，我们继续一起成长～"),
                (None, Language::En) => format!("🎉 {name} just passed {reached} members! Thank you all for being here."),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The milestones to offer on `today`: per live group, the largest size it has passed and not
/// yet announced; per live campaign, a joins target reached and not yet announced.
pub fn offered(conn: &Connection, today: NaiveDate, lang: Language) -> Result<Vec<Milestone>> {
    let sizes = sizes(conn)?;
    let mut out = Vec::new();
    let groups: Vec<(i64, String, u32)> = conn
        .prepare_cached(
            "SELECT g.id, g.name, (SELECT count(*) FROM memberships ms WHERE ms.group_id = g.id
                                   AND ms.status = 'in_group')
             FROM groups g WHERE g.deleted_at IS NULL AND g.archived_at IS NULL ORDER BY g.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, count) in groups {
        let Some(size) = sizes.iter().rev().find(|s| **s <= count).copied() else {
            continue;
        };
        let key = format!("group:{id}:{size}");
        if done(conn, &key)? {
            continue;
        }
        out.push(Milestone {
            text: text_for(conn, id, size, None, today, lang)?,
            key,
            group_id: id,
            group_name: name,
            reached: size,
            campaign: None,
        });
    }
    // Only campaigns that may still reach their target (ended in the last two weeks or not
    // yet) and that have a code: Today asks on every refresh, so each is one count, not the
    // whole results.
    let recent = (today - chrono::Duration::days(14)).to_string();
    let live: Vec<(i64, String, i64, u32)> = conn
        .prepare_cached(
            "SELECT c.id, c.name, (SELECT min(group_id) FROM campaign_groups WHERE campaign_id = c.id),
                    g.target
             FROM campaigns c JOIN campaign_goals g ON g.campaign_id = c.id AND g.metric = 'joins'
             WHERE c.deleted_at IS NULL AND c.source <> '' AND c.end_date >= ?1
             ORDER BY c.start_date DESC LIMIT 20",
        )?
        .query_map([recent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, group, target) in live {
        let key = format!("campaign:{id}:joins");
        if done(conn, &key)? || joins(conn, id)? < target {
            continue;
        }
        let group_name: String =
            conn.query_row("SELECT name FROM groups WHERE id = ?1", [group], |r| {
                r.get(0)
            })?;
        out.push(Milestone {
            text: text_for(conn, group, target, Some(&name), today, lang)?,
            key,
            group_id: group,
            group_name,
            reached: target,
            campaign: Some(name),
        });
    }
    Ok(out)
}

/// Sets a milestone aside (announced, or not worth it).
pub fn mark_done(w: &Write, key: &str, now: DateTime<Utc>) -> Result<()> {
    w.execute(
        "INSERT OR IGNORE INTO milestones_done (key, at) VALUES (?1, ?2)",
        params![key, to_db(now)],
    )?;
    w.changed(Area::Campaigns, []);
    Ok(())
}
