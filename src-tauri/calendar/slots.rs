//! Recurring slots: validated, stored, and expanded into dated occurrences (see the module
//! docs of [`super`]).
use super::holidays::{DayKind, Days};
use super::{CalendarError, Result};
use crate::dates::to_db;
use crate::reminders::zone;
use crate::store::{Area, Write};
use crate::validate::{has_control, FieldError, Rule};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{Frequency, RRule, Tz as RTz, Unvalidated};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A slot as the form or the command line gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SlotInput {
    #[ts(type = "number")]
    pub group_id: i64,
    pub title: String,
    /// The content type of its posts (`morning_brief`, `share`…, or the owner's own).
    pub kind: String,
    /// An RRULE without DTSTART, UNTIL or COUNT: `FREQ=WEEKLY;BYDAY=WE`.
    pub rule: String,
    /// The first occurrence's wall-clock start: `YYYY-MM-DD HH:MM`.
    pub starts: String,
    /// The IANA zone of the wall clock.
    pub tz: String,
    /// The last day (inclusive), or a number of occurrences.
    pub until: Option<String>,
    pub count: Option<u32>,
    /// Skip mainland holidays and add 调休 workdays.
    pub cn_workdays: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Slot {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub group_id: i64,
    pub group_name: String,
    pub title: String,
    pub kind: String,
    pub rule: String,
    /// `YYYY-MM-DDTHH:MM` in `tz`.
    pub starts_local: String,
    pub tz: String,
    pub until: Option<String>,
    pub count: Option<u32>,
    pub cn_workdays: bool,
}

/// One dated occurrence of a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub slot_id: i64,
    /// The date the rule gives (the occurrence's identity, RECURRENCE-ID).
    pub rule_date: NaiveDate,
    /// The date it happens (differs when moved).
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub title: String,
    /// In a year with no holiday schedule loaded, a `cn_workdays` slot cannot know its days.
    pub unverified: bool,
}

/// Occurrences per day at most: a rule finer than daily is refused.
const MAX_PER_RANGE: u16 = 20_000;

fn parse_start(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M").ok()
}

fn invalid(field: &str, rule: Rule) -> CalendarError {
    CalendarError::Invalid(vec![FieldError::new(field, rule)])
}

/// Checks a slot: its rule, its start in its zone (a wall time that does not exist, or
/// happens twice, is refused), its end, and that it occurs at all.
pub fn validate(input: &SlotInput) -> Result<(Tz, NaiveDateTime, RRule<Unvalidated>)> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(invalid("title", Rule::Required));
    }
    if title.chars().count() > 100 {
        return Err(invalid("title", Rule::TooLong { max: 100 }));
    }
    if has_control(title, false) || has_control(&input.kind, false) {
        return Err(invalid("title", Rule::ControlChars));
    }
    let tz = zone::parse_tz(input.tz.trim()).ok_or_else(|| invalid("tz", Rule::Unknown))?;
    let start = parse_start(&input.starts).ok_or_else(|| invalid("starts", Rule::InvalidDate))?;
    match tz.from_local_datetime(&start) {
        chrono::LocalResult::Single(_) => {}
        chrono::LocalResult::None => return Err(CalendarError::TimeGap),
        chrono::LocalResult::Ambiguous(..) => return Err(CalendarError::TimeTwice),
    }
    let text = input.rule.trim().trim_start_matches("RRULE:");
    let upper = text.to_ascii_uppercase();
    if ["DTSTART", "UNTIL", "COUNT"]
        .iter()
        .any(|k| upper.contains(k))
    {
        return Err(CalendarError::BadRule(
            "give the end as a last day or a number of times, not inside the rule".into(),
        ));
    }
    let rule: RRule<Unvalidated> = text
        .parse()
        .map_err(|e: rrule::RRuleError| CalendarError::BadRule(e.to_string()))?;
    if matches!(
        rule.get_freq(),
        Frequency::Hourly | Frequency::Minutely | Frequency::Secondly
    ) || !rule.get_by_hour().is_empty()
        || !rule.get_by_minute().is_empty()
        || !rule.get_by_second().is_empty()
    {
        return Err(CalendarError::SubDaily);
    }
    if let Some(u) = &input.until {
        let until = crate::dates::iso_date(u).ok_or_else(|| invalid("until", Rule::InvalidDate))?;
        if until < start.date() {
            return Err(CalendarError::EndBeforeStart);
        }
    }
    if input.count == Some(0) || input.count.is_some_and(|c| c > 10_000) {
        return Err(invalid(
            "count",
            Rule::OutOfRange {
                min: 1,
                max: 10_000,
            },
        ));
    }
    let dates = rule_dates(
        &rule_text(text, input.until.as_deref(), input.count),
        start.date(),
        start.date(),
        start.date() + Duration::days(366 * 5),
    )?;
    if dates.is_empty() {
        return Err(CalendarError::NoOccurrence);
    }
    Ok((tz, start, rule))
}

fn rule_text(rule: &str, until: Option<&str>, count: Option<u32>) -> String {
    let mut text = rule.trim().trim_start_matches("RRULE:").to_string();
    if let Some(u) = until.and_then(crate::dates::iso_date) {
        text.push_str(&format!(";UNTIL={}T235959Z", u.format("%Y%m%d")));
    } else if let Some(c) = count {
        text.push_str(&format!(";COUNT={c}"));
    }
    text
}

/// The dates `rule` gives from `start` within `[from, to]`, expanded over dates only (at
/// midnight UTC, so no zone rule can shift a day).
fn rule_dates(
    rule: &str,
    start: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let parsed: RRule<Unvalidated> = rule
        .parse()
        .map_err(|e: rrule::RRuleError| CalendarError::BadRule(e.to_string()))?;
    let midnight = |d: NaiveDate| {
        RTz::UTC
            .with_ymd_and_hms(d.year(), d.month(), d.day(), 0, 0, 0)
            .single()
    };
    let (Some(dt_start), Some(lo), Some(hi)) =
        (midnight(start), midnight(from.max(start)), midnight(to))
    else {
        return Ok(Vec::new());
    };
    let set = parsed
        .build(dt_start)
        .map_err(|e| CalendarError::BadRule(e.to_string()))?
        .after(lo - Duration::seconds(1))
        .before(hi + Duration::seconds(1));
    let result = set.all(MAX_PER_RANGE);
    Ok(result
        .dates
        .into_iter()
        .map(|d| d.date_naive())
        .filter(|d| *d >= from && *d <= to)
        .collect())
}

/// Stores a new slot (after [`validate`]).
pub fn create_slot(w: &Write, input: &SlotInput, now: DateTime<Utc>) -> Result<Slot> {
    let (tz, start, _) = validate(input)?;
    let exists: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?1 AND deleted_at IS NULL)",
        [input.group_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(CalendarError::GroupNotFound(input.group_id));
    }
    // Names and values of a rule are case-insensitive; calendars expect them upper-case.
    let rule = input
        .rule
        .trim()
        .trim_start_matches("RRULE:")
        .to_ascii_uppercase();
    let kind = if input.kind.trim().is_empty() {
        "other"
    } else {
        input.kind.trim()
    };
    w.execute(
        "INSERT INTO slots (group_id, title, kind, rule, starts_local, tz, until_date, count,
                            cn_workdays, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            input.group_id,
            input.title.trim(),
            kind,
            rule,
            start.format("%Y-%m-%dT%H:%M").to_string(),
            tz.name(),
            input.until,
            input.count,
            input.cn_workdays,
            to_db(now)
        ],
    )?;
    let id = w.last_insert_rowid();
    w.changed(Area::Calendar, [id]);
    list_slots(w)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(CalendarError::SlotNotFound(id))
}

/// Every live slot, by group and title.
pub fn list_slots(conn: &Connection) -> Result<Vec<Slot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.group_id, g.name, s.title, s.kind, s.rule, s.starts_local, s.tz,
                s.until_date, s.count, s.cn_workdays
         FROM slots s JOIN groups g ON g.id = s.group_id
         WHERE s.deleted_at IS NULL AND g.deleted_at IS NULL
         ORDER BY g.name, s.title, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Slot {
            id: r.get(0)?,
            group_id: r.get(1)?,
            group_name: r.get(2)?,
            title: r.get(3)?,
            kind: r.get(4)?,
            rule: r.get(5)?,
            starts_local: r.get(6)?,
            tz: r.get(7)?,
            until: r.get(8)?,
            count: r.get(9)?,
            cn_workdays: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The dates a slot's rule gives within `[from, to]` (before skips, moves and holidays), and
/// its wall-clock start.
pub(super) fn rule_dates_of(
    slot: &Slot,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<NaiveDate>, NaiveDateTime)> {
    let Some(start) = parse_start(&slot.starts_local) else {
        return Ok((Vec::new(), NaiveDateTime::default()));
    };
    let text = rule_text(&slot.rule, slot.until.as_deref(), slot.count);
    Ok((rule_dates(&text, start.date(), from, to)?, start))
}

/// A slot's occurrences dated within `[from, to]` (its skipped ones left out, moved ones where
/// they moved to; with `cn_workdays`, holidays dropped and 调休 workdays added).
pub fn occurrences(
    conn: &Connection,
    slot: &Slot,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Occurrence>> {
    let tz = zone::parse_tz(&slot.tz).unwrap_or(chrono_tz::Asia::Shanghai);
    let Some(start) = parse_start(&slot.starts_local) else {
        return Ok(Vec::new());
    };
    let time: NaiveTime = start.time();
    let text = rule_text(&slot.rule, slot.until.as_deref(), slot.count);
    // A moved occurrence may come from outside the range: widen by a month each way.
    let mut dates = rule_dates(
        &text,
        start.date(),
        from - Duration::days(31),
        to + Duration::days(31),
    )?;
    let end = slot
        .until
        .as_deref()
        .and_then(crate::dates::iso_date)
        .or_else(|| slot.count.and(dates.last().copied()));
    let mut unverified = std::collections::HashSet::new();
    if slot.cn_workdays {
        let days = Days::load(conn, from - Duration::days(31), to + Duration::days(31))?;
        let mut kept = std::collections::BTreeSet::new();
        for d in dates {
            match days.kind(d) {
                DayKind::Holiday(_) => {}
                DayKind::Unknown => {
                    unverified.insert(d);
                    kept.insert(d);
                }
                _ => {
                    kept.insert(d);
                }
            }
        }
        let mut d = from.max(start.date());
        while d <= to && end.is_none_or(|e| d <= e) {
            if matches!(days.kind(d), DayKind::Workday(_)) {
                kept.insert(d);
            }
            d += Duration::days(1);
        }
        dates = kept.into_iter().collect();
    }
    let mut exceptions = conn.prepare_cached(
        "SELECT on_date, skipped, moved_local, title FROM slot_exceptions WHERE slot_id = ?1",
    )?;
    let exc: Vec<(String, bool, Option<String>, Option<String>)> = exceptions
        .query_map([slot.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for d in dates {
        let found = exc.iter().find(|e| e.0 == d.to_string());
        if found.is_some_and(|e| e.1) {
            continue;
        }
        let moved = found.and_then(|e| e.2.as_deref()).and_then(parse_start);
        let (date, t) = moved.map(|m| (m.date(), m.time())).unwrap_or((d, time));
        if date < from || date > to {
            continue;
        }
        out.push(Occurrence {
            slot_id: slot.id,
            rule_date: d,
            date,
            start: zone::instant(tz, date, t),
            title: found
                .and_then(|e| e.3.clone())
                .unwrap_or_else(|| slot.title.clone()),
            unverified: unverified.contains(&d),
        });
    }
    out.sort_by_key(|o| o.start);
    Ok(out)
}

/// Skips one occurrence (an EXDATE): `rule_date` is the date the rule gives.
pub fn skip_occurrence(
    w: &Write,
    slot_id: i64,
    rule_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    set_exception(w, slot_id, rule_date, true, None, None, now)
}

/// Moves or retitles one occurrence (an override for that date); the series is unchanged.
pub fn move_occurrence(
    w: &Write,
    slot_id: i64,
    rule_date: NaiveDate,
    to: NaiveDateTime,
    title: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    if title.is_some_and(|t| t.chars().count() > 100 || has_control(t, false)) {
        return Err(invalid("title", Rule::Invalid));
    }
    set_exception(w, slot_id, rule_date, false, Some(to), title, now)
}

fn set_exception(
    w: &Write,
    slot_id: i64,
    rule_date: NaiveDate,
    skipped: bool,
    moved: Option<NaiveDateTime>,
    title: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let slot = list_slots(w)?
        .into_iter()
        .find(|s| s.id == slot_id)
        .ok_or(CalendarError::SlotNotFound(slot_id))?;
    let text = rule_text(&slot.rule, slot.until.as_deref(), slot.count);
    let start = parse_start(&slot.starts_local).ok_or(CalendarError::NoOccurrence)?;
    if !rule_dates(&text, start.date(), rule_date, rule_date)?.contains(&rule_date) {
        return Err(CalendarError::NoOccurrence);
    }
    w.execute(
        "INSERT INTO slot_exceptions (slot_id, on_date, skipped, moved_local, title)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (slot_id, on_date) DO UPDATE SET skipped = excluded.skipped,
             moved_local = excluded.moved_local, title = excluded.title",
        params![
            slot_id,
            rule_date.to_string(),
            skipped,
            moved.map(|m| m.format("%Y-%m-%dT%H:%M").to_string()),
            title
        ],
    )?;
    // SEQUENCE in the ICS grows with the slot's last change.
    w.execute(
        "UPDATE slots SET updated_at = ?2 WHERE id = ?1",
        params![slot_id, to_db(now)],
    )?;
    w.changed(Area::Calendar, [slot_id]);
    Ok(())
}

/// Changes a slot's rule from `from` on: the old series ends the day before (what happened
/// stays as it was), a new one with `input` starts on `from`. Returns the new slot.
pub fn change_from(
    w: &Write,
    slot_id: i64,
    from: NaiveDate,
    input: &SlotInput,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let old = list_slots(w)?
        .into_iter()
        .find(|s| s.id == slot_id)
        .ok_or(CalendarError::SlotNotFound(slot_id))?;
    let (_, start, _) = validate(input)?;
    if start.date() < from {
        return Err(CalendarError::EndBeforeStart);
    }
    let old_start = parse_start(&old.starts_local).map(|s| s.date());
    if old_start.is_some_and(|s| s >= from) {
        // Nothing of the old series has happened yet: it is replaced whole.
        w.execute(
            "UPDATE slots SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![slot_id, to_db(now)],
        )?;
    } else {
        w.execute(
            "UPDATE slots SET until_date = ?2, count = NULL, updated_at = ?3 WHERE id = ?1",
            params![slot_id, (from - Duration::days(1)).to_string(), to_db(now)],
        )?;
    }
    w.changed(Area::Calendar, [slot_id]);
    create_slot(w, input, now)
}
