//! XLSX read with bounded memory. Before calamine sees the file, every XML part is unpacked
//! once into a counter (not into memory), so a zip bomb or a part whose declared size lies is
//! refused at [`MAX_UNZIPPED_BYTES`]; the parts calamine loads whole (shared strings, styles)
//! must stay under [`MAX_LOADED_PART_BYTES`]. The sheet is then read cell by cell
//! (`worksheet_cells_reader`), never as calamine's dense range: a file with one cell in A1 and
//! one in XFD1048576 would otherwise allocate a grid of 17 billion cells.
//!
//! Numbers are written the way they look (phone numbers without `.0` or exponent) and date
//! cells as `YYYY-MM-DD`.
use super::limits::{Limit, MAX_FILE_BYTES, MAX_LOADED_PART_BYTES, MAX_UNZIPPED_BYTES};
use super::table::{Builder, Table};
use super::TransferError;
use crate::dates::from_serial;
use calamine::{DataRef, Reader, Xlsx};
use std::io::{BufReader, Read};
use std::path::Path;

const MAX_ENTRIES: usize = 10_000;

fn damaged(e: impl std::fmt::Display) -> TransferError {
    TransferError::Format(e.to_string())
}

fn too_big() -> TransferError {
    TransferError::Limit {
        limit: Limit::UnzippedBytes,
        row: None,
    }
}

/// Unpacks every XML part into a counter; refuses a bomb, a lying size or a damaged archive.
fn check_archive(path: &Path) -> Result<(), TransferError> {
    let file = std::fs::File::open(path).map_err(|e| TransferError::Read(e.to_string()))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(TransferError::Limit {
            limit: Limit::FileBytes,
            row: None,
        });
    }
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    if zip.len() > MAX_ENTRIES {
        return Err(damaged("too many parts"));
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(damaged)?;
        let name = part.name().to_ascii_lowercase();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let loaded = !name.contains("worksheets/");
        let cap = if loaded {
            MAX_LOADED_PART_BYTES
        } else {
            MAX_UNZIPPED_BYTES
        };
        if part.size() > cap || total + part.size() > MAX_UNZIPPED_BYTES {
            return Err(too_big());
        }
        let mut size = 0u64;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(damaged(e)),
            };
            size += n as u64;
            if size > cap || total + size > MAX_UNZIPPED_BYTES {
                return Err(too_big());
            }
        }
        total += size;
    }
    Ok(())
}

pub fn read_xlsx(path: &Path) -> Result<Table, TransferError> {
    check_archive(path)?;
    let file = std::fs::File::open(path).map_err(|e| TransferError::Read(e.to_string()))?;
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(damaged)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(TransferError::Empty)?;
    let mut cells = book.worksheet_cells_reader(&name).map_err(damaged)?;
    let mut builder = Builder::new("XLSX", false);
    let mut row: Vec<String> = Vec::new();
    let mut row_at: Option<u32> = None;
    while let Some(cell) = cells.next_cell().map_err(damaged)? {
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        if row_at != Some(r) {
            if let Some(at) = row_at {
                builder.push(at + 1, std::mem::take(&mut row))?;
            }
            row_at = Some(r);
        }
        let c = c as usize;
        if c as u64 >= super::limits::MAX_COLUMNS {
            return Err(TransferError::Limit {
                limit: Limit::Columns,
                row: Some(r.saturating_add(1)),
            });
        }
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    if let Some(at) = row_at {
        builder.push(at + 1, row)?;
    }
    builder.finish()
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn cell_text(c: &DataRef<'_>) -> String {
    match c {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => match from_serial(d.as_f64().floor() as i64) {
            Some(date) if d.is_datetime() => date.to_string(),
            _ => number_text(d.as_f64()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
    }
}
