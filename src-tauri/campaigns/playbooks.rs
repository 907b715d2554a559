//! Playbooks: what a kind of campaign takes, placed by days from its event date (the share,
//! the meetup, the holiday; the start for fission and check-in challenges). The shipped ones
//! follow how owners run them (the guest share's seven steps: confirm the guest → brief them
//! → announce in advance → poster → host opens → share → Q&A and rewards); an owner's own
//! campaign can be saved as a playbook, stored as JSON of the same shape.
use serde::{Deserialize, Serialize};

/// A checklist step, `offset` days from the event date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPlan {
    pub title: String,
    pub offset: i32,
}

/// A post put on the calendar as a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPlan {
    pub offset: i32,
    /// `HH:MM`, or none for a day without a time.
    pub time: Option<String>,
    /// A content type key (`announcement`, `share`, `check_in`…).
    pub kind: String,
    pub title: String,
    pub body: String,
}

/// A script added to the library for the campaign's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptPlan {
    pub kind: String,
    pub name: String,
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playbook {
    pub steps: Vec<StepPlan>,
    pub posts: Vec<PostPlan>,
    pub scripts: Vec<ScriptPlan>,
    /// Posts repeated every day from the start to the end (a fission's daily push, a
    /// challenge's daily check-in): `{n}` in the title is the day's number.
    pub daily: Vec<PostPlan>,
}

/// The shipped playbooks, by name.
pub const SHIPPED: [&str; 4] = ["guest_share", "fission", "holiday", "check_in"];

fn step(title: &str, offset: i32) -> StepPlan {
    StepPlan {
        title: title.into(),
        offset,
    }
}

fn post(offset: i32, time: &str, kind: &str, title: &str, body: &str) -> PostPlan {
    PostPlan {
        offset,
        time: (!time.is_empty()).then(|| time.to_string()),
        kind: kind.into(),
        title: title.into(),
        body: body.into(),
    }
}

fn script(kind: &str, name: &str, body: &str) -> ScriptPlan {
    ScriptPlan {
        kind: kind.into(),
        name: name.into(),
        body: body.into(),
    }
}

/// A shipped playbook (its texts in Chinese, as owners post them).
pub fn shipped(name: &str) -> Option<Playbook> {
    Some(match name {
        "guest_share" => Playbook {
            steps: vec![
                step("确认嘉宾与分享主题", -7),
                step("给嘉宾发分享须知（时长、形式、互动环节）", -5),
                step("发布分享预告", -3),
                step("制作分享海报", -2),
                step("主持开场：介绍嘉宾、说明规则", 0),
                step("嘉宾分享", 0),
                step("答疑与奖励：抽奖、发红包、整理问题", 0),
            ],
            posts: vec![
                post(-3, "20:00", "event_notice", "嘉宾分享预告", "本周嘉宾分享即将开始，主题和嘉宾介绍见海报，记得准时来听～"),
                post(-1, "20:00", "event_notice", "明晚嘉宾分享提醒", "明晚 20:00 嘉宾分享，有问题可以提前在群里留言，嘉宾会统一解答。"),
                post(0, "19:30", "share", "今晚嘉宾分享开场", "各位好，今晚的分享马上开始！先介绍一下今天的嘉宾……分享时请大家先不要插话，最后有答疑环节。"),
                post(1, "12:00", "digest", "嘉宾分享精华整理", "昨晚分享的精华整理如下："),
            ],
            scripts: vec![script("announcement", "嘉宾分享预告", "📢 {群名} 本周嘉宾分享\n时间：本周 20:00\n欢迎大家准时参加，提前准备好问题～")],
            daily: vec![],
        },
        "fission" => Playbook {
            steps: vec![
                step("设计裂变海报（主题、诱饵、二维码）", -3),
                step("准备诱饵（资料包、课程或实物）", -2),
                step("设定邀请任务与规则（邀请几人、如何核验）", -1),
                step("活动启动，群内公布规则", 0),
                step("统计邀请榜并发放奖励", 7),
            ],
            posts: vec![
                post(0, "09:00", "event_notice", "裂变活动启动", "邀请好友进群即可领取福利！规则：邀请 3 位好友进群并截图给群主，即送资料包。"),
                post(1, "20:00", "other", "活动规则提醒", "再提醒一下活动规则：邀请的好友需要在群里停留满 3 天才算有效哦。"),
            ],
            scripts: vec![script("add_friend", "裂变活动加好友", "你好{称呼|}，看到你通过{邀请人|朋友}的邀请进了{群名}，欢迎！福利资料稍后发你～")],
            daily: vec![post(0, "21:00", "other", "裂变进度播报 第{n}天", "今天又有新朋友加入，邀请榜前三名是……继续加油！")],
        },
        "holiday" => Playbook {
            steps: vec![
                step("确定节日福利与文案", -5),
                step("准备节日海报", -2),
                step("发节日问候与福利", 0),
                step("福利收尾与统计", 2),
            ],
            posts: vec![
                post(-1, "20:00", "event_notice", "节日福利预告", "明天节日，群里有专属福利，记得来看！"),
                post(0, "09:00", "holiday_greeting", "节日问候", "节日快乐！祝大家假期愉快～今天的群福利是……"),
                post(2, "20:00", "other", "福利最后一天提醒", "节日福利今晚截止，还没领取的朋友抓紧哦。"),
            ],
            scripts: vec![],
            daily: vec![],
        },
        "check_in" => Playbook {
            steps: vec![
                step("准备打卡规则与奖品", -3),
                step("挑战开始，公布规则", 0),
                step("中途鼓励，表扬坚持的人", 3),
                step("统计打卡、评选与颁奖", 7),
            ],
            posts: vec![
                post(0, "09:00", "event_notice", "打卡挑战开始", "打卡挑战今天开始！每天在群里按格式打卡，坚持到最后有奖励。"),
                post(3, "20:00", "other", "打卡过半，继续加油", "挑战过半啦，表扬一下每天都在坚持的朋友们！"),
            ],
            scripts: vec![script("rules", "打卡规则", "【{群名} 打卡规则】\n1. 每天 23:00 前打卡\n2. 格式：日期 + 今日完成 + 一句感想\n3. 全勤有奖")],
            daily: vec![post(0, "21:00", "check_in", "打卡 第{n}天", "今天的打卡开始啦，按格式接龙～")],
        },
        _ => return None,
    })
}

/// The most days a daily post repeats (a long challenge plans its first weeks).
pub const MAX_DAILY: i64 = 31;
