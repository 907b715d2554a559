//! Commands of campaigns (活动): the list and one campaign, creating one from a playbook, its
//! results, the date move (the moves listed first, then made), the checklist, the numbers the
//! book cannot know, the retrospective and its export, trash and restore, playbooks.
use super::{ApiError, ErrorCode};
use crate::campaigns::{
    self, results, Campaign, CampaignError, CampaignInput, CampaignMove, CampaignStatus, Metric,
    RetroFormat,
};
use crate::reminders::zone::local_date;
use crate::session::{Purpose, Session};
use crate::settings::{self, Language};
use chrono::{NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::State;
use ts_rs::TS;

impl From<CampaignError> for ApiError {
    fn from(e: CampaignError) -> Self {
        let message = e.to_string();
        match e {
            CampaignError::Invalid(fields) => {
                let mut err = ApiError::new(ErrorCode::Validation, "campaign.invalid", message);
                err.fields = fields;
                err
            }
            CampaignError::EndBeforeStart { .. } => {
                ApiError::new(ErrorCode::Validation, "campaign.end_before_start", message)
            }
            CampaignError::NotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "campaign.not_found", message)
            }
            CampaignError::NameTaken(name) => {
                ApiError::new(ErrorCode::Conflict, "campaign.name_taken", message)
                    .with("name", name)
            }
            CampaignError::GroupNotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "group.not_found", message)
            }
            CampaignError::NoPlaybook(name) => {
                ApiError::new(ErrorCode::NotFound, "campaign.no_playbook", message)
                    .with("name", name)
            }
            CampaignError::OutsideCampaign { title, date, .. } => {
                ApiError::new(ErrorCode::Validation, "campaign.outside", message)
                    .with("title", title)
                    .with("date", date)
            }
            CampaignError::IntoThePast { title, date } => {
                ApiError::new(ErrorCode::Validation, "campaign.into_the_past", message)
                    .with("title", title)
                    .with("date", date)
            }
            CampaignError::Calendar(e) => e.into(),
            CampaignError::Script(e) => e.into(),
            CampaignError::Members(e) => e.into(),
            CampaignError::Storage(e) => e.into(),
        }
    }
}

fn today(c: &Connection) -> Result<NaiveDate, ApiError> {
    Ok(local_date(
        settings::plan(&settings::load(c)?).tz,
        Utc::now(),
    ))
}

fn day(s: &str) -> Result<NaiveDate, ApiError> {
    crate::dates::iso_date(s).ok_or_else(|| {
        CampaignError::Invalid(vec![crate::validate::FieldError::new(
            "date",
            crate::validate::Rule::InvalidDate,
        )])
        .into()
    })
}

/// Checklist steps due by a week from today, for Today.
#[tauri::command(async)]
pub fn campaign_steps_due(
    state: State<'_, Session>,
) -> Result<Vec<campaigns::today::DueStep>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(campaigns::today::due_steps(c, today(c)?)?))
}

/// Milestones to offer on Today, each with its announcement filled.
#[tauri::command(async)]
pub fn milestones(
    state: State<'_, Session>,
) -> Result<Vec<campaigns::milestones::Milestone>, ApiError> {
    state.read(|c| {
        let lang = settings::load(c)?.language;
        Ok::<_, ApiError>(campaigns::milestones::offered(c, today(c)?, lang)?)
    })
}

/// Sets a milestone aside (announced, or not now).
#[tauri::command(async)]
pub fn milestone_done(state: State<'_, Session>, key: String) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::milestones::mark_done(w, &key, Utc::now())?))
}

#[tauri::command(async)]
pub fn list_campaigns(state: State<'_, Session>) -> Result<Vec<Campaign>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(campaigns::list(c)?))
}

/// The campaign page: the campaign and its results, read together (one round trip, one read
/// of the campaign).
#[derive(Debug, Clone, Serialize, TS)]
pub struct CampaignPage {
    pub campaign: Campaign,
    pub results: results::CampaignResults,
}

#[tauri::command(async)]
pub fn open_campaign(state: State<'_, Session>, id: i64) -> Result<CampaignPage, ApiError> {
    let started = std::time::Instant::now();
    let out = state.read(|c| {
        let campaign = campaigns::get(c, id)?;
        let results = results::results_of(c, &campaign, today(c)?)?;
        Ok::<_, ApiError>(CampaignPage { campaign, results })
    });
    if crate::probe::enabled() {
        // The benchmark splits the page's time: this is the command's own share.
        eprintln!(
            "probe: campaign-results-rust {:.2}",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    out
}

#[tauri::command(async)]
pub fn create_campaign(
    state: State<'_, Session>,
    input: CampaignInput,
) -> Result<Campaign, ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::create(w, &input, Utc::now())?))
}

/// What moving the campaign to start on `start` would move (for the confirmation).
#[tauri::command(async)]
pub fn campaign_moves(
    state: State<'_, Session>,
    id: i64,
    start: String,
) -> Result<Vec<CampaignMove>, ApiError> {
    let new_start = day(&start)?;
    state.read(|c| {
        let current = campaigns::get(c, id)?;
        let days = (new_start - day(&current.start)?).num_days();
        Ok::<_, ApiError>(campaigns::planned_moves(c, id, days)?)
    })
}

#[tauri::command(async)]
pub fn move_campaign(
    state: State<'_, Session>,
    id: i64,
    start: String,
) -> Result<Vec<CampaignMove>, ApiError> {
    let new_start = day(&start)?;
    state.write(|w| Ok::<_, ApiError>(campaigns::shift(w, id, new_start, today(w)?, Utc::now())?))
}

#[tauri::command(async)]
pub fn set_campaign_status(
    state: State<'_, Session>,
    id: i64,
    status: CampaignStatus,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::set_status(w, id, status, Utc::now())?))
}

#[tauri::command(async)]
pub fn set_campaign_step(
    state: State<'_, Session>,
    step: i64,
    done: bool,
    notes: String,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::set_step(w, step, done, &notes, Utc::now())?))
}

/// The numbers the book cannot know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignNumbers {
    #[ts(type = "number | null")]
    pub spent_fen: Option<i64>,
    pub attendance: Option<u32>,
    pub conversions: Option<u32>,
}

#[tauri::command(async)]
pub fn set_campaign_numbers(
    state: State<'_, Session>,
    id: i64,
    numbers: CampaignNumbers,
) -> Result<(), ApiError> {
    let mut actuals = Vec::new();
    if let Some(n) = numbers.attendance {
        actuals.push((Metric::Attendance, n));
    }
    if let Some(n) = numbers.conversions {
        actuals.push((Metric::Conversions, n));
    }
    state.write(|w| {
        Ok::<_, ApiError>(campaigns::set_numbers(
            w,
            id,
            numbers.spent_fen,
            &actuals,
            Utc::now(),
        )?)
    })
}

#[tauri::command(async)]
pub fn set_campaign_retro(
    state: State<'_, Session>,
    id: i64,
    worked: String,
    failed: String,
    change_next: String,
) -> Result<(), ApiError> {
    state.write(|w| {
        Ok::<_, ApiError>(campaigns::set_retro(
            w,
            id,
            &worked,
            &failed,
            &change_next,
            Utc::now(),
        )?)
    })
}

/// Moves a campaign to the trash; its unposted posts go too unless `keep_posts`.
#[tauri::command(async)]
pub fn trash_campaign(
    state: State<'_, Session>,
    id: i64,
    keep_posts: bool,
) -> Result<u32, ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::trash(w, id, keep_posts, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_campaign(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::restore(w, id, Utc::now())?))
}

/// The playbooks to start from: the shipped ones, then the owner's own.
#[tauri::command(async)]
pub fn campaign_playbooks(state: State<'_, Session>) -> Result<Vec<String>, ApiError> {
    state.read(|c| {
        let mut all: Vec<String> = campaigns::playbooks::SHIPPED
            .iter()
            .map(|s| s.to_string())
            .collect();
        all.extend(campaigns::own_playbooks(c)?);
        Ok::<_, ApiError>(all)
    })
}

#[tauri::command(async)]
pub fn save_campaign_playbook(
    state: State<'_, Session>,
    id: i64,
    name: String,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(campaigns::save_as_playbook(w, id, &name, Utc::now())?))
}

/// Writes the retrospective to a file the user chose in the save dialog (`xlsx` or `html`).
#[tauri::command(async)]
pub fn export_campaign(
    state: State<'_, Session>,
    id: i64,
    path: String,
    format: String,
) -> Result<(), ApiError> {
    let path = PathBuf::from(path);
    super::files::require(&state, Purpose::Export, &path)?;
    if crate::files::is_inside(&path, &state.dir) {
        return Err(
            crate::transfer::TransferError::InsideWorkspace(path.display().to_string()).into(),
        );
    }
    let format = if format == "html" {
        RetroFormat::Html
    } else {
        RetroFormat::Xlsx
    };
    state.read(|c| {
        let zh = settings::load(c)?.language == Language::ZhCn;
        Ok::<_, ApiError>(campaigns::export_retro(
            c,
            id,
            format,
            zh,
            today(c)?,
            &path,
        )?)
    })
}
