//! Importing a plan owners already keep in Excel: content items from CSV or XLSX, read by the
//! same readers (encodings, limits, true row numbers) as the member import, all or nothing,
//! with a dry run. Columns are matched by their headers, in Chinese or English — the ones
//! `export calendar --format csv|xlsx` writes among them, so an export imports back.
use super::items::{create_item, ContentStatus, ItemInput};
use super::CalendarError;
use crate::dates::parse_date;
use crate::reminders::zone;
use crate::store::Write;
use crate::transfer::{RowProblem, Table};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ContentImportReport {
    pub rows: u32,
    pub created: u32,
    pub problems: Vec<RowProblem>,
    pub applied: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    Time,
    Groups,
    Kind,
    Title,
    Body,
    Status,
}

fn column(header: &str) -> Option<Col> {
    let h = header.trim().to_lowercase();
    Some(match h.as_str() {
        "日期" | "发布日期" | "计划日期" | "date" | "day" => Col::Date,
        "时间" | "发布时间" | "time" => Col::Time,
        "社群" | "群" | "群名" | "groups" | "group" => Col::Groups,
        "类型" | "内容类型" | "type" | "kind" => Col::Kind,
        "标题" | "主题" | "title" => Col::Title,
        "正文" | "内容" | "文案" | "text" | "body" => Col::Body,
        "状态" | "status" => Col::Status,
        _ => return None,
    })
}

/// The type key for what a sheet says (`早报` or `morning_brief`); other words are kept as the
/// owner's own type.
pub fn kind_key(s: &str) -> String {
    let k = match s.trim() {
        "早报" => "morning_brief",
        "晚报" => "evening_brief",
        "分享" | "嘉宾分享" => "share",
        "话题" | "话题讨论" => "topic",
        "打卡" => "check_in",
        "红包" | "红包接龙" => "red_packet",
        "活动预告" => "event_notice",
        "产品" | "产品推荐" => "product",
        "精华" | "精华整理" => "digest",
        "节日" | "节日祝福" => "holiday_greeting",
        "" => "other",
        other => super::types::key_of(other).unwrap_or(other),
    };
    k.to_string()
}

fn status_of(s: &str) -> Option<ContentStatus> {
    Some(match s.trim().to_lowercase().as_str() {
        "" | "草稿" | "draft" | "待填写" | "open slot" => ContentStatus::Draft,
        "想法" | "灵感" | "idea" => ContentStatus::Idea,
        "待审" | "待审批" | "审批" | "审核中" | "review" => ContentStatus::Review,
        "已批准" | "已通过" | "approved" => ContentStatus::Approved,
        "已排期" | "scheduled" => ContentStatus::Scheduled,
        "已发布" | "已发" | "posted" => ContentStatus::Posted,
        "跳过" | "已跳过" | "skipped" => ContentStatus::Skipped,
        _ => return None,
    })
}

fn problem(row: u32, column: &str, key: &str, value: &str) -> RowProblem {
    RowProblem {
        row,
        column: column.into(),
        key: key.into(),
        value: crate::validate::visible(&value.chars().take(100).collect::<String>()).into_owned(),
    }
}

/// Imports `table` as content items planned in zone `tz`; a dry run, or any bad row, changes
/// nothing (the caller's write is discarded).
pub fn import_content(
    w: &Write,
    table: &Table,
    tz: &str,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ContentImportReport, CalendarError> {
    let cols: Vec<Option<Col>> = table.headers.iter().map(|h| column(h)).collect();
    let at = |c: Col| cols.iter().position(|x| *x == Some(c));
    let (Some(date_col), Some(title_col)) = (at(Col::Date), at(Col::Title)) else {
        return Err(CalendarError::Invalid(vec![
            crate::validate::FieldError::new("columns", crate::validate::Rule::Required),
        ]));
    };
    let mut groups: HashMap<String, i64> = HashMap::new();
    {
        let mut stmt = w.prepare("SELECT name, id FROM groups WHERE deleted_at IS NULL")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (n, id) = row?;
            groups.insert(n, id);
        }
    }
    let mut report = ContentImportReport {
        rows: table.rows.len() as u32,
        ..Default::default()
    };
    let head = |c: usize| table.headers.get(c).cloned().unwrap_or_default();
    for row in &table.rows {
        let n = row.number;
        let before = report.problems.len();
        let cell = |c: Option<usize>| c.map(|c| row.get(c)).unwrap_or("");
        let date = parse_date(row.get(date_col));
        if date.is_none() {
            report.problems.push(problem(
                n,
                &head(date_col),
                "import.bad_date",
                row.get(date_col),
            ));
        }
        let time_text = cell(at(Col::Time));
        let time = (!time_text.is_empty()).then(|| zone::parse_time(time_text));
        if time == Some(None) {
            report.problems.push(problem(
                n,
                &head(at(Col::Time).unwrap_or(0)),
                "import.bad_time",
                time_text,
            ));
        }
        let title = row.get(title_col);
        if title.is_empty() {
            report
                .problems
                .push(problem(n, &head(title_col), "import.no_title", ""));
        }
        let mut ids = Vec::new();
        for name in cell(at(Col::Groups))
            .split(['、', ',', '，', ';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match groups.get(name) {
                Some(id) => ids.push(*id),
                None => report.problems.push(problem(
                    n,
                    &head(at(Col::Groups).unwrap_or(0)),
                    "import.group_not_found",
                    name,
                )),
            }
        }
        let status_text = cell(at(Col::Status));
        let status = status_of(status_text);
        if status.is_none() {
            report.problems.push(problem(
                n,
                &head(at(Col::Status).unwrap_or(0)),
                "import.bad_status",
                status_text,
            ));
        }
        if report.problems.len() > before {
            continue;
        }
        let input = ItemInput {
            kind: kind_key(cell(at(Col::Kind))),
            title: title.into(),
            body: cell(at(Col::Body)).into(),
            groups: ids,
            planned_date: date.map(|d| d.to_string()).unwrap_or_default(),
            planned_time: time.flatten().map(|t| t.format("%H:%M").to_string()),
            tz: tz.into(),
            status: status.unwrap_or(ContentStatus::Draft),
            slot_id: None,
            slot_date: None,
        };
        match create_item(w, &input, now) {
            Ok(_) => report.created += 1,
            Err(CalendarError::Invalid(fields)) => {
                for f in fields {
                    let key = match f.rule {
                        crate::validate::Rule::ControlChars => "import.control_chars",
                        _ => "import.too_long",
                    };
                    report.problems.push(problem(n, &f.field, key, ""));
                }
            }
            Err(e) => return Err(e),
        }
    }
    if dry_run || !report.problems.is_empty() {
        w.discard();
    } else {
        report.applied = true;
    }
    Ok(report)
}
