//! Demo campaigns: a finished fission (its poster code brought members who invited friends,
//! its numbers and retrospective written) and a guest share running now from its playbook —
//! so the campaign screen, its results and Today's checklist have something real to show.
use crate::campaigns::{
    self, CampaignError, CampaignGoalInput, CampaignInput, CampaignKind, CampaignStatus, Metric,
};
use crate::members::{self, Category, JoinInput, MemberInput};
use crate::store::Write;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::Rng;

/// Members the fission brings (they count in the demo's `members`).
pub const FISSION_MEMBERS: u32 = 36;

const NAMES: [&str; 12] = [
    "晓风", "阿杰", "木子", "Coco", "大鹏", "小鹿", "青禾", "子墨", "安安", "Leo", "一帆", "糖糖",
];

/// Adds the two campaigns to the first group (if any), in the owner's zone `tz`.
pub fn fill(
    w: &Write,
    rng: &mut StdRng,
    groups: &[i64],
    with_members: bool,
    tz: &str,
    now: DateTime<Utc>,
) -> Result<(), CampaignError> {
    let Some(&g) = groups.first() else {
        return Ok(());
    };
    // Demo data is additive: a second run leaves the first run's campaigns as they are.
    if campaigns::find_by_name(w, "双十二拉新裂变").is_ok() {
        return Ok(());
    }
    let today = now.date_naive();
    let start = today - Duration::days(45);
    let end = start + Duration::days(6);
    let fission = campaigns::create(
        w,
        &CampaignInput {
            name: "双十二拉新裂变".into(),
            kind: CampaignKind::Fission,
            groups: vec![g],
            start: start.to_string(),
            end: Some(end.to_string()),
            event_date: None,
            tz: tz.into(),
            budget_fen: Some(80_000),
            bait_fen: Some(30_000),
            source: "裂变海报".into(),
            playbook: Some("fission".into()),
            goals: vec![CampaignGoalInput {
                metric: Metric::Joins,
                target: 40,
            }],
        },
        now,
    )?;
    if with_members {
        let mut poster: Vec<i64> = Vec::new();
        for i in 0..FISSION_MEMBERS as usize {
            let day = start + Duration::days(rng.random_range(0..7));
            // The first third came from the poster; the rest were invited by them.
            let inviter = (i >= 12).then(|| poster[rng.random_range(0..poster.len())]);
            let m = members::create(
                w,
                &MemberInput {
                    nickname: format!("{}{}", NAMES[i % NAMES.len()], i / NAMES.len() + 1),
                    source: if inviter.is_none() {
                        "裂变海报".into()
                    } else {
                        "好友邀请".into()
                    },
                    invited_by: inviter,
                    ..Default::default()
                },
                now,
            )?;
            members::join(
                w,
                m.id,
                &JoinInput {
                    group_id: g,
                    joined_on: Some(day.to_string()),
                    category: Category::Active,
                    role: String::new(),
                },
                now - Duration::days((today - day).num_days()),
            )?;
            if inviter.is_none() {
                poster.push(m.id);
            }
        }
    }
    campaigns::set_numbers(w, fission.id, Some(72_000), &[], now)?;
    campaigns::set_retro(
        w,
        fission.id,
        "资料包诱饵很受欢迎；老成员邀请积极，前三名各带了 4 人以上。",
        "海报二维码第三天过期，流失了一批扫码的人；规则提醒发得太晚。",
        "二维码换成活码；第一天就发规则提醒；诱饵换成小课，提高留存。",
        now,
    )?;
    for step in campaigns::get(w, fission.id)?.checklist {
        campaigns::set_step(w, step.id, true, "", now)?;
    }
    let share = campaigns::create(
        w,
        &CampaignInput {
            name: "本周三嘉宾分享".into(),
            kind: CampaignKind::GuestShare,
            groups: vec![g],
            start: (today - Duration::days(5)).to_string(),
            end: Some((today + Duration::days(3)).to_string()),
            event_date: Some((today + Duration::days(2)).to_string()),
            tz: tz.into(),
            budget_fen: Some(20_000),
            bait_fen: None,
            source: "嘉宾分享".into(),
            playbook: Some("guest_share".into()),
            goals: vec![CampaignGoalInput {
                metric: Metric::Attendance,
                target: 60,
            }],
        },
        now,
    )?;
    campaigns::set_status(w, share.id, CampaignStatus::Running, now)?;
    for step in campaigns::get(w, share.id)?
        .checklist
        .into_iter()
        .filter(|s| s.due.as_str() < today.to_string().as_str())
    {
        campaigns::set_step(w, step.id, true, "", now)?;
    }
    Ok(())
}
