//! The content calendar's second layer on real SQLite files: editing a post, the trash and its
//! undo (a trashed post no longer reminds and frees its slot occurrence), approval with a
//! name, owners' own content types, each group's posting pace (不打扰) as warnings that never
//! block, and the weekly plan's themes with "fill next week".
mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{group, now};
use groupdesk::calendar::{
    self, CalendarError, ContentStatus, ItemInput, PaceProblem, PostLimits, SlotInput,
};
use groupdesk::groups;
use groupdesk::store::Store;
use std::collections::HashMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn setup() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let g = s
        .write(|w| groups::create(w, &group("读书会"), now()))
        .unwrap()
        .id;
    (dir, s, g)
}

fn post(g: i64, title: &str, date: &str, time: Option<&str>) -> ItemInput {
    ItemInput {
        kind: "morning_brief".into(),
        title: title.into(),
        body: "今日要点".into(),
        groups: vec![g],
        planned_date: date.into(),
        planned_time: time.map(String::from),
        tz: "Asia/Shanghai".into(),
        status: ContentStatus::Draft,
        slot_id: None,
        slot_date: None,
    }
}

/// A weekly slot for group `g` from `starts` (Shanghai wall clock).
fn weekly(g: i64, title: &str, kind: &str, rule: &str, starts: &str) -> SlotInput {
    SlotInput {
        group_id: g,
        title: title.into(),
        kind: kind.into(),
        rule: rule.into(),
        starts: starts.into(),
        tz: "Asia/Shanghai".into(),
        until: None,
        count: None,
        cn_workdays: false,
    }
}

fn titles(s: &Store, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    calendar::entries(s.conn(), from, to, None)
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect()
}

#[test]
fn a_post_is_edited_trashed_and_brought_back_and_a_trashed_one_does_not_remind() {
    let (_dir, mut s, g) = setup();
    let t0 = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
    let id = s
        .write(|w| calendar::create_item(w, &post(g, "早报", "2027-03-02", Some("08:00")), t0))
        .unwrap();
    let mut edit = post(g, "早报 · 行业新闻", "2027-03-03", Some("09:30"));
    edit.body = "第一条\n第二条".into();
    s.write(|w| calendar::update_item(w, id, &edit, t0))
        .unwrap();
    let item = calendar::get_item(s.conn(), id).unwrap();
    assert_eq!(item.input.title, "早报 · 行业新闻");
    assert_eq!(item.input.body, "第一条\n第二条");
    assert_eq!(
        calendar::next_post_at(s.conn()).unwrap(),
        Some(Utc.with_ymd_and_hms(2027, 3, 3, 1, 30, 0).unwrap()),
        "the reminder follows the edit (09:30 Shanghai)"
    );

    s.write(|w| calendar::trash_item(w, id, t0)).unwrap();
    assert!(titles(&s, d(2027, 3, 1), d(2027, 3, 7)).is_empty());
    assert_eq!(calendar::next_post_at(s.conn()).unwrap(), None);
    assert!(matches!(
        calendar::get_item(s.conn(), id),
        Err(CalendarError::ItemNotFound(_))
    ));
    s.write(|w| calendar::restore_item(w, id, t0)).unwrap();
    assert_eq!(
        titles(&s, d(2027, 3, 1), d(2027, 3, 7)),
        ["早报 · 行业新闻"]
    );
    // A bad edit changes nothing.
    let mut bad = edit.clone();
    bad.title = "  ".into();
    assert!(matches!(
        s.write(|w| calendar::update_item(w, id, &bad, t0)),
        Err(CalendarError::Invalid(_))
    ));
    let mut unknown_group = edit.clone();
    unknown_group.groups = vec![g, 999];
    assert!(matches!(
        s.write(|w| calendar::update_item(w, id, &unknown_group, t0)),
        Err(CalendarError::GroupNotFound(999))
    ));
    assert_eq!(calendar::get_item(s.conn(), id).unwrap().input.groups, [g]);
}

#[test]
fn a_trashed_fill_frees_its_occurrence_and_undo_is_refused_once_it_is_filled_again() {
    let (_dir, mut s, g) = setup();
    let share = weekly(
        g,
        "嘉宾分享",
        "share",
        "FREQ=WEEKLY;BYDAY=WE",
        "2027-03-03 20:00",
    );
    let slot = s
        .write(|w| calendar::create_slot(w, &share, now()))
        .unwrap();
    let first = s
        .write(|w| calendar::fill_slot(w, slot.id, "2027-03-03", now()))
        .unwrap();
    s.write(|w| calendar::trash_item(w, first, now())).unwrap();
    let open: Vec<_> = calendar::entries(s.conn(), d(2027, 3, 3), d(2027, 3, 3), None)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.status))
        .collect();
    assert_eq!(open, [(calendar::EntryKind::Slot, None)]);
    s.write(|w| calendar::fill_slot(w, slot.id, "2027-03-03", now()))
        .unwrap();
    assert!(matches!(
        s.write(|w| calendar::restore_item(w, first, now())),
        Err(CalendarError::AlreadyFilled)
    ));
}

#[test]
fn approval_records_who_and_when_and_owners_types_are_remembered() {
    let (_dir, mut s, g) = setup();
    let t0 = Utc.with_ymd_and_hms(2027, 3, 1, 2, 0, 0).unwrap();
    let mut input = post(g, "直播预告", "2027-03-05", None);
    input.kind = "直播预告".into();
    input.status = ContentStatus::Review;
    let id = s.write(|w| calendar::create_item(w, &input, t0)).unwrap();
    s.write(|w| calendar::approve(w, id, "小助理 阿May", t0))
        .unwrap();
    let item = calendar::get_item(s.conn(), id).unwrap();
    assert_eq!(item.input.status, ContentStatus::Approved);
    assert_eq!(item.approved_by, "小助理 阿May");
    assert_eq!(
        item.approved_at.as_deref(),
        Some("2027-03-01T02:00:00.000Z")
    );
    assert_eq!(calendar::own_types(s.conn()).unwrap(), ["直播预告"]);
    // Shipped types are not the owner's; adding one twice keeps one.
    s.write(|w| calendar::add_type(w, "share", t0)).unwrap();
    s.write(|w| calendar::add_type(w, "读书打卡", t0)).unwrap();
    s.write(|w| calendar::add_type(w, "读书打卡", t0)).unwrap();
    assert_eq!(
        calendar::own_types(s.conn()).unwrap(),
        ["直播预告", "读书打卡"]
    );
    s.write(|w| calendar::forget_type(w, "直播预告")).unwrap();
    assert_eq!(calendar::own_types(s.conn()).unwrap(), ["读书打卡"]);
    assert_eq!(
        calendar::get_item(s.conn(), id).unwrap().input.kind,
        "直播预告"
    );
}

#[test]
fn planning_beyond_a_groups_pace_warns_on_the_day_and_on_the_post_but_saves() {
    let (_dir, mut s, g) = setup();
    let other = s
        .write(|w| groups::create(w, &group("跑团"), now()))
        .unwrap()
        .id;
    s.write(|w| {
        calendar::set_limits(
            w,
            &PostLimits {
                group_id: g,
                max_per_day: Some(2),
                quiet_from: Some("22:00".into()),
                quiet_to: Some("08:00".into()),
            },
        )
    })
    .unwrap();
    for (title, time) in [("早报", "07:30"), ("午间分享", "12:00"), ("晚报", "21:00")] {
        s.write(|w| calendar::create_item(w, &post(g, title, "2027-03-02", Some(time)), now()))
            .unwrap();
    }
    // The other group has no limits: three posts there warn about nothing.
    for title in ["甲", "乙", "丙"] {
        s.write(|w| {
            calendar::create_item(w, &post(other, title, "2027-03-02", Some("23:00")), now())
        })
        .unwrap();
    }
    let entries = calendar::entries(s.conn(), d(2027, 3, 1), d(2027, 3, 7), None).unwrap();
    let ids: Vec<String> = entries.iter().map(|e| e.calendar_id()).collect();
    let names = HashMap::from([(g, "读书会".to_string()), (other, "跑团".to_string())]);
    let limits = calendar::limits(s.conn()).unwrap();
    let w = calendar::warnings(&entries, &ids, &limits, &names);
    let got: Vec<(PaceProblem, &str, u32, u32, usize)> = w
        .iter()
        .map(|w| (w.problem, w.group.as_str(), w.count, w.max, w.entries.len()))
        .collect();
    assert_eq!(
        got,
        [
            (PaceProblem::Quiet, "读书会", 0, 0, 1),
            (PaceProblem::TooMany, "读书会", 3, 2, 3),
        ]
    );
    assert_eq!(w[0].quiet, "22:00–08:00");
    let early = entries.iter().find(|e| e.title == "早报").unwrap();
    assert_eq!(w[0].entries, [early.calendar_id()]);
    assert!(calendar::in_quiet("12:30", "12:00", "14:00"));
    assert!(!calendar::in_quiet("14:00", "12:00", "14:00"));

    // Bad limits are refused and change nothing; empty ones remove them.
    let bad = PostLimits {
        group_id: g,
        max_per_day: Some(0),
        quiet_from: Some("22:00".into()),
        quiet_to: None,
    };
    assert!(matches!(
        s.write(|w| calendar::set_limits(w, &bad)),
        Err(CalendarError::Invalid(e)) if e.len() == 2
    ));
    assert_eq!(calendar::limits(s.conn()).unwrap(), limits);
    s.write(|w| {
        calendar::set_limits(
            w,
            &PostLimits {
                group_id: g,
                ..PostLimits::default()
            },
        )
    })
    .unwrap();
    assert!(calendar::limits(s.conn()).unwrap().is_empty());
}

#[test]
fn fill_next_week_drafts_every_open_slot_and_carries_the_themes_over() {
    let (_dir, mut s, g) = setup();
    let brief = weekly(
        g,
        "早报",
        "morning_brief",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "2027-03-01 08:00",
    );
    s.write(|w| calendar::create_slot(w, &brief, now()))
        .unwrap();
    let monday = d(2027, 3, 1);
    s.write(|w| calendar::set_theme(w, monday, 0, "行业资讯"))
        .unwrap();
    s.write(|w| calendar::set_theme(w, monday, 2, "嘉宾分享"))
        .unwrap();
    // Next week already has its own Wednesday theme: it is kept.
    s.write(|w| calendar::set_theme(w, d(2027, 3, 10), 2, "读书会"))
        .unwrap();
    // One of next week's mornings is already filled by hand.
    s.write(|w| calendar::fill_slot(w, 1, "2027-03-09", now()))
        .unwrap();
    let r = s
        .write(|w| calendar::fill_week(w, d(2027, 3, 11), now()))
        .unwrap();
    assert_eq!(
        (r.week_start.as_str(), r.filled, r.themes),
        ("2027-03-08", 4, 1)
    );
    assert_eq!(
        calendar::themes(s.conn(), d(2027, 3, 8)).unwrap(),
        ["行业资讯", "", "读书会", "", "", "", ""]
    );
    let statuses: Vec<Option<String>> =
        calendar::entries(s.conn(), d(2027, 3, 8), d(2027, 3, 14), None)
            .unwrap()
            .into_iter()
            .map(|e| e.status)
            .collect();
    assert_eq!(statuses, vec![Some("draft".to_string()); 5]);
    // Filling again adds nothing; a theme too long is refused.
    let again = s
        .write(|w| calendar::fill_week(w, d(2027, 3, 8), now()))
        .unwrap();
    assert_eq!((again.filled, again.themes), (0, 0));
    assert!(s
        .write(|w| calendar::set_theme(w, monday, 1, &"长".repeat(41)))
        .is_err());
    s.write(|w| calendar::set_theme(w, monday, 0, "")).unwrap();
    assert_eq!(calendar::themes(s.conn(), monday).unwrap()[0], "");
}
