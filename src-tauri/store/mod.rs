//! The workspace file: one SQLite database in the workspace folder.
//!
//! Opening is careful because the file is the user's only copy of their work:
//! 1. an existing file is first inspected read-only (header, schema, version), so a damaged
//!    file or a foreign one is reported and never written to;
//! 2. a file from a newer GroupDesk is refused rather than half-understood;
//! 3. before any migration touches an existing file, a backup copy is written beside it;
//! 4. migrations run in one transaction (append-only list in [`migrations`]).
//!
//! Connection pragmas: WAL (readers never block the writer, backups run while the app works),
//! `synchronous=FULL` (a committed change survives a power cut), foreign keys, busy timeout.
//!
//! Changes go through [`Store::write`] and the [`Write`] handle (one transaction per use case,
//! a [`ChangeSet`] announced on the [`Bus`] after the commit); reads that must not wait for a
//! long write use [`Readers`].

pub mod backup;
pub mod bulk;
pub mod check;
pub use backup::BackupInfo;
mod error;
pub mod migrations;
mod readers;
mod write;

pub use error::StoreError;
pub use readers::Readers;
pub use write::{Area, Bus, Change, ChangeSet, Finisher, SharedBus, Write, MAX_IDS};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file's name inside a workspace folder.
pub const DB_FILE: &str = "groupdesk.sqlite3";
/// The folder (inside the workspace folder) holding backup copies.
pub const BACKUP_DIR: &str = "backups";

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open workspace database: the one writer connection. Reads that must not wait behind a
/// long write go through [`Readers`] on the same file.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    bus: SharedBus,
}

/// What an existing file looked like when inspected read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub schema_version: u32,
    pub has_tables: bool,
}

impl Store {
    /// Opens (creating if needed) the workspace in `dir`, upgrading an older file after backing
    /// it up. `now` names the backup file.
    pub fn open_dir(dir: &Path, now: DateTime<Utc>) -> Result<Store, StoreError> {
        // Personal data and webhook secrets: the folder is the user's only (0700, files 0600;
        // SQLite gives its journal files the database file's mode).
        crate::files::private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        let path = dir.join(DB_FILE);
        let existing = if path.exists() {
            Some(inspect(&path)?)
        } else {
            crate::files::create_private(&path).map_err(|e| StoreError::io(&path, e))?;
            None
        };
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            if suffix.is_empty() || file.exists() {
                crate::files::private_file(&file).map_err(|e| StoreError::io(&file, e))?;
            }
        }
        let backups = dir.join(BACKUP_DIR);
        if backups.exists() {
            crate::files::private_dir(&backups).map_err(|e| StoreError::io(&backups, e))?;
        }
        let latest = migrations::LATEST;
        if let Some(found) = &existing {
            if found.schema_version > latest {
                return Err(StoreError::TooNew {
                    found: found.schema_version,
                    supported: latest,
                });
            }
            if found.schema_version < latest && (found.has_tables || found.schema_version > 0) {
                backup::write_named(
                    &path,
                    dir,
                    &backup::BackupKind::PreMigration {
                        from: found.schema_version,
                    },
                    now,
                )?;
            }
        }
        let mut conn = Connection::open(&path).map_err(|e| StoreError::sqlite(&path, e))?;
        configure(&conn).map_err(|e| StoreError::sqlite(&path, e))?;
        migrations::migrate(&mut conn)?;
        // Statistics only speed queries up: a failure here (a busy file) must not stop the open.
        let _ = optimize_all(&conn);
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            bus: SharedBus::default(),
        })
    }

    /// Opens an existing workspace for reading only (the command line's `search`, `today`,
    /// `export`): a missing one is an error, never created; nothing can be written through it
    /// (`query_only`). A workspace from an older version is upgraded first, as any open does.
    pub fn open_existing_for_reading(dir: &Path, now: DateTime<Utc>) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        let found = inspect(&path)?;
        if found.schema_version > migrations::LATEST {
            return Err(StoreError::TooNew {
                found: found.schema_version,
                supported: migrations::LATEST,
            });
        }
        if found.schema_version < migrations::LATEST {
            return Store::open_dir(dir, now);
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sqlite(&path, e))?;
        configure(&conn).map_err(|e| StoreError::sqlite(&path, e))?;
        conn.pragma_update(None, "query_only", true)
            .map_err(|e| StoreError::sqlite(&path, e))?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            bus: SharedBus::default(),
        })
    }

    /// [`Store::open_dir`] for work that writes a lot at once (an import, demo data): the
    /// existing file must first pass the quick check, so damage is not built upon.
    pub fn open_dir_checked(dir: &Path, now: DateTime<Utc>) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if path.is_file() && std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) > 0 {
            inspect(&path)?;
            let problems = backup::quick_check(&path)?;
            if !problems.is_empty() {
                return Err(StoreError::Damaged {
                    path,
                    detail: problems.into_iter().take(5).collect::<Vec<_>>().join("; "),
                });
            }
        }
        Store::open_dir(dir, now)
    }

    /// An in-memory store with the full schema, for tests of domain code.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory().map_err(StoreError::Sqlite)?;
        configure(&conn).map_err(StoreError::Sqlite)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn,
            dir: PathBuf::new(),
            bus: SharedBus::default(),
        })
    }

    /// Runs a use case in one transaction (see [`Write`]): committed when it returns `Ok`,
    /// rolled back on `Err` (or when it called [`Write::discard`]); what it changed is then
    /// announced on [`Store::bus`].
    pub fn write<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let w = Write::begin(&mut self.conn)?;
        let out = f(&w)?;
        let (changes, optimize) = w.finish()?;
        if optimize {
            // Committed: statistics are best effort and never turn done work into an error.
            let _ = self::optimize(&self.conn);
        }
        self.bus.publish(&changes);
        Ok(out)
    }

    /// The connection, for reads (and for the few store-level operations — backups, checks —
    /// that are not domain writes).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// For store-level work that replaces the file's contents (restore).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Where committed changes are announced.
    pub fn bus(&self) -> &SharedBus {
        &self.bus
    }

    /// Shares another bus (the app keeps one across restores of the file).
    pub fn with_bus(mut self, bus: SharedBus) -> Self {
        self.bus = bus;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        user_version(&self.conn).map_err(StoreError::Sqlite)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 32 MB of page cache instead of 2 MB: a list page of the 100,000-member book touches
    // thousands of member rows, and with the default cache every page re-read them from the
    // OS (a third of the time in system calls).
    conn.pragma_update(None, "cache_size", -32768)?;
    // The default cache holds 16 statements; one imported row runs about 25 distinct ones, and
    // a cache smaller than the working set re-parses every statement on every row (4x slower).
    conn.set_prepared_statement_cache_capacity(256);
    // `rarray(?)`: binds a list of ids as a table (member search results).
    rusqlite::vtab::array::load_module(conn)?;
    Ok(())
}

/// Query-planner statistics, as SQLite recommends when a long-lived connection opens: only
/// tables with none, or that grew or shrank a lot since, are analysed (on a bounded sample; a
/// no-op most of the time). A migration that rebuilt an index leaves it without statistics,
/// and the planner may then pick an index that sorts 80,000 rows for a 100-row page.
fn optimize_all(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA optimize=0x10002")
}

/// The same after a large write (an import, demo data), so the rest of the session plans
/// with the new sizes.
pub fn optimize(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA optimize")
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Reads an existing file without writing to it: is it SQLite, can its schema be read, and
/// which version is it? Errors name the file and say what is wrong.
pub fn inspect(path: &Path) -> Result<Inspection, StoreError> {
    let mut header = [0u8; 16];
    let len = std::fs::metadata(path)
        .map_err(|e| StoreError::io(path, e))?
        .len();
    if len == 0 {
        // An empty file is what SQLite itself creates before the first write: a new workspace.
        return Ok(Inspection {
            schema_version: 0,
            has_tables: false,
        });
    }
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
        if len < 100 || f.read_exact(&mut header).is_err() || &header != SQLITE_HEADER {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
            });
        }
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::damaged(path, e))?;
    let version = user_version(&conn).map_err(|e| StoreError::damaged(path, e))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| StoreError::damaged(path, e))?;
    Ok(Inspection {
        schema_version: version,
        has_tables: tables > 0,
    })
}
