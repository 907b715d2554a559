//! `groupdesk today [--json]`: the Today view for a terminal or a script — follow-ups overdue,
//! due today and this week, birthdays, cadence follow-ups, win-back and each group's
//! spotlight, in the workspace's language and time zone.
use super::{open_for_reading, shown};
use crate::reminders::today::{self, ReminderSection, TodayView};
use crate::reminders::zone;
use crate::settings::{self, Language};
use chrono::Utc;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct TodayArgs {
    /// Print JSON (the same shape the app uses) instead of text
    #[arg(long)]
    json: bool,
}

pub fn run_today(dir: &Path, args: TodayArgs) -> ExitCode {
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    let result = settings::load(store.conn())
        .map_err(|e| e.to_string())
        .and_then(|prefs| {
            let plan = settings::plan(&prefs);
            today::view(store.conn(), &plan, Utc::now())
                .map(|v| (prefs.language, v))
                .map_err(|e| e.to_string())
        });
    let (language, view) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("groupdesk: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&view) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("groupdesk: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", render(&view, language));
    }
    ExitCode::SUCCESS
}

fn when(r: &crate::reminders::Reminder, tz: chrono_tz::Tz) -> String {
    let at = crate::dates::from_db(&r.fire_at)
        .map(|t| t.with_timezone(&tz))
        .map(|t| {
            if r.due_time.is_some() || r.snoozed {
                t.format("%m-%d %H:%M").to_string()
            } else {
                t.format("%m-%d").to_string()
            }
        })
        .unwrap_or_default();
    at
}

fn section(out: &mut String, title: &str, s: &ReminderSection, tz: chrono_tz::Tz, more: &str) {
    out.push_str(&format!("\n{title} ({})\n", s.total));
    for r in &s.items {
        out.push_str(&format!(
            "  {}  {} — {}\n",
            when(r, tz),
            shown(&r.nickname),
            shown(&r.reason)
        ));
    }
    if (s.items.len() as u32) < s.total {
        out.push_str(&format!("  … {} {more}\n", s.total - s.items.len() as u32));
    }
}

/// The view as text, in the user's language.
pub fn render(v: &TodayView, language: Language) -> String {
    let zh = language == Language::ZhCn;
    let tz = zone::parse_tz(&v.tz).unwrap_or(chrono_tz::Asia::Shanghai);
    let t = |zh_s: &'static str, en_s: &'static str| if zh { zh_s } else { en_s };
    let mut out = format!("{} {} ({})\n", t("今天", "Today"), v.date, v.tz);
    let more = t("个未列出", "more");
    section(&mut out, t("逾期", "Overdue"), &v.overdue, tz, more);
    section(&mut out, t("今天到期", "Due today"), &v.today, tz, more);
    section(
        &mut out,
        t("未来 7 天", "Next 7 days"),
        &v.upcoming,
        tz,
        more,
    );
    out.push_str(&format!(
        "\n{} ({})\n",
        t("生日", "Birthdays"),
        v.birthdays.len()
    ));
    for b in &v.birthdays {
        let when = match (b.in_days, zh) {
            (0, true) => "今天".to_string(),
            (0, false) => "today".to_string(),
            (n, true) => format!("{n} 天后"),
            (n, false) => format!("in {n} days"),
        };
        out.push_str(&format!(
            "  {}  {} ({when})\n",
            b.birth_md,
            shown(&b.nickname)
        ));
    }
    out.push_str(&format!(
        "\n{} ({})\n",
        t("该联系了", "Keep in touch"),
        v.cadence.total
    ));
    for c in v.cadence.items.iter().take(20) {
        let line = if zh {
            format!(
                "  {} — {} 天未联系（每 {} 天）\n",
                shown(&c.nickname),
                c.quiet_days,
                c.every_days
            )
        } else {
            format!(
                "  {} — quiet {} days (every {})\n",
                shown(&c.nickname),
                c.quiet_days,
                c.every_days
            )
        };
        out.push_str(&line);
    }
    let plus = if v.winback.capped { "+" } else { "" };
    out.push_str(&format!(
        "\n{} ({}{plus})\n",
        t("待挽回", "Win back"),
        v.winback.total
    ));
    for w in v.winback.items.iter().take(10) {
        let line = if zh {
            format!("  {} — {} 天未联系\n", shown(&w.nickname), w.quiet_days)
        } else {
            format!("  {} — quiet {} days\n", shown(&w.nickname), w.quiet_days)
        };
        out.push_str(&line);
    }
    out.push_str(&format!("\n{}\n", t("今日群星", "Spotlight")));
    for s in &v.spotlight {
        out.push_str(&format!(
            "  {}: {}\n",
            shown(&s.group_name),
            shown(&s.nickname)
        ));
    }
    out
}
