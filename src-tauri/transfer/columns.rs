//! What a file column means: the member field it fills ([`Target`]), guessed from header words
//! owners use (中文 and English, including this app's own export headers, so an export imports
//! back), and the words for categories and statuses in either language.
use crate::members::text::fold;
use crate::members::{Category, HandleKind, MemberStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Nickname,
    DisplayName,
    RealName,
    Region,
    Occupation,
    Phone,
    Handle {
        handle: HandleKind,
    },
    Source,
    /// The inviter's nickname (a member already in the book or earlier in the file).
    InvitedBy,
    Birthday,
    /// Join date in the chosen group.
    JoinedOn,
    /// Several tags separated by `,` `，` `、` `;` `|` or spaces.
    Tags,
    /// Becomes a note on the member.
    Note,
    Category,
    Status,
    Role,
    /// A user-defined field.
    Field {
        field_id: i64,
    },
}

const WORDS: &[(&[&str], Target)] = &[
    (
        &["昵称", "微信昵称", "网名", "nickname", "nick", "name"],
        Target::Nickname,
    ),
    (
        &[
            "群昵称",
            "群名片",
            "群内昵称",
            "群名称",
            "displayname",
            "groupname",
        ],
        Target::DisplayName,
    ),
    (
        &["真实姓名", "姓名", "realname", "fullname"],
        Target::RealName,
    ),
    (
        &[
            "地区",
            "城市",
            "所在地",
            "所在城市",
            "地址",
            "region",
            "city",
            "location",
        ],
        Target::Region,
    ),
    (
        &["职业", "行业", "工作", "occupation", "job", "profession"],
        Target::Occupation,
    ),
    (
        &[
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "联系电话",
            "phone",
            "mobile",
            "tel",
        ],
        Target::Phone,
    ),
    (
        &["微信", "微信号", "wechat", "weixin", "wechatid"],
        Target::Handle {
            handle: HandleKind::Wechat,
        },
    ),
    (
        &["企业微信", "wecom"],
        Target::Handle {
            handle: HandleKind::Wecom,
        },
    ),
    (
        &["qq", "qq号"],
        Target::Handle {
            handle: HandleKind::Qq,
        },
    ),
    (
        &["邮箱", "电子邮件", "email", "e-mail", "mail"],
        Target::Handle {
            handle: HandleKind::Email,
        },
    ),
    (
        &["telegram", "tg"],
        Target::Handle {
            handle: HandleKind::Telegram,
        },
    ),
    (
        &["discord"],
        Target::Handle {
            handle: HandleKind::Discord,
        },
    ),
    (
        &["来源", "渠道", "来源渠道", "source", "channel"],
        Target::Source,
    ),
    (
        &[
            "邀请人",
            "推荐人",
            "介绍人",
            "invitedby",
            "referrer",
            "inviter",
        ],
        Target::InvitedBy,
    ),
    (
        &["生日", "出生日期", "birthday", "birthdate", "dateofbirth"],
        Target::Birthday,
    ),
    (
        &[
            "入群时间",
            "入群日期",
            "加入时间",
            "加入日期",
            "joined",
            "joinedon",
            "joindate",
        ],
        Target::JoinedOn,
    ),
    (&["标签", "tags", "tag", "labels"], Target::Tags),
    (
        &["备注", "笔记", "说明", "note", "notes", "remark", "remarks"],
        Target::Note,
    ),
    (&["分类", "会员分类", "类别", "category"], Target::Category),
    (&["状态", "status"], Target::Status),
    (&["角色", "身份", "role"], Target::Role),
];

fn key(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '*')
        .collect()
}

/// A guess for each header; each target is used at most once (handles and unknown: none).
pub fn guess_columns(headers: &[String]) -> Vec<Option<Target>> {
    let mut used: Vec<Target> = Vec::new();
    let mut out: Vec<Option<Target>> = headers
        .iter()
        .map(|h| {
            let k = key(h);
            let t = WORDS
                .iter()
                .find(|(words, _)| words.contains(&k.as_str()))
                .map(|(_, t)| *t)?;
            if used.contains(&t) {
                return None;
            }
            used.push(t);
            Some(t)
        })
        .collect();
    // Only a 姓名 column: it is what the owner calls people, so it is the nickname.
    if !used.contains(&Target::Nickname) {
        if let Some(slot) = out.iter_mut().find(|t| **t == Some(Target::RealName)) {
            *slot = Some(Target::Nickname);
        }
    }
    out
}

/// A category from its value or either language's word for it.
pub fn parse_category(s: &str) -> Option<Category> {
    let k = key(s);
    Category::parse(&k).or(match k.as_str() {
        "活跃" | "活跃成员" => Some(Category::Active),
        "沉默" | "潜水" | "沉默成员" => Some(Category::Silent),
        "贡献" | "贡献者" => Some(Category::Contributor),
        "付费" | "付费会员" => Some(Category::Paying),
        "管理员" | "群管" | "管理" => Some(Category::Admin),
        "核心" | "核心用户" | "核心成员" | "kol" => Some(Category::Core),
        _ => None,
    })
}

pub fn parse_status(s: &str) -> Option<MemberStatus> {
    let k = key(s);
    MemberStatus::parse(&k).or(match k.as_str() {
        "在群" | "在群中" | "ingroup" => Some(MemberStatus::InGroup),
        "退群" | "已退群" | "离开" => Some(MemberStatus::Left),
        "踢出" | "已踢出" | "移出" => Some(MemberStatus::Removed),
        "拉黑" | "黑名单" | "已拉黑" => Some(MemberStatus::Blacklisted),
        _ => None,
    })
}

/// Words used in exports, per language.
pub fn category_word(c: Category, zh: bool) -> &'static str {
    match (c, zh) {
        (Category::Active, true) => "活跃",
        (Category::Silent, true) => "沉默",
        (Category::Contributor, true) => "贡献",
        (Category::Paying, true) => "付费",
        (Category::Admin, true) => "管理员",
        (Category::Core, true) => "核心",
        (Category::Active, false) => "Active",
        (Category::Silent, false) => "Silent",
        (Category::Contributor, false) => "Contributor",
        (Category::Paying, false) => "Paying",
        (Category::Admin, false) => "Admin",
        (Category::Core, false) => "Core",
    }
}

pub fn status_word(s: MemberStatus, zh: bool) -> &'static str {
    match (s, zh) {
        (MemberStatus::InGroup, true) => "在群",
        (MemberStatus::Left, true) => "退群",
        (MemberStatus::Removed, true) => "踢出",
        (MemberStatus::Blacklisted, true) => "拉黑",
        (MemberStatus::InGroup, false) => "In group",
        (MemberStatus::Left, false) => "Left",
        (MemberStatus::Removed, false) => "Removed",
        (MemberStatus::Blacklisted, false) => "Blacklisted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_common_headers() {
        let h: Vec<String> = ["微信昵称", "手机号", "生日", "标签", "QQ", "备注", "不认识"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            guess_columns(&h),
            vec![
                Some(Target::Nickname),
                Some(Target::Phone),
                Some(Target::Birthday),
                Some(Target::Tags),
                Some(Target::Handle {
                    handle: HandleKind::Qq
                }),
                Some(Target::Note),
                None
            ]
        );
        let only_name = vec!["姓名".to_string()];
        assert_eq!(guess_columns(&only_name), vec![Some(Target::Nickname)]);
        assert_eq!(parse_category("核心用户"), Some(Category::Core));
        assert_eq!(parse_status("Blacklisted"), Some(MemberStatus::Blacklisted));
    }
}
