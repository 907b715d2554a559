//! Moving members in and out as files: reading CSV (any encoding Chinese spreadsheets write)
//! and XLSX into a plain table, mapping its columns to member fields, importing it
//! all-or-nothing with a dry run, and exporting a filtered list to CSV or XLSX.
mod columns;
mod csv_read;
mod decode;
mod export;
mod import;
mod import_row;
pub mod limits;
mod sheet;
mod table;

pub use columns::{guess_columns, Target};
pub use csv_read::read_csv_text;
pub use decode::{decode, TextEncoding};
pub use export::{
    check_target, csv_safe, export_filtered, export_members, ExportFormat, ExportRequest,
};
pub use import::{import_members, DuplicatePolicy, ImportOptions, ImportReport, RowProblem};
pub use limits::Limit;
pub use table::{read_file, read_paste, Row, Table};

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
    #[error("cannot read the file: {0}")]
    Read(String),
    #[error("the file is not valid text in {0}")]
    Encoding(&'static str),
    #[error("the file mixes two encodings (line {line} is UTF-8, other lines are not): save it again in one encoding")]
    MixedEncoding { line: u32 },
    #[error("{} (the limit GroupDesk reads){}", limit.describe(), row.map(|r| format!(", at row {r}")).unwrap_or_default())]
    Limit { limit: Limit, row: Option<u32> },
    #[error("old Excel (.xls) and OpenDocument (.ods) files are not read: save the sheet as .xlsx or .csv and import that")]
    OldSpreadsheet,
    #[error("the file is not a CSV or spreadsheet this app can read: {0}")]
    Format(String),
    #[error("the file has no rows")]
    Empty,
    #[error("no column is mapped to the nickname")]
    NoNickname,
    #[error("could not write the export: {0}")]
    Write(String),
    #[error("{0} already exists (confirm to replace it)")]
    Exists(String),
    #[error("{0} is inside the workspace folder; export somewhere else")]
    InsideWorkspace(String),
    #[error("member data error: {0}")]
    Member(#[from] crate::members::MemberError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("could not write the export: {0}")]
    File(#[from] std::io::Error),
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
    /// Warnings about the whole file (it mixes two encodings…).
    pub notes: Vec<RowProblem>,
    pub row_count: u32,
    /// A guess for each column.
    pub mapping: Vec<Option<Target>>,
}

impl ImportPreview {
    pub fn of(table: &Table, sample_rows: usize) -> Self {
        ImportPreview {
            encoding: table.encoding.clone(),
            headers: table.headers.clone(),
            sample: table
                .rows
                .iter()
                .take(sample_rows)
                .map(|r| r.cells().map(String::from).collect())
                .collect(),
            notes: table.notes.clone(),
            row_count: table.rows.len() as u32,
            mapping: guess_columns(&table.headers),
        }
    }
}
