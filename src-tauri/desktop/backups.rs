//! Automatic daily backups while the app runs: a thread that sleeps until the next copy is due
//! (waking at least hourly, so a suspended laptop catches up soon after it wakes), takes it,
//! and rotates old ones. The first check waits a few seconds so it never slows the start.
use crate::session::{Failure, Session};
use crate::settings;
use crate::store::backup;
use chrono::Utc;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const FIRST_CHECK: Duration = Duration::from_secs(5);
const MAX_SLEEP: Duration = Duration::from_secs(3600);

pub fn spawn(app: AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(FIRST_CHECK);
        loop {
            let state = app.state::<Session>();
            let now = Utc::now();
            // On a read connection: the copy never holds up the app's writes.
            let _ = state.read(|c| {
                let keep = settings::load(c)?.backup_keep as usize;
                if let Err(e) = backup::auto_backup_if_due(c, &state.dir, now, keep) {
                    eprintln!("groupdesk: automatic backup failed: {e}");
                }
                Ok::<_, Failure>(())
            });
            let wait = (backup::next_auto_due(&state.dir, Utc::now()) - Utc::now())
                .to_std()
                .unwrap_or(Duration::from_secs(60))
                .clamp(Duration::from_secs(60), MAX_SLEEP);
            std::thread::sleep(wait);
        }
    });
}
