//! Sending pushes over HTTP (reqwest) and judging the answer the way each service reports
//! failure: WeCom and DingTalk answer 200 with a non-zero `errcode`, Feishu with a non-zero
//! `code`; the others use the HTTP status. Reasons never carry the URL.
//!
//! A webhook URL is its secret, so it goes over `https` only (`http` is allowed to this
//! machine, for testing); redirects are not followed (a redirect could lead to plain
//! `http`), and at most [`MAX_BODY`] of an answer is read.
use super::WebhookKind;
use std::sync::OnceLock;
use std::time::Duration;

/// How long one attempt may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Bytes of a service's answer read at most (they answer with a few dozen).
pub const MAX_BODY: usize = 64 * 1024;

/// Whether a push may go to `url`: `https`, or `http` to this machine only.
pub fn allowed(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    url.scheme() == "https" || (url.scheme() == "http" && loopback)
}

pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
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
    if !reqwest::Url::parse(url).is_ok_and(|u| allowed(&u)) {
        return Err("only https addresses are allowed".into());
    }
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
    let text = bounded_text(resp).await;
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

/// The start of an answer's body, [`MAX_BODY`] at most, read piece by piece.
async fn bounded_text(mut resp: reqwest::Response) -> String {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        let room = MAX_BODY - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= MAX_BODY {
            break;
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_go_over_https_only() {
        let ok = |u: &str| allowed(&reqwest::Url::parse(u).unwrap());
        assert!(ok("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1"));
        assert!(!ok("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1"));
        assert!(ok("http://127.0.0.1:8080/hook"));
        assert!(ok("http://localhost/hook"));
        assert!(ok("http://[::1]:9/hook"));
        assert!(!ok("http://10.0.0.1/hook"));
        assert!(!ok("ftp://example.com/x"));
    }
}
