//! Filling a script for members: each placeholder takes the member's (or the group's) value,
//! its fallback when there is none (`{昵称|朋友}`), or nothing — and the ones left empty are
//! reported, so the UI can say "张三 has no birthday" before the text is pasted.
//!
//! The facts of many members are read in one query ([`load_members`]), custom fields only when
//! the script uses them; filling itself is string work. A batch message ([`fill_together`])
//! names everyone at once, @-mentioned the way the platform does it.
use super::template::{Builtin, Name, Piece, Template};
use crate::groups::Platform;
use crate::settings::Language;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;
use ts_rs::TS;

/// What a script knows of its group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFacts {
    pub id: i64,
    pub name: String,
    pub platform: Option<Platform>,
    pub rules: String,
    pub announcement: String,
    pub name_format: String,
    /// Members in the group now.
    pub size: u32,
}

/// What a script knows of a member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFacts {
    pub id: i64,
    pub nickname: String,
    pub display_name: String,
    pub inviter: Option<String>,
    /// In the group the script is for.
    pub joined_on: Option<NaiveDate>,
    /// `MM-DD` and 0 solar / 1 lunar / 2 lunar leap month.
    pub birth_md: Option<String>,
    pub birth_lunar: u8,
    /// The member's handle on the group's platform (Telegram/Discord mentions use it).
    pub handle: Option<String>,
    /// Whether they are in the group now (false without a group).
    pub in_group: bool,
    pub fields: HashMap<i64, String>,
}

impl MemberFacts {
    pub fn call_name(&self) -> &str {
        if self.display_name.trim().is_empty() {
            &self.nickname
        } else {
            &self.display_name
        }
    }
}

/// Everything but the member: the group, the owner's name, the day, the language dates are
/// written in.
#[derive(Debug, Clone)]
pub struct Context {
    pub group: Option<GroupFacts>,
    pub owner: String,
    pub today: NaiveDate,
    pub lang: Language,
}

/// One filled text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Filled {
    /// The member it was filled for (none for a batch message or a script without one).
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    pub nickname: String,
    pub text: String,
    /// Placeholders (stored names) that had no value and no fallback, so were left empty.
    pub missing: Vec<String>,
}

fn date_text(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{}月{}日", d.month(), d.day()),
        Language::En => d.format("%b %-d").to_string(),
    }
}

fn birthday_text(md: &str, lunar: u8, lang: Language) -> Option<String> {
    let (m, d) = md.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if lunar > 0 {
        let name = crate::lunar::name(m, d, lunar == 2);
        return Some(match lang {
            Language::ZhCn => format!("农历{name}"),
            Language::En => format!("lunar {name}"),
        });
    }
    let d = NaiveDate::from_ymd_opt(2000, m, d)?;
    Some(date_text(d, lang))
}

fn nonempty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// The value of one placeholder, when there is one.
fn value(name: &Name, m: Option<&MemberFacts>, cx: &Context) -> Option<String> {
    let g = cx.group.as_ref();
    match name {
        Name::Field(id) => m.and_then(|m| m.fields.get(id)).and_then(|v| nonempty(v)),
        Name::Builtin(b) => match b {
            Builtin::Nickname => m.map(|m| m.nickname.clone()),
            Builtin::CallName => m.map(|m| m.call_name().to_string()),
            Builtin::Group => g.map(|g| g.name.clone()),
            Builtin::Rules => g.and_then(|g| nonempty(&g.rules)),
            Builtin::Announcement => g.and_then(|g| nonempty(&g.announcement)),
            Builtin::NameFormat => g.and_then(|g| nonempty(&g.name_format)),
            Builtin::Inviter => m.and_then(|m| m.inviter.clone()),
            Builtin::DaysInGroup => m
                .and_then(|m| m.joined_on)
                .map(|j| (cx.today - j).num_days().max(0).to_string()),
            Builtin::Birthday => {
                m.and_then(|m| birthday_text(m.birth_md.as_deref()?, m.birth_lunar, cx.lang))
            }
            Builtin::Today => Some(date_text(cx.today, cx.lang)),
            Builtin::Owner => nonempty(&cx.owner),
            Builtin::GroupSize => g.map(|g| g.size.to_string()),
        },
    }
}

fn stored_name(name: &Name, fields: &[(i64, String)]) -> String {
    match name {
        Name::Builtin(b) => b.stored_name().to_string(),
        Name::Field(id) => fields
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    }
}

/// Walks the template; `personal` answers the member's placeholders (one member's value, or
/// everyone's mentions).
fn walk(
    t: &Template,
    fields: &[(i64, String)],
    mut personal: impl FnMut(&Name) -> Option<String>,
) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut missing = Vec::new();
    for piece in &t.pieces {
        match piece {
            Piece::Text(s) => text.push_str(s),
            Piece::Slot { name, fallback } => match personal(name).or_else(|| fallback.clone()) {
                Some(v) => text.push_str(&v),
                None => {
                    let n = stored_name(name, fields);
                    if !missing.contains(&n) {
                        missing.push(n);
                    }
                }
            },
        }
    }
    (text, missing)
}

/// `t` filled for one member (or for none: a script that names no member).
pub fn fill_one(
    t: &Template,
    m: Option<&MemberFacts>,
    cx: &Context,
    fields: &[(i64, String)],
) -> Filled {
    let (text, missing) = walk(t, fields, |n| value(n, m, cx));
    Filled {
        member_id: m.map(|m| m.id),
        nickname: m.map(|m| m.nickname.clone()).unwrap_or_default(),
        text,
        missing,
    }
}

/// How the platform @-mentions a member in a pasted text: WeChat and WeCom put a
/// four-per-em space (U+2005) after the name, as their own @ picker does; Telegram and
/// Discord mention by handle when the book has one.
pub fn mention(m: &MemberFacts, platform: Option<Platform>) -> String {
    match platform {
        Some(Platform::Wechat) | Some(Platform::Wecom) => format!("@{}\u{2005}", m.call_name()),
        Some(Platform::Telegram) | Some(Platform::Discord) => match &m.handle {
            Some(h) => format!("@{} ", h.trim_start_matches('@')),
            None => format!("@{} ", m.call_name()),
        },
        _ => format!("@{} ", m.call_name()),
    }
}

/// One text for several members at once (a batch of newcomers): the nickname and name
/// placeholders become everyone @-mentioned; other personal values (birthday, days in the
/// group) have no single value, so take their fallback or stay empty.
pub fn fill_together(
    t: &Template,
    members: &[MemberFacts],
    cx: &Context,
    fields: &[(i64, String)],
) -> Filled {
    let platform = cx.group.as_ref().and_then(|g| g.platform);
    let mentions: String = members.iter().map(|m| mention(m, platform)).collect();
    let mentions = mentions.trim_end().to_string();
    let (text, missing) = walk(t, fields, |n| match n {
        Name::Builtin(Builtin::Nickname | Builtin::CallName) => {
            (!members.is_empty()).then(|| mentions.clone())
        }
        Name::Builtin(b) if b.is_personal() => None,
        Name::Field(_) => None,
        _ => value(n, None, cx),
    });
    Filled {
        member_id: None,
        nickname: String::new(),
        text,
        missing,
    }
}

/// The facts of `ids` for a script in `group` (their join date there, their handle on its
/// platform), in the order of `ids`, skipping members not found. `field_ids` are the custom
/// fields the script uses (only those are read).
pub fn load_members(
    conn: &Connection,
    ids: &[i64],
    group: Option<&GroupFacts>,
    field_ids: &[i64],
) -> rusqlite::Result<Vec<MemberFacts>> {
    let set = Rc::new(ids.iter().map(|i| Value::Integer(*i)).collect::<Vec<_>>());
    // Only Telegram and Discord mention by handle (see [`mention`]); elsewhere the handle is
    // not read at all.
    let handle_kind = match group.and_then(|g| g.platform) {
        Some(p @ (Platform::Telegram | Platform::Discord)) => p.as_str(),
        _ => "",
    };
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.nickname, m.display_name, i.nickname, ms.joined_on, m.birth_md,
                m.birth_lunar, ms.status IS 'in_group',
                CASE WHEN ?3 = '' THEN NULL ELSE
                    (SELECT value FROM member_handles h WHERE h.member_id = m.id AND h.kind = ?3
                     ORDER BY position LIMIT 1) END
         FROM members m
         LEFT JOIN members i ON i.id = m.invited_by AND i.deleted_at IS NULL
         LEFT JOIN memberships ms ON ms.member_id = m.id AND ms.group_id = ?2
         WHERE m.id IN rarray(?1) AND m.deleted_at IS NULL",
    )?;
    let mut by_id: HashMap<i64, MemberFacts> = stmt
        .query_map(
            rusqlite::params![set, group.map(|g| g.id), handle_kind],
            |r| {
                let joined: Option<String> = r.get(4)?;
                Ok(MemberFacts {
                    id: r.get(0)?,
                    nickname: r.get(1)?,
                    display_name: r.get(2)?,
                    inviter: r.get(3)?,
                    joined_on: joined.as_deref().and_then(crate::dates::iso_date),
                    birth_md: r.get(5)?,
                    birth_lunar: r.get(6)?,
                    in_group: r.get(7)?,
                    handle: r.get(8)?,
                    fields: HashMap::new(),
                })
            },
        )?
        .map(|r| r.map(|m| (m.id, m)))
        .collect::<rusqlite::Result<_>>()?;
    for field in field_ids {
        let mut stmt = conn.prepare_cached(
            "SELECT member_id, value FROM member_field_values
             WHERE field_id = ?1 AND member_id IN rarray(?2)",
        )?;
        let rows = stmt.query_map(rusqlite::params![field, set], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, v) = row?;
            if let Some(m) = by_id.get_mut(&id) {
                m.fields.insert(*field, v);
            }
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The custom fields a template uses.
pub fn fields_used(t: &Template) -> Vec<i64> {
    let mut out = Vec::new();
    for p in &t.pieces {
        if let Piece::Slot {
            name: Name::Field(id),
            ..
        } = p
        {
            if !out.contains(id) {
                out.push(*id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::template::parse;
    use super::*;

    fn cx() -> Context {
        Context {
            group: Some(GroupFacts {
                id: 1,
                name: "读书会3群".into(),
                platform: Some(Platform::Wechat),
                rules: "1. 不发广告".into(),
                announcement: String::new(),
                name_format: "名称+地区+职业".into(),
                size: 120,
            }),
            owner: "小雅".into(),
            today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            lang: Language::ZhCn,
        }
    }

    fn member(nick: &str, display: &str) -> MemberFacts {
        MemberFacts {
            id: 1,
            nickname: nick.into(),
            display_name: display.into(),
            joined_on: NaiveDate::from_ymd_opt(2026, 11, 30),
            birth_md: Some("03-05".into()),
            birth_lunar: 1,
            ..Default::default()
        }
    }

    #[test]
    fn values_fallbacks_and_what_is_missing() {
        let fields = vec![(9, "会员卡号".to_string())];
        let (t, p) = parse(
            "欢迎{称呼}🎉加入{群名}！第{入群天数}天，生日{生日}，邀请人{邀请人|群友}，公告{群公告}，卡号{会员卡号}，群主{群主}",
            &fields,
        );
        assert!(p.is_empty());
        let mut m = member("阿花", "阿花-杭州-设计");
        m.fields.insert(9, "A-001".into());
        let f = fill_one(&t, Some(&m), &cx(), &fields);
        assert_eq!(
            f.text,
            "欢迎阿花-杭州-设计🎉加入读书会3群！第4天，生日农历三月初五，邀请人群友，公告，卡号A-001，群主小雅"
        );
        assert_eq!(f.missing, vec!["群公告"]);
        let f = fill_one(&t, Some(&member("Bob", "")), &cx(), &fields);
        assert!(f.text.starts_with("欢迎Bob🎉"));
        assert_eq!(f.missing, vec!["群公告", "会员卡号"]);
    }

    #[test]
    fn a_batch_mentions_everyone_as_wechat_does() {
        let (t, _) = parse("欢迎 {昵称} 加入{群名}，生日{生日|待补充}", &[]);
        let ms = vec![member("张三", ""), member("李四", "李四-北京")];
        let f = fill_together(&t, &ms, &cx(), &[]);
        assert_eq!(
            f.text,
            "欢迎 @张三\u{2005}@李四-北京 加入读书会3群，生日待补充"
        );
    }
}
