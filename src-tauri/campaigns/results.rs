//! What a campaign brought. A member is the campaign's when they joined one of its groups
//! between its start and end and either their source is the campaign's code, or their inviter
//! is already the campaign's (a fission's chain, followed to any depth). From those: joins
//! per day, the invite leaderboard, goal progress, cost per acquired member beside the owner's
//! other channels (the other sources joining the same groups over the same days, each with its
//! own campaign's cost when one had that code), and how many are still in the group 7 and 30
//! days after joining.
use super::{get, Campaign, Metric, Result};
use crate::campaigns::CampaignStatus;
use crate::dates::iso_date;
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
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

/// A member who joined one of the campaign's groups in its window.
struct Joined {
    id: i64,
    /// Index into [`JoinedSet::sources`] (a few distinct sources among thousands of rows).
    source: u32,
    inviter: Option<i64>,
    /// The join day as the number yyyymmdd: sorts and compares as the date does.
    day: u32,
}

/// Everyone who joined the campaign's groups in its window, and the sources they came by.
struct JoinedSet {
    rows: Vec<Joined>,
    sources: Vec<String>,
}

impl JoinedSet {
    fn source_index(&self, source: &str) -> Option<u32> {
        self.sources
            .iter()
            .position(|s| s == source)
            .map(|i| i as u32)
    }
}

/// `YYYY-MM-DD` (the column's CHECK guarantees the shape) as yyyymmdd.
fn day_number(s: &str) -> u32 {
    let b = s.as_bytes();
    if b.len() != 10 {
        return 0;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter()
            .fold(0u32, |n, c| n * 10 + u32::from(c.wrapping_sub(b'0') % 10))
    };
    digits(0..4) * 10_000 + digits(5..7) * 100 + digits(8..10)
}

fn day_string(n: u32) -> String {
    format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
}

fn day_date(n: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt((n / 10_000) as i32, n / 100 % 100, n % 100)
}

/// Everyone who joined the campaign's groups between `start` and `end` (their first join
/// there), read once; attribution, channels and the rest are worked out from it in memory.
/// Read by reference: a string is allocated per distinct source, not per row.
fn joined(conn: &Connection, id: i64, start: &str, end: &str) -> Result<JoinedSet> {
    // No GROUP BY in SQL (a sort of every row): a member in two of the campaign's groups is
    // folded here, keeping their first join.
    let mut stmt = conn.prepare_cached(
        "SELECT ms.member_id, m.source, m.invited_by, ms.joined_on
         FROM memberships ms INDEXED BY memberships_by_group_joined
         JOIN members m ON m.id = ms.member_id AND m.deleted_at IS NULL
         WHERE ms.group_id IN (SELECT group_id FROM campaign_groups WHERE campaign_id = ?1)
           AND ms.joined_on BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![id, start, end])?;
    let mut set = JoinedSet {
        rows: Vec::new(),
        sources: Vec::new(),
    };
    let mut source_ids: HashMap<String, u32> = HashMap::new();
    let mut seen: HashMap<i64, usize> = HashMap::new();
    while let Some(r) = rows.next()? {
        let member: i64 = r.get(0)?;
        let day = day_number(r.get_ref(3)?.as_str().unwrap_or_default());
        if let Some(&i) = seen.get(&member) {
            set.rows[i].day = set.rows[i].day.min(day);
            continue;
        }
        let source = r.get_ref(1)?.as_str().unwrap_or_default();
        let source = match source_ids.get(source) {
            Some(&k) => k,
            None => {
                let k = set.sources.len() as u32;
                set.sources.push(source.to_string());
                source_ids.insert(source.to_string(), k);
                k
            }
        };
        seen.insert(member, set.rows.len());
        set.rows.push(Joined {
            id: member,
            source,
            inviter: r.get(2)?,
            day,
        });
    }
    Ok(set)
}

/// Which of `joined` are the campaign's: those whose source is `code`, then, to any depth,
/// those invited by one of them. Returns, per member of `joined`, none or whether by code.
fn attribute(joined: &JoinedSet, code: &str) -> Vec<Option<bool>> {
    let rows = &joined.rows;
    let mut how: Vec<Option<bool>> = vec![None; rows.len()];
    let Some(code) = joined.source_index(code).filter(|_| !code.is_empty()) else {
        return how;
    };
    let mut invited: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, j) in rows.iter().enumerate() {
        if let Some(inv) = j.inviter {
            invited.entry(inv).or_default().push(i);
        }
    }
    let mut queue: Vec<usize> = Vec::new();
    for (i, j) in rows.iter().enumerate() {
        if j.source == code {
            how[i] = Some(true);
            queue.push(i);
        }
    }
    while let Some(i) = queue.pop() {
        for &k in invited.get(&rows[i].id).map_or(&[][..], |v| v.as_slice()) {
            if how[k].is_none() {
                how[k] = Some(false);
                queue.push(k);
            }
        }
    }
    how
}

/// How many members the campaign brought (for a milestone: no per-day, channels or
/// retention work).
pub fn joins(conn: &Connection, id: i64) -> Result<u32> {
    let c: (String, String, String) = conn.query_row(
        "SELECT start_date, end_date, source FROM campaigns WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let all = joined(conn, id, &c.0, &c.1)?;
    Ok(attribute(&all, &c.2).iter().filter(|h| h.is_some()).count() as u32)
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
    let all = joined(conn, id, &start, &end)?;
    let n = attribute(&all, source)
        .iter()
        .filter(|h| h.is_some())
        .count() as i64;
    Ok((n > 0).then(|| spent / n))
}

/// The campaign's results on `today` (the owner's local date).
pub fn results(conn: &Connection, id: i64, today: NaiveDate) -> Result<CampaignResults> {
    results_of(conn, &get(conn, id)?, today)
}

/// The results of `c`, already read (the campaign page reads both in one go).
pub fn results_of(conn: &Connection, c: &Campaign, today: NaiveDate) -> Result<CampaignResults> {
    let id = c.id;
    let all = joined(conn, id, &c.start, &c.end)?;
    let how = attribute(&all, &c.source);
    let rows: Vec<(i64, u32, bool)> = all
        .rows
        .iter()
        .zip(&how)
        .filter_map(|(j, h)| h.map(|by| (j.id, j.day, by)))
        .collect();
    let joins = rows.len() as u32;
    let by_source = rows.iter().filter(|r| r.2).count() as u32;
    let mut per_day: Vec<DayJoins> = Vec::new();
    let mut days: Vec<u32> = rows.iter().map(|r| r.1).collect();
    days.sort_unstable();
    let mut last_day = None;
    for d in days {
        match per_day.last_mut() {
            Some(last) if last_day == Some(d) => last.joins += 1,
            _ => {
                last_day = Some(d);
                per_day.push(DayJoins {
                    date: day_string(d),
                    joins: 1,
                })
            }
        }
    }
    // The leaderboard: who invited most of the campaign's members (names read for the top).
    let mut counts: HashMap<i64, u32> = HashMap::new();
    for (j, h) in all.rows.iter().zip(&how) {
        if let (Some(_), Some(inv)) = (h, j.inviter) {
            *counts.entry(inv).or_default() += 1;
        }
    }
    let mut top: Vec<(i64, u32)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(50);
    let mut leaderboard = Vec::with_capacity(top.len());
    let mut name = conn.prepare_cached("SELECT nickname, sort_key FROM members WHERE id = ?1")?;
    let mut named: Vec<(u32, String, Inviter)> = Vec::new();
    for (member, n) in top {
        if let Some((nick, key)) = name
            .query_row([member], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        {
            named.push((
                n,
                key,
                Inviter {
                    member_id: member,
                    nickname: nick,
                    invited: n,
                },
            ));
        }
    }
    named.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    leaderboard.extend(named.into_iter().take(10).map(|x| x.2));
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
    let mut elsewhere: HashMap<&str, u32> = HashMap::new();
    for (j, h) in all.rows.iter().zip(&how) {
        if h.is_none() {
            *elsewhere
                .entry(all.sources[j.source as usize].as_str())
                .or_default() += 1;
        }
    }
    let mut others: Vec<(String, u32)> = elsewhere
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    others.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    others.truncate(12);
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
         WHERE status <> 'in_group' AND substr(at, 1, 10) >= ?1
           AND group_id IN (SELECT group_id FROM campaign_groups WHERE campaign_id = ?2)",
    )?;
    let rows_left = stmt.query_map(params![c.start, id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows_left {
        let (member, day) = row?;
        if let Some(d) = iso_date(&day) {
            left.entry(member).or_default().push(d);
        }
    }
    for (member, day, _) in &rows {
        let Some(joined) = day_date(*day) else {
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
