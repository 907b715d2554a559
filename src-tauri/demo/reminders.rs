//! Demo follow-ups: reminders spread over the members the demo added (some overdue, most in
//! the coming weeks, some with a time, some repeating, a tenth already done), and the
//! stay-in-touch cadences an owner would set up. Plans are in Shanghai time.
use crate::reminders::{zone, Repeat};
use crate::time::to_db;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::{params, Connection};

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

pub fn fill(
    conn: &Connection,
    rng: &mut StdRng,
    count: u32,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if count == 0 {
        return Ok(());
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM members WHERE deleted_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    let tz = chrono_tz::Asia::Shanghai;
    let today = zone::local_date(tz, now);
    let morning = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut insert = conn.prepare(
        "INSERT INTO reminders (member_id, reason, due_date, due_time, tz, rule, fire_at,
             notified_at, done_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?;
    for i in 0..count {
        let member = ids[rng.random_range(0..ids.len())];
        let date = today + Duration::days(rng.random_range(-20..90));
        let time = rng
            .random_bool(0.4)
            .then(|| {
                NaiveTime::from_hms_opt(rng.random_range(8..22), [0, 30][rng.random_range(0..2)], 0)
            })
            .flatten();
        let rule = rng.random_bool(0.2).then(|| {
            [
                Repeat::Days { every: 7 },
                Repeat::Weeks {
                    every: 1,
                    weekdays: vec![0],
                },
                Repeat::Months { every: 1, day: 15 },
            ][rng.random_range(0..3)]
            .to_rrule()
        });
        let fire_at = zone::instant(tz, date, time.unwrap_or(morning));
        let done = (i % 10 == 0).then(|| to_db(fire_at));
        // What was due before now was announced (the demo did not just miss it).
        let notified = (fire_at <= now).then(|| to_db(now));
        insert.execute(params![
            member,
            REASONS[rng.random_range(0..REASONS.len())],
            date.to_string(),
            time.map(|t| t.format("%H:%M").to_string()),
            tz.name(),
            rule,
            to_db(fire_at),
            notified,
            done,
            to_db(now),
        ])?;
    }
    // Cadences: core members of the first group weekly, paying members monthly.
    let first_group: Option<i64> = conn.query_row(
        "SELECT min(id) FROM groups WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO cadences (group_id, category, every_days, created_at) VALUES (?1, 'core', 7, ?2)",
        params![first_group, to_db(now)],
    )?;
    conn.execute(
        "INSERT INTO cadences (category, every_days, created_at) VALUES ('paying', 30, ?1)",
        params![to_db(now)],
    )?;
    Ok(())
}
