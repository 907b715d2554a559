//! Campaigns on a real workspace file with an injected clock: a playbook expanding into a dated
//! checklist, draft posts and scripts (all or nothing), the date move (posted items and done
//! steps stay put; nothing may move into the past), attribution by source and through the
//! inviter chain, cost per member beside the other channels, retention, trash keeping or
//! trashing its posts, a campaign saved as the owner's playbook, and the bad input refused.
mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use groupdesk::calendar::{self, ContentStatus};
use groupdesk::campaigns::{
    self, results::results, CampaignError, CampaignGoalInput, CampaignInput, CampaignKind, Metric,
};
use groupdesk::groups;
use groupdesk::members::{self, Category, JoinInput, MemberInput, MemberStatus};
use groupdesk::store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let g = s
        .write(|w| groups::create(w, &common::group("读书会"), now()))
        .unwrap()
        .id;
    (dir, s, g)
}

fn input(name: &str, kind: CampaignKind, g: i64, start: &str, end: Option<&str>) -> CampaignInput {
    CampaignInput {
        name: name.into(),
        kind,
        groups: vec![g],
        start: start.into(),
        end: end.map(Into::into),
        event_date: None,
        tz: "Asia/Shanghai".into(),
        budget_fen: None,
        bait_fen: None,
        source: String::new(),
        playbook: None,
        goals: Vec::new(),
    }
}

/// A member who joined `g` on `day`, with a source and an inviter.
fn joined(s: &mut Store, g: i64, nick: &str, source: &str, inviter: Option<i64>, day: &str) -> i64 {
    s.write(|w| {
        let m = members::create(
            w,
            &MemberInput {
                nickname: nick.into(),
                source: source.into(),
                invited_by: inviter,
                ..Default::default()
            },
            now(),
        )?;
        members::join(
            w,
            m.id,
            &JoinInput {
                group_id: g,
                joined_on: Some(day.into()),
                category: Category::Active,
                role: String::new(),
            },
            now(),
        )?;
        Ok::<_, members::MemberError>(m.id)
    })
    .unwrap()
}

#[test]
fn a_guest_share_playbook_expands_around_the_share_and_moves_with_it() {
    let (_d, mut s, g) = open();
    let mut i = input(
        "周三嘉宾分享",
        CampaignKind::GuestShare,
        g,
        "2026-12-09",
        None,
    );
    i.playbook = Some("guest_share".into());
    let c = s.write(|w| campaigns::create(w, &i, now())).unwrap();
    assert_eq!(
        (c.start.as_str(), c.end.as_str(), c.event_date.as_str()),
        ("2026-12-09", "2026-12-09", "2026-12-09")
    );
    let titles: Vec<(&str, &str)> = c
        .checklist
        .iter()
        .map(|s| (s.due.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(titles[0], ("2026-12-02", "确认嘉宾与分享主题"));
    assert_eq!(titles.len(), 7);
    assert_eq!(titles[6].0, "2026-12-09");
    assert_eq!(c.posts.len(), 4);
    assert!(c.posts.iter().all(|p| p.status == ContentStatus::Draft));
    assert_eq!(c.posts[0].date, "2026-12-06");
    assert_eq!(c.posts[0].time.as_deref(), Some("20:00"));
    // The posts are on the calendar for the group, and a script is in the library.
    let item = calendar::get_item(s.conn(), c.posts[2].id).unwrap();
    assert_eq!(item.input.groups, vec![g]);
    assert_eq!(item.input.status, ContentStatus::Draft);
    let scripts = groupdesk::scripts::list(s.conn(), &Default::default()).unwrap();
    assert!(scripts
        .iter()
        .any(|x| x.kind == "announcement" && x.name.contains("周三嘉宾分享")));

    // One post already went out and one step is done: they stay; the rest moves a week.
    s.write(|w| calendar::set_status(w, c.posts[0].id, ContentStatus::Posted, "", now()))
        .unwrap();
    s.write(|w| campaigns::set_step(w, c.checklist[0].id, true, "嘉宾已确认", now()))
        .unwrap();
    let planned = campaigns::planned_moves(s.conn(), c.id, 7).unwrap();
    assert_eq!(planned.iter().filter(|m| m.what == "post").count(), 3);
    assert_eq!(planned.iter().filter(|m| m.what == "step").count(), 6);
    let moved = s
        .write(|w| campaigns::shift(w, c.id, d("2026-12-16"), d("2026-12-01"), now()))
        .unwrap();
    assert_eq!(moved.len(), 9);
    let c = campaigns::get(s.conn(), c.id).unwrap();
    assert_eq!(c.event_date, "2026-12-16");
    let posted = c
        .posts
        .iter()
        .find(|p| p.status == ContentStatus::Posted)
        .unwrap();
    assert_eq!(
        posted.date, "2026-12-06",
        "a posted item stays where it happened"
    );
    assert!(c
        .posts
        .iter()
        .any(|p| p.date == "2026-12-15" && p.time.as_deref() == Some("20:00")));
    let done = c.checklist.iter().find(|s| s.done).unwrap();
    assert_eq!(
        (done.due.as_str(), done.notes.as_str()),
        ("2026-12-02", "嘉宾已确认")
    );

    // Moving back before today would put a post in the past: refused, nothing moves.
    let before = common::dump(s.conn());
    let err = s
        .write(|w| campaigns::shift(w, c.id, d("2026-11-20"), d("2026-12-01"), now()))
        .unwrap_err();
    assert!(matches!(err, CampaignError::IntoThePast { .. }), "{err:?}");
    assert_eq!(common::dump(s.conn()), before);
}

#[test]
fn a_fission_plans_a_daily_push_and_a_challenge_a_daily_check_in() {
    let (_d, mut s, g) = open();
    let mut i = input(
        "元旦裂变",
        CampaignKind::Fission,
        g,
        "2026-12-20",
        Some("2026-12-26"),
    );
    i.playbook = Some("fission".into());
    let c = s.write(|w| campaigns::create(w, &i, now())).unwrap();
    let daily: Vec<_> = c
        .posts
        .iter()
        .filter(|p| p.title.starts_with("裂变进度播报"))
        .collect();
    assert_eq!(daily.len(), 7);
    assert_eq!(daily[6].title, "裂变进度播报 第7天");
    assert_eq!(daily[6].date, "2026-12-26");
}

#[test]
fn joins_are_attributed_by_source_and_through_the_inviter_chain_with_cost_channels_and_retention() {
    let (_d, mut s, g) = open();
    let mut i = input(
        "十二月裂变",
        CampaignKind::Fission,
        g,
        "2026-11-01",
        Some("2026-11-10"),
    );
    i.source = "poster-nov".into();
    i.budget_fen = Some(60_000);
    i.goals = vec![
        CampaignGoalInput {
            metric: Metric::Joins,
            target: 10,
        },
        CampaignGoalInput {
            metric: Metric::Conversions,
            target: 3,
        },
    ];
    let c = s.write(|w| campaigns::create(w, &i, now())).unwrap();
    // Two from the poster, their invitees (and an invitee's invitee), on three days.
    let a = joined(&mut s, g, "海报甲", "poster-nov", None, "2026-11-01");
    let b = joined(&mut s, g, "海报乙", "poster-nov", None, "2026-11-02");
    let a1 = joined(&mut s, g, "甲的朋友1", "朋友推荐", Some(a), "2026-11-02");
    joined(&mut s, g, "甲的朋友2", "", Some(a), "2026-11-03");
    joined(&mut s, g, "甲1的朋友", "", Some(a1), "2026-11-03");
    joined(&mut s, g, "乙的朋友", "", Some(b), "2026-11-03");
    // Not the campaign's: the poster's code but before the start; an invitee joining after
    // the end; other channels over the same days.
    joined(&mut s, g, "早到的", "poster-nov", None, "2026-10-20");
    joined(&mut s, g, "晚到的", "", Some(a), "2026-11-20");
    for n in 0..4 {
        joined(
            &mut s,
            g,
            &format!("公众号{n}"),
            "公众号",
            None,
            "2026-11-05",
        );
    }
    joined(&mut s, g, "抖音1", "抖音", None, "2026-11-06");
    // An earlier campaign with the 公众号 code costs 50 元 a member.
    let mut other = input(
        "公众号推文",
        CampaignKind::Custom,
        g,
        "2026-11-04",
        Some("2026-11-08"),
    );
    other.source = "公众号".into();
    other.budget_fen = Some(20_000);
    s.write(|w| campaigns::create(w, &other, now())).unwrap();
    // 海报乙 left after 3 days.
    s.write(|w| {
        members::set_status(
            w,
            b,
            g,
            MemberStatus::Left,
            "没时间",
            Utc.with_ymd_and_hms(2026, 11, 5, 3, 0, 0).unwrap(),
        )
    })
    .unwrap();

    let r = results(s.conn(), c.id, d("2026-12-01")).unwrap();
    assert_eq!((r.joins, r.by_source, r.by_inviter), (6, 2, 4));
    let per_day: Vec<(&str, u32)> = r
        .per_day
        .iter()
        .map(|x| (x.date.as_str(), x.joins))
        .collect();
    assert_eq!(
        per_day,
        vec![("2026-11-01", 1), ("2026-11-02", 2), ("2026-11-03", 3)]
    );
    assert_eq!(r.leaderboard[0].nickname, "海报甲");
    assert_eq!(r.leaderboard[0].invited, 2);
    assert_eq!(r.cost_per_member_fen, Some(10_000), "600 元 over 6 members");
    let wx = r.channels.iter().find(|c| c.source == "公众号").unwrap();
    assert_eq!((wx.joins, wx.cost_per_member_fen), (4, Some(5_000)));
    let dy = r.channels.iter().find(|c| c.source == "抖音").unwrap();
    assert_eq!((dy.joins, dy.cost_per_member_fen), (1, None));
    assert_eq!(r.goals[0].actual, Some(6));
    assert_eq!(r.goals[1].actual, None, "conversions are entered by hand");
    assert_eq!((r.retention.eligible_7, r.retention.stayed_7), (6, 5));
    // At 30 days only 海报甲 (joined 11-01) can be counted on 12-01; ten days later, all.
    assert_eq!((r.retention.eligible_30, r.retention.stayed_30), (1, 1));
    let later = results(s.conn(), c.id, d("2026-12-10")).unwrap();
    assert_eq!(
        (later.retention.eligible_30, later.retention.stayed_30),
        (6, 5)
    );

    // What was really spent, and the conversions, entered by hand.
    s.write(|w| campaigns::set_numbers(w, c.id, Some(48_000), &[(Metric::Conversions, 2)], now()))
        .unwrap();
    let r = results(s.conn(), c.id, d("2026-12-01")).unwrap();
    assert_eq!(r.cost_per_member_fen, Some(8_000));
    assert_eq!(r.goals[1].actual, Some(2));
}

#[test]
fn deleting_keeps_or_trashes_its_posts_and_a_campaign_becomes_a_playbook() {
    let (_d, mut s, g) = open();
    let mut i = input(
        "线下读书会",
        CampaignKind::GuestShare,
        g,
        "2026-12-12",
        None,
    );
    i.playbook = Some("guest_share".into());
    let c = s.write(|w| campaigns::create(w, &i, now())).unwrap();
    s.write(|w| campaigns::save_as_playbook(w, c.id, "我的分享流程", now()))
        .unwrap();
    assert_eq!(
        campaigns::own_playbooks(s.conn()).unwrap(),
        vec!["我的分享流程"]
    );
    let mut j = input(
        "下一场分享",
        CampaignKind::GuestShare,
        g,
        "2027-01-09",
        None,
    );
    j.playbook = Some("我的分享流程".into());
    let next = s.write(|w| campaigns::create(w, &j, now())).unwrap();
    assert_eq!(next.checklist.len(), 7);
    assert_eq!(next.checklist[0].due, "2027-01-02");
    assert_eq!(next.posts.len(), 4);
    assert_eq!(next.posts[0].date, "2027-01-06");

    let kept = s.write(|w| campaigns::trash(w, c.id, true, now())).unwrap();
    assert_eq!(kept, 0);
    assert!(calendar::get_item(s.conn(), c.posts[0].id).is_ok());
    let gone = s
        .write(|w| campaigns::trash(w, next.id, false, now()))
        .unwrap();
    assert_eq!(gone, 4);
    assert!(campaigns::find_by_name(s.conn(), "下一场分享").is_err());
    s.write(|w| campaigns::restore(w, next.id, now())).unwrap();
    assert!(campaigns::find_by_name(s.conn(), "下一场分享").is_ok());
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let (_d, mut s, g) = open();
    let before = common::dump(s.conn());
    let ends_first = input(
        "倒着的活动",
        CampaignKind::Meetup,
        g,
        "2026-12-20",
        Some("2026-12-10"),
    );
    assert!(matches!(
        s.write(|w| campaigns::create(w, &ends_first, now()))
            .unwrap_err(),
        CampaignError::EndBeforeStart { .. }
    ));
    let mut negative = input("负预算", CampaignKind::Meetup, g, "2026-12-20", None);
    negative.budget_fen = Some(-100);
    assert!(matches!(
        s.write(|w| campaigns::create(w, &negative, now()))
            .unwrap_err(),
        CampaignError::Invalid(_)
    ));
    let mut unknown = input("没有的流程", CampaignKind::Meetup, g, "2026-12-20", None);
    unknown.playbook = Some("不存在".into());
    assert!(matches!(
        s.write(|w| campaigns::create(w, &unknown, now()))
            .unwrap_err(),
        CampaignError::NoPlaybook(_)
    ));
    assert_eq!(common::dump(s.conn()), before);

    // An owner's playbook with a step three months after the event: refused whole — no
    // campaign, no step, no post is left behind.
    s.write(|w| {
        w.execute(
            "INSERT INTO playbooks (name, kind, body, created_at) VALUES ('远的', 'custom', ?1, '2026-12-01')",
            [r#"{"steps":[{"title":"先做","offset":0},{"title":"三个月后复盘","offset":90}],"posts":[{"offset":0,"time":"20:00","kind":"other","title":"开场","body":""}],"scripts":[],"daily":[]}"#],
        )
    })
    .unwrap();
    let before = common::dump(s.conn());
    let mut far = input("太远的活动", CampaignKind::Custom, g, "2026-12-20", None);
    far.playbook = Some("远的".into());
    let err = s.write(|w| campaigns::create(w, &far, now())).unwrap_err();
    assert!(
        matches!(&err, CampaignError::OutsideCampaign { title, .. } if title == "三个月后复盘"),
        "{err:?}"
    );
    assert_eq!(common::dump(s.conn()), before);
}

#[test]
fn checklist_steps_show_on_today_and_are_reminded_once_on_their_morning() {
    use groupdesk::campaigns::today::{due_steps, next_step_at, take_due_steps};
    use groupdesk::reminders::Plan;
    let (_d, mut s, g) = open();
    let plan = Plan::default_for(chrono_tz::Asia::Shanghai);
    let mut i = input(
        "周三嘉宾分享",
        CampaignKind::GuestShare,
        g,
        "2026-12-09",
        None,
    );
    i.playbook = Some("guest_share".into());
    let c = s.write(|w| campaigns::create(w, &i, now())).unwrap();
    // 12-04: the first two steps (12-02, 12-04) are due; the rest come within the week.
    let steps = due_steps(s.conn(), d("2026-12-04")).unwrap();
    assert_eq!(steps.len(), 7);
    assert!(steps[0].overdue && !steps[1].overdue);
    assert_eq!(steps[0].campaign, "周三嘉宾分享");
    // The scheduler: nothing before the morning of 12-04 beyond 12-02's step.
    let early = Utc.with_ymd_and_hms(2026, 12, 3, 22, 0, 0).unwrap(); // 06:00 in Shanghai
    let first = s.write(|w| take_due_steps(w, &plan, early)).unwrap();
    assert_eq!(first.len(), 1);
    let morning = Utc.with_ymd_and_hms(2026, 12, 4, 1, 0, 0).unwrap(); // 09:00
    let second = s.write(|w| take_due_steps(w, &plan, morning)).unwrap();
    assert_eq!(
        second.iter().map(|x| x.title.as_str()).collect::<Vec<_>>(),
        vec!["给嘉宾发分享须知（时长、形式、互动环节）"]
    );
    assert!(
        s.write(|w| take_due_steps(w, &plan, morning))
            .unwrap()
            .is_empty(),
        "once"
    );
    let next = next_step_at(s.conn(), &plan).unwrap().unwrap();
    assert_eq!(next, plan_morning(&plan, d("2026-12-06")));
    // Done steps leave Today.
    s.write(|w| campaigns::set_step(w, c.checklist[0].id, true, "", now()))
        .unwrap();
    assert_eq!(due_steps(s.conn(), d("2026-12-04")).unwrap().len(), 6);
}

fn plan_morning(plan: &groupdesk::reminders::Plan, day: NaiveDate) -> DateTime<Utc> {
    groupdesk::reminders::zone::instant(plan.tz, day, plan.times.morning)
}

#[test]
fn milestones_are_offered_once_with_the_milestone_script_filled() {
    use groupdesk::campaigns::milestones::{mark_done, offered, set_sizes};
    use groupdesk::settings::Language;
    let (_d, mut s, g) = open();
    s.write(|w| set_sizes(w, &[3, 10])).unwrap();
    for n in 0..4 {
        joined(&mut s, g, &format!("成员{n}"), "", None, "2026-11-20");
    }
    let m = offered(s.conn(), d("2026-12-01"), Language::ZhCn).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].key.as_str(), m[0].reached), ("group:1:3", 3));
    assert!(m[0].text.contains("读书会 成员突破 3 人"), "{}", m[0].text);
    // With a milestone script of the group's, it is filled: {人数} is the size now.
    s.write(|w| {
        groupdesk::scripts::create(
            w,
            &groupdesk::scripts::ScriptInput {
                kind: "milestone".into(),
                name: String::new(),
                group_id: None,
                platform: None,
                body: "🎉 {群名}已经 {人数} 人啦！".into(),
                is_default: false,
            },
            now(),
        )
    })
    .unwrap();
    let m = offered(s.conn(), d("2026-12-01"), Language::ZhCn).unwrap();
    assert_eq!(m[0].text, "🎉 读书会已经 4 人啦！");
    s.write(|w| mark_done(w, &m[0].key, now())).unwrap();
    assert!(offered(s.conn(), d("2026-12-01"), Language::ZhCn)
        .unwrap()
        .is_empty());
    // A campaign reaching its joins target.
    let mut i = input(
        "小裂变",
        CampaignKind::Fission,
        g,
        "2026-11-25",
        Some("2026-11-30"),
    );
    i.source = "小海报".into();
    i.goals = vec![CampaignGoalInput {
        metric: Metric::Joins,
        target: 2,
    }];
    s.write(|w| campaigns::create(w, &i, now())).unwrap();
    joined(&mut s, g, "海报1", "小海报", None, "2026-11-26");
    assert!(offered(s.conn(), d("2026-12-01"), Language::ZhCn)
        .unwrap()
        .is_empty());
    joined(&mut s, g, "海报2", "小海报", None, "2026-11-27");
    let m = offered(s.conn(), d("2026-12-01"), Language::ZhCn).unwrap();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].campaign.as_deref(), Some("小裂变"));
    assert!(
        m[0].text.starts_with("🎉 读书会已经 6 人啦"),
        "the library's script: {}",
        m[0].text
    );
}
