//! `script add|list|fill` on the command line: the contract scripts rely on. `add` refuses an
//! unknown or unclosed placeholder (exit 1, nothing saved) and warns about flagged words (and
//! saves); `list --json` is an array of the stored scripts; `fill` prints the texts to paste.
use super::calendar::PlatformArg;
use super::{fail, open_for_reading, open_store, shown};
use crate::groups;
use crate::reminders::zone::local_date;
use crate::scripts::{self, check, template::ProblemKind, welcome, FillRequest, ScriptError};
use crate::scripts::{ScriptInput, ScriptQuery};
use crate::settings;
use chrono::Utc;
use clap::Subcommand;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ScriptWhat {
    /// Add a script to the library (话术库). Placeholders: {昵称} {称呼} {群名} {群规}
    /// {群公告} {群名片格式} {邀请人} {入群天数} {生日} {今天} {群主}, custom fields by name,
    /// English names too ({nickname}…); {昵称|朋友} falls back to 朋友
    Add {
        /// welcome, rules, intro, add_friend, announcement, red_packet, farewell, win_back,
        /// birthday, milestone, or your own kind
        #[arg(long)]
        kind: String,
        /// Only for this group (default: shared by every group)
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
        /// Only for this platform (default: any)
        #[arg(long, value_enum)]
        platform: Option<PlatformArg>,
        /// A name for this variant
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long)]
        text: String,
        /// Make it the default of its kind (the first of a kind is the default anyway)
        #[arg(long)]
        default: bool,
    },
    /// List the scripts
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print a script of KIND filled for a member, for every newcomer not yet welcomed, or
    /// for nobody (group placeholders only)
    Fill {
        kind: String,
        #[arg(long, value_name = "NAME")]
        group: String,
        /// Nickname, in-group name or real name (the candidates are listed when several match)
        #[arg(long, conflicts_with = "all_new")]
        member: Option<String>,
        /// Every member of the group who joined in the last 7 days and is not welcomed yet
        #[arg(long)]
        all_new: bool,
        /// One text @-mentioning everyone instead of one text each
        #[arg(long)]
        together: bool,
        #[arg(long)]
        json: bool,
    },
}

fn script_error(e: ScriptError) -> String {
    match e {
        ScriptError::Placeholders(problems) => problems
            .iter()
            .map(|p| match p.kind {
                ProblemKind::Unknown => format!(
                    "unknown placeholder {{{}}} at character {}",
                    shown(&p.name),
                    p.at + 1
                ),
                ProblemKind::Unclosed => {
                    format!("a brace is not closed at character {}", p.at + 1)
                }
                ProblemKind::Empty => format!("an empty placeholder at character {}", p.at + 1),
            })
            .collect::<Vec<_>>()
            .join("; "),
        ScriptError::Invalid(fields) => super::fields_line(&fields),
        other => other.to_string(),
    }
}

fn group_id(conn: &rusqlite::Connection, name: &str) -> Result<i64, ExitCode> {
    match groups::find_by_name(conn, name) {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(fail(format!("there is no group named {:?}", shown(name)))),
        Err(e) => Err(fail(e)),
    }
}

pub fn run_script(dir: &Path, what: ScriptWhat) -> ExitCode {
    match what {
        ScriptWhat::Add {
            kind,
            group,
            platform,
            name,
            text,
            default,
        } => {
            let Some(mut store) = open_store(dir) else {
                return ExitCode::FAILURE;
            };
            let group_id = match group.as_deref().map(|g| group_id(store.conn(), g)) {
                Some(Err(code)) => return code,
                Some(Ok(id)) => Some(id),
                None => None,
            };
            let input = ScriptInput {
                kind,
                name,
                group_id,
                platform: platform.map(Into::into),
                body: text,
                is_default: default,
            };
            let result = store.write(|w| {
                let s = scripts::create(w, &input, Utc::now())?;
                let words = check::find_words(&s.body, &check::words(w)?);
                Ok::<_, ScriptError>((s, words))
            });
            match result {
                Ok((s, words)) => {
                    for hit in &words {
                        eprintln!(
                            "warning: \"{}\" (line {}, column {}) is a word platforms commonly \
                             block or flag",
                            shown(&hit.word),
                            hit.line,
                            hit.column
                        );
                    }
                    println!(
                        "Added {} script (id {}){}",
                        shown(&s.kind),
                        s.id,
                        if s.is_default { ", the default" } else { "" }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!("script not saved: {}", script_error(e))),
            }
        }
        ScriptWhat::List { json } => {
            let Some(store) = open_for_reading(dir) else {
                return ExitCode::FAILURE;
            };
            let list = match scripts::list(store.conn(), &ScriptQuery::default()) {
                Ok(l) => l,
                Err(e) => return fail(script_error(e)),
            };
            if json {
                return super::print_json(&list).err().unwrap_or(ExitCode::SUCCESS);
            }
            for s in &list {
                let first_line = s.body.lines().next().unwrap_or("");
                println!(
                    "{}\t{}{}\t{}\t{}\t{}",
                    s.id,
                    shown(&s.kind),
                    if s.is_default { "*" } else { "" },
                    shown(s.group_name.as_deref().unwrap_or("-")),
                    s.platform.map_or("-", |p| p.as_str()),
                    shown(first_line)
                );
            }
            ExitCode::SUCCESS
        }
        ScriptWhat::Fill {
            kind,
            group,
            member,
            all_new,
            together,
            json,
        } => run_fill(dir, kind, &group, member, all_new, together, json),
    }
}

fn run_fill(
    dir: &Path,
    kind: String,
    group: &str,
    member: Option<String>,
    all_new: bool,
    together: bool,
    json: bool,
) -> ExitCode {
    let Some(store) = open_for_reading(dir) else {
        return ExitCode::FAILURE;
    };
    let conn = store.conn();
    let gid = match group_id(conn, group) {
        Ok(id) => id,
        Err(code) => return code,
    };
    let prefs = match settings::load(conn) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let plan = settings::plan(&prefs);
    let now = Utc::now();
    let member_ids: Vec<i64> = if let Some(name) = member {
        let found = match scripts::find_members(conn, gid, &name) {
            Ok(f) => f,
            Err(e) => return fail(script_error(e)),
        };
        match found.as_slice() {
            [] => {
                return fail(format!(
                    "no member of {} is named {:?}",
                    shown(group),
                    shown(&name)
                ))
            }
            [one] => vec![one.id],
            several => {
                eprintln!(
                    "groupdesk: {} members of {} match {:?}; name one exactly:",
                    several.len(),
                    shown(group),
                    shown(&name)
                );
                for m in several {
                    eprintln!(
                        "  {}\t{}\t{}\t{}",
                        m.id,
                        shown(&m.nickname),
                        shown(&m.display_name),
                        shown(&m.real_name)
                    );
                }
                return ExitCode::FAILURE;
            }
        }
    } else if all_new {
        match welcome::pending(conn, Some(gid), now, plan.tz) {
            Ok(p) => p.into_iter().map(|p| p.member_id).collect(),
            Err(e) => return fail(script_error(e)),
        }
    } else {
        Vec::new()
    };
    let request = FillRequest {
        script_id: None,
        kind,
        group_id: Some(gid),
        platform: None,
        member_ids: member_ids.clone(),
        together,
    };
    let mut copy =
        match scripts::fill_script(conn, &request, local_date(plan.tz, now), prefs.language) {
            Ok(c) => c,
            Err(e) => return fail(script_error(e)),
        };
    if all_new && member_ids.is_empty() {
        copy.texts.clear();
        if !json {
            eprintln!("Nobody in {} is waiting for a welcome.", shown(group));
        }
    }
    for t in &copy.texts {
        for name in &t.filled.missing {
            eprintln!(
                "note: {} has no {{{}}}; it was left empty",
                if t.filled.nickname.is_empty() {
                    "the text"
                } else {
                    &t.filled.nickname
                },
                shown(name)
            );
        }
        if let Some(limit) = copy.limit.filter(|l| t.length > *l) {
            eprintln!(
                "warning: {} characters, over the platform's {limit}",
                t.length
            );
        }
    }
    if json {
        return super::print_json(&copy).err().unwrap_or(ExitCode::SUCCESS);
    }
    let several = copy.texts.len() > 1;
    for (i, t) in copy.texts.iter().enumerate() {
        if i > 0 {
            println!();
        }
        if several {
            println!("## {}", shown(&t.filled.nickname));
        }
        for line in t.filled.text.lines() {
            println!("{}", shown(line));
        }
    }
    ExitCode::SUCCESS
}
