//! `campaign add|list|show|move` on the command line: the contract scripts rely on. `show
//! --json` prints `{"name", "kind", "start", "end", "budget", "joins", "cost_per_member",
//! "goals": [...], "checklist": [{"title", "due", "done"}], "posts": [...]}` with money in
//! yuan.
use super::{fail, open_for_reading, open_store, shown};
use crate::campaigns::{
    self, parse_amount, results, CampaignError, CampaignGoalInput, CampaignInput, CampaignKind,
    Metric,
};
use crate::groups;
use crate::reminders::zone::local_date;
use crate::settings;
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

// Parsed once per run: the size of its largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum CampaignWhat {
    /// Add a campaign (活动); with --playbook, its checklist, draft posts and scripts too
    Add {
        name: String,
        /// fission, guest_share, holiday, meetup, check_in, prize, red_packet or custom
        #[arg(long)]
        kind: String,
        /// A group it runs in (repeat for several)
        #[arg(long = "group", value_name = "NAME", required = true)]
        groups: Vec<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        start: String,
        /// YYYY-MM-DD (default: the event day)
        #[arg(long)]
        end: Option<String>,
        /// The share or meetup day, YYYY-MM-DD (default: the start)
        #[arg(long)]
        event_date: Option<String>,
        /// guest_share, fission, holiday, check_in, or one of your own
        #[arg(long)]
        playbook: Option<String>,
        /// In yuan (元)
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        budget: Option<String>,
        /// The bait's cost (诱饵), in yuan
        #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
        bait: Option<String>,
        /// Members with this source joining between start and end are the campaign's
        #[arg(long, value_name = "CODE", default_value = "")]
        source: String,
        /// A goal: joins=100, conversions=10, attendance=50, posts=8 (repeat for several)
        #[arg(long = "goal", value_name = "METRIC=N")]
        goals: Vec<String>,
    },
    /// List the campaigns
    List {
        #[arg(long)]
        json: bool,
    },
    /// One campaign: dates, money, joins and cost per member, goals, checklist and posts
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
}

fn campaign_error(e: CampaignError) -> String {
    match e {
        CampaignError::Invalid(fields) => super::fields_line(&fields),
        other => other.to_string(),
    }
}

fn yuan(fen: Option<i64>) -> Option<f64> {
    fen.map(|f| f as f64 / 100.0)
}

fn money_arg(name: &str, v: Option<String>) -> Result<Option<i64>, ExitCode> {
    match v {
        None => Ok(None),
        Some(s) => parse_amount(&s).map(Some).ok_or_else(|| {
            fail(format!(
                "--{name} must be an amount of yuan, 0 or more: {s:?}"
            ))
        }),
    }
}

fn goal_arg(s: &str) -> Result<CampaignGoalInput, ExitCode> {
    let bad = || {
        fail(format!(
            "--goal must be METRIC=N (joins, conversions, attendance, posts): {s:?}"
        ))
    };
    let (metric, n) = s.split_once('=').ok_or_else(bad)?;
    let metric = Metric::parse(metric.trim()).ok_or_else(bad)?;
    let target: u32 = n.trim().parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
    Ok(CampaignGoalInput { metric, target })
}

#[derive(Serialize)]
struct Shown {
    name: String,
    kind: CampaignKind,
    status: crate::campaigns::CampaignStatus,
    start: String,
    end: String,
    event_date: String,
    groups: Vec<String>,
    source: String,
    budget: Option<f64>,
    bait: Option<f64>,
    spent: Option<f64>,
    joins: u32,
    cost_per_member: Option<f64>,
    goals: Vec<results::GoalProgress>,
    checklist: Vec<ShownStep>,
    posts: Vec<crate::campaigns::CampaignPost>,
}

#[derive(Serialize)]
struct ShownStep {
    title: String,
    due: String,
    done: bool,
}

pub fn run_campaign(dir: &Path, what: CampaignWhat) -> ExitCode {
    match what {
        CampaignWhat::Add {
            name,
            kind,
            groups,
            start,
            end,
            event_date,
            playbook,
            budget,
            bait,
            source,
            goals,
        } => {
            let Some(kind) = CampaignKind::parse(kind.trim()) else {
                return fail(format!(
                    "--kind must be one of fission, guest_share, holiday, meetup, check_in, \
                     prize, red_packet, custom: {kind:?}"
                ));
            };
            let Some(mut store) = open_store(dir) else {
                return ExitCode::FAILURE;
            };
            let (budget_fen, bait_fen) =
                match (money_arg("budget", budget), money_arg("bait", bait)) {
                    (Ok(b), Ok(c)) => (b, c),
                    (Err(code), _) | (_, Err(code)) => return code,
                };
            let goals = match goals
                .iter()
                .map(|g| goal_arg(g))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(g) => g,
                Err(code) => return code,
            };
            let mut group_ids = Vec::new();
            for g in &groups {
                match groups::find_by_name(store.conn(), g) {
                    Ok(Some(id)) => group_ids.push(id),
                    Ok(None) => return fail(format!("there is no group named {:?}", shown(g))),
                    Err(e) => return fail(e),
                }
            }
            let tz = match settings::load(store.conn()) {
                Ok(s) => settings::plan(&s).tz.name().to_string(),
                Err(e) => return fail(e),
            };
            let input = CampaignInput {
                name,
                kind,
                groups: group_ids,
                start,
                end,
                event_date,
                tz,
                budget_fen,
                bait_fen,
                source,
                playbook,
                goals,
            };
            match store.write(|w| campaigns::create(w, &input, Utc::now())) {
                Ok(c) => {
                    println!(
                        "Added campaign {} (id {}): {} steps, {} draft posts, {} to {}",
                        shown(&c.name),
                        c.id,
                        c.checklist.len(),
                        c.posts.len(),
                        c.start,
                        c.end
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!("campaign not added: {}", campaign_error(e))),
            }
        }
        CampaignWhat::List { json } => {
            let Some(store) = open_for_reading(dir) else {
                return ExitCode::FAILURE;
            };
            let list = match campaigns::list(store.conn()) {
                Ok(l) => l,
                Err(e) => return fail(campaign_error(e)),
            };
            if json {
                return super::print_json(&list).err().unwrap_or(ExitCode::SUCCESS);
            }
            for c in &list {
                println!(
                    "{}\t{}\t{}\t{} – {}\t{}",
                    c.id,
                    shown(&c.name),
                    c.kind.as_str(),
                    c.start,
                    c.end,
                    c.status.as_str()
                );
            }
            ExitCode::SUCCESS
        }
        CampaignWhat::Show { name, json } => {
            let Some(store) = open_for_reading(dir) else {
                return ExitCode::FAILURE;
            };
            let conn = store.conn();
            let today = match settings::load(conn) {
                Ok(s) => local_date(settings::plan(&s).tz, Utc::now()),
                Err(e) => return fail(e),
            };
            let found = campaigns::find_by_name(conn, &name).and_then(|id| {
                Ok((
                    campaigns::get(conn, id)?,
                    results::results(conn, id, today)?,
                ))
            });
            let (c, r) = match found {
                Ok(x) => x,
                Err(e) => return fail(campaign_error(e)),
            };
            let out = Shown {
                name: c.name,
                kind: c.kind,
                status: c.status,
                start: c.start,
                end: c.end,
                event_date: c.event_date,
                groups: c.groups,
                source: c.source,
                budget: yuan(c.budget_fen),
                bait: yuan(c.bait_fen),
                spent: yuan(r.spent_fen),
                joins: r.joins,
                cost_per_member: yuan(r.cost_per_member_fen),
                goals: r.goals,
                checklist: c
                    .checklist
                    .into_iter()
                    .map(|s| ShownStep {
                        title: s.title,
                        due: s.due,
                        done: s.done,
                    })
                    .collect(),
                posts: c.posts,
            };
            if json {
                return super::print_json(&out).err().unwrap_or(ExitCode::SUCCESS);
            }
            println!(
                "{} ({}) {} – {}",
                shown(&out.name),
                out.kind.as_str(),
                out.start,
                out.end
            );
            println!("Groups: {}", out.groups.join(", "));
            println!(
                "Joins: {}  Spent: {}  Cost per member: {}",
                out.joins,
                out.spent.map_or("-".into(), |s| format!("¥{s:.2}")),
                out.cost_per_member
                    .map_or("-".into(), |s| format!("¥{s:.2}"))
            );
            for g in &out.goals {
                println!(
                    "CampaignGoal {}: {} / {}",
                    g.metric.as_str(),
                    g.actual.map_or("?".into(), |a| a.to_string()),
                    g.target
                );
            }
            for s in &out.checklist {
                println!(
                    "[{}] {} {}",
                    if s.done { "x" } else { " " },
                    s.due,
                    shown(&s.title)
                );
            }
            for p in &out.posts {
                println!(
                    "  {} {} {} ({})",
                    p.date,
                    p.time.as_deref().unwrap_or("--:--"),
                    shown(&p.title),
                    p.status.as_str()
                );
            }
            ExitCode::SUCCESS
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RetroArg {
    Xlsx,
    Html,
}

#[derive(Args, Debug)]
pub struct ExportCampaignArgs {
    /// The campaign's name
    name: String,
    #[arg(long, value_enum, default_value_t = RetroArg::Xlsx)]
    format: RetroArg,
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn run_export_campaign(dir: &Path, args: ExportCampaignArgs) -> ExitCode {
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    if crate::files::is_inside(&args.output, dir) {
        return fail(format!(
            "{} is inside the workspace folder; export somewhere else",
            args.output.display()
        ));
    }
    let conn = store.conn();
    let prefs = match settings::load(conn) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let today = local_date(settings::plan(&prefs).tz, Utc::now());
    let format = match args.format {
        RetroArg::Xlsx => campaigns::RetroFormat::Xlsx,
        RetroArg::Html => campaigns::RetroFormat::Html,
    };
    let result = campaigns::find_by_name(conn, &args.name).and_then(|id| {
        campaigns::export_retro(
            conn,
            id,
            format,
            prefs.language == settings::Language::ZhCn,
            today,
            &args.output,
        )
    });
    match result {
        Ok(()) => {
            println!("Wrote {}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(campaign_error(e)),
    }
}
