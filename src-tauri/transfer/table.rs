//! A file as a table of text: a header row and data rows, each row with the number the
//! spreadsheet shows for it (blank rows are skipped but still counted, so a problem on line 6
//! says row 6). CSV goes through [`super::csv_read`], XLSX through [`super::sheet`]; both
//! stream the file and keep the [limits](super::limits). Rows are stored compactly (one
//! string per row), so a 500,000-row file fits in memory comfortably.
use super::export::own_headers;
use super::import::RowProblem;
use super::limits::{Limit, MAX_CELLS, MAX_CELL_BYTES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
use super::{csv_read, sheet, TextEncoding, TransferError};
use std::path::Path;

/// One data row: its cells (trailing empty ones dropped) and its row number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// As the spreadsheet numbers it: the header is usually row 1.
    pub number: u32,
    text: Box<str>,
    ends: Box<[u32]>,
}

impl Row {
    pub fn new<S: AsRef<str>>(number: u32, cells: &[S]) -> Row {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(cells.len());
        for c in cells {
            text.push_str(c.as_ref());
            ends.push(text.len() as u32);
        }
        Row {
            number,
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }

    /// The cell in column `col` (empty past the row's end).
    pub fn get(&self, col: usize) -> &str {
        let Some(&end) = self.ends.get(col) else {
            return "";
        };
        let start = if col == 0 { 0 } else { self.ends[col - 1] };
        &self.text[start as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn cells(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|c| self.get(c))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Warnings about the file as a whole (it mixes encodings…), shown before importing.
    pub notes: Vec<RowProblem>,
}

impl Table {
    /// A table from plain rows, numbered from row 2 (the header is row 1).
    pub fn from_rows(encoding: &str, headers: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        Table {
            encoding: encoding.into(),
            headers,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row::new(i as u32 + 2, r))
                .collect(),
            notes: Vec::new(),
        }
    }
}

/// Reads a CSV or XLSX file (the kind is told by its first bytes, not its name).
pub fn read_file(path: &Path, enc: TextEncoding) -> Result<Table, TransferError> {
    let open = || {
        std::fs::File::open(path).map_err(|source| TransferError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    let mut magic = [0u8; 4];
    let n = {
        use std::io::Read;
        let mut f = open()?;
        let mut n = 0;
        while n < 4 {
            match f.read(&mut magic[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(TransferError::Read(e.to_string())),
            }
        }
        n
    };
    let magic = &magic[..n];
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if magic.starts_with(b"PK\x03\x04") {
        // A reader's panic on a malformed part is a refused file, never a closed window.
        return catch(|| sheet::read_xlsx(path));
    }
    if magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || matches!(ext.as_str(), "xls" | "ods") {
        return Err(TransferError::OldSpreadsheet);
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm") {
        return Err(TransferError::Format("not a zip archive".into()));
    }
    catch(|| csv_read::read_csv(open, enc))
}

fn catch(f: impl FnOnce() -> Result<Table, TransferError>) -> Result<Table, TransferError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(TransferError::Format(
            "the file's contents could not be read".into(),
        ))
    })
}

/// A pasted list: one name per line (extra columns after a tab or comma are ignored).
pub fn read_paste(text: &str) -> Table {
    let rows = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let name = l.split(['\t', ',', '，']).next().unwrap_or("").trim();
            (!name.is_empty()).then(|| Row::new(i as u32 + 1, &[name]))
        })
        .collect();
    Table {
        encoding: "UTF-8".into(),
        headers: vec!["昵称".into()],
        rows,
        notes: Vec::new(),
    }
}

/// Collects rows as a reader finds them, keeping the limits: the first non-blank row is the
/// header, blank rows are skipped, trailing empty cells dropped.
pub(super) struct Builder {
    encoding: String,
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
    cells: u64,
    /// Bytes of text kept: bounded like the file itself, since UTF-16 grows by half as UTF-8
    /// and a spreadsheet can repeat one long shared string in every cell.
    text_bytes: u64,
    /// A CSV that GroupDesk exported: its cells carry an apostrophe before `=`, `+`, `-`, `@`
    /// (and before an apostrophe) that the export added against formula injection, and only
    /// there is it taken off.
    own_export: bool,
    csv: bool,
    pub(super) notes: Vec<RowProblem>,
}

impl Builder {
    pub(super) fn new(encoding: &str, csv: bool) -> Self {
        Builder {
            encoding: encoding.into(),
            headers: None,
            rows: Vec::new(),
            cells: 0,
            text_bytes: 0,
            own_export: false,
            csv,
            notes: Vec::new(),
        }
    }

    /// One row of the file, numbered as the spreadsheet shows it.
    pub(super) fn push(
        &mut self,
        number: u32,
        mut cells: Vec<String>,
    ) -> Result<(), TransferError> {
        for c in cells.iter_mut() {
            let t = c.trim();
            if t.len() != c.len() {
                *c = t.to_string();
            }
        }
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        let limit = |limit| TransferError::Limit {
            limit,
            row: Some(number),
        };
        if cells.len() as u64 > MAX_COLUMNS {
            return Err(limit(Limit::Columns));
        }
        if cells.iter().any(|c| c.len() as u64 > MAX_CELL_BYTES) {
            return Err(limit(Limit::CellBytes));
        }
        self.cells += cells.iter().filter(|c| !c.is_empty()).count() as u64;
        if self.cells > MAX_CELLS {
            return Err(limit(Limit::Cells));
        }
        self.text_bytes += cells.iter().map(|c| c.len() as u64).sum::<u64>();
        if self.text_bytes > MAX_FILE_BYTES {
            return Err(TransferError::Limit {
                limit: Limit::FileBytes,
                row: None,
            });
        }
        if self.headers.is_none() {
            self.own_export = self.csv && own_headers(&cells);
            self.headers = Some(cells);
            return Ok(());
        }
        if self.rows.len() as u64 >= MAX_ROWS {
            return Err(limit(Limit::Rows));
        }
        if self.own_export {
            for c in cells.iter_mut() {
                if let Some(rest) = c.strip_prefix('\'') {
                    if rest.starts_with(['=', '+', '-', '@', '\'']) {
                        *c = rest.to_string();
                    }
                }
            }
        }
        self.rows.push(Row::new(number, &cells));
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<Table, TransferError> {
        let headers = self.headers.ok_or(TransferError::Empty)?;
        self.rows.sort_by_key(|r| r.number);
        Ok(Table {
            encoding: self.encoding,
            headers,
            rows: self.rows,
            notes: self.notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hold_their_cells() {
        let r = Row::new(7, &["张三", "", "138"]);
        assert_eq!(
            (r.get(0), r.get(1), r.get(2), r.get(9)),
            ("张三", "", "138", "")
        );
        assert_eq!(r.cells().collect::<Vec<_>>(), ["张三", "", "138"]);
    }

    #[test]
    fn apostrophes_come_off_only_in_our_own_exports() {
        let mut b = Builder::new("UTF-8", true);
        b.push(1, vec!["昵称".into()]).unwrap();
        b.push(2, vec!["'-5".into()]).unwrap();
        assert_eq!(b.finish().unwrap().rows[0].get(0), "'-5");
        let mut b = Builder::new("UTF-8", true);
        let head = own_exported_header();
        b.push(1, head).unwrap();
        b.push(2, vec!["'=1+1".into(), "'it's".into()]).unwrap();
        let t = b.finish().unwrap();
        assert_eq!((t.rows[0].get(0), t.rows[0].get(1)), ("=1+1", "'it's"));
    }

    fn own_exported_header() -> Vec<String> {
        super::super::export::headers(true, false)
            .into_iter()
            .map(String::from)
            .collect()
    }
}
