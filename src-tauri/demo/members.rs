//! Demo members and notes in bulk: written with prepared statements inside the demo's
//! transaction, then indexed for search once at the end (per-member reindexing during the
//! load would tokenise each member's notes many times).
use super::people::*;
use crate::members::{search, text};
use crate::time::to_db;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::{params, Connection};

const CATEGORIES: &[&str] = &[
    "active",
    "silent",
    "silent",
    "silent",
    "contributor",
    "paying",
    "core",
];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn nickname(rng: &mut StdRng, surname: &str, given: &str) -> String {
    match rng.random_range(0..10) {
        0..=3 => format!("{surname}{given}"),
        4 | 5 => pick(rng, NICK_WORDS).to_string(),
        6 => format!("{}{}", pick(rng, LATIN_NAMES), surname),
        7 => pick(rng, LATIN_NAMES).to_string(),
        8 => format!("{}{}", pick(rng, NICK_WORDS), pick(rng, NICK_WORDS)),
        _ => format!("{}{}", given, pick(rng, NICK_WORDS)),
    }
}

/// Adds `members` members spread over the live groups (with memberships, tags, points and an
/// interaction for some) and `notes` notes spread unevenly over them (a few members get
/// hundreds, as real books have).
pub fn fill(
    conn: &Connection,
    rng: &mut StdRng,
    members: u32,
    notes: u32,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if members == 0 {
        return Ok(());
    }
    let groups: Vec<i64> = conn
        .prepare("SELECT id FROM groups WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tag_ids = Vec::new();
    for t in TAGS {
        conn.execute(
            "INSERT OR IGNORE INTO tags (name, color) VALUES (?1, ?2)",
            params![t, tag_ids.len() as i64 % 10],
        )?;
        tag_ids.push(
            conn.query_row("SELECT id FROM tags WHERE name = ?1", [t], |r| {
                r.get::<_, i64>(0)
            })?,
        );
    }
    let mut insert_member = conn.prepare(
        "INSERT INTO members (nickname, display_name, real_name, region, occupation, phone, phone_key,
             source, invited_by, birth_md, birth_year, sort_key, last_contact_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, NULL, ?12, ?12)",
    )?;
    let mut insert_handle = conn.prepare(
        "INSERT INTO member_handles (member_id, kind, value, value_key, position) VALUES (?1, 'wechat', ?2, ?3, 0)",
    )?;
    let mut insert_ms = conn.prepare(
        "INSERT OR IGNORE INTO memberships (member_id, group_id, joined_on, status, category, role)
         VALUES (?1, ?2, ?3, ?4, ?5, '')",
    )?;
    let mut insert_change = conn.prepare(
        "INSERT INTO status_changes (member_id, group_id, status, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_tag =
        conn.prepare("INSERT OR IGNORE INTO member_tags (member_id, tag_id) VALUES (?1, ?2)")?;
    let mut insert_points = conn.prepare(
        "INSERT INTO points_ledger (member_id, group_id, amount, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut insert_contact = conn.prepare(
        "INSERT INTO interactions (member_id, at, channel, summary) VALUES (?1, ?2, 'private_chat', ?3)",
    )?;
    let mut ids = Vec::with_capacity(members as usize);
    for _ in 0..members {
        let surname = pick(rng, SURNAMES);
        let given = pick(rng, GIVEN);
        let nick = nickname(rng, surname, given);
        let region = pick(rng, REGIONS);
        let job = pick(rng, OCCUPATIONS);
        let phone = format!(
            "1{}{:09}",
            rng.random_range(3..=9),
            rng.random_range(0..1_000_000_000u64)
        );
        let joined_days = rng.random_range(0..900);
        let created = now - Duration::days(joined_days);
        let inviter =
            (!ids.is_empty() && rng.random_bool(0.2)).then(|| ids[rng.random_range(0..ids.len())]);
        let (md, year) = if rng.random_bool(0.7) {
            let m = rng.random_range(1..=12u32);
            let d = rng.random_range(1..=28u32);
            (
                Some(format!("{m:02}-{d:02}")),
                rng.random_bool(0.6).then(|| rng.random_range(1960..2010)),
            )
        } else {
            (None, None)
        };
        insert_member.execute(params![
            nick,
            format!("{nick}-{region}-{job}"),
            format!("{surname}{given}"),
            region,
            job,
            phone,
            pick(rng, SOURCES),
            inviter,
            md,
            year,
            text::sort_key(&nick),
            to_db(created),
        ])?;
        let id = conn.last_insert_rowid();
        ids.push(id);
        let handle = format!(
            "wx_{}{}",
            text::syllables(surname).concat(),
            rng.random_range(100..100_000)
        );
        insert_handle.execute(params![id, handle, handle])?;
        if !groups.is_empty() {
            let in_groups = if rng.random_bool(0.25) { 2 } else { 1 };
            for _ in 0..in_groups {
                let g = groups[rng.random_range(0..groups.len())];
                let status = match rng.random_range(0..20) {
                    0 => "left",
                    1 => "removed",
                    _ => "in_group",
                };
                let joined = created.date_naive().to_string();
                if insert_ms.execute(params![id, g, joined, status, pick(rng, CATEGORIES)])? == 0 {
                    continue;
                }
                insert_change.execute(params![id, g, "in_group", "", to_db(created)])?;
                if status != "in_group" {
                    let reason = if status == "left" {
                        "主动退群"
                    } else {
                        "多次发广告"
                    };
                    insert_change.execute(params![
                        id,
                        g,
                        status,
                        reason,
                        to_db(created + Duration::days(30))
                    ])?;
                }
                if rng.random_bool(0.3) {
                    let amount = rng.random_range(1..=20) * 5;
                    insert_points.execute(params![
                        id,
                        g,
                        amount,
                        pick(rng, &["打卡", "分享", "帮助群友", "参加活动"]),
                        to_db(created + Duration::days(1))
                    ])?;
                }
            }
        }
        for _ in 0..rng.random_range(0..=2) {
            insert_tag.execute(params![id, tag_ids[rng.random_range(0..tag_ids.len())]])?;
        }
        if rng.random_bool(0.5) {
            let at = now
                - Duration::days(rng.random_range(0..200))
                - Duration::minutes(rng.random_range(0..1440));
            insert_contact.execute(params![id, to_db(at), pick(rng, NOTE_TOPICS)])?;
        }
    }
    let mut insert_note = conn.prepare(
        "INSERT INTO notes (member_id, body, pinned, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    for i in 0..notes {
        // Skewed: one note in five goes to the first 1% of members.
        let member = if rng.random_bool(0.2) {
            ids[rng.random_range(0..ids.len().div_ceil(100))]
        } else {
            ids[rng.random_range(0..ids.len())]
        };
        let body = format!(
            "{}，{}。{}",
            pick(rng, NOTE_OPENERS),
            pick(rng, NOTE_TOPICS),
            pick(rng, NOTE_CLOSERS)
        );
        let at = now
            - Duration::minutes(rng.random_range(0..60 * 24 * 700))
            - Duration::seconds(i64::from(i % 60));
        insert_note.execute(params![member, body, rng.random_bool(0.02), to_db(at)])?;
    }
    search::reindex_all(conn)?;
    Ok(())
}
