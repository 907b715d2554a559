//! Commands for importing members from files or pasted names, and exporting a filtered list.
use super::members::clock;
use super::{ApiError, AppState};
use crate::members::{self, MemberFilter, MemberSort};
use crate::settings::{self, Language};
use crate::transfer::{
    self, ExportFormat, ImportOptions, ImportPreview, ImportReport, Target, TextEncoding,
};
use chrono::Utc;
use std::path::PathBuf;
use tauri::State;

/// Reads a file for the mapping step: headers, the first rows, a guessed mapping.
#[tauri::command(async)]
pub fn preview_import(path: PathBuf, encoding: TextEncoding) -> Result<ImportPreview, ApiError> {
    let table = transfer::read_file(&path, encoding)?;
    Ok(ImportPreview::of(&table, 20))
}

/// Checks (`options.dry_run`) or runs an import of a file.
#[tauri::command(async)]
pub fn run_import(
    state: State<'_, AppState>,
    path: PathBuf,
    encoding: TextEncoding,
    mapping: Vec<Option<Target>>,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    let table = transfer::read_file(&path, encoding)?;
    state.with_store(|s| {
        Ok(transfer::import_members(
            s.conn_mut(),
            &table,
            &mapping,
            &options,
            Utc::now(),
        )?)
    })
}

/// Imports pasted names, one per line.
#[tauri::command(async)]
pub fn import_paste(
    state: State<'_, AppState>,
    text: String,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    let table = transfer::read_paste(&text);
    if table.rows.is_empty() {
        return Err(transfer::TransferError::Empty.into());
    }
    state.with_store(|s| {
        Ok(transfer::import_members(
            s.conn_mut(),
            &table,
            &[Some(Target::Nickname)],
            &options,
            Utc::now(),
        )?)
    })
}

/// Writes the members the filter matches, in the list's order, to `path`.
#[tauri::command(async)]
pub fn export_members(
    state: State<'_, AppState>,
    filter: MemberFilter,
    sort: MemberSort,
    format: ExportFormat,
    path: PathBuf,
) -> Result<u32, ApiError> {
    state.with_store(|s| {
        let ids = members::ids(s.conn(), &filter, sort, &clock())?;
        let zh = settings::load(s.conn())?.language == Language::ZhCn;
        Ok(transfer::export_members(
            s.conn(),
            &ids,
            filter.group_id,
            format,
            zh,
            &path,
        )?)
    })
}

/// Where an export goes unless the user picks another place: the Documents folder (or home),
/// `成员-20261124.xlsx` / `members-20261124.xlsx` by the UI language.
#[tauri::command(async)]
pub fn default_export_path(
    state: State<'_, AppState>,
    format: ExportFormat,
) -> Result<String, ApiError> {
    let zh = state.with_store(|s| Ok(settings::load(s.conn())?.language == Language::ZhCn))?;
    let dir = dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| state.dir.clone());
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
    };
    let stem = if zh { "成员" } else { "members" };
    let name = format!("{stem}-{}.{ext}", chrono::Local::now().format("%Y%m%d"));
    Ok(dir.join(name).display().to_string())
}
