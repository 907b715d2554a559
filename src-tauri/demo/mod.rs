//! Realistic Chinese demo data, for trying GroupDesk and for benchmarks at chosen sizes.
//! Deterministic for a given seed, written in one transaction through the same use cases the
//! window calls, and additive: running it on a workspace that already has groups numbers the
//! new ones past the existing names.
mod calendar;
mod campaigns;
mod members;
mod people;
mod reminders;
pub mod sample;
mod scripts;
mod words;

use crate::groups::{self, GoalInput, GroupError, GroupInput, Horizon, Stage, Threshold};
use crate::members::MemberError;
use crate::progress::Progress;
use crate::reminders::ReminderError;
use crate::store::Write;
use crate::validate::Rule;
use chrono::{DateTime, Days, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use words::{Brand, BRANDS};

/// How much to generate (the command line's `demo` flags hold the defaults).
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub groups: u32,
    pub seed: u64,
    /// Members to add (spread over the workspace's groups) and notes spread over them.
    pub members: u32,
    pub notes: u32,
    /// Follow-ups spread over the members (with two cadences).
    pub reminders: u32,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub groups: u32,
    pub members: u32,
    pub notes: u32,
}

/// Why demo data could not be added (nothing was).
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Groups(#[from] GroupError),
    #[error(transparent)]
    Members(#[from] MemberError),
    #[error(transparent)]
    Reminders(#[from] ReminderError),
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Scripts(#[from] crate::scripts::ScriptError),
    #[error(transparent)]
    Campaigns(#[from] crate::campaigns::CampaignError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

/// Adds demo data to the workspace through the app's own writes; all or nothing (one write).
pub fn fill(
    tx: &Write,
    opts: &DemoOptions,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<DemoReport, DemoError> {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut created = Vec::new();
    for i in 0..opts.groups as usize {
        let brand = &BRANDS[i % BRANDS.len()];
        // Groups of one brand are numbered 1, 2, 3…; skip numbers already taken.
        let mut number = (i / BRANDS.len()) as u32 + 1;
        let mut input = group_input(brand, number, &mut rng, now);
        loop {
            let errs = groups::check(tx, &input, None)?;
            if errs.is_empty() {
                break;
            }
            if errs.iter().any(|e| e.rule != Rule::Taken) {
                return Err(GroupError::Invalid(errs).into());
            }
            number += 1;
            input.name = group_name(brand, number);
        }
        created.push(groups::create_id(tx, &input, now)?);
    }
    calendar::fill(tx, &mut rng, &created, now)?;
    // A few of the members are newcomers of the last days, waiting for their welcome (they
    // count in `members`, so a demo of N members has N).
    let newcomers = if opts.members >= 50 {
        scripts::NEWCOMERS.len() as u32 + campaigns::FISSION_MEMBERS
    } else {
        0
    };
    members::fill(
        tx,
        &mut rng,
        opts.members - newcomers,
        opts.notes,
        now,
        progress,
    )?;
    scripts::fill(tx, &created, now)?;
    if newcomers > 0 {
        scripts::newcomers(tx, &created, now)?;
    }
    let tz = crate::settings::plan(&crate::settings::load(tx)?)
        .tz
        .name()
        .to_string();
    campaigns::fill(tx, &mut rng, &created, newcomers > 0, &tz, now)?;
    reminders::fill(tx, &mut rng, opts.reminders, now)?;
    // Fresh planner statistics once committed (best effort).
    tx.optimize_after();
    Ok(DemoReport {
        groups: opts.groups,
        members: opts.members,
        notes: if opts.members == 0 { 0 } else { opts.notes },
    })
}

fn group_name(brand: &Brand, number: u32) -> String {
    format!("{}{}{}", brand.brand, brand.purpose, number)
}

fn group_input(brand: &Brand, number: u32, rng: &mut StdRng, now: DateTime<Utc>) -> GroupInput {
    let stage = [
        Stage::New,
        Stage::Growing,
        Stage::Mature,
        Stage::WindingDown,
    ][rng.random_range(0..4)];
    let threshold = brand.threshold;
    let due = |days: u64| {
        now.date_naive()
            .checked_add_days(Days::new(days))
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    let cap = [40, 100, 200, 500][rng.random_range(0..4)];
    GroupInput {
        name: group_name(brand, number),
        platform: brand.platform,
        kind: brand.kind,
        theme: brand.theme.to_string(),
        audience: brand.audience.to_string(),
        purpose: brand.why.to_string(),
        rules: words::RULES.to_string(),
        announcement: format!("{}\n{}", brand.announcement, words::ANNOUNCEMENT_TAIL),
        threshold,
        threshold_note: match threshold {
            Threshold::Paid => "年费 199 元，付款后由助理拉群".into(),
            Threshold::Invite => "老成员邀请，邀请人需在群内".into(),
            Threshold::Form => "填写入群问卷，审核后通过".into(),
            Threshold::Task => "转发海报集满 10 个赞".into(),
            Threshold::None => String::new(),
        },
        size_cap: Some(cap),
        naming_convention: "昵称+城市+职业".into(),
        stage,
        goals: vec![
            GoalInput {
                horizon: Horizon::Long,
                title: brand.long_goal.to_string(),
                target: Some(rng.random_range(1..=5) * 1000),
                due_date: due(365),
            },
            GoalInput {
                horizon: Horizon::Stage,
                title: "群成员达到上限".into(),
                target: Some(cap),
                due_date: due(90),
            },
            GoalInput {
                horizon: Horizon::Short,
                title: "本周打卡人次".into(),
                target: Some(rng.random_range(3..=12) * 10),
                due_date: due(7),
            },
        ],
    }
}
