//! Sending pushes over HTTP (reqwest) and judging the answer the way each service reports
//! failure: WeCom and DingTalk answer 200 with a non-zero `errcode`, Feishu with a non-zero
//! `code`; the others use the HTTP status. Reasons never carry the URL.
use super::outbox::{self, Pending};
use super::{payload, WebhookKind};
use crate::api::AppState;
use crate::settings::Language;
use crate::time::to_db;
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::sync::OnceLock;
use std::time::Duration;

/// How long one attempt may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .user_agent(concat!("GroupDesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

fn shared() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| client(TIMEOUT))
}

/// Removes the URL from a message, and every piece of it that could be the secret (query
/// values, long path segments), in case a service echoes the key back.
fn scrub(message: &str, url: &str) -> String {
    let mut out = message.replace(url, "…");
    if let Ok(u) = reqwest::Url::parse(url) {
        let mut secrets: Vec<String> = u
            .query_pairs()
            .map(|(_, v)| v.into_owned())
            .filter(|v| v.len() >= 4)
            .collect();
        // Path segments that look like ids or tokens (Slack, Discord, Feishu keep them there).
        secrets.extend(
            u.path_segments()
                .into_iter()
                .flatten()
                .filter(|p| {
                    p.len() >= 16 || (p.len() >= 8 && p.chars().any(|c| c.is_ascii_digit()))
                })
                .map(str::to_string),
        );
        for s in &secrets {
            out = out.replace(s.as_str(), "…");
        }
    }
    out
}

/// One attempt: `Ok` when the service took the push, else the reason.
pub async fn post(
    client: &reqwest::Client,
    kind: WebhookKind,
    url: &str,
    body: &str,
) -> Result<(), String> {
    let sent = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await;
    let resp = match sent {
        Ok(r) => r,
        Err(e) => {
            let why = if e.is_timeout() {
                "timeout".to_string()
            } else if e.is_connect() {
                "connection failed".to_string()
            } else {
                e.without_url().to_string()
            };
            return Err(scrub(&why, url));
        }
    };
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    if !status.is_success() {
        let snippet: String = text.chars().take(200).collect();
        return Err(scrub(&format!("HTTP {}: {snippet}", status.as_u16()), url));
    }
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let code = match kind {
        WebhookKind::Wecom | WebhookKind::Dingtalk => json.get("errcode"),
        WebhookKind::Feishu => json.get("code").or_else(|| json.get("StatusCode")),
        _ => None,
    };
    match code.and_then(|c| c.as_i64()) {
        Some(0) | None => Ok(()),
        Some(c) => {
            let msg = json
                .get("errmsg")
                .or_else(|| json.get("msg"))
                .and_then(|m| m.as_str())
                .unwrap_or("");
            let msg: String = msg.chars().take(200).collect();
            Err(scrub(&format!("error {c}: {msg}"), url))
        }
    }
}

/// Attempts every pending push that is due, with the app's client.
pub async fn deliver_due(state: &AppState, now: DateTime<Utc>) {
    deliver_due_with(state, shared(), now).await
}

/// Attempts every pending push due at `now`; the workspace is not locked while sending.
pub async fn deliver_due_with(state: &AppState, client: &reqwest::Client, now: DateTime<Utc>) {
    let Ok(pending) = state.with_store(|s| Ok(outbox::due(s.conn(), now)?)) else {
        return;
    };
    for Pending {
        id,
        kind,
        url,
        body,
        attempts,
    } in pending
    {
        let outcome = post(client, kind, &url, &body).await;
        let _ = state.with_store(|s| Ok(outbox::record(s.conn(), id, attempts, &outcome, now)?));
    }
}

/// Sends a test message now (one attempt), records it, and returns the reason it failed.
pub async fn send_test(
    state: &AppState,
    client: &reqwest::Client,
    webhook_id: i64,
    language: Language,
    now: DateTime<Utc>,
) -> Result<Result<(), String>, super::WebhookError> {
    let (kind, url): (WebhookKind, String) = state
        .with_store(|s| {
            Ok(s.conn().query_row(
                "SELECT kind, url FROM webhooks WHERE id = ?1",
                [webhook_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .map_err(|_| super::WebhookError::NotFound(webhook_id))?;
    let text = match language {
        Language::ZhCn => "【群主工作台】测试消息：连接正常。",
        Language::En => "[GroupDesk] Test message: the connection works.",
    };
    let body = payload::body(kind, text, "test", serde_json::json!({})).to_string();
    let outcome = post(client, kind, &url, &body).await;
    let (status, error) = match &outcome {
        Ok(()) => ("sent", String::new()),
        Err(e) => ("failed", e.clone()),
    };
    let _ = state.with_store(|s| {
        s.conn().execute(
            "INSERT INTO webhook_deliveries (webhook_id, event, body, status, attempts, next_at,
                 last_error, created_at, sent_at)
             VALUES (?1, 'test', ?2, ?3, 1, ?4, ?5, ?4, CASE WHEN ?3 = 'sent' THEN ?4 END)",
            params![webhook_id, body, status, to_db(now), error],
        )?;
        Ok(())
    });
    Ok(outcome)
}
