//! The retrospective (复盘) handed out: the campaign's goal against its result, what worked,
//! what did not, what to change, with the numbers — joins per day, cost per member beside the
//! other channels, the invite leaderboard, retention, the checklist — as an XLSX workbook (two
//! sheets, A4) or a printable HTML page. Written through a temporary file and a rename.
use super::results::{results, CampaignResults};
use super::{get, Campaign, CampaignError, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::io::Write as _;
use std::path::Path;

/// How the retrospective is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetroFormat {
    Xlsx,
    Html,
}

fn yuan(fen: Option<i64>) -> String {
    fen.map_or_else(|| "—".into(), |f| format!("¥{:.2}", f as f64 / 100.0))
}

fn pct(n: u32, of: u32) -> String {
    if of == 0 {
        "—".into()
    } else {
        format!(
            "{}/{} ({:.0}%)",
            n,
            of,
            f64::from(n) * 100.0 / f64::from(of)
        )
    }
}

/// The summary lines (label, value) both formats show, in the owner's language.
fn summary(c: &Campaign, r: &CampaignResults, zh: bool) -> Vec<(String, String)> {
    let l = |a: &str, b: &str| if zh { a.to_string() } else { b.to_string() };
    let mut rows = vec![
        (l("活动", "Campaign"), c.name.clone()),
        (l("日期", "Dates"), format!("{} – {}", c.start, c.end)),
        (l("社群", "Groups"), c.groups.join("、")),
        (l("来源码", "Source code"), c.source.clone()),
        (l("预算", "Budget"), yuan(c.budget_fen)),
        (l("诱饵成本", "Bait cost"), yuan(c.bait_fen)),
        (l("花费", "Spent"), yuan(r.spent_fen)),
        (l("新增成员", "Members acquired"), r.joins.to_string()),
        (
            l("其中来自邀请", "Of them through invites"),
            r.by_inviter.to_string(),
        ),
        (
            l("人均获客成本", "Cost per member"),
            yuan(r.cost_per_member_fen),
        ),
        (
            l("7 天留存", "Still in after 7 days"),
            pct(r.retention.stayed_7, r.retention.eligible_7),
        ),
        (
            l("30 天留存", "Still in after 30 days"),
            pct(r.retention.stayed_30, r.retention.eligible_30),
        ),
    ];
    for g in &r.goals {
        rows.push((
            format!("{} {}", l("目标", "CampaignGoal"), g.metric.as_str()),
            format!(
                "{} / {}",
                g.actual.map_or_else(|| "—".into(), |a| a.to_string()),
                g.target
            ),
        ));
    }
    rows.push((l("做得好的", "What worked"), c.worked.clone()));
    rows.push((l("没做好的", "What did not"), c.failed.clone()));
    rows.push((l("下次改进", "What to change"), c.change_next.clone()));
    rows
}

/// One table of numbers: its heading cells and its rows (counts as numbers, so a spreadsheet
/// can sum them).
struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

enum Cell {
    Text(String),
    Count(u32),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
        }
    }
}

/// The numbers behind the summary, in both formats: joins per day, this campaign beside the
/// other channels, the invite leaderboard, the checklist.
fn tables(c: &Campaign, r: &CampaignResults, zh: bool) -> Vec<Table> {
    let l = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut channels = vec![vec![
        Cell::Text(format!("{}（{}）", l("本活动", "This campaign"), c.source)),
        Cell::Count(r.joins),
        Cell::Text(yuan(r.cost_per_member_fen)),
    ]];
    for ch in &r.channels {
        let name = if ch.source.is_empty() {
            l("（未填来源）", "(no source)").to_string()
        } else {
            ch.source.clone()
        };
        channels.push(vec![
            Cell::Text(name),
            Cell::Count(ch.joins),
            Cell::Text(yuan(ch.cost_per_member_fen)),
        ]);
    }
    vec![
        Table {
            head: vec![l("日期", "Date"), l("新增", "Joins")],
            rows: r
                .per_day
                .iter()
                .map(|d| vec![Cell::Text(d.date.clone()), Cell::Count(d.joins)])
                .collect(),
        },
        Table {
            head: vec![
                l("渠道", "Channel"),
                l("新增", "Joins"),
                l("人均成本", "Cost per member"),
            ],
            rows: channels,
        },
        Table {
            head: vec![l("邀请榜", "Inviter"), l("邀请人数", "Invited")],
            rows: r
                .leaderboard
                .iter()
                .map(|i| vec![Cell::Text(i.nickname.clone()), Cell::Count(i.invited)])
                .collect(),
        },
        Table {
            head: vec![l("清单", "Checklist"), l("日期", "Due"), l("完成", "Done")],
            rows: c
                .checklist
                .iter()
                .map(|s| {
                    vec![
                        Cell::Text(s.title.clone()),
                        Cell::Text(s.due.clone()),
                        Cell::Text(if s.done { "✓" } else { "" }.into()),
                    ]
                })
                .collect(),
        },
    ]
}

fn to_xlsx(c: &Campaign, r: &CampaignResults, zh: bool) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let bad = |e: rust_xlsxwriter::XlsxError| {
        CampaignError::Calendar(crate::calendar::CalendarError::Write(e.to_string()))
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let sheet = book.add_worksheet();
    sheet
        .set_name(if zh { "复盘" } else { "Review" })
        .map_err(bad)?;
    sheet.set_paper_size(9);
    sheet.set_column_width(0, 22).map_err(bad)?;
    sheet.set_column_width(1, 60).map_err(bad)?;
    for (i, (k, v)) in summary(c, r, zh).into_iter().enumerate() {
        sheet
            .write_string_with_format(i as u32, 0, k, &bold)
            .map_err(bad)?;
        sheet
            .write_string_with_format(i as u32, 1, v, &wrap)
            .map_err(bad)?;
    }

    let sheet = book.add_worksheet();
    sheet
        .set_name(if zh { "数据" } else { "Numbers" })
        .map_err(bad)?;
    sheet.set_paper_size(9);
    for col in 0..3 {
        sheet.set_column_width(col, 22).map_err(bad)?;
    }
    let mut row = 0u32;
    for table in tables(c, r, zh) {
        for (i, h) in table.head.iter().enumerate() {
            sheet
                .write_string_with_format(row, i as u16, *h, &bold)
                .map_err(bad)?;
        }
        row += 1;
        for cells in &table.rows {
            for (i, cell) in cells.iter().enumerate() {
                match cell {
                    Cell::Text(t) => sheet.write_string(row, i as u16, t),
                    Cell::Count(n) => sheet.write_number(row, i as u16, f64::from(*n)),
                }
                .map_err(bad)?;
            }
            row += 1;
        }
        row += 1;
    }
    book.save_to_buffer().map_err(bad)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn to_html(c: &Campaign, r: &CampaignResults, zh: bool) -> Vec<u8> {
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>@page{{size:A4;margin:14mm}}body{{font-family:system-ui,'Noto Sans CJK SC',sans-serif;\
         color:#1d2521;max-width:780px;margin:24px auto;line-height:1.6}}h1{{font-size:22px}}\
         table{{border-collapse:collapse;width:100%;margin:12px 0 20px;break-inside:avoid}}th,td{{border:1px solid #cfd8d3;\
         padding:6px 10px;text-align:left;vertical-align:top;white-space:pre-wrap}}th{{background:#eef3f0}}\
         </style></head><body><h1>{}</h1><table>",
        if zh { "zh-CN" } else { "en" },
        esc(&c.name),
        esc(&format!("{} · {}", c.name, if zh { "活动复盘" } else { "Review" }))
    );
    for (k, v) in summary(c, r, zh) {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(&k),
            esc(&v)
        ));
    }
    out.push_str("</table>");
    for table in tables(c, r, zh).into_iter().filter(|t| !t.rows.is_empty()) {
        out.push_str("<table><tr>");
        for h in &table.head {
            out.push_str(&format!("<th>{}</th>", esc(h)));
        }
        out.push_str("</tr>");
        for cells in &table.rows {
            out.push_str("<tr>");
            for cell in cells {
                out.push_str(&format!("<td>{}</td>", esc(&cell.text())));
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
    }
    out.push_str("</body></html>\n");
    out.into_bytes()
}

/// Writes campaign `id`'s retrospective to `path`.
pub fn export_retro(
    conn: &Connection,
    id: i64,
    format: RetroFormat,
    zh: bool,
    today: NaiveDate,
    path: &Path,
) -> Result<()> {
    let c = get(conn, id)?;
    let r = results(conn, id, today)?;
    let bytes = match format {
        RetroFormat::Xlsx => to_xlsx(&c, &r, zh)?,
        RetroFormat::Html => to_html(&c, &r, zh),
    };
    crate::files::write_new(path, |f| f.write_all(&bytes)).map_err(|e: std::io::Error| {
        CampaignError::Calendar(crate::calendar::CalendarError::Write(e.to_string()))
    })
}
