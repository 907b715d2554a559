//! Demo follow-ups: reminders spread over the members the demo added (some overdue, most in
//! the coming weeks, some with a time, some repeating, a tenth already done), and the
//! stay-in-touch cadences an owner would set up. Plans are in Shanghai time.
use crate::members::Category;
use crate::reminders::cadence::{self, CadenceInput};
use crate::reminders::{self, zone, Plan, ReminderError, ReminderInput, Repeat};
use crate::store::Write;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::Rng;

const REASONS: [&str; 10] = [
    "问问孩子考试结果",
    "续费提醒",
    "邀请参加周日分享会",
    "回访上次的问题",
    "送生日祝福",
    "确认线下活动报名",
    "请教分享嘉宾档期",
    "问问新课体验",
    "感谢推荐新成员",
    "聊聊最近读的书",
];

/// Adds `count` follow-ups through the same use cases as the follow-up form (and "done" for a
/// tenth of them), and two cadences.
pub fn fill(
    w: &Write,
    rng: &mut StdRng,
    count: u32,
    now: DateTime<Utc>,
) -> Result<(), ReminderError> {
    if count == 0 {
        return Ok(());
    }
    let ids: Vec<i64> = w
        .prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    let plan = Plan::default_for(chrono_tz::Asia::Shanghai);
    let today = zone::local_date(plan.tz, now);
    for i in 0..count {
        let member = ids[rng.random_range(0..ids.len())];
        let date = today + Duration::days(rng.random_range(-20..90));
        let time = rng
            .random_bool(0.4)
            .then(|| {
                NaiveTime::from_hms_opt(rng.random_range(8..22), [0, 30][rng.random_range(0..2)], 0)
            })
            .flatten();
        let repeat = rng.random_bool(0.2).then(|| {
            [
                Repeat::Days { every: 7 },
                Repeat::Weeks {
                    every: 1,
                    weekdays: vec![0],
                },
                Repeat::Months { every: 1, day: 15 },
            ][rng.random_range(0..3)]
            .clone()
        });
        let input = ReminderInput {
            member_id: member,
            reason: REASONS[rng.random_range(0..REASONS.len())].to_string(),
            due_date: date.to_string(),
            due_time: time.map(|t| t.format("%H:%M").to_string()),
            repeat,
        };
        // What was due before now counts as announced (the demo did not just miss it).
        let r = reminders::create(w, &input, &plan, now)?;
        if i % 10 == 0 {
            reminders::complete(w, r.id, "", &plan, now)?;
        }
    }
    // Cadences: core members of the first group weekly, paying members monthly.
    let first_group: Option<i64> = w.query_row(
        "SELECT min(id) FROM groups WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    for (group_id, category, every_days) in [
        (first_group, Category::Core, 7),
        (None, Category::Paying, 30),
    ] {
        let input = CadenceInput {
            group_id,
            category: Some(category),
            tag_id: None,
            every_days,
        };
        cadence::create(w, &input, now)?;
    }
    Ok(())
}
