//! Read connections beside the writer. SQLite in WAL mode lets any number of readers see the
//! last committed state while one writer works, so a search, the Today view or an export does
//! not wait for a 100,000-row import to commit: each takes a connection from this pool (opening
//! one when all are busy) and gives it back when done.
//!
//! Readers are `query_only`: a bug that tried to write through one fails instead of racing the
//! writer. When the file is replaced (a restore, starting afresh) [`Readers::reset`] drops them,
//! and a connection borrowed before the reset is closed instead of returned.
use super::{configure, StoreError, DB_FILE};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Idle connections kept for reuse; more are opened when reads overlap and closed on return.
/// Each connection warms a page cache of its own (32 MB at most): keeping one means the app
/// holds the same memory as with a single connection (measured: four kept took the app from
/// 204 to 230 MB after a scroll through 100,000 members), and a burst of overlapping reads
/// pays about a millisecond to open another.
const KEEP: usize = 1;

pub struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    generation: AtomicU64,
}

impl Readers {
    pub fn new(dir: &Path) -> Self {
        Readers {
            path: dir.join(DB_FILE),
            idle: Mutex::new(Vec::new()),
            generation: AtomicU64::new(0),
        }
    }

    /// Runs `f` on a read connection inside one read transaction, so everything it reads is
    /// from the same committed state.
    pub fn read<T, E: From<StoreError> + From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let generation = self.generation.load(Ordering::Acquire);
        let conn = match self.lock().pop() {
            Some(c) => c,
            None => self.open()?,
        };
        let out = (|| {
            let tx = conn.unchecked_transaction()?;
            let out = f(&tx)?;
            tx.finish()?;
            Ok(out)
        })();
        // An error may leave the read transaction open: such a connection is not reused.
        if out.is_ok()
            && conn.is_autocommit()
            && self.generation.load(Ordering::Acquire) == generation
        {
            let mut idle = self.lock();
            if idle.len() < KEEP {
                idle.push(conn);
            }
        }
        out
    }

    /// Forgets every idle connection (the file behind them was replaced).
    pub fn reset(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.lock().clear();
    }

    fn open(&self) -> Result<Connection, StoreError> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sqlite(&self.path, e))?;
        configure(&conn).map_err(|e| StoreError::sqlite(&self.path, e))?;
        conn.pragma_update(None, "query_only", true)
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        Ok(conn)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner())
    }
}
