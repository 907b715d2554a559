//! A realistic content calendar for the demo: each of the first groups keeps the rhythm
//! owners describe (工作日 08:00 早报 skipping holidays, 每周三 20:00 嘉宾分享, a Friday topic
//! night, 每月最后一个周五 复盘), and a month of posts around today in every status — the
//! past ones posted (one skipped, with its reason), the coming ones moving from idea to
//! scheduled — plus the commerce and holiday dates owners plan around.
use crate::calendar::{self, ContentStatus, ItemInput, SlotInput};
use crate::store::Write;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rand::rngs::StdRng;
use rand::Rng;

const TZ: &str = "Asia/Shanghai";

struct Rhythm {
    title: &'static str,
    kind: &'static str,
    rule: &'static str,
    time: &'static str,
    cn_workdays: bool,
}

const RHYTHMS: [Rhythm; 4] = [
    Rhythm {
        title: "工作日 早报",
        kind: "morning_brief",
        rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        time: "08:00",
        cn_workdays: true,
    },
    Rhythm {
        title: "每周三 嘉宾分享",
        kind: "share",
        rule: "FREQ=WEEKLY;BYDAY=WE",
        time: "20:00",
        cn_workdays: false,
    },
    Rhythm {
        title: "周五话题夜",
        kind: "topic",
        rule: "FREQ=WEEKLY;BYDAY=FR",
        time: "21:00",
        cn_workdays: false,
    },
    Rhythm {
        title: "每月最后一个周五 复盘",
        kind: "digest",
        rule: "FREQ=MONTHLY;BYDAY=-1FR",
        time: "21:30",
        cn_workdays: false,
    },
];

/// (kind, title, time) of the posts between the rhythms.
const POSTS: [(&str, &str, Option<&str>); 8] = [
    ("evening_brief", "晚报：今天群里的三个好问题", Some("21:30")),
    ("check_in", "21 天早起打卡 · 第 {n} 天", Some("07:00")),
    (
        "red_packet",
        "红包接龙：说出你本周最大的收获",
        Some("20:30"),
    ),
    ("event_notice", "本周六线下读书会报名开始", Some("12:00")),
    ("product", "年卡会员限时 8 折", Some("19:00")),
    ("digest", "精华整理：本周嘉宾分享要点", None),
    ("topic", "话题讨论：你是怎么坚持阅读的？", Some("21:00")),
    ("share", "嘉宾分享预告：职场人的时间管理", Some("18:00")),
];

const DATES: [(u32, u32, &str); 7] = [
    (1, 1, "元旦快乐！新年第一份书单送给大家"),
    (2, 14, "情人节：和 TA 一起读的书"),
    (5, 20, "520 读者福利"),
    (6, 18, "618 年卡特惠预告"),
    (11, 11, "双11 书单清单"),
    (12, 12, "双12 会员返场"),
    (12, 24, "平安夜：送你一本书"),
];

fn status_for(day: NaiveDate, today: NaiveDate, rng: &mut StdRng) -> ContentStatus {
    let ahead = (day - today).num_days();
    match ahead {
        i64::MIN..=-1 => ContentStatus::Posted,
        0..=2 => [ContentStatus::Scheduled, ContentStatus::Approved][rng.random_range(0..2)],
        3..=7 => [
            ContentStatus::Approved,
            ContentStatus::Review,
            ContentStatus::Draft,
        ][rng.random_range(0..3)],
        _ => [ContentStatus::Draft, ContentStatus::Idea][rng.random_range(0..2)],
    }
}

/// Adds slots and a month of posts to the groups `group_ids` (the first four at most).
pub fn fill(
    tx: &Write,
    rng: &mut StdRng,
    group_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), calendar::CalendarError> {
    let today = crate::reminders::zone::local_date(chrono_tz::Asia::Shanghai, now);
    let monday =
        today - Duration::days(today.weekday().num_days_from_monday() as i64) - Duration::weeks(4);
    for (gi, gid) in group_ids.iter().take(4).enumerate() {
        for (ri, r) in RHYTHMS.iter().enumerate() {
            // Every group has the morning brief and the share; two have the topic night.
            if ri == 2 && gi % 2 == 1 || ri == 3 && gi > 0 {
                continue;
            }
            let first = match r.rule {
                "FREQ=WEEKLY;BYDAY=WE" => monday + Duration::days(2),
                "FREQ=WEEKLY;BYDAY=FR" => monday + Duration::days(4),
                "FREQ=MONTHLY;BYDAY=-1FR" => {
                    // The last Friday of the month after `monday`'s.
                    let first = |d: NaiveDate| d.with_day(1).unwrap_or(d);
                    let mut d = first(first(monday) + Duration::days(40)) - Duration::days(1);
                    while d.weekday() != Weekday::Fri {
                        d -= Duration::days(1);
                    }
                    d
                }
                _ => monday,
            };
            let slot = calendar::create_slot(
                tx,
                &SlotInput {
                    group_id: *gid,
                    title: r.title.into(),
                    kind: r.kind.into(),
                    rule: r.rule.into(),
                    starts: format!("{first} {}", r.time),
                    tz: TZ.into(),
                    until: None,
                    count: None,
                    cn_workdays: r.cn_workdays,
                },
                now,
            )?;
            // The past shares were filled and posted; the next one is being written.
            if r.kind == "share" {
                let occ = calendar::occurrences(tx, &slot, monday, today + Duration::days(8))?;
                for (n, o) in occ.iter().enumerate() {
                    let date = o.date;
                    calendar::create_item(
                        tx,
                        &ItemInput {
                            kind: "share".into(),
                            title: format!("嘉宾分享 · 第 {} 期", n + 1),
                            body: "开场介绍嘉宾 → 分享 40 分钟 → 答疑 15 分钟 → 抽奖送书。\n提前 10 分钟群内提醒。".into(),
                            groups: vec![*gid],
                            planned_date: date.to_string(),
                            planned_time: Some(r.time.into()),
                            tz: TZ.into(),
                            status: status_for(date, today, rng),
                            slot_id: Some(slot.id),
                            slot_date: Some(o.rule_date.to_string()),
                        },
                        now,
                    )?;
                }
            }
        }
        // A month of posts around today, one or two a day.
        for offset in -14..=16i64 {
            let day = today + Duration::days(offset);
            if rng.random_range(0..3) == 0 {
                continue;
            }
            let (kind, title, time) = POSTS[rng.random_range(0..POSTS.len())];
            let status = status_for(day, today, rng);
            calendar::create_item(
                tx,
                &ItemInput {
                    kind: kind.into(),
                    title: title.replace("{n}", &(offset + 15).to_string()),
                    body: format!(
                        "{title}\n\n（示例正文：发之前记得 @所有人，图片放在相册“本周素材”。）"
                    ),
                    groups: vec![*gid],
                    planned_date: day.to_string(),
                    planned_time: time.map(String::from),
                    tz: TZ.into(),
                    status,
                    slot_id: None,
                    slot_date: None,
                },
                now,
            )?;
        }
    }
    // Holiday and commerce dates within the next six weeks (and the last two), for all.
    for (m, d, title) in DATES {
        for year in [today.year(), today.year() + 1] {
            let Some(day) = NaiveDate::from_ymd_opt(year, m, d) else {
                continue;
            };
            let ahead = (day - today).num_days();
            if !(-14..=42).contains(&ahead) || group_ids.is_empty() {
                continue;
            }
            calendar::create_item(
                tx,
                &ItemInput {
                    kind: "holiday_greeting".into(),
                    title: title.into(),
                    body: format!("{title}\n\n祝大家节日快乐，今晚 20:00 群内抽奖。"),
                    groups: group_ids.iter().take(4).copied().collect(),
                    planned_date: day.to_string(),
                    planned_time: Some("09:00".into()),
                    tz: TZ.into(),
                    status: status_for(day, today, rng),
                    slot_id: None,
                    slot_date: None,
                },
                now,
            )?;
        }
    }
    Ok(())
}
