//! Delivering the outbox: every pending push that is due goes out over HTTP, and each attempt
//! is recorded. The workspace is not locked while a request is in flight: the pending rows are
//! read on a read connection and each outcome is written afterwards.
use crate::session::Failure;
use crate::session::Session;
use crate::settings::Language;
use crate::webhooks::{self, outbox, payload, WebhookError};
use chrono::{DateTime, Utc};

/// Attempts every pending push due at `now`, with `client`.
pub async fn deliver_due_with(session: &Session, client: &reqwest::Client, now: DateTime<Utc>) {
    let Ok(pending) = session.read(|c| Ok::<_, Failure>(outbox::due(c, now)?)) else {
        return;
    };
    for p in pending {
        let outcome = webhooks::post(client, p.kind, &p.url, &p.body).await;
        let _ = session
            .write(|w| Ok::<_, Failure>(outbox::record(w, p.id, p.attempts, &outcome, now)?));
    }
}

/// Attempts every pending push that is due, with the app's client.
pub async fn deliver_due(session: &Session, now: DateTime<Utc>) {
    deliver_due_with(session, webhooks::send::shared(), now).await
}

/// Sends a test message now (one attempt), records it, and returns the reason it failed.
pub async fn send_test(
    session: &Session,
    client: &reqwest::Client,
    webhook_id: i64,
    language: Language,
    now: DateTime<Utc>,
) -> Result<Result<(), String>, WebhookError> {
    let (kind, url) = session
        .read(|c| Ok::<_, Failure>(outbox::target(c, webhook_id)?))
        .map_err(|_| WebhookError::NotFound(webhook_id))?;
    let body = payload::test_body(kind, language);
    let outcome = webhooks::post(client, kind, &url, &body).await;
    let _ = session
        .write(|w| Ok::<_, Failure>(outbox::record_test(w, webhook_id, &body, &outcome, now)?));
    Ok(outcome)
}
