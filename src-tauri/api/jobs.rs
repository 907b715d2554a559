//! Commands about running jobs (imports, exports, backups): cancelling one.
use crate::session::Session;
use tauri::State;

/// Asks job `job` to stop; it then fails with `cancelled` and changes nothing. False when no
/// job of that id runs (it already finished).
#[tauri::command(async)]
pub fn cancel_job(state: State<'_, Session>, job: String) -> bool {
    state.jobs.cancel(&job)
}
