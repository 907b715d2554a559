//! Sending pushes over HTTP (reqwest) and judging the answer the way each service reports
//! failure: WeCom and DingTalk answer 200 with a non-zero `errcode`, Feishu with a non-zero
//! `code`; the others use the HTTP status. Reasons never carry the URL.
use super::WebhookKind;
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

/// The app's client, shared by every push.
pub fn shared() -> &'static reqwest::Client {
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
