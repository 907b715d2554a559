//! `group add|list`, `slot add|list` and `plan week` on the command line: the contract
//! scripts rely on (the `--json` shapes are the ones the domain serialises).
use super::{fail, open_for_reading, open_store, shown};
use crate::calendar::{self, CalendarError, SlotInput};
use crate::groups::{self, GroupInput, GroupView, Platform};
use crate::settings;
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum GroupWhat {
    /// Add a group (its positioning, rules and goals are filled in the app)
    Add {
        name: String,
        #[arg(long, value_enum, default_value_t = PlatformArg::Wechat)]
        platform: PlatformArg,
    },
    /// List the groups (not archived, not in the trash)
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PlatformArg {
    Wechat,
    Wecom,
    Qq,
    Telegram,
    Discord,
    Other,
}

impl From<PlatformArg> for Platform {
    fn from(p: PlatformArg) -> Platform {
        match p {
            PlatformArg::Wechat => Platform::Wechat,
            PlatformArg::Wecom => Platform::Wecom,
            PlatformArg::Qq => Platform::Qq,
            PlatformArg::Telegram => Platform::Telegram,
            PlatformArg::Discord => Platform::Discord,
            PlatformArg::Other => Platform::Other,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum SlotWhat {
    /// Add a recurring slot (固定栏目): an RFC 5545 RRULE from a wall-clock start
    Add {
        #[arg(long, value_name = "NAME")]
        group: String,
        #[arg(long)]
        title: String,
        /// e.g. FREQ=WEEKLY;BYDAY=WE, or FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR for weekdays
        #[arg(long)]
        rrule: String,
        /// The first occurrence: "YYYY-MM-DD HH:MM"
        #[arg(long)]
        start: String,
        /// IANA time zone (default: the workspace's, else the system's)
        #[arg(long)]
        zone: Option<String>,
        /// The content type of its posts (morning_brief, share, topic…)
        #[arg(long = "type", default_value = "other")]
        kind: String,
        /// Skip mainland holidays and add 调休 workdays
        #[arg(long)]
        cn_workdays: bool,
        /// The last day, inclusive (YYYY-MM-DD)
        #[arg(long, conflicts_with = "count")]
        until: Option<String>,
        /// How many times
        #[arg(long)]
        count: Option<u32>,
    },
    /// List the slots
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum HolidaysWhat {
    /// Load a year's mainland schedule from a holiday-cn JSON file (NateScarlet/holiday-cn),
    /// replacing your entries of that year
    Import { file: PathBuf },
    /// Correct one day: --off (a holiday) or --work (a 调休 workday)
    Set {
        /// YYYY-MM-DD
        date: String,
        #[arg(long, conflicts_with = "work", required_unless_present = "work")]
        off: bool,
        #[arg(long)]
        work: bool,
        #[arg(long, default_value = "")]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlanWhat {
    /// The week (Monday to Sunday) containing DATE (default today): items and open slots
    Week {
        /// YYYY-MM-DD
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn calendar_error(e: CalendarError) -> String {
    match e {
        CalendarError::Invalid(fields) => super::fields_line(&fields),
        other => other.to_string(),
    }
}

pub fn run_group(dir: &Path, what: GroupWhat) -> ExitCode {
    match what {
        GroupWhat::Add { name, platform } => {
            let Some(mut store) = open_store(dir) else {
                return ExitCode::FAILURE;
            };
            let input = GroupInput::named(&name, platform.into());
            match store.write(|w| groups::create(w, &input, Utc::now())) {
                Ok(g) => {
                    println!("Added group {} (id {})", shown(&g.name), g.id);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        GroupWhat::List { json } => {
            let Some(store) = open_for_reading(dir) else {
                return ExitCode::FAILURE;
            };
            let list = match groups::list(store.conn(), GroupView::Active) {
                Ok(l) => l,
                Err(e) => return fail(e),
            };
            if json {
                if let Err(code) = super::print_json(&list) {
                    return code;
                }
            } else {
                for g in &list {
                    println!("{}\t{}\t{}", g.id, shown(&g.name), g.platform.as_str());
                }
            }
            ExitCode::SUCCESS
        }
    }
}

pub fn run_slot(dir: &Path, what: SlotWhat) -> ExitCode {
    match what {
        SlotWhat::Add {
            group,
            title,
            rrule,
            start,
            zone,
            kind,
            cn_workdays,
            until,
            count,
        } => {
            let Some(mut store) = open_store(dir) else {
                return ExitCode::FAILURE;
            };
            let group_id = match groups::find_by_name(store.conn(), &group) {
                Ok(Some(id)) => id,
                Ok(None) => return fail(format!("there is no group named {group:?}")),
                Err(e) => return fail(e),
            };
            let tz = match zone {
                Some(z) => z,
                None => match settings::load(store.conn()) {
                    Ok(s) => settings::plan(&s).tz.name().to_string(),
                    Err(e) => return fail(e),
                },
            };
            let input = SlotInput {
                group_id,
                title,
                kind,
                rule: rrule,
                starts: start,
                tz,
                until,
                count,
                cn_workdays,
            };
            match store.write(|w| calendar::create_slot(w, &input, Utc::now())) {
                Ok(s) => {
                    println!(
                        "Added slot {} (id {}) in {}",
                        shown(&s.title),
                        s.id,
                        shown(&s.group_name)
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(calendar_error(e)),
            }
        }
        SlotWhat::List { json } => {
            let Some(store) = open_for_reading(dir) else {
                return ExitCode::FAILURE;
            };
            let slots = match calendar::list_slots(store.conn()) {
                Ok(s) => s,
                Err(e) => return fail(calendar_error(e)),
            };
            if json {
                if let Err(code) = super::print_json(&slots) {
                    return code;
                }
            } else {
                for s in &slots {
                    println!(
                        "{}\t{}\t{}\t{}\t{} {}",
                        s.id,
                        shown(&s.group_name),
                        shown(&s.title),
                        s.rule,
                        s.starts_local,
                        s.tz
                    );
                }
            }
            ExitCode::SUCCESS
        }
    }
}

pub fn run_plan(dir: &Path, what: PlanWhat) -> ExitCode {
    let PlanWhat::Week { date, json } = what;
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    let day = match date {
        Some(d) => match crate::dates::iso_date(&d) {
            Some(d) => d,
            None => return fail(format!("not a date (YYYY-MM-DD): {d:?}")),
        },
        None => match settings::load(store.conn()) {
            Ok(s) => crate::reminders::zone::local_date(settings::plan(&s).tz, Utc::now()),
            Err(e) => return fail(e),
        },
    };
    let plan = match calendar::week(store.conn(), day) {
        Ok(p) => p,
        Err(e) => return fail(calendar_error(e)),
    };
    if json {
        if let Err(code) = super::print_json(&plan) {
            return code;
        }
    } else {
        println!("Week of {}", plan.week_start);
        for e in &plan.entries {
            let at = e.start.as_deref().map(|s| &s[11..16]).unwrap_or("--:--");
            println!(
                "  {} {at}  {}  [{}]  {}{}",
                e.date,
                shown(&e.title),
                shown(&e.groups.join("、")),
                e.content_type,
                e.status
                    .as_deref()
                    .map(|s| format!(" · {s}"))
                    .unwrap_or_else(|| " · open slot".into())
            );
        }
    }
    ExitCode::SUCCESS
}

#[derive(Args, Debug)]
pub struct ExportCalendarArgs {
    /// The first day (YYYY-MM-DD)
    #[arg(long)]
    from: String,
    /// The last day, inclusive
    #[arg(long)]
    to: String,
    /// Only this group's slots and posts
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    #[arg(long, value_enum)]
    format: CalFormat,
    /// The text encoding of a CSV (GBK for Excel on Chinese Windows)
    #[arg(long, value_enum, default_value_t = CalEncoding::Utf8)]
    encoding: CalEncoding,
    /// ICS: a phone alert this many minutes before each timed post
    #[arg(long, value_name = "MINUTES")]
    alarm: Option<u32>,
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CalFormat {
    Ics,
    Xlsx,
    Csv,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CalEncoding {
    Utf8,
    Gbk,
}

pub fn run_export_calendar(dir: &Path, args: ExportCalendarArgs) -> ExitCode {
    let (Some(from), Some(to)) = (
        crate::dates::iso_date(&args.from),
        crate::dates::iso_date(&args.to),
    ) else {
        return fail("--from and --to take dates as YYYY-MM-DD");
    };
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    if crate::files::is_inside(&args.output, dir) {
        return fail(format!(
            "{} is inside the workspace folder; export somewhere else",
            args.output.display()
        ));
    }
    let group = match args.group {
        Some(name) => match groups::find_by_name(store.conn(), &name) {
            Ok(Some(id)) => Some(id),
            Ok(None) => return fail(format!("there is no group named {name:?}")),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let zh = settings::load(store.conn())
        .map(|s| s.language == settings::Language::ZhCn)
        .unwrap_or(true);
    let req = calendar::CalendarExport {
        from,
        to,
        group,
        format: match args.format {
            CalFormat::Ics => calendar::CalendarFormat::Ics,
            CalFormat::Xlsx => calendar::CalendarFormat::Xlsx,
            CalFormat::Csv => calendar::CalendarFormat::Csv,
            CalFormat::Html => calendar::CalendarFormat::Html,
        },
        encoding: match args.encoding {
            CalEncoding::Utf8 => calendar::CsvEncoding::Utf8,
            CalEncoding::Gbk => calendar::CsvEncoding::Gbk,
        },
        alarm_minutes: args.alarm,
        zh,
    };
    match calendar::export_calendar(store.conn(), &req, &args.output, Utc::now()) {
        Ok(n) => {
            println!("Exported {n} entries to {}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(calendar_error(e)),
    }
}

pub fn run_import_content(
    dir: &Path,
    file: &Path,
    dry_run: bool,
    encoding: crate::transfer::TextEncoding,
) -> ExitCode {
    let table = match crate::transfer::read_file(file, encoding) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let Some(mut store) = open_store(dir) else {
        return ExitCode::FAILURE;
    };
    let tz = match settings::load(store.conn()) {
        Ok(s) => settings::plan(&s).tz.name().to_string(),
        Err(e) => return fail(e),
    };
    let report =
        match store.write(|w| calendar::import_content(w, &table, &tz, dry_run, Utc::now())) {
            Ok(r) => r,
            Err(e) => return fail(calendar_error(e)),
        };
    println!(
        "Read {} rows ({}) from {}",
        report.rows,
        table.encoding,
        file.display()
    );
    if !report.problems.is_empty() {
        println!("{} problem(s):", report.problems.len());
        report
            .problems
            .iter()
            .for_each(super::members::print_problem);
        println!("Nothing was imported: fix the rows above.");
        return ExitCode::FAILURE;
    }
    if report.applied {
        println!("Imported: {} content items.", report.created);
    } else {
        println!(
            "Dry run, nothing changed. Importing would add {} content items.",
            report.created
        );
    }
    ExitCode::SUCCESS
}

pub fn run_holidays(dir: &Path, what: HolidaysWhat) -> ExitCode {
    let Some(mut store) = open_store(dir) else {
        return ExitCode::FAILURE;
    };
    match what {
        HolidaysWhat::Import { file } => {
            let text = match std::fs::read(&file) {
                Ok(b) if b.len() > 1 << 20 => {
                    return fail("the file is larger than 1 MB; a schedule is a few KB")
                }
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
            };
            match store.write(|w| calendar::import_holiday_cn(w, &text)) {
                Ok((year, n)) => {
                    println!("Loaded the {year} schedule: {n} days");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(calendar_error(e)),
            }
        }
        HolidaysWhat::Set {
            date,
            off: _,
            work,
            name,
        } => {
            let Some(day) = crate::dates::iso_date(&date) else {
                return fail(format!("not a date (YYYY-MM-DD): {date:?}"));
            };
            match store.write(|w| calendar::set_day(w, day, work, &name)) {
                Ok(()) => {
                    println!(
                        "{day}: {}",
                        if work {
                            "a workday (调休)"
                        } else {
                            "a day off"
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
    }
}
