//! The Tauri commands the UI calls: thin adapters that read the clock, call one use case of a
//! domain area through the [`Session`] (`read` for queries, `write` for changes, which then
//! announce themselves to the window and the scheduler) and turn its errors into [`ApiError`]
//! (`{code, key, message, fields}`).
//! `code` is what the UI branches on; `key` picks the sentence from the UI's catalogue in the
//! user's language; `message` is an English fallback for logs. No SQL crosses this boundary.
// An edge of the app: reading the clock here is allowed (see clippy.toml).
#![allow(clippy::disallowed_methods)]

pub mod calendar;
pub mod campaigns;
pub mod content;
mod error;
pub mod files;
pub mod groups;
pub mod jobs;
pub mod members;
pub mod plan;
pub mod reminders;
pub mod scripts;
pub mod settings;
pub mod transfer;
pub mod webhooks;
pub mod workspace;

pub use error::{ApiError, ErrorCode};

pub use crate::session::Session;

/// Every command, for `tauri::Builder::invoke_handler`.
#[macro_export]
macro_rules! api_handlers {
    () => {
        tauri::generate_handler![
            $crate::api::workspace::bootstrap,
            $crate::api::workspace::workspace_status,
            $crate::api::workspace::list_backups,
            $crate::api::workspace::backup_now,
            $crate::api::workspace::restore_backup,
            $crate::api::workspace::recover_workspace,
            $crate::api::workspace::open_other_workspace,
            $crate::api::workspace::open_sample_workspace,
            $crate::api::workspace::leave_sample_workspace,
            $crate::api::workspace::startup_ready,
            $crate::api::workspace::probe_timing,
            $crate::api::reminders::today_view,
            $crate::api::reminders::member_reminders,
            $crate::api::reminders::validate_reminder,
            $crate::api::reminders::create_reminder,
            $crate::api::reminders::update_reminder,
            $crate::api::reminders::delete_reminder,
            $crate::api::reminders::complete_reminder,
            $crate::api::reminders::snooze_reminder,
            $crate::api::reminders::list_cadences,
            $crate::api::reminders::create_cadence,
            $crate::api::reminders::delete_cadence,
            $crate::api::reminders::snooze_cadence,
            $crate::api::reminders::log_contact,
            $crate::api::reminders::remove_quiet_members,
            $crate::api::reminders::time_zones,
            $crate::api::webhooks::list_webhooks,
            $crate::api::webhooks::save_webhook,
            $crate::api::webhooks::delete_webhook,
            $crate::api::webhooks::webhook_deliveries,
            $crate::api::webhooks::test_webhook,
            $crate::api::groups::list_groups,
            $crate::api::groups::group_counts,
            $crate::api::groups::get_group,
            $crate::api::groups::validate_group,
            $crate::api::groups::create_group,
            $crate::api::groups::update_group,
            $crate::api::groups::archive_group,
            $crate::api::groups::trash_group,
            $crate::api::groups::restore_group,
            $crate::api::groups::purge_group,
            $crate::api::groups::empty_trash,
            $crate::api::members::list_members,
            $crate::api::members::open_member,
            $crate::api::members::validate_member,
            $crate::api::members::create_member,
            $crate::api::members::update_member,
            $crate::api::members::bulk_members,
            $crate::api::members::purge_member,
            $crate::api::members::empty_member_trash,
            $crate::api::members::join_group,
            $crate::api::members::set_member_status,
            $crate::api::members::edit_membership,
            $crate::api::members::add_note,
            $crate::api::members::edit_note,
            $crate::api::members::pin_note,
            $crate::api::members::trash_note,
            $crate::api::members::restore_note,
            $crate::api::members::list_trashed_notes,
            $crate::api::members::log_interaction,
            $crate::api::members::delete_interaction,
            $crate::api::members::add_points,
            $crate::api::members::delete_points,
            $crate::api::members::list_levels,
            $crate::api::members::set_levels,
            $crate::api::members::list_tags,
            $crate::api::members::create_tag,
            $crate::api::members::rename_tag,
            $crate::api::members::merge_tags,
            $crate::api::members::delete_tag,
            $crate::api::members::list_fields,
            $crate::api::members::create_field,
            $crate::api::members::delete_field,
            $crate::api::members::list_segments,
            $crate::api::members::save_segment,
            $crate::api::members::delete_segment,
            $crate::api::members::referral_tree,
            $crate::api::members::member_categories,
            $crate::api::calendar::calendar_events,
            $crate::api::calendar::create_content,
            $crate::api::calendar::move_content,
            $crate::api::calendar::set_content_status,
            $crate::api::calendar::fill_slot,
            $crate::api::calendar::create_slot,
            $crate::api::calendar::skip_occurrence,
            $crate::api::calendar::change_slot_from,
            $crate::api::calendar::move_occurrence,
            $crate::api::calendar::planning_zone,
            $crate::api::calendar::unknown_holiday_years,
            $crate::api::calendar::calendar_days,
            $crate::api::calendar::calendar_feed,
            $crate::api::calendar::set_calendar_feed,
            $crate::api::calendar::export_calendar,
            $crate::api::content::get_content,
            $crate::api::content::update_content,
            $crate::api::content::set_content_notes,
            $crate::api::content::trash_content,
            $crate::api::content::restore_content,
            $crate::api::content::approve_content,
            $crate::api::content::content_types,
            $crate::api::content::add_content_type,
            $crate::api::content::forget_content_type,
            $crate::api::plan::week_themes,
            $crate::api::plan::set_week_theme,
            $crate::api::plan::fill_week,
            $crate::api::plan::post_limits,
            $crate::api::plan::set_post_limits,
            $crate::api::scripts::list_scripts,
            $crate::api::scripts::create_script,
            $crate::api::scripts::update_script,
            $crate::api::scripts::trash_script,
            $crate::api::scripts::restore_script,
            $crate::api::scripts::preview_script,
            $crate::api::scripts::script_placeholders,
            $crate::api::scripts::fill_script,
            $crate::api::scripts::fill_script_for_selection,
            $crate::api::scripts::find_group_members,
            $crate::api::scripts::welcome_view,
            $crate::api::scripts::mark_welcomed,
            $crate::api::scripts::welcome_rule,
            $crate::api::scripts::set_welcome_rule,
            $crate::api::scripts::script_settings,
            $crate::api::scripts::set_script_settings,
            $crate::api::campaigns::list_campaigns,
            $crate::api::campaigns::campaign_steps_due,
            $crate::api::campaigns::milestones,
            $crate::api::campaigns::milestone_done,
            $crate::api::campaigns::open_campaign,
            $crate::api::campaigns::create_campaign,
            $crate::api::campaigns::campaign_moves,
            $crate::api::campaigns::move_campaign,
            $crate::api::campaigns::set_campaign_status,
            $crate::api::campaigns::set_campaign_step,
            $crate::api::campaigns::set_campaign_numbers,
            $crate::api::campaigns::set_campaign_retro,
            $crate::api::campaigns::trash_campaign,
            $crate::api::campaigns::restore_campaign,
            $crate::api::campaigns::campaign_playbooks,
            $crate::api::campaigns::save_campaign_playbook,
            $crate::api::campaigns::export_campaign,
            $crate::api::files::pick_import_file,
            $crate::api::files::pick_export_file,
            $crate::api::files::pick_workspace_folder,
            $crate::api::transfer::preview_import,
            $crate::api::transfer::run_import,
            $crate::api::transfer::import_paste,
            $crate::api::transfer::export_members,
            $crate::api::transfer::default_export_path,
            $crate::api::jobs::cancel_job,
            $crate::api::settings::get_settings,
            $crate::api::settings::update_settings,
        ]
    };
}
