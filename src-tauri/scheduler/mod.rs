//! The background scheduler (tokio): announces follow-ups when they come due, sends the daily
//! digest at the morning time, and delivers queued webhook pushes with retries.
//!
//! It never polls: each turn computes the next moment anything is due — the earliest
//! unannounced follow-up, the next digest, the next webhook retry — and sleeps until then, or
//! until a change wakes it (`AppState::wake`, notified by every command that edits a follow-up,
//! a webhook or the settings). A one-hour ceiling on the sleep only guards against a suspended
//! laptop's monotonic clock; an idle app does one cheap read an hour.
//!
//! What came due while the app was closed is announced once at the next start, as "missed";
//! every announcement is marked in the database in the same transaction that reads it, so a
//! restart never repeats one.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod digest;

use crate::api::AppState;
use crate::reminders::{self, DueReminder};
use crate::settings::{self, Language};
use crate::webhooks::{self, outbox};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// Something to tell the user.
#[derive(Debug, Clone)]
pub enum Announcement {
    /// Follow-ups that came due while the app ran.
    Due(Vec<DueReminder>),
    /// Follow-ups that came due while the app was closed, found at start.
    Missed(Vec<DueReminder>),
    /// The morning summary.
    Digest(digest::Digest),
}

/// Where the scheduler lives: the workspace, and how announcements reach the user (desktop
/// notifications in the app; a channel in the benchmark).
pub trait Host: Send + Sync + 'static {
    fn state(&self) -> &AppState;
    fn announce(&self, language: Language, what: Announcement);
}

/// The longest sleep (see the module docs).
const MAX_SLEEP: Duration = Duration::hours(1);
/// A follow-up whose moment passed more than this long before the app started was missed.
const MISSED_GRACE: Duration = Duration::seconds(5);

/// Runs until the process ends.
pub async fn run<H: Host>(host: Arc<H>, started: DateTime<Utc>) {
    let wake = host.state().wake.clone();
    loop {
        let next = turn(host.as_ref(), started, Utc::now()).await;
        let wait = (next - Utc::now()).clamp(Duration::zero(), MAX_SLEEP);
        // One millisecond late rather than early: a wake-up just before the moment would find
        // nothing due and go round again.
        let wait = wait.to_std().unwrap_or_default() + std::time::Duration::from_millis(1);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
        }
    }
}

/// One turn: announce what is due at `now`, send the digest if its time came, deliver due
/// webhook pushes; returns when the next turn is needed.
pub async fn turn<H: Host>(host: &H, started: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let state = host.state();
    let read = state.with_store(|s| {
        let prefs = settings::load(s.conn())?;
        let plan = settings::plan(&prefs);
        let due = reminders::take_due(s.conn_mut(), now)?;
        let digest = digest::take_if_due(s.conn_mut(), &plan, now)?;
        if !due.is_empty() {
            outbox::enqueue_reminders(s.conn_mut(), &due, prefs.language, now)?;
        }
        if let Some(d) = &digest {
            outbox::enqueue_digest(s.conn_mut(), d, prefs.language, now)?;
        }
        Ok((prefs.language, due, digest))
    });
    let (language, due, digest) = match read {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "groupdesk: the scheduler could not read the workspace: {}",
                e.message
            );
            return now + Duration::minutes(1);
        }
    };
    if !due.is_empty() {
        let (missed, on_time): (Vec<_>, Vec<_>) = due.into_iter().partition(|d| {
            crate::time::from_db(&d.fire_at).is_some_and(|t| t < started - MISSED_GRACE)
        });
        if !missed.is_empty() {
            host.announce(language, Announcement::Missed(missed));
        }
        if !on_time.is_empty() {
            host.announce(language, Announcement::Due(on_time));
        }
    }
    if let Some(d) = digest {
        host.announce(language, Announcement::Digest(d));
    }
    webhooks::deliver_due(state, now).await;
    let next = state.with_store(|s| {
        let plan = settings::plan(&settings::load(s.conn())?);
        let times = [
            reminders::next_fire(s.conn())?,
            Some(digest::next_at(s.conn(), &plan, now)?),
            outbox::next_attempt(s.conn())?,
        ];
        Ok(times.into_iter().flatten().min())
    });
    match next {
        Ok(Some(t)) => t,
        Ok(None) => now + MAX_SLEEP,
        Err(_) => now + Duration::minutes(1),
    }
}
