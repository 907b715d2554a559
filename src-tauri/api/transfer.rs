//! Commands for importing members from files or pasted names, and exporting a filtered list.
//! Imports and exports are jobs: the UI names each with an id, receives `job-progress` events
//! for it, and may cancel it ([`super::jobs::cancel_job`]). An import runs on the writer and
//! never blocks reads; an export runs on a read connection and never blocks anything.
use super::ApiError;
use crate::members::{MemberFilter, MemberSort};
use crate::progress::Progress;
use crate::session::{Purpose, Session};
use crate::settings::{self, Language};
use crate::transfer::{
    self, ExportFormat, ExportRequest, ImportOptions, ImportPreview, ImportReport, Target,
    TextEncoding,
};
use chrono::Utc;
use std::path::PathBuf;
use tauri::State;

/// Reads a file for the mapping step: headers, the first rows, a guessed mapping.
#[tauri::command(async)]
pub fn preview_import(
    state: State<'_, Session>,
    path: PathBuf,
    encoding: TextEncoding,
) -> Result<ImportPreview, ApiError> {
    super::files::require(&state, Purpose::Import, &path)?;
    let table = transfer::read_file(&path, encoding)?;
    Ok(ImportPreview::of(&table, 20))
}

/// Checks (`options.dry_run`) or runs an import of a file, as job `job`.
#[tauri::command(async)]
pub fn run_import(
    state: State<'_, Session>,
    job: String,
    path: PathBuf,
    encoding: TextEncoding,
    mapping: Vec<Option<Target>>,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    super::files::require(&state, Purpose::Import, &path)?;
    let job = state.jobs.start(&job);
    job.report(crate::progress::Step::Reading, 0, 1);
    let table = transfer::read_file(&path, encoding)?;
    state.write(|w| {
        Ok(transfer::import_members(
            w,
            &table,
            &mapping,
            &options,
            Utc::now(),
            &job,
        )?)
    })
}

/// Imports pasted names, one per line.
#[tauri::command(async)]
pub fn import_paste(
    state: State<'_, Session>,
    text: String,
    options: ImportOptions,
) -> Result<ImportReport, ApiError> {
    let table = transfer::read_paste(&text);
    if table.rows.is_empty() {
        return Err(transfer::TransferError::Empty.into());
    }
    state.write(|w| {
        Ok(transfer::import_members(
            w,
            &table,
            &[Some(Target::Nickname)],
            &options,
            Utc::now(),
            &crate::progress::Quiet,
        )?)
    })
}

/// Writes the members the filter matches, in the list's order, to `path` (chosen in the save
/// dialog or proposed by [`default_export_path`]), as job `job`. A file already there is
/// replaced only with `overwrite` (the UI asks first: `export.exists`).
#[tauri::command(async)]
pub fn export_members(
    state: State<'_, Session>,
    job: String,
    filter: MemberFilter,
    sort: MemberSort,
    format: ExportFormat,
    path: PathBuf,
    overwrite: bool,
) -> Result<u32, ApiError> {
    super::files::require(&state, Purpose::Export, &path)?;
    let job = state.jobs.start(&job);
    let req = ExportRequest {
        filter: &filter,
        sort,
        format,
        path: &path,
        workspace: &state.dir,
        overwrite,
    };
    state.read(|c| {
        Ok(transfer::export_filtered(
            c,
            &req,
            &crate::clock::member_clock(),
            &job,
        )?)
    })
}

/// Where an export goes unless the user picks another place: the Documents folder (or home),
/// `成员-20261124.xlsx` / `members-20261124.xlsx` by the UI language.
#[tauri::command(async)]
pub fn default_export_path(
    state: State<'_, Session>,
    format: ExportFormat,
) -> Result<String, ApiError> {
    let zh = state.read(|c| Ok::<_, ApiError>(settings::load(c)?.language == Language::ZhCn))?;
    let dir = dirs::document_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(std::env::temp_dir);
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
    };
    let stem = if zh { "成员" } else { "members" };
    let name = format!(
        "{stem}-{}.{ext}",
        crate::clock::local_today().format("%Y%m%d")
    );
    let path = dir.join(name);
    // Proposed by the app, not named by the window: it may be written.
    state.picked.grant(Purpose::Export, &path);
    Ok(path.display().to_string())
}
