//! Commands about the workspace itself: the first-screen bundle, backups, restoring, and the
//! way out when the file could not be opened (restore a backup, start afresh, open another
//! folder).
use super::{ApiError, ErrorCode};
use crate::demo::sample;
use crate::groups::{self, GroupCounts, GroupSummary, GroupView};
use crate::session::{Opened, Session};
use crate::settings::{self, Settings};
use crate::store::{backup, BackupInfo, Store, DB_FILE};
use chrono::Utc;
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, State};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceStatus {
    /// The workspace folder.
    pub dir: String,
    /// The database file inside it.
    pub file: String,
    pub open: bool,
    pub schema_version: Option<u32>,
    /// Why the workspace could not be opened, when `open` is false.
    pub error: Option<ApiError>,
}

/// Everything the first screen needs, in one call, so the window shows data as soon as it can.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Bootstrap {
    pub workspace: WorkspaceStatus,
    pub settings: Settings,
    pub groups: Vec<GroupSummary>,
    pub counts: GroupCounts,
    pub version: String,
    /// Set only when a benchmark launched the app (`GROUPDESK_STARTUP_PROBE`): `members` asks
    /// the UI to open the member list, scroll it and search before reporting ready.
    pub probe: Option<String>,
    /// A new workspace (no group, no member): the window opens on the first-run welcome.
    pub first_run: bool,
    /// When this is the sample workspace: the folder it was opened from (the way back).
    pub sample_home: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreOutcome {
    /// The copy of the workspace taken just before restoring, so the restore can be undone.
    pub safety_backup: Option<String>,
    pub workspace: WorkspaceStatus,
}

pub fn status_of(state: &Session) -> WorkspaceStatus {
    let error = state.failure().map(|e| ApiError::from(e.as_ref()));
    WorkspaceStatus {
        dir: state.dir.display().to_string(),
        file: state.path().display().to_string(),
        open: error.is_none(),
        schema_version: state.schema_version(),
        error,
    }
}

#[tauri::command(async)]
pub fn bootstrap(state: State<'_, Session>) -> Result<Bootstrap, ApiError> {
    crate::probe::mark("bootstrap-called");
    let workspace = status_of(&state);
    let version = env!("CARGO_PKG_VERSION").to_string();
    if !workspace.open {
        return Ok(Bootstrap {
            workspace,
            settings: Settings::default(),
            groups: Vec::new(),
            counts: GroupCounts::default(),
            version,
            probe: crate::probe::scenario(),
            first_run: false,
            sample_home: None,
        });
    }
    state.read(|c| {
        Ok(Bootstrap {
            workspace,
            settings: settings::load(c)?,
            groups: groups::list(c, GroupView::Active)?,
            counts: groups::counts(c)?,
            version,
            probe: crate::probe::scenario(),
            first_run: sample::is_new(c)?,
            sample_home: sample::home(c)?,
        })
    })
}

#[tauri::command(async)]
pub fn workspace_status(state: State<'_, Session>) -> WorkspaceStatus {
    status_of(&state)
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, Session>) -> Result<Vec<BackupInfo>, ApiError> {
    Ok(backup::list(&state.dir)?)
}

/// Writes a backup now, as job `job` (on a read connection: the app keeps working meanwhile).
#[tauri::command(async)]
pub fn backup_now(state: State<'_, Session>, job: String) -> Result<BackupInfo, ApiError> {
    let job = state.jobs.start(&job);
    let path = state.read(|c| {
        Ok::<_, ApiError>(backup::write_from_with(
            c,
            &state.dir,
            &backup::BackupKind::Manual,
            Utc::now(),
            &job,
        )?)
    })?;
    backup::info(&path)
        .ok_or_else(|| ApiError::new(ErrorCode::Storage, "store.io", "backup not listed"))
}

/// Restores the open workspace from a backup (a safety copy is taken first).
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, Session>, name: String) -> Result<RestoreOutcome, ApiError> {
    let mut safety = None;
    state.replace(|opened| match opened {
        Opened::Open(store) => {
            safety = Some(backup::restore(store, &name, Utc::now())?);
            Ok::<_, ApiError>(None)
        }
        Opened::Failed(_) => Err(crate::session::Unavailable.into()),
    })?;
    let safety = safety.unwrap_or_default();
    Ok(RestoreOutcome {
        safety_backup: safety.file_name().map(|n| n.to_string_lossy().into_owned()),
        workspace: status_of(&state),
    })
}

/// For a workspace that failed to open: restore the named backup, or with no name start an
/// empty workspace. Either way the unreadable file is kept, renamed `groupdesk.damaged-…`.
#[tauri::command(async)]
pub fn recover_workspace(
    state: State<'_, Session>,
    backup: Option<String>,
) -> Result<WorkspaceStatus, ApiError> {
    let now = Utc::now();
    state.replace(|opened| {
        if matches!(opened, Opened::Open(_)) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "workspace.already_open",
                "the workspace is open; use restore instead",
            ));
        }
        let store = match backup {
            Some(name) => backup::recover_from_backup(&state.dir, &name, now)?,
            None => {
                if state.dir.join(DB_FILE).exists() {
                    backup::set_aside_damaged(&state.dir, now)?;
                }
                Store::open_dir(&state.dir, now)?
            }
        };
        Ok(Some(store))
    })?;
    Ok(status_of(&state))
}

/// Opens another workspace folder: starts GroupDesk on it and closes this window.
#[tauri::command(async)]
pub fn open_other_workspace(
    app: AppHandle,
    state: State<'_, Session>,
    dir: String,
) -> Result<(), ApiError> {
    let dir = PathBuf::from(dir);
    super::files::require(&state, crate::session::Purpose::Workspace, &dir)?;
    if dir == state.dir {
        return Ok(());
    }
    relaunch(&app, &dir)
}

/// Starts GroupDesk on `dir` and closes this window (one window per workspace folder).
fn relaunch(app: &AppHandle, dir: &std::path::Path) -> Result<(), ApiError> {
    let exe = std::env::current_exe()
        .map_err(|e| ApiError::new(ErrorCode::Storage, "store.io", e.to_string()))?;
    std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(dir)
        .spawn()
        .map_err(|e| ApiError::new(ErrorCode::Storage, "store.io", e.to_string()))?;
    app.exit(0);
    Ok(())
}

/// Opens the sample workspace (the demo in a folder of its own beside this workspace's
/// backups, filled the first time), in the owner's language and theme.
#[tauri::command(async)]
pub fn open_sample_workspace(app: AppHandle, state: State<'_, Session>) -> Result<(), ApiError> {
    let prefs = state.read(|c| Ok::<_, ApiError>(settings::load(c)?))?;
    let dir = sample::dir_for(&state.dir);
    let mut store = crate::store::Store::open_dir(&dir, Utc::now())?;
    store.write(|w| {
        sample::prepare(w, &state.dir, &prefs, Utc::now())
            .map_err(|e| ApiError::new(ErrorCode::Storage, "store.storage", e.to_string()))
    })?;
    drop(store);
    relaunch(&app, &dir)
}

/// Leaves the sample workspace for the one it was opened from.
#[tauri::command(async)]
pub fn leave_sample_workspace(app: AppHandle, state: State<'_, Session>) -> Result<(), ApiError> {
    let home = state.read(|c| Ok::<_, ApiError>(sample::home(c)?))?;
    match home {
        Some(home) => relaunch(&app, std::path::Path::new(&home)),
        None => Ok(()),
    }
}

/// A timing a benchmark scenario measured in the window (`probe: NAME MS`, on stderr); a
/// no-op unless a benchmark launched the app.
#[tauri::command(async)]
pub fn probe_timing(name: String, ms: f64) {
    if crate::probe::enabled() {
        eprintln!("probe: {name} {ms:.2}");
    }
}

/// Called by the UI once the first screen shows workspace data. With
/// `GROUPDESK_STARTUP_PROBE=1` (the startup benchmark) it prints a line and quits.
#[tauri::command(async)]
pub fn startup_ready(app: AppHandle) {
    crate::probe::mark("first-screen");
    if crate::probe::enabled() {
        if let Some((own, children)) = crate::probe::rss_kib() {
            println!("groupdesk-rss {own} {children}");
        }
        println!("groupdesk-ready");
        app.exit(0);
    }
}
