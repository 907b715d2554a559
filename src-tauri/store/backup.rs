//! Backup copies of the workspace, all written through SQLite's online backup API so each copy
//! is consistent even while the app is writing (WAL readers see one snapshot).
//!
//! A copy is written to a unique temporary name, checked (`PRAGMA quick_check` on the copy: a
//! damaged workspace is never kept as a good backup, the copy is removed and the damage
//! reported), fsynced, then renamed: a crash mid-copy never leaves a half-written file that
//! looks like a backup. Copies live in `<workspace>/backups/` (private to the user) and are
//! named for their kind and UTC time, so listing needs no database:
//! `auto-20261124T083000Z.sqlite3`, `manual-…`, `pre-migration-v1-…`, `pre-restore-…`.
//!
//! Only automatic copies rotate, in tiers as Anki keeps them ([`Tiers`]): one per day for the
//! last days, then one per week, then one per month, so damage noticed weeks later still has
//! a good copy from before it. Rotation runs only after a verified copy was written and never
//! removes the newest copy. Restores check the backup the same way first.
use super::{inspect, migrations, Store, StoreError, BACKUP_DIR, DB_FILE};
use crate::dates::{file_stamp, parse_file_stamp, to_db};
use crate::progress::{Progress, Quiet, Step};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const EXT: &str = ".sqlite3";

/// How often an automatic backup is due.
pub const AUTO_INTERVAL_HOURS: i64 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupKind {
    Auto,
    Manual,
    PreMigration { from: u32 },
    PreRestore,
}

/// What kind of copy a backup is, as the UI shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKindTag {
    Auto,
    Manual,
    PreMigration,
    PreRestore,
}

/// One backup copy on disk.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    /// The file name inside the backups folder; the handle to restore it by.
    pub name: String,
    pub kind: BackupKindTag,
    /// When it was taken (UTC, RFC 3339).
    pub created_at: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

impl BackupKind {
    fn prefix(&self) -> String {
        match self {
            BackupKind::Auto => "auto".into(),
            BackupKind::Manual => "manual".into(),
            BackupKind::PreMigration { from } => format!("pre-migration-v{from}"),
            BackupKind::PreRestore => "pre-restore".into(),
        }
    }
}

pub fn backup_dir(workspace: &Path) -> PathBuf {
    workspace.join(BACKUP_DIR)
}

/// Copies the database open on `src` to `dest` (which must not exist yet).
pub fn copy_to(src: &Connection, dest: &Path) -> Result<(), StoreError> {
    copy_to_with(src, dest, &Quiet)
}

/// Pages copied per step of a backup: between steps progress is reported and a cancel is
/// honoured (the partial copy is then removed).
const PAGES_PER_STEP: std::ffi::c_int = 1024;

fn backup_pages(
    src: &Connection,
    partial: &Path,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    use rusqlite::backup::{Backup, StepResult};
    // Created private before SQLite opens it (SQLite keeps an existing file's mode).
    crate::files::create_private(partial).map_err(|e| StoreError::io(partial, e))?;
    let mut dst = Connection::open(partial).map_err(|e| StoreError::sqlite(partial, e))?;
    let b = Backup::new_with_names(src, MAIN_DB, &mut dst, MAIN_DB)
        .map_err(|e| StoreError::sqlite(partial, e))?;
    loop {
        let step = b
            .step(PAGES_PER_STEP)
            .map_err(|e| StoreError::sqlite(partial, e))?;
        let p = b.progress();
        let total = p.pagecount.max(0) as u64;
        progress.report(
            Step::Copying,
            total - (p.remaining.max(0) as u64).min(total),
            total,
        );
        match step {
            StepResult::Done => break,
            StepResult::More => {}
            // Busy or locked: another connection holds the file for a moment.
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
        if progress.cancelled() {
            return Err(StoreError::Cancelled);
        }
    }
    drop(b);
    // The copy is checked on its own connection before it is closed (a read-only one would
    // leave its WAL companions behind).
    progress.report(Step::Verifying, 0, 1);
    let problems = quick_check_conn(&dst).map_err(|e| StoreError::sqlite(partial, e))?;
    if !problems.is_empty() {
        let source = src.path().map(PathBuf::from).unwrap_or_default();
        return Err(StoreError::Damaged {
            path: source,
            detail: problems.into_iter().take(5).collect::<Vec<_>>().join("; "),
        });
    }
    Ok(())
}

/// Removes a file and the journal files SQLite may have made beside it.
fn remove_with_companions(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// [`copy_to`] reporting its progress, and stopping (leaving nothing) when cancelled.
pub fn copy_to_with(
    src: &Connection,
    dest: &Path,
    progress: &dyn Progress,
) -> Result<(), StoreError> {
    if dest.exists() {
        return Err(StoreError::io(
            dest,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "file already exists"),
        ));
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.exists() {
            crate::files::private_dir(parent).map_err(|e| StoreError::io(parent, e))?;
        }
    }
    let partial = crate::files::temp_beside(dest);
    let result = backup_pages(src, &partial, progress)
        .and_then(|_| fsync(&partial))
        .and_then(|_| std::fs::rename(&partial, dest).map_err(|e| StoreError::io(dest, e)));
    if result.is_err() {
        remove_with_companions(&partial);
    }
    result?;
    if let Some(parent) = dest.parent() {
        crate::files::sync_dir(parent);
    }
    Ok(())
}

/// `PRAGMA quick_check` on a file (opened read-only): the problems it finds, empty when sound.
/// It reads every page and checks the b-trees, but not that indexes match their tables (that
/// is `integrity_check`, several times slower, run by `groupdesk check`).
///
/// Opened for writing but `query_only` (nothing is changed): the last connection to close
/// removes the WAL files SQLite makes beside a backup, which a read-only one would leave.
pub fn quick_check(path: &Path) -> Result<Vec<String>, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::damaged(path, e))?;
    conn.pragma_update(None, "query_only", true)
        .map_err(|e| StoreError::damaged(path, e))?;
    quick_check_conn(&conn).map_err(|e| StoreError::damaged(path, e))
}

pub(super) fn quick_check_conn(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    Ok(problems)
}

/// Refuses a copy that fails the quick check, naming `source` (the file it was taken from).
fn verify(copy: &Path, source: &Path) -> Result<(), StoreError> {
    let problems = quick_check(copy).map_err(|e| match e {
        StoreError::Damaged { detail, .. } => StoreError::Damaged {
            path: source.to_path_buf(),
            detail,
        },
        other => other,
    })?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: source.to_path_buf(),
        detail: problems.into_iter().take(5).collect::<Vec<_>>().join("; "),
    })
}

/// Copies the database file at `src_path` (opened read-only) to a named backup in the
/// workspace's backups folder. Used before migrations, when no read-write connection exists.
pub fn write_named(
    src_path: &Path,
    workspace: &Path,
    kind: &BackupKind,
    now: DateTime<Utc>,
) -> Result<PathBuf, StoreError> {
    let src = Connection::open_with_flags(src_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::sqlite(src_path, e))?;
    write_from(&src, workspace, kind, now)
}

/// Writes a named backup of the database open on `src`.
pub fn write_from(
    src: &Connection,
    workspace: &Path,
    kind: &BackupKind,
    now: DateTime<Utc>,
) -> Result<PathBuf, StoreError> {
    write_from_with(src, workspace, kind, now, &Quiet)
}

/// [`write_from`] as a job: progress reported, cancel honoured.
pub fn write_from_with(
    src: &Connection,
    workspace: &Path,
    kind: &BackupKind,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<PathBuf, StoreError> {
    let dir = backup_dir(workspace);
    crate::files::private_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let dest = unique_name(&dir, &kind.prefix(), now);
    copy_to_with(src, &dest, progress)?;
    Ok(dest)
}

fn unique_name(dir: &Path, prefix: &str, now: DateTime<Utc>) -> PathBuf {
    let stamp = file_stamp(now);
    let first = dir.join(format!("{prefix}-{stamp}{EXT}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{prefix}-{stamp}-{n}{EXT}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Parses a backup file name into its kind and time; `None` for anything else in the folder.
fn parse_name(name: &str) -> Option<(BackupKindTag, DateTime<Utc>)> {
    let stem = name.strip_suffix(EXT)?;
    let (kind, rest) = if let Some(r) = stem.strip_prefix("auto-") {
        (BackupKindTag::Auto, r)
    } else if let Some(r) = stem.strip_prefix("manual-") {
        (BackupKindTag::Manual, r)
    } else if let Some(r) = stem.strip_prefix("pre-restore-") {
        (BackupKindTag::PreRestore, r)
    } else if let Some(r) = stem.strip_prefix("pre-migration-v") {
        let (_, r) = r.split_once('-')?;
        (BackupKindTag::PreMigration, r)
    } else {
        return None;
    };
    let stamp = rest.get(..16)?;
    Some((kind, parse_file_stamp(stamp)?))
}

/// Describes one file in the backups folder, or `None` if it is not a backup.
pub fn info(path: &Path) -> Option<BackupInfo> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let (kind, at) = parse_name(&name)?;
    Some(BackupInfo {
        name,
        kind,
        created_at: to_db(at),
        size_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    })
}

/// Every backup in the workspace, newest first.
pub fn list(workspace: &Path) -> Result<Vec<BackupInfo>, StoreError> {
    let dir = backup_dir(workspace);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    let mut out: Vec<BackupInfo> = entries.flatten().filter_map(|e| info(&e.path())).collect();
    // RFC 3339 UTC stamps sort as text; the name breaks ties within one second.
    out.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| b.name.cmp(&a.name))
    });
    Ok(out)
}

/// Resolves a backup name from the UI to a path, refusing anything that is not a plain file
/// name of a listed backup (no path traversal).
pub fn resolve(workspace: &Path, name: &str) -> Result<PathBuf, StoreError> {
    if name.contains(['/', '\\']) || parse_name(name).is_none() {
        return Err(StoreError::BackupNotFound(name.to_string()));
    }
    let path = backup_dir(workspace).join(name);
    if !path.is_file() {
        return Err(StoreError::BackupNotFound(name.to_string()));
    }
    Ok(path)
}

/// How many automatic copies each tier keeps (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tiers {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for Tiers {
    fn default() -> Self {
        Tiers {
            daily: 12,
            weekly: 10,
            monthly: 9,
        }
    }
}

/// Which of `copies` (taken at these times, newest first) the tiers keep: the newest copy of
/// each of the last `daily` days that have one, then of each of the next `weekly` ISO weeks,
/// then of each of the next `monthly` months. The newest copy is always kept.
pub fn kept(copies: &[DateTime<Utc>], tiers: Tiers) -> Vec<bool> {
    use chrono::Datelike;
    let mut keep = vec![false; copies.len()];
    let mut days: Vec<chrono::NaiveDate> = Vec::new();
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    let mut months: Vec<(i32, u32)> = Vec::new();
    for (i, t) in copies.iter().enumerate() {
        let d = t.date_naive();
        let week = (d.iso_week().year(), d.iso_week().week());
        let month = (d.year(), d.month());
        if i == 0 {
            keep[i] = true;
        }
        if days.contains(&d) {
            continue;
        }
        if days.len() < tiers.daily as usize {
            days.push(d);
            keep[i] = true;
            continue;
        }
        // Past the daily tier: the newest copy of each older week, then of each older month
        // (a week or month the daily tier already covered counts as taken).
        if weeks.len() < tiers.weekly as usize {
            if !weeks.contains(&week)
                && !days
                    .iter()
                    .any(|x| (x.iso_week().year(), x.iso_week().week()) == week)
            {
                weeks.push(week);
                keep[i] = true;
            }
            continue;
        }
        if months.len() < tiers.monthly as usize
            && !months.contains(&month)
            && !days.iter().any(|x| (x.year(), x.month()) == month)
        {
            months.push(month);
            keep[i] = true;
        }
    }
    keep
}

/// Takes an automatic backup if the newest one is at least a day old (or there is none), then
/// rotates the automatic copies in `tiers` — only after the new copy was written and verified,
/// so a damaged workspace never pushes out good copies. Returns the new copy's path.
pub fn auto_backup_if_due(
    src: &Connection,
    workspace: &Path,
    now: DateTime<Utc>,
    tiers: Tiers,
) -> Result<Option<PathBuf>, StoreError> {
    let autos: Vec<BackupInfo> = list(workspace)?
        .into_iter()
        .filter(|b| b.kind == BackupKindTag::Auto)
        .collect();
    let newest = autos
        .first()
        .and_then(|b| crate::dates::from_db(&b.created_at));
    let due = newest.is_none_or(|t| now - t >= Duration::hours(AUTO_INTERVAL_HOURS));
    let made = if due {
        Some(write_from(src, workspace, &BackupKind::Auto, now)?)
    } else {
        None
    };
    prune_auto(workspace, tiers)?;
    Ok(made)
}

/// When the next automatic backup falls due, given the newest one.
pub fn next_auto_due(workspace: &Path, now: DateTime<Utc>) -> DateTime<Utc> {
    list(workspace)
        .ok()
        .and_then(|l| {
            l.into_iter()
                .find(|b| b.kind == BackupKindTag::Auto)
                .and_then(|b| crate::dates::from_db(&b.created_at))
        })
        .map(|t| t + Duration::hours(AUTO_INTERVAL_HOURS))
        .unwrap_or(now)
}

fn prune_auto(workspace: &Path, tiers: Tiers) -> Result<(), StoreError> {
    let dir = backup_dir(workspace);
    let autos: Vec<BackupInfo> = list(workspace)?
        .into_iter()
        .filter(|b| b.kind == BackupKindTag::Auto)
        .collect();
    let times: Vec<DateTime<Utc>> = autos
        .iter()
        .map(|b| crate::dates::from_db(&b.created_at).unwrap_or_default())
        .collect();
    for (old, keep) in autos.iter().zip(kept(&times, tiers)) {
        if !keep {
            let path = dir.join(&old.name);
            std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, e))?;
        }
    }
    Ok(())
}

/// Checks that a backup can be restored by this build: a readable SQLite file that passes the
/// quick check and whose schema is not newer than ours.
fn check_restorable(path: &Path) -> Result<(), StoreError> {
    let found = inspect(path)?;
    verify(path, path)?;
    if found.schema_version > migrations::LATEST {
        return Err(StoreError::TooNew {
            found: found.schema_version,
            supported: migrations::LATEST,
        });
    }
    Ok(())
}

/// Restores the open workspace from a backup, in place: a `pre-restore` copy of the current
/// state is taken first (so a restore can itself be undone), then SQLite copies the backup's
/// pages into the live database, then migrations bring an older copy up to date.
pub fn restore(store: &mut Store, name: &str, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let src = resolve(store.dir(), name)?;
    check_restorable(&src)?;
    let safety = write_from(store.conn(), store.dir(), &BackupKind::PreRestore, now)?;
    store
        .conn_mut()
        .restore(MAIN_DB, &src, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| StoreError::sqlite(&src, e))?;
    migrations::migrate(store.conn_mut())?;
    Ok(safety)
}

/// Moves a damaged workspace file (and its WAL/shm companions) aside, never deleting it:
/// `groupdesk.damaged-<stamp>.sqlite3`. Returns the new name of the main file.
pub fn set_aside_damaged(workspace: &Path, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let stamp = file_stamp(now);
    let main = workspace.join(DB_FILE);
    let aside = workspace.join(format!("groupdesk.damaged-{stamp}{EXT}"));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", main.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&from, &to).map_err(|e| StoreError::io(&from, e))?;
        }
    }
    Ok(aside)
}

/// For a workspace whose file cannot be opened: sets the damaged file aside, puts a copy of the
/// chosen backup in its place and opens it.
pub fn recover_from_backup(
    workspace: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Store, StoreError> {
    let src = resolve(workspace, name)?;
    check_restorable(&src)?;
    if workspace.join(DB_FILE).exists() {
        set_aside_damaged(workspace, now)?;
    }
    let dest = workspace.join(DB_FILE);
    let src_conn = Connection::open_with_flags(&src, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::sqlite(&src, e))?;
    copy_to(&src_conn, &dest)?;
    Store::open_dir(workspace, now)
}

fn fsync(path: &Path) -> Result<(), StoreError> {
    crate::files::sync_file(path).map_err(|e| StoreError::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let (k, t) = parse_name("pre-migration-v3-20261124T083000Z.sqlite3").unwrap();
        assert_eq!(k, BackupKindTag::PreMigration);
        assert_eq!(file_stamp(t), "20261124T083000Z");
        assert_eq!(
            parse_name("auto-20261124T083000Z-2.sqlite3").unwrap().0,
            BackupKindTag::Auto
        );
        assert!(parse_name("notes.txt").is_none());
        assert!(parse_name("auto-garbage.sqlite3").is_none());
    }
}
