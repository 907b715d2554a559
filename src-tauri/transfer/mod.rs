//! Moving members in and out as files: reading CSV (any encoding Chinese spreadsheets write)
//! and XLSX into a plain table, mapping its columns to member fields, importing it
//! all-or-nothing with a dry run, and exporting a filtered list to CSV or XLSX.
mod columns;
mod decode;
mod export;
mod import;
mod import_row;
mod table;

pub use columns::{guess_columns, Target};
pub use decode::{decode, TextEncoding};
pub use export::{export_filtered, export_members, ExportFormat, ExportRequest};
pub use import::{import_members, DuplicatePolicy, ImportOptions, ImportReport, RowProblem};
pub use table::{read_file, read_paste, Table};

use serde::Serialize;
use ts_rs::TS;

/// Why a file could not be read at all (row-level problems are [`RowProblem`]s instead).
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the file is not valid text in {0}")]
    Encoding(&'static str),
    #[error("the file is not a CSV or spreadsheet this app can read: {0}")]
    Format(String),
    #[error("the file has no rows")]
    Empty,
    #[error("no column is mapped to the nickname")]
    NoNickname,
    #[error("could not write the export: {0}")]
    Write(String),
    #[error("member data error: {0}")]
    Member(#[from] crate::members::MemberError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("cancelled")]
    Cancelled(#[from] crate::progress::Cancelled),
}

/// A file read for import: what the mapping step shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    /// The encoding the text was read in (`UTF-8`, `GB18030`, `UTF-16LE`…; XLSX for sheets).
    pub encoding: String,
    pub headers: Vec<String>,
    /// The first rows, for the preview table.
    pub sample: Vec<Vec<String>>,
    pub row_count: u32,
    /// A guess for each column.
    pub mapping: Vec<Option<Target>>,
}

impl ImportPreview {
    pub fn of(table: &Table, sample_rows: usize) -> Self {
        ImportPreview {
            encoding: table.encoding.clone(),
            headers: table.headers.clone(),
            sample: table.rows.iter().take(sample_rows).cloned().collect(),
            row_count: table.rows.len() as u32,
            mapping: guess_columns(&table.headers),
        }
    }
}
