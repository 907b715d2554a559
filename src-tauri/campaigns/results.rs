//! What a campaign brought. A member is the campaign's when they joined one of its groups
//! between its start and end and either their source is the campaign's code, or their inviter
//! is already the campaign's (a fission's chain, followed to any depth). From those: joins
//! per day, the invite leaderboard, goal progress, cost per acquired member beside the owner's
//! other channels (the other sources joining the same groups over the same days, each with its
//! own campaign's cost when one had that code), and how many are still in the group 7 and 30
//! days after joining.
use super::{get, Metric, Result};
use crate::campaigns::CampaignStatus;
use crate::dates::iso_date;
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayJoins {
    pub date: String,
    pub joins: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Inviter {
    #[ts(type = "number")]
    pub member_id: i64,
    pub nickname: String,
    pub invited: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GoalProgress {
    pub metric: Metric,
    pub target: u32,
    /// None: a figure the book cannot know and the owner has not entered.
    pub actual: Option<u32>,
}

/// Another way members arrived over the same days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelJoins {
    /// The members' source as written (empty: none recorded).
    pub source: String,
    pub joins: u32,
    /// When a campaign had this source as its code: its cost per member, in fen.
    #[ts(type = "number | null")]
    pub cost_per_member_fen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Retention {
    /// Joined long enough ago to be counted at 7 (30) days, and of those, still in the group.
    pub eligible_7: u32,
    pub stayed_7: u32,
    pub eligible_30: u32,
    pub stayed_30: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignResults {
    pub joins: u32,
    pub by_source: u32,
    pub by_inviter: u32,
    pub per_day: Vec<DayJoins>,
    pub leaderboard: Vec<Inviter>,
    pub goals: Vec<GoalProgress>,
    /// What was spent: as entered, else the budget (the plan), else the bait's cost.
    #[ts(type = "number | null")]
    pub spent_fen: Option<i64>,
    #[ts(type = "number | null")]
    pub cost_per_member_fen: Option<i64>,
    pub channels: Vec<ChannelJoins>,
    pub retention: Retention,
    pub posts_posted: u32,
    pub status: CampaignStatus,
}

/// The attribution query: (member id, join day, how: 1 source / 0 inviter).
const ATTRIBUTED: &str = "
WITH RECURSIVE
  joined(member_id, day) AS (
    SELECT ms.member_id, min(ms.joined_on) FROM memberships ms INDEXED BY memberships_by_group_joined
    WHERE ms.group_id IN (SELECT group_id FROM campaign_groups WHERE campaign_id = ?1)
      AND ms.joined_on BETWEEN ?2 AND ?3
    GROUP BY ms.member_id),
  attributed(member_id, how) AS (
    SELECT j.member_id, 1 FROM joined j JOIN members m ON m.id = j.member_id
    WHERE ?4 <> '' AND m.source = ?4 AND m.deleted_at IS NULL
    UNION
    SELECT j.member_id, 0 FROM attributed a
    JOIN members m ON m.invited_by = a.member_id AND m.deleted_at IS NULL
    JOIN joined j ON j.member_id = m.id
  )
SELECT a.member_id, j.day, max(a.how) FROM attributed a JOIN joined j USING (member_id)
GROUP BY a.member_id";

/// (member, join day, by source) of every member the campaign brought.
fn attributed(
    conn: &Connection,
    id: i64,
    start: &str,
    end: &str,
    source: &str,
) -> Result<Vec<(i64, String, bool)>> {
    Ok(conn
        .prepare_cached(ATTRIBUTED)?
        .query_map(params![id, start, end, source], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? == 1))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A campaign's cost per member (spent, else bait, over its source joins in its window).
fn cost_of_source(conn: &Connection, source: &str) -> Result<Option<i64>> {
    let row: Option<(i64, String, String, Option<i64>)> = conn
        .query_row(
            "SELECT id, start_date, end_date, coalesce(spent_fen, budget_fen, bait_fen) FROM campaigns
             WHERE source = ?1 AND deleted_at IS NULL ORDER BY start_date DESC LIMIT 1",
            [source],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .ok();
    let Some((id, start, end, Some(spent))) = row else {
        return Ok(None);
    };
    let n = attributed(conn, id, &start, &end, source)?.len() as i64;
    Ok((n > 0).then(|| spent / n))
}

/// The campaign's results on `today` (the owner's local date).
pub fn results(conn: &Connection, id: i64, today: NaiveDate) -> Result<CampaignResults> {
    let c = get(conn, id)?;
    let rows = attributed(conn, id, &c.start, &c.end, &c.source)?;
    let joins = rows.len() as u32;
    let by_source = rows.iter().filter(|r| r.2).count() as u32;
    let mut per_day: Vec<DayJoins> = Vec::new();
    let mut days: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    days.sort_unstable();
    for d in days {
        match per_day.last_mut() {
            Some(last) if last.date == d => last.joins += 1,
            _ => per_day.push(DayJoins {
                date: d.to_string(),
                joins: 1,
            }),
        }
    }
    let ids = std::rc::Rc::new(
        rows.iter()
            .map(|r| rusqlite::types::Value::Integer(r.0))
            .collect::<Vec<_>>(),
    );
    let leaderboard = conn
        .prepare_cached(
            "SELECT i.id, i.nickname, count(*) AS n FROM members m
             JOIN members i ON i.id = m.invited_by
             WHERE m.id IN rarray(?1)
             GROUP BY i.id ORDER BY n DESC, i.sort_key LIMIT 10",
        )?
        .query_map([ids.clone()], |r| {
            Ok(Inviter {
                member_id: r.get(0)?,
                nickname: r.get(1)?,
                invited: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let posts_posted = c
        .posts
        .iter()
        .filter(|p| p.status == crate::calendar::ContentStatus::Posted)
        .count() as u32;
    let goals = c
        .goals
        .iter()
        .map(|g| GoalProgress {
            metric: g.metric,
            target: g.target,
            actual: match g.metric {
                Metric::Joins => Some(joins),
                Metric::Posts => Some(posts_posted),
                _ => g.actual,
            },
        })
        .collect();
    let spent_fen = c.spent_fen.or(c.budget_fen).or(c.bait_fen);
    let cost_per_member_fen = spent_fen
        .filter(|_| joins > 0)
        .map(|s| s / i64::from(joins));

    // Other channels: everyone else joining the same groups over the same days, by source.
    let others: Vec<(String, u32)> = conn
        .prepare_cached(
            "SELECT m.source, count(DISTINCT m.id) FROM memberships ms INDEXED BY memberships_by_group_joined
             JOIN members m ON m.id = ms.member_id AND m.deleted_at IS NULL
             WHERE ms.group_id IN (SELECT group_id FROM campaign_groups WHERE campaign_id = ?1)
               AND ms.joined_on BETWEEN ?2 AND ?3
               AND m.id NOT IN rarray(?4)
             GROUP BY m.source ORDER BY count(DISTINCT m.id) DESC, m.source LIMIT 12",
        )?
        .query_map(params![id, c.start, c.end, ids.clone()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut channels = Vec::with_capacity(others.len());
    for (source, n) in others {
        let cost = if source.is_empty() || source == c.source {
            None
        } else {
            cost_of_source(conn, &source)?
        };
        channels.push(ChannelJoins {
            source,
            joins: n,
            cost_per_member_fen: cost,
        });
    }

    // Retention: still in the group N days after joining (no leave, removal or blacklisting
    // in the campaign's groups before then).
    let mut retention = Retention {
        eligible_7: 0,
        stayed_7: 0,
        eligible_30: 0,
        stayed_30: 0,
    };
    // Every leave, removal or blacklisting of the campaign's members in its groups, read in
    // one query (a few rows), then matched to each member's join day.
    let mut left: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, substr(at, 1, 10) FROM status_changes
         WHERE status <> 'in_group' AND member_id IN rarray(?1)
           AND group_id IN (SELECT group_id FROM campaign_groups WHERE campaign_id = ?2)",
    )?;
    let rows_left = stmt.query_map(params![ids.clone(), id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows_left {
        let (member, day) = row?;
        if let Some(d) = iso_date(&day) {
            left.entry(member).or_default().push(d);
        }
    }
    for (member, day, _) in &rows {
        let Some(joined) = iso_date(day) else {
            continue;
        };
        let gone = left
            .get(member)
            .and_then(|v| v.iter().filter(|d| **d >= joined).min().copied());
        for (n, eligible, stayed) in [
            (7, &mut retention.eligible_7, &mut retention.stayed_7),
            (30, &mut retention.eligible_30, &mut retention.stayed_30),
        ] {
            let mark = joined + Duration::days(n);
            if mark <= today {
                *eligible += 1;
                if gone.is_none_or(|l| l >= mark) {
                    *stayed += 1;
                }
            }
        }
    }
    Ok(CampaignResults {
        joins,
        by_source,
        by_inviter: joins - by_source,
        per_day,
        leaderboard,
        goals,
        spent_fen,
        cost_per_member_fen,
        channels,
        retention,
        posts_posted,
        status: c.status,
    })
}
