//! `groupdesk check`: a read-only verdict on a workspace file — is it SQLite, is every page
//! sound (`PRAGMA integrity_check`), do the foreign keys hold, and which schema version is it.
use super::{inspect, migrations, StoreError, DB_FILE};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Sound and at this build's schema version.
    Ok,
    /// Sound, at an older version; it will be backed up and upgraded on next open.
    NeedsUpgrade,
    /// Written by a newer GroupDesk.
    TooNew,
    /// Readable as SQLite but with integrity or foreign-key problems.
    Damaged,
    /// Not an SQLite file at all, or unreadable.
    Unreadable,
    /// There is no workspace file in the folder.
    Missing,
}

#[derive(Debug, Clone)]
pub struct CheckReport {
    pub path: PathBuf,
    pub verdict: Verdict,
    pub schema_version: Option<u32>,
    pub supported_version: u32,
    /// Problems found, one per line, as SQLite words them (empty when sound).
    pub problems: Vec<String>,
    pub size_bytes: u64,
}

pub fn check_dir(dir: &Path) -> CheckReport {
    check_file(&dir.join(DB_FILE))
}

pub fn check_file(path: &Path) -> CheckReport {
    let mut report = CheckReport {
        path: path.to_path_buf(),
        verdict: Verdict::Ok,
        schema_version: None,
        supported_version: migrations::LATEST,
        problems: Vec::new(),
        size_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    };
    if !path.exists() {
        report.verdict = Verdict::Missing;
        return report;
    }
    let inspection = match inspect(path) {
        Ok(i) => i,
        Err(e) => {
            report.verdict = Verdict::Unreadable;
            report.problems.push(e.to_string());
            return report;
        }
    };
    report.schema_version = Some(inspection.schema_version);
    match deep_check(path) {
        Ok(problems) if problems.is_empty() => {}
        Ok(problems) => {
            report.verdict = Verdict::Damaged;
            report.problems = problems;
            return report;
        }
        Err(e) => {
            report.verdict = Verdict::Damaged;
            report.problems.push(e.to_string());
            return report;
        }
    }
    report.verdict = match inspection.schema_version {
        v if v > migrations::LATEST => Verdict::TooNew,
        v if v < migrations::LATEST => Verdict::NeedsUpgrade,
        _ => Verdict::Ok,
    };
    report
}

fn deep_check(path: &Path) -> Result<Vec<String>, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::damaged(path, e))?;
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for row in rows {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = fk.query_map([], |r| {
        Ok(format!(
            "foreign key broken: {} row {} -> {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            r.get::<_, String>(2)?
        ))
    })?;
    for row in rows {
        problems.push(row?);
    }
    Ok(problems)
}
