//! The background scheduler (tokio): announces follow-ups when they come due, sends the daily
//! digest at the morning time, and delivers queued webhook pushes with retries.
//!
//! It never polls: each turn computes the next moment anything is due — the earliest
//! unannounced follow-up, the next digest, the next webhook retry — and sleeps until then, or
//! until the workspace's change bus says a follow-up, the settings or the file itself changed ([`wake_on_changes`]): no command has to remember to wake it. A one-hour
//! ceiling on the sleep only guards against a suspended laptop's monotonic clock; an idle app
//! does one cheap read an hour.
//!
//! What came due while the app was closed is announced once at the next start, as "missed".
//! Marking follow-ups announced and queueing their webhook pushes is one transaction, so a
//! restart never repeats an announcement and a crash never loses a push.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod deliver;

use crate::reminders::{self, digest, DueReminder};
use crate::session::{Failure, Session};
use crate::settings::{self, Language};
use crate::store::Area;
use crate::webhooks::outbox;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tokio::sync::Notify;

/// Something to tell the user.
#[derive(Debug, Clone)]
pub enum Announcement {
    /// Follow-ups that came due while the app ran.
    Due(Vec<DueReminder>),
    /// Follow-ups that came due while the app was closed, found at start.
    Missed(Vec<DueReminder>),
    /// The morning summary.
    Digest(digest::Digest),
    /// Timed posts whose moment came while the app ran.
    Posts(Vec<crate::calendar::DuePost>),
    /// Timed posts whose moment came while the app was closed, found at start (shown once).
    MissedPosts(Vec<crate::calendar::DuePost>),
    /// Campaign checklist steps whose day came (announced on its morning).
    Steps(Vec<crate::campaigns::today::DueStep>),
}

/// Where the scheduler lives: the workspace, and how announcements reach the user (desktop
/// notifications in the app; a channel in the benchmark).
pub trait Host: Send + Sync + 'static {
    fn session(&self) -> &Session;
    fn announce(&self, language: Language, what: Announcement);
}

/// The longest sleep (see the module docs).
const MAX_SLEEP: Duration = Duration::hours(1);
/// A follow-up whose moment passed more than this long before the app started was missed.
const MISSED_GRACE: Duration = Duration::seconds(5);

/// The areas whose changes can move the next moment the scheduler has to act: follow-ups,
/// campaigns' checklists and the settings (zone, morning time). Webhook pushes are queued and retried by the scheduler
/// itself, so their changes (which it makes) do not wake it.
const WAKING: [Area; 3] = [Area::Reminders, Area::Settings, Area::Campaigns];

/// A notifier woken by every committed change to an area the scheduler plans from.
pub fn wake_on_changes(session: &Session) -> Arc<Notify> {
    let wake = Arc::new(Notify::new());
    let w = wake.clone();
    session.bus().listen(move |changes| {
        if WAKING.iter().any(|a| changes.touches(*a)) {
            w.notify_one();
        }
    });
    wake
}

/// Runs until the process ends.
pub async fn run<H: Host>(host: Arc<H>, started: DateTime<Utc>) {
    let wake = wake_on_changes(host.session());
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

/// Splits what came due into what fell due while the app was closed (before `started`, past
/// a grace) and what came on time.
fn split_missed<T>(
    items: Vec<T>,
    fire_at: impl Fn(&T) -> &str,
    started: DateTime<Utc>,
) -> (Vec<T>, Vec<T>) {
    items.into_iter().partition(|x| {
        crate::dates::from_db(fire_at(x)).is_some_and(|t| t < started - MISSED_GRACE)
    })
}

/// One turn: announce what is due at `now`, send the digest if its time came, deliver due
/// webhook pushes; returns when the next turn is needed.
pub async fn turn<H: Host>(host: &H, started: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let session = host.session();
    let read = session.write(|w| {
        let prefs = settings::load(w)?;
        let plan = settings::plan(&prefs);
        let due = reminders::take_due(w, now)?;
        let posts = crate::calendar::take_due_posts(w, now)?;
        let digest = digest::take_if_due(w, &plan, now)?;
        let steps = crate::campaigns::today::take_due_steps(w, &plan, now)?;
        if !due.is_empty() {
            outbox::enqueue_reminders(w, &due, prefs.language, now)?;
        }
        if let Some(d) = &digest {
            outbox::enqueue_digest(w, d, prefs.language, now)?;
        }
        if !posts.is_empty() {
            outbox::enqueue_posts(w, &posts, prefs.language, now)?;
        }
        outbox::prune(w, now)?;
        Ok::<_, Failure>((prefs.language, due, digest, posts, steps))
    });
    let (language, due, digest, posts, steps) = match read {
        Ok(r) => r,
        Err(e) => {
            eprintln!("groupdesk: the scheduler could not read the workspace: {e}");
            return now + Duration::minutes(1);
        }
    };
    if !due.is_empty() {
        let (missed, on_time) = split_missed(due, |d| &d.fire_at, started);
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
    if !posts.is_empty() {
        let (missed, on_time) = split_missed(posts, |p| &p.fire_at, started);
        if !missed.is_empty() {
            host.announce(language, Announcement::MissedPosts(missed));
        }
        if !on_time.is_empty() {
            host.announce(language, Announcement::Posts(on_time));
        }
    }
    if !steps.is_empty() {
        host.announce(language, Announcement::Steps(steps));
    }
    deliver::deliver_due(session, now).await;
    let next = session.read(|c| {
        let plan = settings::plan(&settings::load(c)?);
        let times = [
            reminders::next_fire(c)?,
            Some(digest::next_at(c, &plan, now)?),
            outbox::next_attempt(c)?,
            crate::calendar::next_post_at(c).ok().flatten(),
            crate::campaigns::today::next_step_at(c, &plan)
                .ok()
                .flatten(),
        ];
        Ok::<_, Failure>(times.into_iter().flatten().min())
    });
    match next {
        Ok(Some(t)) => t,
        Ok(None) => now + MAX_SLEEP,
        Err(_) => now + Duration::minutes(1),
    }
}
