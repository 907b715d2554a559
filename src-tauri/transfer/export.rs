//! Exporting members to CSV (UTF-8 with a byte-order mark, so Excel opens Chinese right) or
//! XLSX, in the list's order, with headers in the UI language.
//!
//! Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR could run as a formula
//! when opened in a spreadsheet. In CSV such cells get a leading apostrophe (OWASP's advice),
//! and so does a cell that starts with an apostrophe itself; the importer takes one off again,
//! in GroupDesk's own exports only (told by their header row). In XLSX every value is written as a string cell, never a
//! formula, and those cells also carry Excel's "quote prefix" flag, so even editing the cell
//! keeps it text; the visible value is unchanged.
use super::columns::{category_word, status_word};
use super::TransferError;
use crate::members::{self, Category, Clock, MemberFilter, MemberSort, MemberStatus};
use crate::progress::{Progress, Step};
use crate::settings::{self, Language};
use rusqlite::{types::Value, Connection};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

fn dangerous(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell safe to open in a spreadsheet: one that could run as a formula gets the apostrophe
/// OWASP advises (any CSV GroupDesk writes).
pub fn csv_safe(c: &str) -> std::borrow::Cow<'_, str> {
    if dangerous(c) || c.starts_with('\'') {
        format!("'{c}").into()
    } else {
        c.into()
    }
}

pub(super) fn headers(zh: bool, group: bool) -> Vec<&'static str> {
    let mut h = if zh {
        vec![
            "昵称",
            "群昵称",
            "真实姓名",
            "地区",
            "职业",
            "手机",
            "微信号",
            "QQ",
            "邮箱",
            "来源",
            "邀请人",
            "生日",
            "标签",
        ]
    } else {
        vec![
            "Nickname",
            "Display name",
            "Real name",
            "Region",
            "Occupation",
            "Phone",
            "WeChat",
            "QQ",
            "Email",
            "Source",
            "Invited by",
            "Birthday",
            "Tags",
        ]
    };
    if group {
        h.extend(if zh {
            ["加入日期", "状态", "分类", "积分"]
        } else {
            ["Joined", "Status", "Category", "Points"]
        });
    } else {
        h.extend(if zh {
            ["社群", "积分"]
        } else {
            ["Groups", "Points"]
        });
    }
    h.push(if zh { "最近联系" } else { "Last contacted" });
    h
}

/// Whether `header` is the header row of a GroupDesk export (in either language).
pub(super) fn own_headers(header: &[String]) -> bool {
    [(true, false), (true, true), (false, false), (false, true)]
        .into_iter()
        .any(|(zh, group)| {
            headers(zh, group)
                .into_iter()
                .eq(header.iter().map(String::as_str))
        })
}

/// The export rows for `ids`, in that order.
fn rows(
    conn: &Connection,
    ids: &[i64],
    group: Option<i64>,
    zh: bool,
) -> rusqlite::Result<Vec<Vec<String>>> {
    let handle = |kind: &str| {
        format!("(SELECT group_concat(value, ' ') FROM member_handles h WHERE h.member_id = m.id AND h.kind = '{kind}')")
    };
    let group_cols = match group {
        Some(_) => "ms.joined_on, ms.status, ms.category, ms.points".to_string(),
        None => "(SELECT group_concat(g.name, '、') FROM memberships x JOIN groups g ON g.id = x.group_id
                  WHERE x.member_id = m.id AND x.status = 'in_group' AND g.deleted_at IS NULL),
                 NULL, NULL, (SELECT sum(points) FROM memberships x WHERE x.member_id = m.id)"
            .to_string(),
    };
    // Rows come out in the order of `ids` (the list's sort), whatever plan the statistics
    // suggest: rarray drives the join and its rowid orders the result.
    let sql = format!(
        "SELECT m.nickname, m.display_name, m.real_name, m.region, m.occupation, m.phone,
            {wx}, {qq}, {mail}, m.source, i.nickname,
            CASE m.birth_lunar WHEN 1 THEN '农历' WHEN 2 THEN '农历闰' ELSE '' END ||
            CASE WHEN m.birth_md IS NULL THEN NULL WHEN m.birth_year IS NULL THEN m.birth_md
                 ELSE m.birth_year || '-' || m.birth_md END,
            (SELECT group_concat(t.name, ',') FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = m.id),
            {group_cols}, m.last_contact_at
         FROM rarray(?1) a CROSS JOIN members m ON m.id = a.value
         LEFT JOIN members i ON i.id = m.invited_by
         {join}
         ORDER BY a.rowid",
        wx = handle("wechat"),
        qq = handle("qq"),
        mail = handle("email"),
        join = if group.is_some() { "LEFT JOIN memberships ms ON ms.member_id = m.id AND ms.group_id = ?2" } else { "" },
    );
    let set = Rc::new(ids.iter().map(|i| Value::Integer(*i)).collect::<Vec<_>>());
    let mut stmt = conn.prepare(&sql)?;
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Vec<String>> {
        let mut out = Vec::with_capacity(19);
        for i in 0..13 {
            out.push(r.get::<_, Option<String>>(i)?.unwrap_or_default());
        }
        if group.is_some() {
            out.push(r.get::<_, Option<String>>(13)?.unwrap_or_default());
            let status: Option<MemberStatus> = r.get(14)?;
            out.push(
                status
                    .map(|s| status_word(s, zh).to_string())
                    .unwrap_or_default(),
            );
            let cat: Option<Category> = r.get(15)?;
            out.push(
                cat.map(|c| category_word(c, zh).to_string())
                    .unwrap_or_default(),
            );
            out.push(
                r.get::<_, Option<i64>>(16)?
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            );
        } else {
            out.push(r.get::<_, Option<String>>(13)?.unwrap_or_default());
            out.push(
                r.get::<_, Option<i64>>(16)?
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            );
        }
        // Last contacted: the date part of the UTC instant.
        out.push(
            r.get::<_, Option<String>>(17)?
                .map(|t| t.chars().take(10).collect())
                .unwrap_or_default(),
        );
        Ok(out)
    };
    let rows = match group {
        Some(g) => stmt.query_map(rusqlite::params![set, g], map)?.collect(),
        None => stmt.query_map([set], map)?.collect(),
    };
    rows
}

/// What to export: the members a list filter matches, in the list's order.
pub struct ExportRequest<'a> {
    pub filter: &'a MemberFilter,
    pub sort: MemberSort,
    pub format: ExportFormat,
    pub path: &'a Path,
    /// The workspace folder: an export never writes into it (onto the database itself, its
    /// journal or a backup).
    pub workspace: &'a Path,
    /// Replace a file already at `path` (the user said yes when asked).
    pub overwrite: bool,
}

/// Refuses a target inside the workspace folder, and an existing file unless replacing it
/// was confirmed.
pub fn check_target(path: &Path, workspace: &Path, overwrite: bool) -> Result<(), TransferError> {
    if crate::files::is_inside(path, workspace) {
        return Err(TransferError::InsideWorkspace(path.display().to_string()));
    }
    if path.is_dir() {
        return Err(TransferError::Write(format!(
            "{} is a folder",
            path.display()
        )));
    }
    if path.exists() && !overwrite {
        return Err(TransferError::Exists(path.display().to_string()));
    }
    Ok(())
}

/// The export use case, for the window and the command line alike: the members the filter
/// matches, in list order, with headers in the user's language, written to `path`; returns how
/// many rows were written. Reads only (run it on a read connection).
pub fn export_filtered(
    conn: &Connection,
    req: &ExportRequest<'_>,
    clock: &Clock,
    progress: &dyn Progress,
) -> Result<u32, TransferError> {
    check_target(req.path, req.workspace, req.overwrite)?;
    progress.report(Step::Reading, 0, 1);
    let ids = members::ids(conn, req.filter, req.sort, clock)?;
    let zh = settings::load(conn)?.language == Language::ZhCn;
    export_members(
        conn,
        &ids,
        req.filter.group_id,
        req.format,
        zh,
        req.path,
        progress,
    )
}

/// Writes the members `ids` to `path` (through a unique temporary file, synced and renamed,
/// so a failed or cancelled export never leaves half a file); returns how many rows were
/// written.
pub fn export_members(
    conn: &Connection,
    ids: &[i64],
    group: Option<i64>,
    format: ExportFormat,
    zh: bool,
    path: &Path,
    progress: &dyn Progress,
) -> Result<u32, TransferError> {
    let data = rows(conn, ids, group, zh)?;
    progress.check()?;
    let head = headers(zh, group.is_some());
    crate::files::write_new(path, |file| {
        write_file(&data, &head, format, zh, file, progress)?;
        Ok::<_, TransferError>(progress.check()?)
    })?;
    Ok(data.len() as u32)
}

/// Rows between progress reports (and cancel checks) while writing.
const REPORT_EVERY: usize = 2_000;

fn write_file(
    data: &[Vec<String>],
    head: &[&str],
    format: ExportFormat,
    zh: bool,
    file: &mut std::fs::File,
    progress: &dyn Progress,
) -> Result<(), TransferError> {
    let total = data.len() as u64;
    let tick = |i: usize| -> Result<(), TransferError> {
        if i.is_multiple_of(REPORT_EVERY) {
            progress.check()?;
            progress.report(Step::Writing, i as u64, total);
        }
        Ok(())
    };
    let write_err = |e: &dyn std::fmt::Display| TransferError::Write(e.to_string());
    match format {
        ExportFormat::Csv => {
            let mut buf = Vec::with_capacity(data.len() * 120);
            buf.extend_from_slice(b"\xEF\xBB\xBF");
            {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(&mut buf);
                w.write_record(head).map_err(|e| write_err(&e))?;
                for (i, row) in data.iter().enumerate() {
                    tick(i)?;
                    // A value that itself starts with an apostrophe gets one more, so the
                    // import takes off exactly what the export added.
                    w.write_record(row.iter().map(|c| csv_safe(c).into_owned()))
                        .map_err(|e| write_err(&e))?;
                }
                w.flush().map_err(|e| write_err(&e))?;
            }
            file.write_all(&buf).map_err(|e| write_err(&e))?;
        }
        ExportFormat::Xlsx => {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            let bold = Format::new().set_bold();
            let quoted = Format::new().set_quote_prefix();
            sheet
                .set_name(if zh { "成员" } else { "Members" })
                .map_err(|e| write_err(&e))?;
            for (c, h) in head.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(|e| write_err(&e))?;
                sheet
                    .set_column_width(c as u16, if c < 3 { 16 } else { 12 })
                    .map_err(|e| write_err(&e))?;
            }
            for (r, row) in data.iter().enumerate() {
                tick(r)?;
                for (c, v) in row.iter().enumerate() {
                    if v.is_empty() {
                        continue;
                    }
                    let (r, c) = (r as u32 + 1, c as u16);
                    if dangerous(v) {
                        sheet.write_string_with_format(r, c, v, &quoted)
                    } else {
                        sheet.write_string(r, c, v)
                    }
                    .map_err(|e| write_err(&e))?;
                }
            }
            sheet.set_freeze_panes(1, 0).map_err(|e| write_err(&e))?;
            book.save_to_writer(file).map_err(|e| write_err(&e))?;
        }
    }
    progress.report(Step::Writing, total, total);
    Ok(())
}
