//! The vocabulary of the demo workspace: group archetypes from how Chinese group owners
//! describe their groups (brand/product + purpose + number, 5W1H positioning).
use crate::groups::{GroupKind, Platform, Threshold};

pub struct Brand {
    pub brand: &'static str,
    pub purpose: &'static str,
    pub platform: Platform,
    pub kind: GroupKind,
    pub threshold: Threshold,
    pub theme: &'static str,
    pub audience: &'static str,
    pub why: &'static str,
    pub announcement: &'static str,
    pub long_goal: &'static str,
}

pub const BRANDS: &[Brand] = &[
    Brand {
        brand: "知行读书会",
        purpose: "共读群",
        platform: Platform::Wechat,
        kind: GroupKind::Knowledge,
        threshold: Threshold::Paid,
        theme: "每月共读一本好书，晚间分享读书笔记",
        audience: "25–40 岁、想保持阅读习惯的职场人",
        why: "一个人读书容易半途而废，一群人读书才能坚持",
        announcement: "本月共读《被讨厌的勇气》，每晚 21:00 领读，周日线上分享会。",
        long_goal: "累计付费会员",
    },
    Brand {
        brand: "小鹿烘焙",
        purpose: "福利群",
        platform: Platform::Wecom,
        kind: GroupKind::Product,
        threshold: Threshold::None,
        theme: "新品试吃、烘焙教程、会员专属折扣",
        audience: "门店老顾客和附近小区的宝妈",
        why: "把到店顾客变成常客，新品第一时间通知",
        announcement: "本周三 20:00 群内直播教做肉松小贝，参与接龙送试吃券。",
        long_goal: "月复购人数",
    },
    Brand {
        brand: "城市跑者联盟",
        purpose: "打卡群",
        platform: Platform::Wechat,
        kind: GroupKind::Interest,
        threshold: Threshold::Form,
        theme: "每日跑步打卡，周末约跑",
        audience: "本地跑步爱好者，从新手到全马",
        why: "互相监督，坚持跑步，一起备战马拉松",
        announcement: "周六早 7:00 滨江公园约跑 10 公里，请在群接龙报名。",
        long_goal: "年度累计打卡次数",
    },
    Brand {
        brand: "创富孵化",
        purpose: "交流群",
        platform: Platform::Wecom,
        kind: GroupKind::Network,
        threshold: Threshold::Invite,
        theme: "创业者资源对接与经验分享",
        audience: "初创公司创始人和自由职业者",
        why: "让创业路上不孤单，互相介绍客户和合作伙伴",
        announcement: "本周四 20:00 嘉宾分享：从 0 到 100 个付费客户。",
        long_goal: "促成合作对接",
    },
    Brand {
        brand: "萌宝好物",
        purpose: "团购群",
        platform: Platform::Wechat,
        kind: GroupKind::Sales,
        threshold: Threshold::None,
        theme: "母婴好物团购，每周两次开团",
        audience: "0–6 岁孩子的家长",
        why: "用团购价买到放心的母婴用品",
        announcement: "周二、周五 10:00 开团，红包接龙抢免单名额。",
        long_goal: "月团购订单数",
    },
    Brand {
        brand: "Python 自学",
        purpose: "答疑群",
        platform: Platform::Qq,
        kind: GroupKind::Knowledge,
        threshold: Threshold::Task,
        theme: "Python 入门答疑，每周一道练习题",
        audience: "零基础转行和在校学生",
        why: "卡住时有人帮一把，学习不再孤单",
        announcement: "每晚 20:00 答疑时间，提问请附上报错截图和代码。",
        long_goal: "完成训练营人数",
    },
    Brand {
        brand: "Indie Makers",
        purpose: " Lounge ",
        platform: Platform::Discord,
        kind: GroupKind::Network,
        threshold: Threshold::Invite,
        theme: "独立开发者的产品发布与增长交流",
        audience: "做独立产品的开发者和设计师",
        why: "分享真实数据，互相试用产品、给反馈",
        announcement: "Weekly demo day every Friday 21:00 (UTC+8).",
        long_goal: "成员发布的产品数",
    },
    Brand {
        brand: "摄影日课",
        purpose: "作业群",
        platform: Platform::Telegram,
        kind: GroupKind::Interest,
        threshold: Threshold::Paid,
        theme: "每天一张作业，老师点评",
        audience: "手机摄影和入门微单爱好者",
        why: "坚持每天拍，进步看得见",
        announcement: "本周主题：逆光人像。周日晚评选最佳作品。",
        long_goal: "结业学员数",
    },
];

pub const RULES: &str = "1. 入群请按「昵称+城市+职业」修改群名片。\n\
2. 禁止发广告、拉票、砍价链接，违者移出。\n\
3. 讨论请围绕群主题，友善交流，不人身攻击。\n\
4. 晚 23:00 后请勿刷屏，不打扰是最好的温度。\n\
5. 有问题先看群公告和精华帖，再 @群主。";

pub const ANNOUNCEMENT_TAIL: &str = "新朋友请按模板做自我介绍：昵称 / 城市 / 职业 / 一个爱好。";
