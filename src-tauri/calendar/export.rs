//! Exporting schedules: ICS (RFC 5545) for calendar programs, CSV (UTF-8 with BOM, or GBK for
//! Excel on Chinese Windows) and XLSX for spreadsheets, and a printable HTML week.
//!
//! ICS: each slot is one VEVENT with its RRULE (UNTIL in UTC, since DTSTART has a TZID),
//! EXDATEs for skipped occurrences and holidays, overrides (RECURRENCE-ID with the same TZID
//! and value type as DTSTART) for moved, retitled or filled ones, and separate events for 调休
//! days the rule does not give. UIDs are stable (the row and its creation stamp) and SEQUENCE
//! grows with every change, so importing again updates instead of duplicating.
use super::ics::{self, Ics};
use super::plan::{entries, Entry};
use super::slots::{list_slots, occurrences, rule_dates_of, Slot};
use super::{CalendarError, Result};
use crate::reminders::zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CalendarFormat {
    Ics,
    Xlsx,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    #[default]
    Utf8,
    Gbk,
}

pub struct CalendarExport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group: Option<i64>,
    pub format: CalendarFormat,
    pub encoding: CsvEncoding,
    /// Phone alerts this many minutes before each timed post (ICS only).
    pub alarm_minutes: Option<u32>,
    pub zh: bool,
}

/// SEQUENCE from the last change: seconds since 2024, growing with every edit.
fn sequence(updated_at: &str) -> i64 {
    // 2024-01-01T00:00:00Z.
    let base = DateTime::<Utc>::from_timestamp(1_704_067_200, 0).unwrap_or_default();
    crate::dates::from_db(updated_at)
        .map(|t| (t - base).num_seconds().max(0))
        .unwrap_or(0)
}

fn uid(kind: &str, id: i64, created_at: &str, extra: &str) -> String {
    let stamp: String = created_at.chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{kind}-{id}{extra}-{stamp}@groupdesk")
}

fn alarm(ics: &mut Ics, minutes: Option<u32>, title: &str) {
    if let Some(m) = minutes {
        ics.begin("VALARM");
        ics.line("ACTION", "DISPLAY");
        ics.text("DESCRIPTION", title);
        ics.line("TRIGGER", &format!("-PT{m}M"));
        ics.end("VALARM");
    }
}

struct ItemRow {
    id: i64,
    kind: String,
    title: String,
    body: String,
    date: NaiveDate,
    time: Option<chrono::NaiveTime>,
    tz: Tz,
    status: String,
    slot: Option<(i64, NaiveDate)>,
    groups: String,
    created_at: String,
    updated_at: String,
}

fn items(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    group: Option<i64>,
) -> Result<Vec<ItemRow>> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.kind, i.title, i.body, i.planned_date, i.planned_time, i.tz, i.status,
                i.slot_id, i.slot_date, i.created_at, i.updated_at,
                (SELECT group_concat(g.name, '、') FROM content_item_groups x
                   JOIN groups g ON g.id = x.group_id WHERE x.item_id = i.id)
         FROM content_items i
         WHERE i.deleted_at IS NULL AND i.planned_date BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM content_item_groups x
                                      WHERE x.item_id = i.id AND x.group_id = ?3))
         ORDER BY i.planned_date, i.planned_time, i.id",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![from.to_string(), to.to_string(), group],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<i64>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
                r.get::<_, Option<String>>(12)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (
            id,
            kind,
            title,
            body,
            day,
            time,
            tz,
            status,
            slot,
            slot_date,
            created_at,
            updated_at,
            groups,
        ) = row?;
        let Some(date) = crate::dates::iso_date(&day) else {
            continue;
        };
        out.push(ItemRow {
            id,
            kind,
            title,
            body,
            date,
            time: time.as_deref().and_then(zone::parse_time),
            tz: zone::parse_tz(&tz).unwrap_or(chrono_tz::Asia::Shanghai),
            status,
            slot: slot.zip(slot_date.as_deref().and_then(crate::dates::iso_date)),
            groups: groups.unwrap_or_default(),
            created_at,
            updated_at,
        });
    }
    Ok(out)
}

fn slot_stamps(conn: &Connection, id: i64) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT created_at, updated_at FROM slots WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn ics_status(status: &str) -> &'static str {
    match status {
        "approved" | "scheduled" | "posted" => "CONFIRMED",
        "skipped" => "CANCELLED",
        _ => "TENTATIVE",
    }
}

/// Writes one timed start: `DTSTART;TZID=…:…` (or the given property name).
fn timed(ics: &mut Ics, name: &str, tz: Tz, t: NaiveDateTime) {
    ics.line(&format!("{name};TZID={}", tz.name()), &ics::local(t));
}

fn item_event(
    ics: &mut Ics,
    it: &ItemRow,
    now: DateTime<Utc>,
    recurrence: Option<(&str, Tz, NaiveDateTime)>,
    alarm_minutes: Option<u32>,
) {
    ics.begin("VEVENT");
    match recurrence {
        Some((slot_uid, tz, rid)) => {
            ics.line("UID", slot_uid);
            timed(ics, "RECURRENCE-ID", tz, rid);
        }
        None => ics.line("UID", &uid("item", it.id, &it.created_at, "")),
    }
    ics.line("DTSTAMP", &ics::utc(now));
    ics.line("SEQUENCE", &sequence(&it.updated_at).to_string());
    match it.time {
        Some(t) => {
            timed(ics, "DTSTART", it.tz, NaiveDateTime::new(it.date, t));
            ics.line("DURATION", "PT30M");
        }
        None => {
            ics.line("DTSTART;VALUE=DATE", &ics::date(it.date));
            ics.line("DTEND;VALUE=DATE", &ics::date(it.date + Duration::days(1)));
        }
    }
    ics.text("SUMMARY", &it.title);
    let mut desc = it.body.clone();
    if !it.groups.is_empty() {
        desc = format!(
            "{}{}{}",
            it.groups,
            if desc.is_empty() { "" } else { "\n\n" },
            desc
        );
    }
    if !desc.is_empty() {
        ics.text("DESCRIPTION", &desc);
    }
    ics.text("CATEGORIES", &it.kind);
    ics.line("STATUS", ics_status(&it.status));
    ics.text("X-GROUPDESK-STATUS", &it.status);
    if it.time.is_some() {
        alarm(ics, alarm_minutes, &it.title);
    }
    ics.end("VEVENT");
}

/// The schedule in `[from, to]` as an iCalendar file's text.
pub fn to_ics(
    conn: &Connection,
    req: &CalendarExport,
    now: DateTime<Utc>,
) -> Result<(String, u32)> {
    let mut body = Ics::default();
    let mut zones: BTreeSet<String> = BTreeSet::new();
    let mut count = 0u32;
    let items = items(conn, req.from, req.to, req.group)?;
    let slots: Vec<Slot> = list_slots(conn)?
        .into_iter()
        .filter(|s| req.group.is_none_or(|g| g == s.group_id))
        .collect();
    let mut used_items: BTreeSet<i64> = BTreeSet::new();
    for slot in &slots {
        let tz = zone::parse_tz(&slot.tz).unwrap_or(chrono_tz::Asia::Shanghai);
        let occ = occurrences(conn, slot, req.from, req.to)?;
        let (rule_dates, start) = rule_dates_of(slot, req.from, req.to)?;
        if occ.is_empty() && rule_dates.is_empty() {
            continue;
        }
        zones.insert(tz.name().to_string());
        let (created, updated) = slot_stamps(conn, slot.id)?;
        let slot_uid = uid("slot", slot.id, &created, "");
        let at = |d: NaiveDate| NaiveDateTime::new(d, start.time());
        let kept: BTreeSet<NaiveDate> = occ.iter().map(|o| o.rule_date).collect();
        if let (Some(first), Some(last)) = (rule_dates.first(), rule_dates.last()) {
            body.begin("VEVENT");
            body.line("UID", &slot_uid);
            body.line("DTSTAMP", &ics::utc(now));
            body.line("SEQUENCE", &sequence(&updated).to_string());
            timed(&mut body, "DTSTART", tz, at(*first));
            body.line("DURATION", "PT30M");
            let until = zone::instant(tz, *last, start.time());
            body.line("RRULE", &format!("{};UNTIL={}", slot.rule, ics::utc(until)));
            for d in rule_dates.iter().filter(|d| !kept.contains(d)) {
                timed(&mut body, "EXDATE", tz, at(*d));
            }
            body.text("SUMMARY", &slot.title);
            body.text("DESCRIPTION", &slot.group_name);
            body.text("CATEGORIES", &slot.kind);
            body.line("STATUS", "TENTATIVE");
            alarm(&mut body, req.alarm_minutes, &slot.title);
            body.end("VEVENT");
            count += 1;
        }
        for o in &occ {
            let is_rule_date = rule_dates.binary_search(&o.rule_date).is_ok();
            let filled = items
                .iter()
                .find(|i| i.slot == Some((slot.id, o.rule_date)));
            if let Some(it) = filled {
                used_items.insert(it.id);
                let rid = is_rule_date.then(|| (slot_uid.as_str(), tz, at(o.rule_date)));
                item_event(&mut body, it, now, rid, req.alarm_minutes);
                count += 1;
                continue;
            }
            let moved = o.date != o.rule_date || o.title != slot.title;
            if is_rule_date && !moved {
                continue;
            }
            body.begin("VEVENT");
            if is_rule_date {
                body.line("UID", &slot_uid);
                timed(&mut body, "RECURRENCE-ID", tz, at(o.rule_date));
            } else {
                // A 调休 day the rule does not give: an event of its own.
                body.line(
                    "UID",
                    &uid(
                        "slot",
                        slot.id,
                        &created,
                        &format!("-{}", o.date.format("%Y%m%d")),
                    ),
                );
            }
            body.line("DTSTAMP", &ics::utc(now));
            body.line("SEQUENCE", &sequence(&updated).to_string());
            timed(
                &mut body,
                "DTSTART",
                tz,
                o.start.with_timezone(&tz).naive_local(),
            );
            body.line("DURATION", "PT30M");
            body.text("SUMMARY", &o.title);
            body.text("DESCRIPTION", &slot.group_name);
            body.text("CATEGORIES", &slot.kind);
            body.line("STATUS", "TENTATIVE");
            alarm(&mut body, req.alarm_minutes, &o.title);
            body.end("VEVENT");
            count += 1;
        }
    }
    for it in items.iter().filter(|i| !used_items.contains(&i.id)) {
        if it.time.is_some() {
            zones.insert(it.tz.name().to_string());
        }
        item_event(&mut body, it, now, None, req.alarm_minutes);
        count += 1;
    }
    let mut ics = Ics::default();
    ics.begin("VCALENDAR");
    ics.line("VERSION", "2.0");
    ics.line("PRODID", "-//GroupDesk//GroupDesk 群主工作台//ZH");
    ics.line("CALSCALE", "GREGORIAN");
    ics.line("METHOD", "PUBLISH");
    ics.text(
        "X-WR-CALNAME",
        if req.zh {
            "群主工作台 内容日历"
        } else {
            "GroupDesk content calendar"
        },
    );
    // Subscribed copies refresh twice a day (RFC 7986, and the Microsoft spelling).
    ics.line("REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
    ics.line("X-PUBLISHED-TTL", "PT12H");
    let (first, last) = ics::years(req.from, req.to);
    for name in &zones {
        if let Some(tz) = zone::parse_tz(name) {
            ics::vtimezone(&mut ics, tz, first, last);
        }
    }
    let mut out = ics.finish();
    out.push_str(&body.finish());
    let mut end = Ics::default();
    end.end("VCALENDAR");
    out.push_str(&end.finish());
    Ok((out, count))
}

fn headers(zh: bool) -> [&'static str; 7] {
    if zh {
        ["日期", "时间", "社群", "类型", "标题", "正文", "状态"]
    } else {
        ["Date", "Time", "Groups", "Type", "Title", "Text", "Status"]
    }
}

/// A status as a helper reads it (the import reads these back).
fn status_label(status: Option<&str>, zh: bool) -> &'static str {
    match (status, zh) {
        (None, true) => "待填写",
        (None, false) => "open slot",
        (Some("idea"), true) => "想法",
        (Some("draft"), true) => "草稿",
        (Some("review"), true) => "待审批",
        (Some("approved"), true) => "已批准",
        (Some("scheduled"), true) => "已排期",
        (Some("posted"), true) => "已发布",
        (Some("skipped"), true) => "已跳过",
        (Some("idea"), false) => "idea",
        (Some("review"), false) => "review",
        (Some("approved"), false) => "approved",
        (Some("scheduled"), false) => "scheduled",
        (Some("posted"), false) => "posted",
        (Some("skipped"), false) => "skipped",
        (Some(_), _) => {
            if zh {
                "草稿"
            } else {
                "draft"
            }
        }
    }
}

fn row_of(e: &Entry, zh: bool) -> [String; 7] {
    let time = e
        .start
        .as_deref()
        .map(|s| s[11..16].to_string())
        .unwrap_or_default();
    let status = status_label(e.status.as_deref(), zh).to_string();
    [
        e.date.clone(),
        time,
        e.groups.join("、"),
        super::types::label(&e.content_type, zh),
        e.title.clone(),
        e.body.clone(),
        status,
    ]
}

/// The schedule as CSV bytes (formula-looking cells neutralised).
pub fn to_csv(conn: &Connection, req: &CalendarExport) -> Result<(Vec<u8>, u32)> {
    let list = entries(conn, req.from, req.to, req.group)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let bad = |e: csv::Error| CalendarError::Write(e.to_string());
    w.write_record(headers(req.zh)).map_err(bad)?;
    for e in &list {
        w.write_record(
            row_of(e, req.zh)
                .iter()
                .map(|c| crate::transfer::csv_safe(c).into_owned()),
        )
        .map_err(bad)?;
    }
    let text = w
        .into_inner()
        .map_err(|e| CalendarError::Write(e.to_string()))?;
    let bytes = match req.encoding {
        CsvEncoding::Utf8 => {
            let mut b = b"\xEF\xBB\xBF".to_vec();
            b.extend_from_slice(&text);
            b
        }
        CsvEncoding::Gbk => {
            let s = String::from_utf8_lossy(&text);
            let (b, _, _) = encoding_rs::GB18030.encode(&s);
            b.into_owned()
        }
    };
    Ok((bytes, list.len() as u32))
}

/// One week of the plan as owners hand it out: the seven day heads (weekday, date, the day's
/// theme) and a row per group with each day's posts (time + title, then the text).
struct WeekGrid {
    monday: NaiveDate,
    heads: Vec<(String, String, String)>,
    rows: Vec<(String, Vec<DayPosts>)>,
}

/// A cell of the grid: each post's heading (time + title) and text.
type DayPosts = Vec<(String, String)>;

fn week_grids(conn: &Connection, list: &[Entry], req: &CalendarExport) -> Result<Vec<WeekGrid>> {
    use chrono::Datelike;
    let days_zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let days_en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut out = Vec::new();
    let mut monday = req.from - Duration::days(req.from.weekday().num_days_from_monday() as i64);
    while monday <= req.to {
        let themes = super::weekplan::themes(conn, monday)?;
        let heads = (0..7)
            .map(|i| {
                let day = monday + Duration::days(i as i64);
                let name = if req.zh { days_zh[i] } else { days_en[i] };
                (
                    name.to_string(),
                    day.format("%m-%d").to_string(),
                    themes.get(i).cloned().unwrap_or_default(),
                )
            })
            .collect();
        let week: Vec<&Entry> = list
            .iter()
            .filter(|e| {
                crate::dates::iso_date(&e.date)
                    .is_some_and(|d| d >= monday && d < monday + Duration::days(7))
            })
            .collect();
        let mut groups: Vec<String> = week.iter().flat_map(|e| e.groups.clone()).collect();
        groups.sort();
        groups.dedup();
        let rows = groups
            .into_iter()
            .map(|g| {
                let cells = (0..7)
                    .map(|i| {
                        let day = (monday + Duration::days(i)).to_string();
                        week.iter()
                            .filter(|e| e.date == day && e.groups.contains(&g))
                            .map(|e| {
                                let [_, time, _, _, title, body, _] = row_of(e, req.zh);
                                let head = if time.is_empty() {
                                    title
                                } else {
                                    format!("{time} {title}")
                                };
                                (head, body)
                            })
                            .collect()
                    })
                    .collect();
                (g, cells)
            })
            .collect();
        out.push(WeekGrid {
            monday,
            heads,
            rows,
        });
        monday += Duration::days(7);
    }
    Ok(out)
}

/// The week plan as XLSX: days as columns (with each day's theme), groups as rows, time +
/// title + text in wrapped cells, the header frozen, printed on A4 landscape. One sheet per
/// week of the range.
pub fn to_xlsx(conn: &Connection, req: &CalendarExport) -> Result<(Vec<u8>, u32)> {
    use rust_xlsxwriter::{Format, Workbook};
    let list = entries(conn, req.from, req.to, req.group)?;
    let bad = |e: rust_xlsxwriter::XlsxError| CalendarError::Write(e.to_string());
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for grid in week_grids(conn, &list, req)? {
        let sheet = book.add_worksheet();
        sheet
            .set_name(grid.monday.format("%Y-%m-%d").to_string())
            .map_err(bad)?;
        sheet.set_landscape();
        sheet.set_paper_size(9);
        sheet.set_freeze_panes(1, 1).map_err(bad)?;
        sheet
            .write_string_with_format(0, 0, if req.zh { "社群" } else { "Group" }, &head)
            .map_err(bad)?;
        sheet.set_column_width(0, 14).map_err(bad)?;
        for (i, (name, date, theme)) in grid.heads.iter().enumerate() {
            let col = i as u16 + 1;
            let text = if theme.is_empty() {
                format!("{name}\n{date}")
            } else {
                format!("{name}\n{date}\n{theme}")
            };
            sheet
                .write_string_with_format(0, col, text, &head)
                .map_err(bad)?;
            sheet.set_column_width(col, 24).map_err(bad)?;
        }
        for (r, (group, cells)) in grid.rows.iter().enumerate() {
            let row = r as u32 + 1;
            sheet
                .write_string_with_format(row, 0, group, &head)
                .map_err(bad)?;
            for (i, posts) in cells.iter().enumerate() {
                if posts.is_empty() {
                    continue;
                }
                let text: Vec<String> = posts
                    .iter()
                    .map(|(h, body)| {
                        if body.is_empty() {
                            h.clone()
                        } else {
                            format!("{h}\n{body}")
                        }
                    })
                    .collect();
                sheet
                    .write_string_with_format(row, i as u16 + 1, text.join("\n\n"), &cell)
                    .map_err(bad)?;
            }
        }
    }
    let bytes = book.save_to_buffer().map_err(bad)?;
    Ok((bytes, list.len() as u32))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The printable week (A4 landscape): per week the same grid as the Excel sheet — days across
/// with their themes, groups down, each post's time, title and text.
pub fn to_html(conn: &Connection, req: &CalendarExport) -> Result<(Vec<u8>, u32)> {
    let list = entries(conn, req.from, req.to, req.group)?;
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         @page {{ size: A4 landscape; margin: 10mm; }} body {{ font: 11px/1.45 system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; color: #111; }} \
         h1 {{ font-size: 16px; }} h2 {{ font-size: 13px; margin: 16px 0 6px; }} section {{ break-after: page; }} section:last-child {{ break-after: auto; }} \
         table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }} th, td {{ border: 1px solid #bbb; padding: 4px 5px; vertical-align: top; text-align: left; }} \
         thead th {{ background: #f1f4f3; }} th.group {{ width: 11%; background: #f7f8f8; }} .theme {{ display: block; font-weight: 400; color: #1f6f5c; }} \
         .post {{ margin-bottom: 6px; break-inside: avoid; }} .post b {{ display: block; }} .body {{ white-space: pre-wrap; color: #333; }}</style></head><body><h1>{}</h1>",
        if req.zh { "zh-CN" } else { "en" },
        if req.zh { "每周内容规划" } else { "Weekly content plan" },
        html_escape(&format!(
            "{} {} – {}",
            if req.zh { "每周内容规划" } else { "Weekly content plan" },
            req.from,
            req.to
        )),
    );
    for grid in week_grids(conn, &list, req)? {
        out.push_str(&format!(
            "<section><h2>{}</h2><table><thead><tr><th class=\"group\">{}</th>",
            html_escape(&format!(
                "{} – {}",
                grid.monday,
                grid.monday + Duration::days(6)
            )),
            if req.zh { "社群" } else { "Group" }
        ));
        for (name, date, theme) in &grid.heads {
            out.push_str(&format!(
                "<th>{} {}<span class=\"theme\">{}</span></th>",
                html_escape(name),
                html_escape(date),
                html_escape(theme)
            ));
        }
        out.push_str("</tr></thead><tbody>");
        for (group, cells) in &grid.rows {
            out.push_str(&format!(
                "<tr><th class=\"group\">{}</th>",
                html_escape(group)
            ));
            for posts in cells {
                out.push_str("<td>");
                for (head, body) in posts {
                    out.push_str(&format!(
                        "<div class=\"post\"><b>{}</b><div class=\"body\">{}</div></div>",
                        html_escape(head),
                        html_escape(body)
                    ));
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></section>");
    }
    out.push_str("</body></html>\n");
    Ok((out.into_bytes(), list.len() as u32))
}

/// Writes the export to `path` (a unique temporary file, synced, renamed); returns how many
/// entries it holds.
pub fn export_calendar(
    conn: &Connection,
    req: &CalendarExport,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<u32> {
    if req.to < req.from {
        return Err(CalendarError::EndBeforeStart);
    }
    let (bytes, n) = match req.format {
        CalendarFormat::Ics => {
            let (text, n) = to_ics(conn, req, now)?;
            (text.into_bytes(), n)
        }
        CalendarFormat::Csv => to_csv(conn, req)?,
        CalendarFormat::Xlsx => to_xlsx(conn, req)?,
        CalendarFormat::Html => to_html(conn, req)?,
    };
    crate::files::write_new(path, |f| f.write_all(&bytes))
        .map_err(|e| CalendarError::Write(e.to_string()))?;
    Ok(n)
}
