//! The Today view (今天), the app's home: follow-ups overdue, due today and in the next 7 days,
//! birthdays coming up, members past a stay-in-touch cadence, members to win back, and each
//! group's spotlight. Days are the user's: "today" is the local date in the plan's zone.
use super::cadence::{self, CadenceDue};
use super::spotlight::{self, SpotlightItem};
use super::zone::{day_start, local_date};
use super::{from_row, Plan, Reminder, Result, REMINDER_SELECT};
use crate::dates::to_db;
use crate::store::Write;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many rows a section lists (its total is counted in full).
pub const SECTION_ROWS: usize = 100;
/// Win-back lists the longest-quiet members; beyond this many the count says "N+".
pub const WINBACK_COUNT_CAP: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSection {
    pub items: Vec<Reminder>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BirthdayItem {
    pub member_id: i64,
    pub nickname: String,
    /// `MM-DD`.
    pub birth_md: String,
    /// 0 = today.
    pub in_days: u32,
    /// The age they turn, when the year is known.
    pub turns: Option<i32>,
    /// A lunar birthday (农历): its name ("三月初五", "闰四月初八"), celebrated this year on
    /// the solar `MM-DD` in `birth_md`.
    pub lunar: Option<String>,
    /// The lunar birthday as stored: `MM-DD`, and whether of a leap month.
    pub lunar_md: Option<String>,
    pub lunar_leap: bool,
    /// How a lunar birthday was placed this year when not as written: `leap_as_regular` (a
    /// 闰月 birthday in a year without that leap month, in the ordinary month), `short_month`
    /// (三十 in a 29-day month, on 廿九).
    pub shift: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CadenceSection {
    pub items: Vec<CadenceDue>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WinbackItem {
    pub member_id: i64,
    pub nickname: String,
    pub last_contact_at: Option<String>,
    pub quiet_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WinbackSection {
    pub items: Vec<WinbackItem>,
    /// At most [`WINBACK_COUNT_CAP`]; `capped` says there are more.
    pub total: u32,
    pub capped: bool,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayView {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    pub tz: String,
    pub overdue: ReminderSection,
    pub today: ReminderSection,
    /// Tomorrow through 7 days from today.
    pub upcoming: ReminderSection,
    pub birthdays: Vec<BirthdayItem>,
    pub cadence: CadenceSection,
    pub winback: WinbackSection,
    pub spotlight: Vec<SpotlightItem>,
}

/// Builds the Today view at `now`. Reads only: the caller stores the day's fresh spotlight
/// picks with [`remember`] when it can (see [`spotlight`]).
pub fn view(conn: &Connection, plan: &Plan, now: DateTime<Utc>) -> Result<TodayView> {
    let date = local_date(plan.tz, now);
    let start = day_start(plan.tz, date);
    let tomorrow = day_start(plan.tz, date + Duration::days(1));
    let week_end = day_start(plan.tz, date + Duration::days(8));
    let overdue = section(conn, None, Some(start))?;
    let today = section(conn, Some(start), Some(tomorrow))?;
    let upcoming = section(conn, Some(tomorrow), Some(week_end))?;
    let birthdays = birthdays(conn, date, plan.birthday_lead_days)?;
    let (items, total) = cadence::due(conn, now, SECTION_ROWS)?;
    let winback = winback(conn, now, plan.winback_days)?;
    let spotlight = spotlight::for_day(conn, date)?;
    Ok(TodayView {
        date: date.to_string(),
        tz: plan.tz.name().to_string(),
        overdue,
        today,
        upcoming,
        birthdays,
        cadence: CadenceSection { items, total },
        winback,
        spotlight,
    })
}

/// [`view`] and [`remember`] in one write: what the command line and the digest use.
pub fn view_storing(w: &Write, plan: &Plan, now: DateTime<Utc>) -> Result<TodayView> {
    let v = view(w, plan, now)?;
    remember(w, &v)?;
    Ok(v)
}

/// Stores the spotlight picks a view made fresh.
pub fn remember(w: &Write, view: &TodayView) -> Result<()> {
    match crate::dates::iso_date(&view.date) {
        Some(day) => spotlight::remember(w, day, &view.spotlight),
        None => Ok(()),
    }
}

/// Open follow-ups of live members firing in `[from, to)`, earliest first.
fn section(
    conn: &Connection,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<ReminderSection> {
    let from = from.map(to_db).unwrap_or_default();
    let to = to.map(to_db).unwrap_or_else(|| "9".into());
    let range = "r.done_at IS NULL AND r.fire_at >= ?1 AND r.fire_at < ?2 AND m.deleted_at IS NULL";
    let items = conn
        .prepare_cached(&format!(
            "{REMINDER_SELECT} WHERE {range} ORDER BY r.fire_at, r.id LIMIT {SECTION_ROWS}"
        ))?
        .query_map(params![from, to], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // Counted from the index alone, less those of members in the trash (few), rather than
    // joining every one of tens of thousands of rows to its member.
    let open: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM reminders INDEXED BY reminders_open
             WHERE done_at IS NULL AND fire_at >= ?1 AND fire_at < ?2",
        )?
        .query_row(params![from, to], |r| r.get(0))?;
    let trashed: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM members m INDEXED BY members_by_deleted
             JOIN reminders r INDEXED BY reminders_by_member
               ON r.member_id = m.id AND r.done_at IS NULL
             WHERE m.deleted_at IS NOT NULL AND r.fire_at >= ?1 AND r.fire_at < ?2",
        )?
        .query_row(params![from, to], |r| r.get(0))?;
    Ok(ReminderSection {
        items,
        total: open.saturating_sub(trashed),
    })
}

/// Members whose birthday is today or within `lead` days. In other years than leap years, a
/// 29 February birthday is kept on 28 February. A lunar birthday (农历) counts on the solar day
/// it falls on this year ([`crate::lunar`] says how a 闰月 or a missing 三十 is placed).
fn birthdays(conn: &Connection, today: NaiveDate, lead: u32) -> Result<Vec<BirthdayItem>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, nickname, birth_year FROM members INDEXED BY members_by_birthday
         WHERE birth_md = ?1 AND birth_lunar = ?2 AND deleted_at IS NULL ORDER BY sort_key, id",
    )?;
    for i in 0..=lead.min(31) {
        let d = today + Duration::days(i.into());
        let solar_md = d.format("%m-%d").to_string();
        // What is stored (month-day, 0 solar / 1 lunar / 2 leap month) that falls on `d`.
        let mut asks: Vec<(String, u8, Option<&'static str>)> = vec![(solar_md.clone(), 0, None)];
        let leap = NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some();
        if !leap && d.month() == 2 && d.day() == 28 {
            asks.push(("02-29".into(), 0, None));
        }
        let (ly, lm, ld, in_leap) = crate::lunar::of_solar(d);
        let last = crate::lunar::month_days(ly, lm, in_leap) == ld;
        let mut days = vec![(ld, None)];
        if last && ld == 29 {
            days.push((30, Some("short_month")));
        }
        for (day, shift) in days {
            let md = format!("{lm:02}-{day:02}");
            if in_leap {
                asks.push((md, 2, shift));
            } else {
                asks.push((md.clone(), 1, shift));
                if !crate::lunar::has_leap(ly, lm) {
                    asks.push((md, 2, shift.or(Some("leap_as_regular"))));
                }
            }
        }
        for (md, kind, shift) in asks {
            let rows = stmt.query_map(params![&md, kind], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i32>>(2)?,
                ))
            })?;
            for row in rows {
                let (member_id, nickname, birth_year) = row?;
                let year = if kind == 0 { d.year() } else { ly };
                let lunar = (kind > 0).then(|| {
                    let (m, dd) = (lm, md[3..].parse().unwrap_or(ld));
                    crate::lunar::name(m, dd, kind == 2)
                });
                out.push(BirthdayItem {
                    member_id,
                    nickname,
                    birth_md: if kind == 0 {
                        md.clone()
                    } else {
                        solar_md.clone()
                    },
                    in_days: i,
                    turns: birth_year.map(|y| year - y).filter(|a| *a > 0),
                    lunar,
                    lunar_md: (kind > 0).then(|| md.clone()),
                    lunar_leap: kind == 2,
                    shift: shift.map(String::from),
                });
            }
        }
    }
    Ok(out)
}

/// In-group members quiet for more than `days` (no contact logged, or added, before then),
/// the longest quiet first.
fn winback(conn: &Connection, now: DateTime<Utc>, days: u32) -> Result<WinbackSection> {
    let cutoff = to_db(now - Duration::days(days.into()));
    let filter = "FROM members m INDEXED BY members_by_quiet
         WHERE m.deleted_at IS NULL AND coalesce(m.last_contact_at, m.created_at) < ?1
           AND EXISTS (SELECT 1 FROM memberships ms
                       WHERE ms.member_id = m.id AND ms.status = 'in_group')";
    let items = conn
        .prepare_cached(&format!(
            "SELECT m.id, m.nickname, m.last_contact_at, coalesce(m.last_contact_at, m.created_at)
             {filter} ORDER BY coalesce(m.last_contact_at, m.created_at) LIMIT 20"
        ))?
        .query_map([&cutoff], |r| {
            let quiet: String = r.get(3)?;
            Ok(WinbackItem {
                member_id: r.get(0)?,
                nickname: r.get(1)?,
                last_contact_at: r.get(2)?,
                quiet_days: crate::dates::from_db(&quiet)
                    .map(|t| (now - t).num_days().max(0) as u32)
                    .unwrap_or(0),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 {filter} LIMIT {})",
            WINBACK_COUNT_CAP + 1
        ))?
        .query_row([&cutoff], |r| r.get(0))?;
    Ok(WinbackSection {
        items,
        total: total.min(WINBACK_COUNT_CAP),
        capped: total > WINBACK_COUNT_CAP,
        days,
    })
}
