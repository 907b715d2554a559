//! `import members`, `export members` and `search` on the command line: the same code the
//! window uses, for scripts. Problems are printed one per line with the file's row numbers.
use super::{open_for_reading, open_store, shown};
use crate::groups;
use crate::members::{self, MemberFilter, MemberSort};
use crate::store::Store;
use crate::transfer::{
    self, guess_columns, DuplicatePolicy, ExportFormat, ExportRequest, ImportOptions, RowProblem,
    TextEncoding,
};
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ImportWhat {
    /// Content items (a plan kept in Excel): columns 日期, 时间, 社群, 类型, 标题, 正文, 状态
    /// (or Date, Time, Groups, Type, Title, Text, Status), all or nothing
    Content {
        /// A .csv or .xlsx file
        file: PathBuf,
        /// Check the file and report every bad row; change nothing
        #[arg(long)]
        dry_run: bool,
        /// The text encoding of a CSV file
        #[arg(long, value_enum, default_value_t = Enc::Auto)]
        encoding: Enc,
    },
    /// Members: columns are matched by their headers (昵称, 手机, 微信号, 生日, 标签, 备注…)
    Members {
        /// A .csv, .txt (tab-separated) or .xlsx file (save .xls and .ods sheets as .xlsx)
        file: PathBuf,
        /// Add everyone to this group (its join date, status and category columns apply)
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
        /// Check the file and report every bad row; change nothing
        #[arg(long)]
        dry_run: bool,
        /// What to do with a row whose phone or handle is already in the book
        #[arg(long, value_enum, default_value_t = Dup::Merge)]
        duplicates: Dup,
        /// Import the good rows and leave out the bad ones (default: any bad row stops it all)
        #[arg(long)]
        skip_invalid: bool,
        /// The text encoding of a CSV file
        #[arg(long, value_enum, default_value_t = Enc::Auto)]
        encoding: Enc,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportWhat {
    /// The content calendar of a date range: ICS for calendar programs, XLSX (the week plan),
    /// CSV or a printable HTML page
    Calendar(super::calendar::ExportCalendarArgs),
    /// A campaign's retrospective (复盘) with its numbers: XLSX, or a printable HTML page
    Campaign(super::campaigns::ExportCampaignArgs),
    /// Members, in name order
    Members {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Only the members of this group (with their status, category and points there)
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
        /// Only members matching this search
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// Where to write (default: members-<date>.csv|xlsx in the current folder)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find; every word must match
    query: String,
    /// Print JSON (an array of members) instead of lines
    #[arg(long)]
    json: bool,
    /// At most this many results
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Dup {
    Merge,
    Skip,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Enc {
    Auto,
    Utf8,
    Gbk,
    Utf16le,
    Utf16be,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
    Xlsx,
}

fn group_id(store: &Store, name: Option<&str>) -> Result<Option<i64>, ExitCode> {
    let Some(name) = name else { return Ok(None) };
    match groups::find_by_name(store.conn(), name) {
        Ok(Some(id)) => Ok(Some(id)),
        Ok(None) => {
            eprintln!("groupdesk: there is no group named {name:?}");
            Err(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("groupdesk: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn text_encoding(e: Enc) -> TextEncoding {
    match e {
        Enc::Auto => TextEncoding::Auto,
        Enc::Utf8 => TextEncoding::Utf8,
        Enc::Gbk => TextEncoding::Gbk,
        Enc::Utf16le => TextEncoding::Utf16le,
        Enc::Utf16be => TextEncoding::Utf16be,
    }
}

/// The English sentence for a row problem's catalogue key.
fn problem_text(key: &str) -> &'static str {
    match key {
        "import.no_nickname" => "the nickname is empty",
        "import.bad_date" => "not a date",
        "import.bad_birthday" => "not a birthday",
        "import.bad_phone" => "not a phone number",
        "import.bad_category" => "unknown category",
        "import.bad_status" => "unknown status",
        "import.too_many" => "too many values",
        "import.duplicate_skipped" => "same phone or handle as an existing member; skipped",
        "import.inviter_not_found" => "inviter not found; left empty",
        "import.bad_time" => "not a time (HH:MM)",
        "import.no_title" => "the title is empty",
        "import.group_not_found" => "no group has this name",
        "import.control_chars" => "holds a control character (NUL, escape…); not imported",
        "import.mixed_encoding" => {
            "this line reads as UTF-8 while the file is GBK: the file may mix two encodings"
        }
        _ => "too long",
    }
}

pub(super) fn print_problem(p: &RowProblem) {
    let column = if p.column.is_empty() {
        String::new()
    } else {
        format!(" [{}]", shown(&p.column))
    };
    println!(
        "  row {}{column}: {} ({:?})",
        p.row,
        problem_text(&p.key),
        shown(&p.value)
    );
}

pub fn run_import(dir: &Path, what: ImportWhat) -> ExitCode {
    let (file, group, dry_run, duplicates, skip_invalid, encoding) = match what {
        ImportWhat::Content {
            file,
            dry_run,
            encoding,
        } => {
            return super::calendar::run_import_content(
                dir,
                &file,
                dry_run,
                text_encoding(encoding),
            )
        }
        ImportWhat::Members {
            file,
            group,
            dry_run,
            duplicates,
            skip_invalid,
            encoding,
        } => (file, group, dry_run, duplicates, skip_invalid, encoding),
    };
    let encoding = text_encoding(encoding);
    let table = match transfer::read_file(&file, encoding) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("groupdesk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut store) = open_store(dir) else {
        return ExitCode::FAILURE;
    };
    let group_id = match group_id(&store, group.as_deref()) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let mapping = guess_columns(&table.headers);
    let opts = ImportOptions {
        group_id,
        duplicates: match duplicates {
            Dup::Merge => DuplicatePolicy::Merge,
            Dup::Skip => DuplicatePolicy::Skip,
        },
        skip_invalid,
        dry_run,
    };
    let progress = super::progress::Terminal::new();
    let report = match store
        .write(|w| transfer::import_members(w, &table, &mapping, &opts, Utc::now(), &progress))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("groupdesk: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Read {} rows ({}) from {}",
        report.rows,
        table.encoding,
        file.display()
    );
    for (header, target) in table.headers.iter().zip(&mapping) {
        if target.is_none() {
            println!(
                "  column {:?} is not imported (no matching field)",
                shown(header)
            );
        }
    }
    if !report.problems.is_empty() {
        println!("{} problem(s):", report.problems.len());
        report.problems.iter().for_each(print_problem);
    }
    if !report.warnings.is_empty() {
        println!("{} note(s):", report.warnings.len());
        report.warnings.iter().for_each(print_problem);
    }
    let counts = format!(
        "{} new, {} merged, {} duplicates skipped{}",
        report.created,
        report.merged,
        report.skipped_duplicates,
        if skip_invalid {
            format!(", {} bad rows left out", report.skipped_invalid)
        } else {
            String::new()
        }
    );
    if report.applied {
        println!("Imported: {counts}.");
        ExitCode::SUCCESS
    } else if dry_run && report.problems.is_empty() {
        println!("Dry run, nothing changed. Importing would give: {counts}.");
        ExitCode::SUCCESS
    } else {
        println!("Nothing was imported: fix the rows above (or use --skip-invalid).");
        ExitCode::FAILURE
    }
}

pub fn run_export(dir: &Path, what: ExportWhat) -> ExitCode {
    let (format, group, query, output) = match what {
        ExportWhat::Calendar(args) => return super::calendar::run_export_calendar(dir, args),
        ExportWhat::Campaign(args) => return super::campaigns::run_export_campaign(dir, args),
        ExportWhat::Members {
            format,
            group,
            query,
            output,
        } => (format, group, query, output),
    };
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    let group_id = match group_id(&store, group.as_deref()) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let (format, ext) = match format {
        Format::Csv => (ExportFormat::Csv, "csv"),
        Format::Xlsx => (ExportFormat::Xlsx, "xlsx"),
    };
    // A file named on the command line is replaced like `cp` does; the default name is not.
    let overwrite = output.is_some();
    let path = output.unwrap_or_else(|| {
        PathBuf::from(format!(
            "members-{}.{ext}",
            crate::clock::local_today().format("%Y%m%d")
        ))
    });
    let filter = MemberFilter {
        group_id,
        query: query.unwrap_or_default(),
        ..Default::default()
    };
    let req = ExportRequest {
        filter: &filter,
        sort: MemberSort::default(),
        format,
        path: &path,
        workspace: dir,
        overwrite,
    };
    let result = transfer::export_filtered(
        store.conn(),
        &req,
        &crate::clock::member_clock(),
        &super::progress::Terminal::new(),
    );
    match result {
        Ok(n) => {
            println!("Exported {n} members to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("groupdesk: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Serialize)]
struct Hit {
    id: i64,
    nickname: String,
    display_name: String,
    real_name: String,
    region: String,
    phone: String,
    tags: Vec<String>,
    last_contact_at: Option<String>,
}

pub fn run_search(dir: &Path, args: SearchArgs) -> ExitCode {
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    let filter = MemberFilter {
        query: args.query.clone(),
        ..Default::default()
    };
    let clock = crate::clock::member_clock();
    let result = members::page(
        store.conn(),
        &filter,
        MemberSort::default(),
        0,
        args.limit,
        &clock,
    )
    .and_then(|page| Ok((page, members::list_tags(store.conn())?)));
    let (page, tags) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("groupdesk: {e}");
            return ExitCode::FAILURE;
        }
    };
    let hits: Vec<Hit> = page
        .rows
        .into_iter()
        .map(|r| Hit {
            id: r.id,
            tags: r
                .tag_ids
                .iter()
                .filter_map(|t| tags.iter().find(|x| x.id == *t))
                .map(|t| t.name.clone())
                .collect(),
            nickname: r.nickname,
            display_name: r.display_name,
            real_name: r.real_name,
            region: r.region,
            phone: r.phone,
            last_contact_at: r.last_contact_at,
        })
        .collect();
    if args.json {
        if let Err(code) = super::print_json(&hits) {
            return code;
        }
    } else {
        for h in &hits {
            println!(
                "{}\t{}\t{}\t{}\t{}",
                h.id,
                shown(&h.nickname),
                shown(&h.real_name),
                shown(&h.phone),
                shown(&h.tags.join(","))
            );
        }
        eprintln!("{} of {} matching members", hits.len(), page.total);
    }
    ExitCode::SUCCESS
}
