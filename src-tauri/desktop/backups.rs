//! Automatic daily backups while the app runs: a thread that sleeps until the next copy is due
//! (waking at least hourly, so a suspended laptop catches up soon after it wakes), takes it,
//! and rotates old ones. The first check waits a few seconds so it never slows the start.
use crate::api::AppState;
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
            let state = app.state::<AppState>();
            let now = Utc::now();
            let _ = state.with_store(|store| {
                let keep = settings::load(store.conn())?.backup_keep as usize;
                if let Err(e) = backup::auto_backup_if_due(store, now, keep) {
                    eprintln!("groupdesk: automatic backup failed: {e}");
                }
                Ok(())
            });
            let wait = (backup::next_auto_due(&state.dir, Utc::now()) - Utc::now())
                .to_std()
                .unwrap_or(Duration::from_secs(60))
                .clamp(Duration::from_secs(60), MAX_SLEEP);
            std::thread::sleep(wait);
        }
    });
}
