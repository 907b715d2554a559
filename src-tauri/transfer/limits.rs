//! The hard limits every file reader keeps, so that no file — a crafted spreadsheet, a zip
//! bomb, `/dev/zero`, a 50 MB cell — can crash the app or take its memory. Each is far above
//! what a real member list needs (a 100,000-row export is ~15 MB with ~1 million cells) and
//! low enough that the largest file allowed stays well under 300 MB of memory while read.
//! A file over a limit is refused with the limit named, in the user's language.
use serde::Serialize;
use ts_rs::TS;

/// Bytes of the file itself (CSV text, or the XLSX zip).
pub const MAX_FILE_BYTES: u64 = 100 * MB;
/// Bytes of all the XML an XLSX unpacks to.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * MB;
/// Bytes of the XLSX parts read whole into memory (shared strings, styles, workbook).
pub const MAX_LOADED_PART_BYTES: u64 = 64 * MB;
/// Data rows (the header not counted).
pub const MAX_ROWS: u64 = 500_000;
/// Columns with a value.
pub const MAX_COLUMNS: u64 = 200;
/// Cells with a value.
pub const MAX_CELLS: u64 = 5_000_000;
/// Bytes of one cell's text (a 20,000-character note is at most 80 KB).
pub const MAX_CELL_BYTES: u64 = 128 * KB;

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// Which limit a file went over; the UI names it with its amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    FileBytes,
    UnzippedBytes,
    Rows,
    Columns,
    Cells,
    CellBytes,
}

impl Limit {
    /// The limit's amount.
    pub fn amount(self) -> u64 {
        match self {
            Limit::FileBytes => MAX_FILE_BYTES,
            Limit::UnzippedBytes => MAX_UNZIPPED_BYTES,
            Limit::Rows => MAX_ROWS,
            Limit::Columns => MAX_COLUMNS,
            Limit::Cells => MAX_CELLS,
            Limit::CellBytes => MAX_CELL_BYTES,
        }
    }

    /// The name the UI catalogue uses (`import.limit.<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Limit::FileBytes => "file_bytes",
            Limit::UnzippedBytes => "unzipped_bytes",
            Limit::Rows => "rows",
            Limit::Columns => "columns",
            Limit::Cells => "cells",
            Limit::CellBytes => "cell_bytes",
        }
    }

    /// The amount as people read it: `100 MB`, `128 KB`, `500000`.
    pub fn amount_text(self) -> String {
        let n = self.amount();
        match self {
            Limit::FileBytes | Limit::UnzippedBytes | Limit::CellBytes if n >= MB => {
                format!("{} MB", n / MB)
            }
            Limit::FileBytes | Limit::UnzippedBytes | Limit::CellBytes => format!("{} KB", n / KB),
            _ => n.to_string(),
        }
    }

    /// What the limit is, in English (the CLI and logs).
    pub fn describe(self) -> String {
        let a = self.amount_text();
        match self {
            Limit::FileBytes => format!("the file is larger than {a}"),
            Limit::UnzippedBytes => format!("the spreadsheet unpacks to more than {a}"),
            Limit::Rows => format!("the file has more than {a} rows"),
            Limit::Columns => format!("the file has more than {a} columns"),
            Limit::Cells => format!("the file has more than {a} filled cells"),
            Limit::CellBytes => format!("a cell is longer than {a}"),
        }
    }
}
