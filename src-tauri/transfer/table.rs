//! A file as a table of text: a header row and data rows. CSV (comma, tab or semicolon
//! separated, detected from the header line) goes through [`super::decode`]; XLSX, XLS and ODS
//! through calamine, with numbers written the way they look (phone numbers without `.0` or
//! exponent) and date cells as `YYYY-MM-DD`.
use super::{decode, TextEncoding, TransferError};
use crate::dates::from_serial;
use calamine::{Data, Reader};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Reads a CSV or spreadsheet file.
pub fn read_file(path: &Path, enc: TextEncoding) -> Result<Table, TransferError> {
    let bytes = std::fs::read(path).map_err(|source| TransferError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") || is_zip || is_ole {
        read_sheet(bytes)
    } else {
        let (text, name) = decode(&bytes, enc)?;
        read_csv(&text, name)
    }
}

/// A pasted list: one name per line (extra columns after a tab or comma are ignored).
pub fn read_paste(text: &str) -> Table {
    let rows = text
        .lines()
        .map(|l| {
            l.split(['\t', ',', '，'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .map(|l| vec![l])
        .collect();
    Table {
        encoding: "UTF-8".into(),
        headers: vec!["昵称".into()],
        rows,
    }
}

fn read_csv(text: &str, encoding: &str) -> Result<Table, TransferError> {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .ok_or(TransferError::Empty)?;
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TransferError::Format(e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>(),
        );
    }
    into_table(rows, encoding)
}

fn into_table(mut rows: Vec<Vec<String>>, encoding: &str) -> Result<Table, TransferError> {
    // Fully blank lines are not rows; the first remaining line is the header.
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    if rows.is_empty() {
        return Err(TransferError::Empty);
    }
    let headers = rows.remove(0);
    Ok(Table {
        encoding: encoding.into(),
        headers,
        rows,
    })
}

fn read_sheet(bytes: Vec<u8>) -> Result<Table, TransferError> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| TransferError::Format(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(TransferError::Empty)?
        .map_err(|e| TransferError::Format(e.to_string()))?;
    let rows = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    into_table(rows, "XLSX")
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => match from_serial(d.as_f64().floor() as i64) {
            Some(date) if d.is_datetime() => date.to_string(),
            _ => number_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}
