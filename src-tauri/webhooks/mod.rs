//! Optional pushes to chat robots (企业微信群机器人, 钉钉, 飞书, Slack, Discord) or any JSON
//! endpoint: due follow-ups as they fire and the daily digest. Off unless the user adds one.
//!
//! A webhook URL is a secret (anyone holding it can post into the group), so it stays in the
//! `webhooks` table: the UI sees a masked hint, failures are recorded with a reason scrubbed of
//! it, and exports never include the table. Pushes go through an outbox (`webhook_deliveries`)
//! and are retried with backoff by the scheduler; each attempt's result is visible in Settings.

pub mod outbox;
pub mod payload;
pub mod send;

pub use send::post;

use crate::dates::to_db;
use crate::store::{Area, Write};
use crate::validate::{FieldError, Rule};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

sql_enum!(
    /// The service a webhook posts to; each wants its own JSON.
    WebhookKind {
        Wecom => "wecom",
        Dingtalk => "dingtalk",
        Feishu => "feishu",
        Slack => "slack",
        Discord => "discord",
        Json => "json",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WebhookInput {
    pub kind: WebhookKind,
    pub name: String,
    /// The URL; none when editing keeps the saved one (the UI never receives it back).
    pub url: Option<String>,
    /// Push follow-ups as they come due.
    pub reminders: bool,
    /// Push the daily digest at the morning time.
    pub digest: bool,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Delivery {
    pub id: i64,
    pub event: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: u32,
    pub last_error: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// A webhook as the UI sees it: the URL only as a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Webhook {
    pub id: i64,
    pub kind: WebhookKind,
    pub name: String,
    /// `https://qyapi.weixin.qq.com/…3f9a`.
    pub url_hint: String,
    pub reminders: bool,
    pub digest: bool,
    pub enabled: bool,
    pub last: Option<Delivery>,
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("the webhook is not valid: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("no webhook with id {0}")]
    NotFound(i64),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, WebhookError>;

/// The scheme and host, then the last four characters: enough to tell two apart.
pub fn mask(url: &str) -> String {
    let tail: String = url
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    match reqwest::Url::parse(url) {
        Ok(u) => format!("{}://{}/…{tail}", u.scheme(), u.host_str().unwrap_or("")),
        Err(_) => format!("…{tail}"),
    }
}

fn check(input: &WebhookInput, creating: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let n = input.name.trim().chars().count();
    if n == 0 {
        errs.push(FieldError {
            field: "name".into(),
            rule: Rule::Required,
        });
    } else if n > 40 {
        errs.push(FieldError {
            field: "name".into(),
            rule: Rule::TooLong { max: 40 },
        });
    }
    match input.url.as_deref().map(str::trim) {
        None | Some("") if creating => errs.push(FieldError {
            field: "url".into(),
            rule: Rule::Required,
        }),
        None | Some("") => {}
        Some(u) => {
            let ok = reqwest::Url::parse(u).is_ok_and(|p| send::allowed(&p));
            if !ok {
                errs.push(FieldError {
                    field: "url".into(),
                    rule: Rule::Invalid,
                });
            }
        }
    }
    errs
}

pub fn save(
    conn: &Write,
    id: Option<i64>,
    input: &WebhookInput,
    now: DateTime<Utc>,
) -> Result<Webhook> {
    let errs = check(input, id.is_none());
    if !errs.is_empty() {
        return Err(WebhookError::Invalid(errs));
    }
    let url = input
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO webhooks (kind, name, url, reminders, digest, enabled, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    input.kind,
                    input.name.trim(),
                    url,
                    input.reminders,
                    input.digest,
                    input.enabled,
                    to_db(now)
                ],
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            let n = conn.execute(
                "UPDATE webhooks SET kind = ?2, name = ?3, url = coalesce(?4, url), reminders = ?5,
                     digest = ?6, enabled = ?7 WHERE id = ?1",
                params![
                    id,
                    input.kind,
                    input.name.trim(),
                    url,
                    input.reminders,
                    input.digest,
                    input.enabled
                ],
            )?;
            if n == 0 {
                return Err(WebhookError::NotFound(id));
            }
            id
        }
    };
    conn.changed(Area::Webhooks, [id]);
    get(conn, id)
}

pub fn delete(conn: &Write, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM webhooks WHERE id = ?1", [id])? == 0 {
        return Err(WebhookError::NotFound(id));
    }
    conn.changed(Area::Webhooks, [id]);
    Ok(())
}

fn delivery(r: &Row<'_>) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: r.get(0)?,
        event: r.get(1)?,
        status: r.get(2)?,
        attempts: r.get(3)?,
        last_error: r.get(4)?,
        created_at: r.get(5)?,
        sent_at: r.get(6)?,
    })
}

const DELIVERY_COLUMNS: &str = "id, event, status, attempts, last_error, created_at, sent_at";

pub fn get(conn: &Connection, id: i64) -> Result<Webhook> {
    let row = conn
        .query_row(
            "SELECT id, kind, name, url, reminders, digest, enabled FROM webhooks WHERE id = ?1",
            [id],
            |r| {
                Ok(Webhook {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    name: r.get(2)?,
                    url_hint: mask(&r.get::<_, String>(3)?),
                    reminders: r.get(4)?,
                    digest: r.get(5)?,
                    enabled: r.get(6)?,
                    last: None,
                })
            },
        )
        .optional()?;
    let mut hook = row.ok_or(WebhookError::NotFound(id))?;
    hook.last = deliveries(conn, id, 1)?.into_iter().next();
    Ok(hook)
}

pub fn list(conn: &Connection) -> Result<Vec<Webhook>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM webhooks ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// A webhook's most recent pushes, newest first.
pub fn deliveries(conn: &Connection, webhook_id: i64, limit: u32) -> Result<Vec<Delivery>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT ?2"
        ))?
        .query_map(params![webhook_id, limit], delivery)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
