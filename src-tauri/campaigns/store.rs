//! Campaign use cases and their SQL: create (with the playbook's checklist, posts and scripts,
//! in one write), read, tick a step, enter numbers, write the retrospective, trash (keeping or
//! trashing its posts) and restore, and save a campaign as the owner's own playbook.
use super::playbooks::{self, Playbook, PostPlan, ScriptPlan, StepPlan};
use super::{CampaignError, CampaignKind, CampaignStatus, Metric, Result, REACH_DAYS};
use crate::calendar::{self, ContentStatus, ItemInput};
use crate::dates::{iso_date, to_db};
use crate::scripts::{self, ScriptInput};
use crate::store::{Area, Write};
use crate::validate::{has_control, FieldError, Rule};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignGoalInput {
    pub metric: Metric,
    pub target: u32,
}

/// What the campaign form (and `campaign add`) gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignInput {
    pub name: String,
    pub kind: CampaignKind,
    #[ts(type = "number[]")]
    pub groups: Vec<i64>,
    /// `YYYY-MM-DD`; the end defaults to the event day, the event day to the start.
    pub start: String,
    pub end: Option<String>,
    pub event_date: Option<String>,
    /// The owner's IANA zone (posts are planned on its wall clock).
    pub tz: String,
    /// In fen (分).
    #[ts(type = "number | null")]
    pub budget_fen: Option<i64>,
    #[ts(type = "number | null")]
    pub bait_fen: Option<i64>,
    pub source: String,
    /// A shipped playbook (`guest_share`, `fission`, `holiday`, `check_in`) or the owner's own.
    pub playbook: Option<String>,
    pub goals: Vec<CampaignGoalInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignStep {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub due: String,
    pub done: bool,
    pub done_at: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignGoal {
    pub metric: Metric,
    pub target: u32,
    /// Entered by hand (attendance, conversions); joins and posts are counted.
    pub actual: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignPost {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub date: String,
    pub time: Option<String>,
    pub status: ContentStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Campaign {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: CampaignKind,
    pub status: CampaignStatus,
    pub start: String,
    pub end: String,
    pub event_date: String,
    pub tz: String,
    #[ts(type = "number[]")]
    pub group_ids: Vec<i64>,
    pub groups: Vec<String>,
    #[ts(type = "number | null")]
    pub budget_fen: Option<i64>,
    #[ts(type = "number | null")]
    pub bait_fen: Option<i64>,
    #[ts(type = "number | null")]
    pub spent_fen: Option<i64>,
    pub source: String,
    pub playbook: Option<String>,
    pub notes: String,
    pub worked: String,
    pub failed: String,
    pub change_next: String,
    pub goals: Vec<CampaignGoal>,
    pub checklist: Vec<CampaignStep>,
    pub posts: Vec<CampaignPost>,
    pub deleted_at: Option<String>,
}

fn invalid(field: &str, rule: Rule) -> CampaignError {
    CampaignError::Invalid(vec![FieldError::new(field, rule)])
}

fn day(field: &str, s: &str) -> Result<NaiveDate> {
    iso_date(s.trim()).ok_or_else(|| invalid(field, Rule::InvalidDate))
}

/// Parses an amount of yuan as typed (`1200`, `1,200.50`, `¥300`) into fen; refuses a
/// negative or unreadable one.
pub fn parse_amount(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let t = t.trim_end_matches('元').trim();
    if t.is_empty() || t.starts_with('-') {
        return None;
    }
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// The dates an input resolves to: (start, end, event).
fn dates(input: &CampaignInput) -> Result<(NaiveDate, NaiveDate, NaiveDate)> {
    let start = day("start", &input.start)?;
    let event = match input.event_date.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(e) => day("event_date", e)?,
        None => start,
    };
    let end = match input.end.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(e) => day("end", e)?,
        None => event.max(start),
    };
    if end < start {
        return Err(CampaignError::EndBeforeStart {
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    Ok((start, end, event))
}

fn check(conn: &Connection, input: &CampaignInput, except: Option<i64>) -> Result<()> {
    let mut errs = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errs.push(FieldError::new("name", Rule::Required));
    } else if name.chars().count() > 80 {
        errs.push(FieldError::new("name", Rule::TooLong { max: 80 }));
    } else if has_control(name, false) {
        errs.push(FieldError::new("name", Rule::ControlChars));
    }
    if input.groups.is_empty() {
        errs.push(FieldError::new("groups", Rule::Required));
    }
    if input.budget_fen.is_some_and(|b| b < 0) {
        errs.push(FieldError::new(
            "budget",
            Rule::OutOfRange {
                min: 0,
                max: i64::MAX,
            },
        ));
    }
    if input.bait_fen.is_some_and(|b| b < 0) {
        errs.push(FieldError::new("bait", Rule::Invalid));
    }
    if input.source.chars().count() > 60 || has_control(&input.source, false) {
        errs.push(FieldError::new("source", Rule::TooLong { max: 60 }));
    }
    if input.tz.parse::<chrono_tz::Tz>().is_err() {
        errs.push(FieldError::new("tz", Rule::Invalid));
    }
    for (i, g) in input.goals.iter().enumerate() {
        if g.target == 0 {
            errs.push(FieldError::new(format!("goals.{i}.target"), Rule::Invalid));
        }
    }
    if !errs.is_empty() {
        return Err(CampaignError::Invalid(errs));
    }
    dates(input)?;
    for g in &input.groups {
        let live: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND deleted_at IS NULL)",
            [g],
            |r| r.get(0),
        )?;
        if !live {
            return Err(CampaignError::GroupNotFound(*g));
        }
    }
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM campaigns WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some_and(|id| Some(id) != except) {
        return Err(CampaignError::NameTaken(name.to_string()));
    }
    Ok(())
}

/// A playbook by name: a shipped one, or the owner's own.
pub fn playbook(conn: &Connection, name: &str) -> Result<Playbook> {
    if let Some(p) = playbooks::shipped(name) {
        return Ok(p);
    }
    let body: Option<String> = conn
        .query_row(
            "SELECT body FROM playbooks WHERE name = ?1 COLLATE NOCASE",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    body.and_then(|b| serde_json::from_str(&b).ok())
        .ok_or_else(|| CampaignError::NoPlaybook(name.trim().to_string()))
}

fn at(event: NaiveDate, offset: i32) -> NaiveDate {
    event + Duration::days(offset.into())
}

/// Refuses a date more than [`REACH_DAYS`] outside the campaign.
fn within(title: &str, date: NaiveDate, start: NaiveDate, end: NaiveDate) -> Result<()> {
    if date < start - Duration::days(REACH_DAYS) || date > end + Duration::days(REACH_DAYS) {
        return Err(CampaignError::OutsideCampaign {
            title: title.to_string(),
            date: date.to_string(),
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    Ok(())
}

/// Creates a campaign and, from its playbook, its checklist, draft posts and scripts — all in
/// the caller's one write: anything refused leaves nothing behind.
pub fn create(w: &Write, input: &CampaignInput, now: DateTime<Utc>) -> Result<Campaign> {
    check(w, input, None)?;
    let (start, end, event) = dates(input)?;
    let book = match input.playbook.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(name) => Some(playbook(w, name.trim())?),
        None => None,
    };
    let ts = to_db(now);
    w.execute(
        "INSERT INTO campaigns (name, kind, start_date, end_date, event_date, tz, budget_fen,
             bait_fen, source, playbook, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            input.name.trim(),
            input.kind,
            start.to_string(),
            end.to_string(),
            event.to_string(),
            input.tz,
            input.budget_fen,
            input.bait_fen,
            input.source.trim(),
            input
                .playbook
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty()),
            ts
        ],
    )?;
    let id = w.last_insert_rowid();
    for g in &input.groups {
        w.execute(
            "INSERT OR IGNORE INTO campaign_groups (campaign_id, group_id) VALUES (?1, ?2)",
            params![id, g],
        )?;
    }
    for g in &input.goals {
        w.execute(
            "INSERT INTO campaign_goals (campaign_id, metric, target) VALUES (?1, ?2, ?3)
             ON CONFLICT (campaign_id, metric) DO UPDATE SET target = excluded.target",
            params![id, g.metric, g.target],
        )?;
    }
    if let Some(book) = book {
        expand(w, id, input, &book, (start, end, event), now)?;
    }
    w.changed(Area::Campaigns, [id]);
    get(w, id)
}

fn expand(
    w: &Write,
    id: i64,
    input: &CampaignInput,
    book: &Playbook,
    (start, end, event): (NaiveDate, NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> Result<()> {
    for (i, s) in book.steps.iter().enumerate() {
        let due = at(event, s.offset);
        within(&s.title, due, start, end)?;
        w.execute(
            "INSERT INTO campaign_steps (campaign_id, position, title, due_date, offset_days)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i as i64, s.title, due.to_string(), s.offset],
        )?;
    }
    let mut posts: Vec<(PostPlan, NaiveDate)> = book
        .posts
        .iter()
        .map(|p| (p.clone(), at(event, p.offset)))
        .collect();
    // Daily posts from the start to the end (at most MAX_DAILY of them), numbered.
    let days = ((end - start).num_days() + 1).clamp(0, playbooks::MAX_DAILY);
    for p in &book.daily {
        for n in 0..days {
            let mut one = p.clone();
            one.title = one.title.replace("{n}", &(n + 1).to_string());
            posts.push((one, start + Duration::days(n)));
        }
    }
    for (p, date) in posts {
        within(&p.title, date, start, end)?;
        let item = calendar::create_item(
            w,
            &ItemInput {
                kind: p.kind.clone(),
                title: p.title.clone(),
                body: p.body.clone(),
                groups: input.groups.clone(),
                planned_date: date.to_string(),
                planned_time: p.time.clone(),
                tz: input.tz.clone(),
                status: ContentStatus::Draft,
                slot_id: None,
                slot_date: None,
            },
            now,
        )?;
        w.execute(
            "UPDATE content_items SET campaign_id = ?2 WHERE id = ?1",
            params![item, id],
        )?;
    }
    for s in &book.scripts {
        for g in &input.groups {
            let script = scripts::create(
                w,
                &ScriptInput {
                    kind: s.kind.clone(),
                    name: format!("{}（{}）", s.name, input.name.trim()),
                    group_id: Some(*g),
                    platform: None,
                    body: s.body.clone(),
                    is_default: false,
                },
                now,
            )?;
            w.execute(
                "UPDATE scripts SET campaign_id = ?2 WHERE id = ?1",
                params![script.id, id],
            )?;
        }
    }
    Ok(())
}

const SELECT: &str = "SELECT id, name, kind, status, start_date, end_date, event_date, tz,
        budget_fen, bait_fen, spent_fen, source, playbook, notes, worked, failed, change_next,
        deleted_at
    FROM campaigns";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        status: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        event_date: r.get(6)?,
        tz: r.get(7)?,
        budget_fen: r.get(8)?,
        bait_fen: r.get(9)?,
        spent_fen: r.get(10)?,
        source: r.get(11)?,
        playbook: r.get(12)?,
        notes: r.get(13)?,
        worked: r.get(14)?,
        failed: r.get(15)?,
        change_next: r.get(16)?,
        deleted_at: r.get(17)?,
        group_ids: Vec::new(),
        groups: Vec::new(),
        goals: Vec::new(),
        checklist: Vec::new(),
        posts: Vec::new(),
    })
}

/// A campaign with its groups, goals, checklist and posts.
pub fn get(conn: &Connection, id: i64) -> Result<Campaign> {
    let mut c = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| CampaignError::NotFound(id.to_string()))?;
    let groups: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT g.id, g.name FROM campaign_groups cg JOIN groups g ON g.id = cg.group_id
             WHERE cg.campaign_id = ?1 ORDER BY g.name",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    (c.group_ids, c.groups) = groups.into_iter().unzip();
    c.goals = conn
        .prepare_cached(
            "SELECT metric, target, actual FROM campaign_goals WHERE campaign_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(CampaignGoal {
                metric: r.get(0)?,
                target: r.get(1)?,
                actual: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    c.checklist = conn
        .prepare_cached(
            "SELECT id, title, due_date, done_at, notes FROM campaign_steps
             WHERE campaign_id = ?1 ORDER BY due_date, position",
        )?
        .query_map([id], |r| {
            let done_at: Option<String> = r.get(3)?;
            Ok(CampaignStep {
                id: r.get(0)?,
                title: r.get(1)?,
                due: r.get(2)?,
                done: done_at.is_some(),
                done_at,
                notes: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    c.posts = conn
        .prepare_cached(
            "SELECT id, title, planned_date, planned_time, status FROM content_items
             WHERE campaign_id = ?1 AND deleted_at IS NULL
             ORDER BY planned_date, planned_time IS NOT NULL, planned_time, id",
        )?
        .query_map([id], |r| {
            Ok(CampaignPost {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                time: r.get(3)?,
                status: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(c)
}

/// A live campaign's id by name (letters without case).
pub fn find_by_name(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM campaigns WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL",
        [name.trim()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| CampaignError::NotFound(name.trim().to_string()))
}

/// The live campaigns, the latest start first.
pub fn list(conn: &Connection) -> Result<Vec<Campaign>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY start_date DESC, id DESC",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

fn touched(w: &Write, id: i64, n: usize, now: DateTime<Utc>) -> Result<()> {
    if n == 0 {
        return Err(CampaignError::NotFound(id.to_string()));
    }
    w.execute(
        "UPDATE campaigns SET updated_at = ?2 WHERE id = ?1",
        params![id, to_db(now)],
    )?;
    w.changed(Area::Campaigns, [id]);
    Ok(())
}

pub fn set_status(w: &Write, id: i64, status: CampaignStatus, now: DateTime<Utc>) -> Result<()> {
    let n = w.execute(
        "UPDATE campaigns SET status = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, status],
    )?;
    touched(w, id, n, now)
}

/// Ticks a checklist step done (or not), with a note.
pub fn set_step(w: &Write, step: i64, done: bool, notes: &str, now: DateTime<Utc>) -> Result<()> {
    let campaign: i64 = w
        .query_row(
            "SELECT campaign_id FROM campaign_steps WHERE id = ?1",
            [step],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CampaignError::NotFound(format!("step {step}")))?;
    if notes.chars().count() > 2000 {
        return Err(invalid("notes", Rule::TooLong { max: 2000 }));
    }
    w.execute(
        "UPDATE campaign_steps SET notes = ?2,
             done_at = CASE WHEN ?3 THEN coalesce(done_at, ?4) END
         WHERE id = ?1",
        params![step, notes, done, to_db(now)],
    )?;
    touched(w, campaign, 1, now)
}

/// The numbers the book cannot know: what was spent in all, and a goal's actual figure
/// (attendance, conversions).
pub fn set_numbers(
    w: &Write,
    id: i64,
    spent_fen: Option<i64>,
    actuals: &[(Metric, u32)],
    now: DateTime<Utc>,
) -> Result<()> {
    if spent_fen.is_some_and(|s| s < 0) {
        return Err(invalid("spent", Rule::Invalid));
    }
    let n = w.execute(
        "UPDATE campaigns SET spent_fen = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, spent_fen],
    )?;
    for (metric, actual) in actuals {
        w.execute(
            "INSERT INTO campaign_goals (campaign_id, metric, target, actual)
             VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (campaign_id, metric) DO UPDATE SET actual = excluded.actual",
            params![id, metric, (*actual).max(1)],
        )?;
    }
    touched(w, id, n, now)
}

/// The retrospective (复盘): what worked, what did not, what to change. Writing it marks the
/// campaign reviewed.
pub fn set_retro(
    w: &Write,
    id: i64,
    worked: &str,
    failed: &str,
    change_next: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for (field, text) in [
        ("worked", worked),
        ("failed", failed),
        ("change_next", change_next),
    ] {
        if text.chars().count() > 5000 {
            return Err(invalid(field, Rule::TooLong { max: 5000 }));
        }
    }
    let n = w.execute(
        "UPDATE campaigns SET worked = ?2, failed = ?3, change_next = ?4, status = 'reviewed'
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, worked.trim(), failed.trim(), change_next.trim()],
    )?;
    touched(w, id, n, now)
}

/// Moves a campaign to the trash; its posts not yet posted go too unless `keep_posts`.
/// Returns how many posts were trashed.
pub fn trash(w: &Write, id: i64, keep_posts: bool, now: DateTime<Utc>) -> Result<u32> {
    let n = w.execute(
        "UPDATE campaigns SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, to_db(now)],
    )?;
    if n == 0 {
        return Err(CampaignError::NotFound(id.to_string()));
    }
    let mut trashed = 0;
    if !keep_posts {
        let posts: Vec<i64> = w
            .prepare_cached(
                "SELECT id FROM content_items WHERE campaign_id = ?1 AND deleted_at IS NULL
                   AND status NOT IN ('posted', 'skipped')",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for p in posts {
            calendar::trash_item(w, p, now)?;
            trashed += 1;
        }
    }
    w.changed(Area::Campaigns, [id]);
    Ok(trashed)
}

/// Takes a campaign back from the trash (its trashed posts are restored from the calendar's
/// own undo).
pub fn restore(w: &Write, id: i64, now: DateTime<Utc>) -> Result<()> {
    let name: String = w
        .query_row(
            "SELECT name FROM campaigns WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CampaignError::NotFound(id.to_string()))?;
    if find_by_name(w, &name).is_ok() {
        return Err(CampaignError::NameTaken(name));
    }
    w.execute("UPDATE campaigns SET deleted_at = NULL WHERE id = ?1", [id])?;
    touched(w, id, 1, now)
}

/// Saves a campaign's checklist, posts and scripts as the owner's own playbook (placed by days
/// from its event date), for the next one.
pub fn save_as_playbook(w: &Write, id: i64, name: &str, now: DateTime<Utc>) -> Result<()> {
    let c = get(w, id)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || has_control(name, false) {
        return Err(invalid("name", Rule::Invalid));
    }
    if playbooks::shipped(name).is_some() {
        return Err(CampaignError::NameTaken(name.to_string()));
    }
    let event = day("event_date", &c.event_date)?;
    let offset = |d: &str| iso_date(d).map_or(0, |d| (d - event).num_days() as i32);
    let steps: Vec<StepPlan> = w
        .prepare_cached(
            "SELECT title, offset_days FROM campaign_steps WHERE campaign_id = ?1
             ORDER BY due_date, position",
        )?
        .query_map([id], |r| {
            Ok(StepPlan {
                title: r.get(0)?,
                offset: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let posts: Vec<PostPlan> = w
        .prepare_cached(
            "SELECT kind, title, body, planned_date, planned_time FROM content_items
             WHERE campaign_id = ?1 AND deleted_at IS NULL ORDER BY planned_date, id",
        )?
        .query_map([id], |r| {
            let date: String = r.get(3)?;
            Ok(PostPlan {
                kind: r.get(0)?,
                title: r.get(1)?,
                body: r.get(2)?,
                offset: offset(&date),
                time: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut scripts: Vec<ScriptPlan> = Vec::new();
    let rows: Vec<(String, String, String)> = w
        .prepare_cached(
            "SELECT kind, name, body FROM scripts WHERE campaign_id = ?1 AND deleted_at IS NULL
             ORDER BY id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, sname, body) in rows {
        if !scripts.iter().any(|s| s.kind == kind && s.body == body) {
            let suffix = format!("（{}）", c.name);
            scripts.push(ScriptPlan {
                kind,
                name: sname.trim_end_matches(&suffix).to_string(),
                body,
            });
        }
    }
    let book = Playbook {
        steps,
        posts,
        scripts,
        daily: Vec::new(),
    };
    let body = serde_json::to_string(&book)
        .map_err(|e| invalid(&format!("playbook: {e}"), Rule::Invalid))?;
    w.execute(
        "INSERT INTO playbooks (name, kind, body, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name COLLATE NOCASE) DO UPDATE SET kind = excluded.kind, body = excluded.body",
        params![name, c.kind, body, to_db(now)],
    )?;
    w.changed(Area::Campaigns, [id]);
    Ok(())
}

/// The owner's own playbooks' names.
pub fn own_playbooks(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM playbooks ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
