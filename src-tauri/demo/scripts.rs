//! A realistic script library (话术库) for the demo: one shared script of every shipped kind,
//! written the way owners write them (the welcome with the rules and the 群名片 format, the
//! self-introduction template, the add-friend script…), a second welcome variant, and the
//! first group's own welcome — so a fill shows the group's script winning over the shared one.
//! A few newcomers of the last days wait in the first two groups, for Today's welcome section.
use crate::members::{self, Category, JoinInput, MemberError, MemberInput};
use crate::scripts::{self, ScriptError, ScriptInput};
use crate::store::Write;
use chrono::{DateTime, Duration, Utc};

/// Newcomers: (nickname, in-group name, group index, hours ago).
pub const NEWCOMERS: [(&str, &str, usize, i64); 5] = [
    ("林小满", "小满-杭州-产品经理", 0, 5),
    ("周一一", "", 0, 20),
    ("Kiki", "Kiki-深圳-设计", 0, 30),
    ("陈默", "", 1, 9),
    ("苏打绿茶", "", 1, 50),
];

/// Adds the newcomers (joined by hand in the last days, not welcomed yet).
pub fn newcomers(tx: &Write, groups: &[i64], now: DateTime<Utc>) -> Result<(), MemberError> {
    for (nick, display, g, hours) in NEWCOMERS {
        let Some(group_id) = groups.get(g) else {
            continue;
        };
        let when = now - Duration::hours(hours);
        let m = members::create(
            tx,
            &MemberInput {
                nickname: nick.into(),
                display_name: display.into(),
                source: "群内邀请".into(),
                ..Default::default()
            },
            when,
        )?;
        members::join(
            tx,
            m.id,
            &JoinInput {
                group_id: *group_id,
                joined_on: Some(when.date_naive().to_string()),
                category: Category::Active,
                role: String::new(),
            },
            when,
        )?;
    }
    Ok(())
}

const SHARED: [(&str, &str, &str); 11] = [
    (
        "welcome",
        "标准欢迎",
        "🎉 欢迎 {称呼} 加入{群名}！\n请先把群名片改成：{群名片格式|昵称+城市+职业}\n📌 群规：\n{群规|友善交流，不发广告}\n来做个自我介绍吧，按这个格式就好：\n1. 我是谁 2. 在哪座城市 3. 做什么 4. 想在群里收获什么",
    ),
    (
        "welcome",
        "简短欢迎",
        "欢迎{称呼|新朋友}～看一下群公告，改好群名片，就可以开始啦 🌱",
    ),
    (
        "rules",
        "群规",
        "【{群名} 群规】\n{群规}\n违规一次提醒，两次请出群。感谢大家一起维护 🙏",
    ),
    (
        "intro",
        "自我介绍模板",
        "【自我介绍】\n昵称：\n城市：\n职业：\n爱好：\n想在{群名}收获：\n能为大家提供：",
    ),
    (
        "add_friend",
        "加好友",
        "你好{称呼|}，我是{群名}的群主{群主|}，看到你刚进群，加个好友方便以后有活动第一时间通知你～",
    ),
    (
        "announcement",
        "本周公告",
        "📢 {今天} 群公告\n{群公告|本周活动安排稍后发布，敬请关注。}",
    ),
    (
        "red_packet",
        "红包接龙规则",
        "🧧 红包接龙规则：抢到最佳手气的朋友接着发，金额随意，心意最重要；发完请在群里说一声“接龙”。",
    ),
    (
        "farewell",
        "退群告别",
        "{称呼}，感谢这段时间在{群名}的陪伴，以后有需要随时回来，群门常开 👋",
    ),
    (
        "win_back",
        "召回",
        "{称呼}，好久没在群里见到你啦～这周日有一场分享，主题很适合你，要不要来听听？",
    ),
    (
        "birthday",
        "生日祝福",
        "🎂 {称呼}，生日快乐！祝新的一岁顺顺利利，谢谢你一直以来的陪伴～",
    ),
    (
        "milestone",
        "人数里程碑",
        "🎉 {群名} 成员突破新里程碑！感谢每一位朋友，{群主|群主}给大家发个红包庆祝一下～",
    ),
];

/// Adds the library; the first of `groups` gets its own welcome.
pub fn fill(tx: &Write, groups: &[i64], now: DateTime<Utc>) -> Result<(), ScriptError> {
    for (kind, name, body) in SHARED {
        scripts::create(
            tx,
            &ScriptInput {
                kind: kind.into(),
                name: name.into(),
                group_id: None,
                platform: None,
                body: body.into(),
                is_default: false,
            },
            now,
        )?;
    }
    if let Some(first) = groups.first() {
        scripts::create(
            tx,
            &ScriptInput {
                kind: "welcome".into(),
                name: "本群欢迎".into(),
                group_id: Some(*first),
                platform: None,
                body: "欢迎 {称呼} 来到{群名} 📚\n本月共读书目见群公告：{群公告|稍后公布}\n群名片格式：{群名片格式|昵称+城市+职业}\n进群第一件事：按模板做个自我介绍，群主{群主|}会拉你进本周的读书小组～".into(),
                is_default: true,
            },
            now,
        )?;
    }
    Ok(())
}
