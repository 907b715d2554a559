//! Commands of the script library (话术库) and the welcome ritual: the library and its editor's
//! live preview, copy filled, Today's welcome sections and "welcomed", each group's follow-up
//! rule, the sensitive-word list and the owner's name.
use super::{ApiError, ErrorCode};
use crate::reminders::zone::local_date;
use crate::scripts::{
    self, check, template, welcome, Copy, FillRequest, MemberMatch, Preview, Script, ScriptError,
    ScriptInput, ScriptQuery,
};
use crate::session::Session;
use crate::settings::{self, Language};
use chrono::{NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

impl From<ScriptError> for ApiError {
    fn from(e: ScriptError) -> Self {
        let message = e.to_string();
        match e {
            ScriptError::Invalid(fields) => {
                let mut err = ApiError::new(ErrorCode::Validation, "script.invalid", message);
                err.fields = fields;
                err
            }
            ScriptError::Placeholders(problems) => {
                let first = problems.first();
                let key = match first.map(|p| p.kind) {
                    Some(template::ProblemKind::Unknown) => "script.placeholder_unknown",
                    _ => "script.placeholder_unclosed",
                };
                ApiError::new(ErrorCode::Validation, key, message)
                    .with("name", first.map(|p| p.name.as_str()).unwrap_or(""))
                    .with("at", first.map(|p| p.at + 1).unwrap_or(0))
            }
            ScriptError::WordList(bad) => {
                ApiError::new(ErrorCode::Validation, "script.word_list", message)
                    .with("line", bad.line)
                    .with("text", &bad.text)
            }
            ScriptError::NoScript(kind) => {
                ApiError::new(ErrorCode::NotFound, "script.none_of_kind", message)
                    .with("kind", kind)
            }
            ScriptError::NotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "script.not_found", message)
            }
            ScriptError::GroupNotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "group.not_found", message)
            }
            ScriptError::MemberNotFound(_) => {
                ApiError::new(ErrorCode::NotFound, "member.not_found", message)
            }
            ScriptError::NotInGroup { .. } => {
                ApiError::new(ErrorCode::Conflict, "script.not_in_group", message)
            }
            ScriptError::Storage(e) => e.into(),
        }
    }
}

/// The user's language and local date.
fn lang_today(c: &Connection) -> Result<(Language, NaiveDate), ApiError> {
    let s = settings::load(c)?;
    Ok((s.language, local_date(settings::plan(&s).tz, Utc::now())))
}

#[tauri::command(async)]
pub fn list_scripts(
    state: State<'_, Session>,
    query: ScriptQuery,
) -> Result<Vec<Script>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(scripts::list(c, &query)?))
}

#[tauri::command(async)]
pub fn create_script(state: State<'_, Session>, input: ScriptInput) -> Result<Script, ApiError> {
    state.write(|w| Ok::<_, ApiError>(scripts::create(w, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn update_script(
    state: State<'_, Session>,
    id: i64,
    input: ScriptInput,
) -> Result<Script, ApiError> {
    state.write(|w| Ok::<_, ApiError>(scripts::update(w, id, &input, Utc::now())?))
}

#[tauri::command(async)]
pub fn trash_script(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(scripts::trash(w, id, Utc::now())?))
}

#[tauri::command(async)]
pub fn restore_script(state: State<'_, Session>, id: i64) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(scripts::restore(w, id)?))
}

/// The editor's live preview of a text, saved or not.
#[tauri::command(async)]
pub fn preview_script(
    state: State<'_, Session>,
    body: String,
    group_id: Option<i64>,
    member_id: Option<i64>,
    platform: Option<crate::groups::Platform>,
) -> Result<Preview, ApiError> {
    state.read(|c| {
        let (lang, today) = lang_today(c)?;
        Ok::<_, ApiError>(scripts::preview(
            c, &body, group_id, member_id, platform, today, lang,
        )?)
    })
}

/// The placeholders the editor's picker offers (the built-in ones, then custom fields).
#[tauri::command(async)]
pub fn script_placeholders(
    state: State<'_, Session>,
) -> Result<Vec<template::Placeholder>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(template::placeholders(&scripts::custom_fields(c)?)))
}

/// A script filled for members, ready to copy.
#[tauri::command(async)]
pub fn fill_script(state: State<'_, Session>, request: FillRequest) -> Result<Copy, ApiError> {
    state.read(|c| {
        let (lang, today) = lang_today(c)?;
        Ok::<_, ApiError>(scripts::fill_script(c, &request, today, lang)?)
    })
}

/// A script filled for a selection of the member list (ticked members, or everyone the
/// filter matches), ready to copy.
#[tauri::command(async)]
pub fn fill_script_for_selection(
    state: State<'_, Session>,
    request: FillRequest,
    selection: crate::members::Selection,
) -> Result<Copy, ApiError> {
    state.read(|c| {
        let (lang, today) = lang_today(c)?;
        let member_ids = selection.ids(c, &crate::clock::member_clock())?;
        let request = FillRequest {
            member_ids,
            ..request
        };
        Ok::<_, ApiError>(scripts::fill_script(c, &request, today, lang)?)
    })
}

/// A group's members found by name (for "fill for…").
#[tauri::command(async)]
pub fn find_group_members(
    state: State<'_, Session>,
    group_id: i64,
    name: String,
) -> Result<Vec<MemberMatch>, ApiError> {
    state.read(|c| Ok::<_, ApiError>(scripts::find_members(c, group_id, &name)?))
}

/// Today's welcome sections: newcomers not yet welcomed, per group, with their welcome filled.
#[tauri::command(async)]
pub fn welcome_view(state: State<'_, Session>) -> Result<Vec<welcome::WelcomeGroup>, ApiError> {
    state.read(|c| {
        let s = settings::load(c)?;
        Ok::<_, ApiError>(welcome::sections(
            c,
            &settings::plan(&s),
            s.language,
            Utc::now(),
        )?)
    })
}

/// Ticks newcomers off as welcomed (logged, and their follow-up planned by the group's rule).
#[tauri::command(async)]
pub fn mark_welcomed(
    state: State<'_, Session>,
    group_id: i64,
    member_ids: Vec<i64>,
) -> Result<u32, ApiError> {
    state.write(|w| {
        let s = settings::load(w)?;
        Ok::<_, ApiError>(welcome::mark_welcomed(
            w,
            group_id,
            &member_ids,
            &settings::plan(&s),
            s.language,
            Utc::now(),
        )?)
    })
}

#[tauri::command(async)]
pub fn welcome_rule(
    state: State<'_, Session>,
    group_id: i64,
) -> Result<welcome::WelcomeRule, ApiError> {
    state.read(|c| Ok::<_, ApiError>(welcome::rule(c, group_id)?))
}

#[tauri::command(async)]
pub fn set_welcome_rule(
    state: State<'_, Session>,
    rule: welcome::WelcomeRule,
) -> Result<(), ApiError> {
    state.write(|w| Ok::<_, ApiError>(welcome::set_rule(w, &rule)?))
}

/// The library's settings: the sensitive-word list (one a line) and the name `{群主}` fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScriptSettings {
    pub words: String,
    pub owner_name: String,
}

#[tauri::command(async)]
pub fn script_settings(state: State<'_, Session>) -> Result<ScriptSettings, ApiError> {
    state.read(|c| {
        Ok::<_, ApiError>(ScriptSettings {
            words: check::words(c)?.join("\n"),
            owner_name: check::owner_name(c)?,
        })
    })
}

/// Saves both, or neither (a word list that is not one word a line is refused).
#[tauri::command(async)]
pub fn set_script_settings(
    state: State<'_, Session>,
    settings: ScriptSettings,
) -> Result<(), ApiError> {
    state.write(|w| {
        check::set_words(w, &settings.words)?;
        check::set_owner_name(w, &settings.owner_name)?;
        Ok::<_, ApiError>(())
    })
}
