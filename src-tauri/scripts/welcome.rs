//! The welcome ritual: every newcomer gets the welcome script (with the rules and the in-group
//! name format), then a follow-up a few days later asks whether they introduced themself.
//!
//! A newcomer is a member who (re)joined a group in the last [`WELCOME_DAYS`] days — by hand,
//! by import or by a pasted list, every path records the join in `status_changes` — and has
//! not been welcomed since. A member imported with an old join date is not a newcomer. Ticking
//! "welcomed" stores the welcome, logs it as an interaction and, unless the group's rule is
//! off, plans the follow-up; all in the caller's one transaction.
use super::fill::{self, Filled, MemberFacts};
use super::library::{context, custom_fields, pick};
use super::template;
use super::{Result, ScriptError};
use crate::dates::to_db;
use crate::groups::Platform;
use crate::members::{Channel, InteractionInput};
use crate::reminders::{zone::local_date, Plan, ReminderInput};
use crate::settings::Language;
use crate::store::{Area, Write};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long after joining a member counts as a newcomer.
pub const WELCOME_DAYS: i64 = 7;
/// Newcomers listed per group (the count is in full).
pub const ROWS_PER_GROUP: usize = 50;
/// The follow-up's delay when a group never set its rule.
pub const DEFAULT_FOLLOW_UP_DAYS: u32 = 3;

/// The welcome a group without its own welcome script gets.
pub fn default_welcome(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "欢迎 {称呼} 加入{群名}！🎉\n请先把群名片改为：{群名片格式|名称+地区+职业}\n群规请看：\n{群规|友善交流，不发广告。}\n来做个自我介绍吧：你是谁、在哪里、做什么、想在群里收获什么～",
        Language::En => "Welcome to {群名}, {称呼}! 🎉\nPlease set your in-group name as: {群名片格式|name + city + job}\nThe rules:\n{群规|Be kind, no ads.}\nTell us about yourself: who you are, where you are, what you do and what you hope to find here.",
    }
}

fn default_reason(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "{昵称} 做自我介绍了吗？",
        Language::En => "Has {昵称} introduced themself?",
    }
}

/// A group's follow-up rule: after a welcome, check the introduction in `days` days (none:
/// off), with this reason (a script text; empty: the app's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WelcomeRule {
    #[ts(type = "number")]
    pub group_id: i64,
    pub follow_up_days: Option<u32>,
    pub reason: String,
}

pub fn rule(conn: &Connection, group_id: i64) -> Result<WelcomeRule> {
    super::group_facts(conn, group_id)?;
    let row: Option<(Option<u32>, String)> = conn
        .prepare_cached("SELECT follow_up_days, reason FROM welcome_rules WHERE group_id = ?1")?
        .query_row([group_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (follow_up_days, reason) = row.unwrap_or((Some(DEFAULT_FOLLOW_UP_DAYS), String::new()));
    Ok(WelcomeRule {
        group_id,
        follow_up_days,
        reason,
    })
}

pub fn set_rule(w: &Write, rule: &WelcomeRule) -> Result<()> {
    super::group_facts(w, rule.group_id)?;
    let mut errors = Vec::new();
    if let Some(d) = rule.follow_up_days {
        if !(1..=60).contains(&d) {
            errors.push(crate::validate::FieldError::new(
                "follow_up_days",
                crate::validate::Rule::OutOfRange { min: 1, max: 60 },
            ));
        }
    }
    if rule.reason.chars().count() > 200 {
        errors.push(crate::validate::FieldError::new(
            "reason",
            crate::validate::Rule::TooLong { max: 200 },
        ));
    }
    if !errors.is_empty() {
        return Err(ScriptError::Invalid(errors));
    }
    let fields = custom_fields(w)?;
    let (_, problems) = template::parse(&rule.reason, &fields);
    if !problems.is_empty() {
        return Err(ScriptError::Placeholders(problems));
    }
    w.execute(
        "INSERT INTO welcome_rules (group_id, follow_up_days, reason) VALUES (?1, ?2, ?3)
         ON CONFLICT (group_id) DO UPDATE SET follow_up_days = excluded.follow_up_days,
             reason = excluded.reason",
        params![
            rule.group_id,
            rule.follow_up_days,
            template::normalise(rule.reason.trim(), &fields)
        ],
    )?;
    w.changed(Area::Scripts, [rule.group_id]);
    Ok(())
}

/// A newcomer not yet welcomed: (group, member, when they joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub group_id: i64,
    pub member_id: i64,
    pub joined_at: String,
}

/// Newcomers not yet welcomed at `now`, of one group or all (live, unarchived groups), by
/// group then by when they joined.
pub fn pending(
    conn: &Connection,
    group: Option<i64>,
    now: DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<Vec<Pending>> {
    let since = now - Duration::days(WELCOME_DAYS);
    let since_day = local_date(tz, since).to_string();
    let rows = conn
        .prepare_cached(
            "SELECT sc.group_id, sc.member_id, max(sc.at) AS joined
             FROM status_changes sc INDEXED BY status_changes_joins
             -- CROSS JOIN keeps the recent joins the outer loop: started from the memberships,
             -- SQLite would scan every recent join once per member in the group.
             CROSS JOIN memberships ms ON ms.member_id = sc.member_id AND ms.group_id = sc.group_id
             CROSS JOIN members m ON m.id = sc.member_id
             CROSS JOIN groups g ON g.id = sc.group_id
             WHERE sc.status = 'in_group' AND sc.at >= ?1
               AND (?3 IS NULL OR sc.group_id = ?3)
               AND ms.status = 'in_group' AND (ms.joined_on IS NULL OR ms.joined_on >= ?2)
               AND m.deleted_at IS NULL AND g.deleted_at IS NULL AND g.archived_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM welcomes w WHERE w.member_id = sc.member_id
                               AND w.group_id = sc.group_id AND w.at >= sc.at)
             GROUP BY sc.group_id, sc.member_id
             ORDER BY sc.group_id, joined, sc.member_id",
        )?
        .query_map(params![to_db(since), since_day, group], |r| {
            Ok(Pending {
                group_id: r.get(0)?,
                member_id: r.get(1)?,
                joined_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One newcomer as Today lists them, with their filled welcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Newcomer {
    #[ts(type = "number")]
    pub member_id: i64,
    pub nickname: String,
    pub joined_at: String,
    pub welcome: Filled,
}

/// One group's welcome section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WelcomeGroup {
    #[ts(type = "number")]
    pub group_id: i64,
    pub group_name: String,
    pub color: u8,
    pub platform: Platform,
    /// The welcome script used; none: the app's default (the group has none of its own).
    #[ts(type = "number | null")]
    pub script_id: Option<i64>,
    pub newcomers: Vec<Newcomer>,
    pub total: u32,
    /// One message welcoming every listed newcomer, @-mentioned.
    pub together: Filled,
}

/// The welcome sections at `now`: one per group with newcomers not yet welcomed.
pub fn sections(
    conn: &Connection,
    plan: &Plan,
    lang: Language,
    now: DateTime<Utc>,
) -> Result<Vec<WelcomeGroup>> {
    let all = pending(conn, None, now, plan.tz)?;
    let today = local_date(plan.tz, now);
    let fields = custom_fields(conn)?;
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let g = all[i].group_id;
        let end = all[i..]
            .iter()
            .position(|p| p.group_id != g)
            .map_or(all.len(), |n| i + n);
        let group = &all[i..end];
        i = end;
        let cx = context(conn, Some(g), today, lang)?;
        let facts = cx.group.clone().unwrap_or_default();
        let script = pick(conn, "welcome", Some(g), facts.platform)?;
        let body = script
            .as_ref()
            .map_or(default_welcome(lang), |s| s.body.as_str());
        let (t, _) = template::parse(body, &fields);
        let ids: Vec<i64> = group
            .iter()
            .take(ROWS_PER_GROUP)
            .map(|p| p.member_id)
            .collect();
        let members = fill::load_members(conn, &ids, Some(&facts), &fill::fields_used(&t))?;
        let newcomers = members
            .iter()
            .map(|m| Newcomer {
                member_id: m.id,
                nickname: m.nickname.clone(),
                joined_at: group
                    .iter()
                    .find(|p| p.member_id == m.id)
                    .map(|p| p.joined_at.clone())
                    .unwrap_or_default(),
                welcome: fill::fill_one(&t, Some(m), &cx, &fields),
            })
            .collect();
        let (color, platform): (u8, Platform) = conn
            .prepare_cached("SELECT color, platform FROM groups WHERE id = ?1")?
            .query_row([g], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.push(WelcomeGroup {
            group_id: g,
            group_name: facts.name.clone(),
            color,
            platform,
            script_id: script.map(|s| s.id),
            together: fill::fill_together(&t, &members, &cx, &fields),
            newcomers,
            total: group.len() as u32,
        });
    }
    Ok(out)
}

/// Marks members welcomed in a group: stores it, logs a group-chat interaction for each, and
/// plans the group's follow-up (unless its rule is off). Returns how many were welcomed.
pub fn mark_welcomed(
    w: &Write,
    group_id: i64,
    member_ids: &[i64],
    plan: &Plan,
    lang: Language,
    now: DateTime<Utc>,
) -> Result<u32> {
    let facts = super::group_facts(w, group_id)?;
    let rule = rule(w, group_id)?;
    let fields = custom_fields(w)?;
    let reason = if rule.reason.trim().is_empty() {
        default_reason(lang)
    } else {
        rule.reason.as_str()
    };
    let (reason_t, _) = template::parse(reason, &fields);
    let today = local_date(plan.tz, now);
    let cx = context(w, Some(group_id), today, lang)?;
    let members: Vec<MemberFacts> =
        fill::load_members(w, member_ids, Some(&facts), &fill::fields_used(&reason_t))?;
    super::copy::check_members(member_ids, &members, Some(group_id))?;
    let summary = match lang {
        Language::ZhCn => format!("入群欢迎（{}）", facts.name),
        Language::En => format!("Welcomed to {}", facts.name),
    };
    for m in &members {
        w.prepare_cached(
            "INSERT INTO welcomes (member_id, group_id, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (member_id, group_id) DO UPDATE SET at = excluded.at",
        )?
        .execute(params![m.id, group_id, to_db(now)])?;
        crate::members::log_interaction(
            w,
            m.id,
            &InteractionInput {
                at: None,
                channel: Channel::GroupChat,
                summary: summary.clone(),
            },
            now,
        )
        .map_err(member_error)?;
        if let Some(days) = rule.follow_up_days {
            let reason = fill::fill_one(&reason_t, Some(m), &cx, &fields).text;
            crate::reminders::create(
                w,
                &ReminderInput {
                    member_id: m.id,
                    reason: reason.chars().take(200).collect(),
                    due_date: (today + Duration::days(days.into())).to_string(),
                    due_time: None,
                    repeat: None,
                },
                plan,
                now,
            )
            .map_err(|e| match e {
                crate::reminders::ReminderError::Storage(e) => ScriptError::Storage(e),
                _ => ScriptError::MemberNotFound(m.id),
            })?;
        }
    }
    w.changed(Area::Scripts, [group_id]);
    Ok(members.len() as u32)
}

fn member_error(e: crate::members::MemberError) -> ScriptError {
    match e {
        crate::members::MemberError::Storage(e) => ScriptError::Storage(e),
        crate::members::MemberError::NotFound(id) => ScriptError::MemberNotFound(id),
        other => ScriptError::Invalid(vec![crate::validate::FieldError::new(
            other.to_string(),
            crate::validate::Rule::Invalid,
        )]),
    }
}
