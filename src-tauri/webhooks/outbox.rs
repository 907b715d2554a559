//! The outbox of pushes: one row per webhook and event, written in the same transaction that
//! marks the follow-ups announced, then sent (and retried with backoff) by the scheduler.
use super::payload;
use crate::dates::{from_db, to_db};
use crate::reminders::digest::Digest;
use crate::reminders::DueReminder;
use crate::settings::Language;
use crate::store::{Area, Write};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};

/// Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th a push has failed.
pub const BACKOFF: [Duration; 4] = [
    Duration::seconds(10),
    Duration::minutes(1),
    Duration::minutes(5),
    Duration::minutes(30),
];
pub const MAX_ATTEMPTS: u32 = BACKOFF.len() as u32 + 1;

fn enqueue(
    tx: &Write,
    want: &str,
    event: &str,
    text: &str,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let hooks: Vec<(i64, super::WebhookKind)> = tx
        .prepare(&format!(
            "SELECT id, kind FROM webhooks WHERE enabled = 1 AND {want} = 1 ORDER BY id"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind) in hooks {
        let body = payload::body(kind, text, event, data.clone());
        tx.execute(
            "INSERT INTO webhook_deliveries (webhook_id, event, body, status, next_at, created_at)
             VALUES (?1, ?2, ?3, 'pending', ?4, ?4)",
            params![
                id,
                if want == "digest" {
                    "digest"
                } else {
                    "reminder"
                },
                body.to_string(),
                to_db(now)
            ],
        )?;
        tx.changed(Area::Webhooks, [id]);
    }
    Ok(())
}

pub fn enqueue_reminders(
    conn: &Write,
    due: &[DueReminder],
    language: Language,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let text = payload::reminders_text(due, language);
    enqueue(
        conn,
        "reminders",
        "reminders.due",
        &text,
        payload::reminders_data(due),
        now,
    )
}

/// Timed posts whose moment came, to the webhooks that take follow-up reminders.
pub fn enqueue_posts(
    conn: &Write,
    posts: &[crate::calendar::DuePost],
    language: Language,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let zh = language == Language::ZhCn;
    let lines: Vec<String> = posts
        .iter()
        .map(|p| {
            if zh {
                format!("· {} 在 {} 发：{}", p.time, p.groups, p.title)
            } else {
                format!("· {} in {}: {}", p.time, p.groups, p.title)
            }
        })
        .collect();
    let head = if zh {
        "【群主工作台】该发内容了："
    } else {
        "[GroupDesk] Time to post:"
    };
    let text = format!("{head}\n{}", lines.join("\n"));
    let data = serde_json::json!({
        "posts": posts.iter().map(|p| serde_json::json!({
            "id": p.id, "title": p.title, "groups": p.groups, "time": p.time, "at": p.fire_at,
        })).collect::<Vec<_>>()
    });
    enqueue(conn, "reminders", "posts.due", &text, data, now)
}

pub fn enqueue_digest(
    conn: &Write,
    d: &Digest,
    language: Language,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    enqueue(
        conn,
        "digest",
        "digest",
        &payload::digest_text(d, language),
        payload::digest_data(d),
        now,
    )
}

/// A push to attempt now.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: i64,
    pub kind: super::WebhookKind,
    pub url: String,
    pub body: String,
    pub attempts: u32,
}

pub fn due(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<Pending>> {
    conn.prepare_cached(
        "SELECT d.id, w.kind, w.url, d.body, d.attempts
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_at <= ?1 ORDER BY d.next_at, d.id LIMIT 50",
    )?
    .query_map([to_db(now)], |r| {
        Ok(Pending {
            id: r.get(0)?,
            kind: r.get(1)?,
            url: r.get(2)?,
            body: r.get(3)?,
            attempts: r.get(4)?,
        })
    })?
    .collect()
}

/// Records an attempt: sent, or failed with the reason (retried later, or given up on).
pub fn record(
    conn: &Write,
    id: i64,
    attempts_before: u32,
    outcome: &Result<(), String>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let attempts = attempts_before + 1;
    match outcome {
        Ok(()) => conn.execute(
            "UPDATE webhook_deliveries SET status = 'sent', attempts = ?2, sent_at = ?3,
                 last_error = '' WHERE id = ?1",
            params![id, attempts, to_db(now)],
        )?,
        Err(reason) => {
            let (status, next) = match BACKOFF.get(attempts_before as usize) {
                Some(wait) if attempts < MAX_ATTEMPTS => ("pending", now + *wait),
                _ => ("failed", now),
            };
            conn.execute(
                "UPDATE webhook_deliveries SET status = ?2, attempts = ?3, next_at = ?4,
                     last_error = ?5 WHERE id = ?1",
                params![id, status, attempts, to_db(next), reason],
            )?
        }
    };
    conn.changed(Area::Webhooks, []);
    Ok(())
}

/// How long sent and failed deliveries stay listed.
pub const KEEP_DAYS: i64 = 30;

/// Deletes sent and failed deliveries older than [`KEEP_DAYS`] (pending ones are kept).
pub fn prune(w: &Write, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    let n = w.execute(
        "DELETE FROM webhook_deliveries WHERE status IN ('sent', 'failed') AND created_at < ?1",
        [to_db(now - Duration::days(KEEP_DAYS))],
    )?;
    if n > 0 {
        w.changed(Area::Webhooks, []);
    }
    Ok(n)
}

/// Records a test message sent now (one attempt) and how it went.
pub fn record_test(
    conn: &Write,
    webhook_id: i64,
    body: &str,
    outcome: &Result<(), String>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let (status, error) = match outcome {
        Ok(()) => ("sent", String::new()),
        Err(e) => ("failed", e.clone()),
    };
    conn.execute(
        "INSERT INTO webhook_deliveries (webhook_id, event, body, status, attempts, next_at,
             last_error, created_at, sent_at)
         VALUES (?1, 'test', ?2, ?3, 1, ?4, ?5, ?4, CASE WHEN ?3 = 'sent' THEN ?4 END)",
        params![webhook_id, body, status, to_db(now), error],
    )?;
    conn.changed(Area::Webhooks, [webhook_id]);
    Ok(())
}

/// Where a test message goes: the webhook's kind and URL.
pub fn target(
    conn: &Connection,
    webhook_id: i64,
) -> rusqlite::Result<(super::WebhookKind, String)> {
    conn.query_row(
        "SELECT kind, url FROM webhooks WHERE id = ?1",
        [webhook_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// When the next pending push is to be attempted.
pub fn next_attempt(conn: &Connection) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let t: Option<String> = conn.query_row(
        "SELECT min(next_at) FROM webhook_deliveries WHERE status = 'pending'",
        [],
        |r| r.get(0),
    )?;
    Ok(t.as_deref().and_then(from_db))
}
