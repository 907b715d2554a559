//! The command line of the one `groupdesk` binary: no subcommand opens the window; `check`,
//! `backup` and `demo` work on the workspace from a shell (safe while the window is open:
//! SQLite's WAL lets them read a consistent snapshot or write between the app's writes).
//! Exit codes: 0 done, 1 the check found a problem or the work failed, 2 wrong usage.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]
mod calendar;
mod campaigns;
mod members;
mod progress;
mod scripts;
mod today;

use crate::store::{backup, check, Store};
use crate::{demo, desktop, paths};
use chrono::Utc;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "groupdesk",
    version,
    about = "GroupDesk (群主工作台): an offline workbench for chat-group owners.",
    long_about = "GroupDesk (群主工作台): an offline workbench for chat-group owners.\n\
        With no command it opens the app window. The workspace is one SQLite file\n\
        (groupdesk.sqlite3) in the data folder."
)]
struct Cli {
    /// The workspace folder (default: the per-user data folder, e.g. ~/.local/share/GroupDesk)
    #[arg(long, global = true, value_name = "DIR", env = "GROUPDESK_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Start in the tray with the window hidden (how start-at-login opens GroupDesk)
    #[arg(long)]
    hidden: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Import members from a CSV (UTF-8, GBK/GB18030, UTF-16) or XLSX file, all or nothing
    Import {
        #[command(subcommand)]
        what: members::ImportWhat,
    },
    /// Export members to CSV (UTF-8 with BOM, for Excel) or XLSX
    Export {
        #[command(subcommand)]
        what: members::ExportWhat,
    },
    /// Search members by name, pinyin (zhangsan, zs), handle, phone, tag or note text
    Search(members::SearchArgs),
    /// Print the Today view: follow-ups overdue, due today and this week, birthdays, spotlight
    Today(today::TodayArgs),
    /// Add or list groups
    Group {
        #[command(subcommand)]
        what: calendar::GroupWhat,
    },
    /// Add or list recurring slots (固定栏目) of the content calendar
    Slot {
        #[command(subcommand)]
        what: calendar::SlotWhat,
    },
    /// Campaigns (活动): add one (from a playbook), list them, show one with its results
    Campaign {
        #[command(subcommand)]
        what: campaigns::CampaignWhat,
    },
    /// The script library (话术库): add, list, and fill a script for members
    Script {
        #[command(subcommand)]
        what: scripts::ScriptWhat,
    },
    /// Mainland holiday schedules beyond the shipped ones (2027 on), and corrections
    Holidays {
        #[command(subcommand)]
        what: calendar::HolidaysWhat,
    },
    /// The content plan: items and open slots of a week
    Plan {
        #[command(subcommand)]
        what: calendar::PlanWhat,
    },
    /// Verify the workspace file: integrity, foreign keys and schema version (read-only)
    Check,
    /// Write a consistent copy of the workspace, even while the app is running
    Backup {
        /// Where to write it (a new file, or a folder); default: DIR/backups/manual-<time>.sqlite3
        file: Option<PathBuf>,
    },
    /// Add realistic Chinese demo data to the workspace (all or nothing)
    Demo {
        /// How many groups to add
        #[arg(long, default_value_t = 12)]
        groups: u32,
        /// How many members to add, spread over the groups
        #[arg(long, default_value_t = 0)]
        members: u32,
        /// How many notes to add, spread over the new members
        #[arg(long, default_value_t = 0)]
        notes: u32,
        /// How many follow-ups to add, spread over the members
        #[arg(long, default_value_t = 0)]
        reminders: u32,
        /// Seed for the generator: the same seed gives the same data
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data_dir.unwrap_or_else(paths::default_data_dir);
    match cli.command {
        None => desktop::run(dir, cli.hidden),
        Some(Command::Import { what }) => members::run_import(&dir, what),
        Some(Command::Export { what }) => members::run_export(&dir, what),
        Some(Command::Search(args)) => members::run_search(&dir, args),
        Some(Command::Today(args)) => today::run_today(&dir, args),
        Some(Command::Group { what }) => calendar::run_group(&dir, what),
        Some(Command::Slot { what }) => calendar::run_slot(&dir, what),
        Some(Command::Campaign { what }) => campaigns::run_campaign(&dir, what),
        Some(Command::Script { what }) => scripts::run_script(&dir, what),
        Some(Command::Plan { what }) => calendar::run_plan(&dir, what),
        Some(Command::Holidays { what }) => calendar::run_holidays(&dir, what),
        Some(Command::Check) => run_check(&dir),
        Some(Command::Backup { file }) => run_backup(&dir, file.as_deref()),
        Some(Command::Demo {
            groups,
            seed,
            members,
            notes,
            reminders,
        }) => run_demo(
            &dir,
            demo::DemoOptions {
                groups,
                seed,
                members,
                notes,
                reminders,
            },
        ),
    }
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

fn run_check(dir: &Path) -> ExitCode {
    let report = check::check_dir(dir);
    println!("Workspace: {}", report.path.display());
    if report.verdict != check::Verdict::Missing {
        println!("Size:      {}", human_size(report.size_bytes));
    }
    if let Some(v) = report.schema_version {
        println!(
            "Schema:    version {v} (this GroupDesk writes version {})",
            report.supported_version
        );
    }
    for p in &report.problems {
        println!("Problem:   {p}");
    }
    let (line, ok) = match report.verdict {
        check::Verdict::Ok => ("OK: the workspace is sound.", true),
        check::Verdict::NeedsUpgrade => (
            "OK: the workspace is sound; it will be backed up and upgraded when the app opens it.",
            true,
        ),
        check::Verdict::TooNew => (
            "NOT OK: written by a newer GroupDesk; update GroupDesk to open it.",
            false,
        ),
        check::Verdict::Damaged => (
            "NOT OK: the workspace is damaged. Restore a backup from the backups folder \
             (Settings → Backups in the app).",
            false,
        ),
        check::Verdict::Unreadable => {
            ("NOT OK: this is not a readable GroupDesk workspace.", false)
        }
        check::Verdict::Missing => ("NOT OK: there is no workspace in this folder.", false),
    };
    println!("{line}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_backup(dir: &Path, file: Option<&Path>) -> ExitCode {
    let src = dir.join(crate::store::DB_FILE);
    if !src.exists() {
        eprintln!("groupdesk: there is no workspace in {}", dir.display());
        return ExitCode::FAILURE;
    }
    let now = Utc::now();
    let result = match file {
        Some(f) if f.is_dir() => open_source(&src).and_then(|c| {
            let dest = f.join(format!(
                "groupdesk-{}.sqlite3",
                crate::dates::file_stamp(now)
            ));
            backup::copy_to(&c, &dest).map(|_| dest)
        }),
        Some(f) => open_source(&src).and_then(|c| backup::copy_to(&c, f).map(|_| f.to_path_buf())),
        None => backup::write_named(&src, dir, &backup::BackupKind::Manual, now),
    };
    match result {
        Ok(dest) => {
            let size = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
            println!("Backup written: {} ({})", dest.display(), human_size(size));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("groupdesk: backup failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open_source(src: &Path) -> Result<rusqlite::Connection, crate::store::StoreError> {
    crate::store::inspect(src)?;
    rusqlite::Connection::open_with_flags(src, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| crate::store::StoreError::sqlite(src, e))
}

/// Prints `value` as pretty JSON, or says on stderr why it could not.
pub(super) fn print_json(value: &impl serde::Serialize) -> Result<(), ExitCode> {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            Ok(())
        }
        Err(e) => {
            eprintln!("groupdesk: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// Says what went wrong on stderr; the command's exit is 1.
pub(super) fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("groupdesk: {e}");
    ExitCode::FAILURE
}

/// Refused fields as one line (`name: Required; budget: …`).
pub(super) fn fields_line(fields: &[crate::validate::FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {:?}", f.field, f.rule))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Stored text made safe for a terminal (control characters shown, never obeyed).
pub(super) fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    crate::validate::visible(s)
}

fn run_demo(dir: &Path, opts: demo::DemoOptions) -> ExitCode {
    let now = Utc::now();
    let Some(mut store) = open_store(dir) else {
        return ExitCode::FAILURE;
    };
    let progress = progress::Terminal::new();
    match store.write(|w| demo::fill(w, &opts, now, &progress)) {
        Ok(report) => {
            println!(
                "Added {} demo groups, {} members and {} notes to {}",
                report.groups,
                report.members,
                report.notes,
                store.path().display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("groupdesk: demo data not added: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens (creating or upgrading) the workspace for a command that writes a lot (import, demo):
/// an existing file must pass the quick check first. Says why not on stderr.
fn open_store(dir: &Path) -> Option<Store> {
    match Store::open_dir_checked(dir, Utc::now()) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("groupdesk: {e}");
            None
        }
    }
}

/// Opens an existing workspace for a command that only reads (search, today, export); a
/// missing one is an error, never created.
fn open_for_reading(dir: &Path) -> Option<Store> {
    match Store::open_existing_for_reading(dir, Utc::now()) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("groupdesk: {e}");
            None
        }
    }
}
