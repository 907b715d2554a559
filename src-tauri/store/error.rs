//! Store errors. Each names the file involved so a support message is actionable.
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a GroupDesk workspace (not an SQLite database)")]
    NotADatabase { path: PathBuf },
    #[error("{path} is damaged and cannot be read: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("this workspace was written by a newer GroupDesk (schema version {found}; this version understands up to {supported}); update GroupDesk to open it")]
    TooNew { found: u32, supported: u32 },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    SqliteAt {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("no backup named {0}")]
    BackupNotFound(String),
    #[error("there is no workspace in {0} (check --data-dir)")]
    Missing(PathBuf),
    #[error("cancelled")]
    Cancelled,
}

impl StoreError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn sqlite(path: &Path, source: rusqlite::Error) -> Self {
        if is_corruption(&source) {
            return Self::damaged(path, source);
        }
        StoreError::SqliteAt {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn damaged(path: &Path, source: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(e, _) = &source {
            if e.code == rusqlite::ErrorCode::NotADatabase {
                return StoreError::NotADatabase {
                    path: path.to_path_buf(),
                };
            }
        }
        StoreError::Damaged {
            path: path.to_path_buf(),
            detail: source.to_string(),
        }
    }

    /// True when the file itself is unusable (as opposed to a passing I/O or lock problem).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            StoreError::NotADatabase { .. } | StoreError::Damaged { .. }
        )
    }
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}
