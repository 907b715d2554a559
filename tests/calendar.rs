//! The content calendar's first layer on real SQLite files: recurring slots expanded with the
//! `rrule` crate in the owner's zone (a weekly 20:00 share stays 20:00 across New York's
//! daylight-saving change), mainland holidays skipped and 调休 Saturdays added for a 工作日
//! slot (2026 schedule), an inclusive last day, a slot filled by a content item, the bad
//! inputs refused, and the `plan week --json` contract on the real binary.
mod common;

use chrono::NaiveDate;
use common::{group, now};
use groupdesk::calendar::{self, CalendarError, ContentStatus, ItemInput, SlotInput};
use groupdesk::groups;
use groupdesk::session::Failure;
use groupdesk::store::Store;
use serde_json::Value;
use std::process::Command;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn slot(group_id: i64, rule: &str, starts: &str, tz: &str) -> SlotInput {
    SlotInput {
        group_id,
        title: "嘉宾分享".into(),
        kind: "share".into(),
        rule: rule.into(),
        starts: starts.into(),
        tz: tz.into(),
        until: None,
        count: None,
        cn_workdays: false,
    }
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

#[test]
fn a_weekly_evening_slot_keeps_its_wall_clock_across_daylight_saving() {
    let (_dir, mut s, g) = setup();
    let input = slot(
        g,
        "FREQ=WEEKLY;BYDAY=WE",
        "2026-10-14 20:00",
        "America/New_York",
    );
    let created = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    let occ = calendar::occurrences(s.conn(), &created, d(2026, 10, 1), d(2026, 11, 30)).unwrap();
    let local: Vec<String> = occ
        .iter()
        .map(|o| {
            o.start
                .with_timezone(&chrono_tz::America::New_York)
                .format("%m-%d %H:%M %z")
                .to_string()
        })
        .collect();
    assert_eq!(
        local,
        [
            "10-14 20:00 -0400",
            "10-21 20:00 -0400",
            "10-28 20:00 -0400",
            "11-04 20:00 -0500",
            "11-11 20:00 -0500",
            "11-18 20:00 -0500",
            "11-25 20:00 -0500"
        ]
    );
}

#[test]
fn a_workday_slot_skips_holidays_and_posts_on_adjusted_saturdays() {
    let (_dir, mut s, g) = setup();
    let mut input = slot(
        g,
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "2026-09-28 08:00",
        "Asia/Shanghai",
    );
    input.title = "工作日 早报".into();
    input.cn_workdays = true;
    let created = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    let days: Vec<NaiveDate> =
        calendar::occurrences(s.conn(), &created, d(2026, 9, 28), d(2026, 10, 11))
            .unwrap()
            .iter()
            .map(|o| o.date)
            .collect();
    // 国庆: 1–7 October off; Saturday 10 October is worked (调休).
    assert_eq!(
        days,
        [
            d(2026, 9, 28),
            d(2026, 9, 29),
            d(2026, 9, 30),
            d(2026, 10, 8),
            d(2026, 10, 9),
            d(2026, 10, 10)
        ]
    );
    // Without the option the rule is the rule.
    input.cn_workdays = false;
    let plain = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    assert_eq!(
        calendar::occurrences(s.conn(), &plain, d(2026, 9, 28), d(2026, 10, 11))
            .unwrap()
            .len(),
        10
    );
    // A year with no published schedule is not silently "all workdays": flagged.
    let later = calendar::occurrences(s.conn(), &created, d(2027, 10, 1), d(2027, 10, 7)).unwrap();
    assert!(!later.is_empty() && later.iter().all(|o| o.unverified));
    assert!(matches!(
        calendar::day_kind(s.conn(), d(2027, 10, 1)).unwrap(),
        calendar::DayKind::Unknown
    ));
}

#[test]
fn the_last_day_is_inclusive_and_a_count_ends_the_series() {
    let (_dir, mut s, g) = setup();
    let mut input = slot(
        g,
        "FREQ=WEEKLY;BYDAY=WE",
        "2026-12-02 20:00",
        "Asia/Shanghai",
    );
    input.until = Some("2026-12-16".into());
    let a = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    let days: Vec<_> = calendar::occurrences(s.conn(), &a, d(2026, 12, 1), d(2027, 1, 31))
        .unwrap()
        .iter()
        .map(|o| o.date)
        .collect();
    assert_eq!(days, [d(2026, 12, 2), d(2026, 12, 9), d(2026, 12, 16)]);
    input.until = None;
    input.count = Some(2);
    let b = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    assert_eq!(
        calendar::occurrences(s.conn(), &b, d(2026, 12, 1), d(2027, 1, 31))
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn bad_slots_are_refused_and_nothing_is_stored() {
    let (_dir, mut s, g) = setup();
    type Expect = fn(&CalendarError) -> bool;
    let cases: Vec<(SlotInput, Expect)> = vec![
        (
            slot(g, "FREQ=HOURLY", "2026-12-02 20:00", "Asia/Shanghai"),
            |e| matches!(e, CalendarError::SubDaily),
        ),
        (
            slot(
                g,
                "FREQ=DAILY;BYHOUR=1,2,3",
                "2026-12-02 20:00",
                "Asia/Shanghai",
            ),
            |e| matches!(e, CalendarError::SubDaily),
        ),
        (
            slot(
                g,
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                "2026-12-02 20:00",
                "Asia/Shanghai",
            ),
            |e| matches!(e, CalendarError::NoOccurrence),
        ),
        (
            slot(g, "FREQ=WEEKLY", "2026-03-08 02:30", "America/New_York"),
            |e| matches!(e, CalendarError::TimeGap),
        ),
        (
            slot(g, "FREQ=WEEKLY", "2026-11-01 01:30", "America/New_York"),
            |e| matches!(e, CalendarError::TimeTwice),
        ),
        (
            slot(g, "NOT A RULE", "2026-12-02 20:00", "Asia/Shanghai"),
            |e| matches!(e, CalendarError::BadRule(_)),
        ),
        (
            slot(
                g,
                "FREQ=WEEKLY;COUNT=3",
                "2026-12-02 20:00",
                "Asia/Shanghai",
            ),
            |e| matches!(e, CalendarError::BadRule(_)),
        ),
        (
            slot(g, "FREQ=WEEKLY", "2026-12-02 20:00", "Mars/Olympus"),
            |e| matches!(e, CalendarError::Invalid(_)),
        ),
        (
            slot(g + 99, "FREQ=WEEKLY", "2026-12-02 20:00", "Asia/Shanghai"),
            |e| matches!(e, CalendarError::GroupNotFound(_)),
        ),
    ];
    for (input, expect) in cases {
        let r = s.write(|w| calendar::create_slot(w, &input, now()));
        match r {
            Err(e) => assert!(expect(&e), "{}: {e}", input.rule),
            Ok(_) => panic!("{} was accepted", input.rule),
        }
    }
    let mut before_start = slot(g, "FREQ=WEEKLY", "2026-12-02 20:00", "Asia/Shanghai");
    before_start.until = Some("2026-11-30".into());
    assert!(matches!(
        s.write(|w| calendar::create_slot(w, &before_start, now())),
        Err(CalendarError::EndBeforeStart)
    ));
    assert!(calendar::list_slots(s.conn()).unwrap().is_empty());
}

#[test]
fn a_filled_slot_shows_its_item_instead_of_a_placeholder() {
    let (_dir, mut s, g) = setup();
    let input = slot(
        g,
        "FREQ=WEEKLY;BYDAY=WE",
        "2026-12-02 20:00",
        "Asia/Shanghai",
    );
    let sl = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    s.write(|w| {
        calendar::create_item(
            w,
            &ItemInput {
                kind: "share".into(),
                title: "嘉宾分享：如何坚持阅读".into(),
                body: "今晚 20:00 见".into(),
                groups: vec![g],
                planned_date: "2026-12-09".into(),
                planned_time: Some("20:00".into()),
                tz: "Asia/Shanghai".into(),
                status: ContentStatus::Approved,
                slot_id: Some(sl.id),
                slot_date: Some("2026-12-09".into()),
            },
            now(),
        )
    })
    .unwrap();
    let week = calendar::week(s.conn(), d(2026, 12, 10)).unwrap();
    assert_eq!(week.week_start, "2026-12-07");
    assert_eq!(week.entries.len(), 1, "{week:?}");
    let e = &week.entries[0];
    assert_eq!(e.title, "嘉宾分享：如何坚持阅读");
    assert_eq!(e.status.as_deref(), Some("approved"));
    assert_eq!(e.start.as_deref(), Some("2026-12-09T20:00:00+08:00"));
    let next = calendar::week(s.conn(), d(2026, 12, 16)).unwrap();
    assert_eq!(
        next.entries[0].status, None,
        "the next occurrence is still open"
    );
}

#[test]
fn plan_week_json_is_the_contract_scripts_read() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_groupdesk"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["group", "add", "宝妈群", "--platform", "wecom"])
        .status
        .success());
    let groups: Value = serde_json::from_slice(&run(&["group", "list", "--json"]).stdout).unwrap();
    assert_eq!(groups[0]["name"], "宝妈群");
    let add = run(&[
        "slot",
        "add",
        "--group",
        "宝妈群",
        "--title",
        "工作日 早报",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "--start",
        "2026-09-28 08:00",
        "--zone",
        "Asia/Shanghai",
        "--type",
        "morning_brief",
        "--cn-workdays",
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let out = run(&["plan", "week", "2026-10-07", "--json"]);
    assert!(out.status.success());
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["week_start"], "2026-10-05");
    let entries = plan["entries"].as_array().unwrap();
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-10-08", "2026-10-09", "2026-10-10"]);
    let first = &entries[0];
    assert_eq!(first["kind"], "slot");
    assert_eq!(first["title"], "工作日 早报");
    assert_eq!(first["groups"], serde_json::json!(["宝妈群"]));
    assert_eq!(first["start"], "2026-10-08T08:00:00+08:00");
    assert_eq!(first["type"], "morning_brief");
    assert_eq!(first["status"], Value::Null);
    let slots: Value = serde_json::from_slice(&run(&["slot", "list", "--json"]).stdout).unwrap();
    assert_eq!(slots[0]["rule"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    // A refused slot says why and changes nothing.
    let bad = run(&[
        "slot",
        "add",
        "--group",
        "宝妈群",
        "--title",
        "x",
        "--rrule",
        "FREQ=MINUTELY",
        "--start",
        "2026-09-28 08:00",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("at most daily"));
    let slots: Value = serde_json::from_slice(&run(&["slot", "list", "--json"]).stdout).unwrap();
    assert_eq!(slots.as_array().unwrap().len(), 1);
}

/// A scheduled post for group `g` on 9 December 2026 at `time` (Shanghai).
fn scheduled_post(g: i64, title: &str, time: &str) -> ItemInput {
    ItemInput {
        kind: "share".into(),
        title: title.into(),
        body: String::new(),
        groups: vec![g],
        planned_date: "2026-12-09".into(),
        planned_time: Some(time.into()),
        tz: "Asia/Shanghai".into(),
        status: ContentStatus::Scheduled,
        slot_id: None,
        slot_date: None,
    }
}

struct Host {
    session: groupdesk::session::Session,
    seen: std::sync::Mutex<Vec<groupdesk::scheduler::Announcement>>,
}

impl groupdesk::scheduler::Host for Host {
    fn session(&self) -> &groupdesk::session::Session {
        &self.session
    }
    fn announce(&self, _: groupdesk::settings::Language, what: groupdesk::scheduler::Announcement) {
        // Only the posts (the morning digest fires in these turns too).
        if matches!(
            what,
            groupdesk::scheduler::Announcement::Posts(_)
                | groupdesk::scheduler::Announcement::MissedPosts(_)
        ) {
            self.seen.lock().unwrap().push(what);
        }
    }
}

#[tokio::test]
async fn a_timed_post_is_announced_once_at_its_time_and_again_after_a_move() {
    use chrono::TimeZone;
    use groupdesk::scheduler::{self, Announcement};
    let (dir, mut s, g) = setup();
    let at = |h, m| chrono::Utc.with_ymd_and_hms(2026, 12, 9, h, m, 0).unwrap();
    let made = at(0, 0);
    let post = |title: &str, time: &str| scheduled_post(g, title, time);
    let id = s
        .write(|w| calendar::create_item(w, &post("嘉宾分享", "20:00"), made))
        .unwrap();
    // Planned in the past when it was entered: never announced late.
    s.write(|w| calendar::create_item(w, &post("昨天的早报", "07:00"), at(1, 0)))
        .unwrap();
    let host = Host {
        session: groupdesk::session::Session::new(dir.path().to_path_buf(), Ok(s)),
        seen: Default::default(),
    };
    // 20:00 Shanghai is 12:00 UTC: nothing before, the post at, nothing again after.
    scheduler::turn(&host, made, at(11, 59)).await;
    assert!(host.seen.lock().unwrap().is_empty());
    scheduler::turn(&host, made, at(12, 0)).await;
    scheduler::turn(&host, made, at(12, 1)).await;
    {
        let seen = host.seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "announced once");
        assert!(
            matches!(&seen[0], Announcement::Posts(p) if p.len() == 1 && p[0].title == "嘉宾分享" && p[0].time == "20:00" && p[0].groups == "读书会")
        );
    }
    // Moved to 21:00: announced again then.
    host.session
        .write(|w| {
            Ok::<_, Failure>(calendar::move_item(
                w,
                id,
                "2026-12-09",
                Some("21:00"),
                at(12, 5),
            )?)
        })
        .unwrap();
    scheduler::turn(&host, made, at(12, 30)).await;
    assert_eq!(host.seen.lock().unwrap().len(), 1);
    scheduler::turn(&host, made, at(13, 0)).await;
    assert_eq!(host.seen.lock().unwrap().len(), 2);
    // Marked posted before its time: no reminder.
    let late = host
        .session
        .write(|w| Ok::<_, Failure>(calendar::create_item(w, &post("晚报", "22:00"), at(13, 1))?))
        .unwrap();
    host.session
        .write(|w| {
            Ok::<_, Failure>(calendar::set_status(
                w,
                late,
                ContentStatus::Posted,
                "",
                at(13, 2),
            )?)
        })
        .unwrap();
    scheduler::turn(&host, made, at(14, 30)).await;
    assert_eq!(host.seen.lock().unwrap().len(), 2);
}

#[test]
fn a_later_years_schedule_loads_from_a_holiday_cn_file_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_groupdesk"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["group", "add", "读书会"]).status.success());
    assert!(run(&[
        "slot",
        "add",
        "--group",
        "读书会",
        "--title",
        "工作日 早报",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "--start",
        "2026-12-28 08:00",
        "--zone",
        "Asia/Shanghai",
        "--cn-workdays",
    ])
    .status
    .success());
    // A test file in the data set's shape (not the real 2027 schedule, which is not out yet).
    let file = dir.path().join("2027.json");
    std::fs::write(
        &file,
        r#"{"$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
            "year": 2027, "papers": [],
            "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                     {"name": "元旦", "date": "2027-01-02", "isOffDay": false}]}"#,
    )
    .unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"year": 2027, "days": [{"date": "2027-13-01", "isOffDay": true}]}"#,
    )
    .unwrap();
    let out = run(&["holidays", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a holiday-cn schedule file"));
    let dates = |week: &str| -> Vec<String> {
        let v: Value =
            serde_json::from_slice(&run(&["plan", "week", week, "--json"]).stdout).unwrap();
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["date"].as_str().unwrap().to_string())
            .collect()
    };
    // Without a 2027 schedule the rule is kept (and flagged unknown in the window).
    assert!(dates("2026-12-28").contains(&"2027-01-01".to_string()));
    assert!(run(&["holidays", "import", file.to_str().unwrap()])
        .status
        .success());
    let week = dates("2026-12-28");
    assert!(!week.contains(&"2027-01-01".to_string()), "{week:?}");
    assert!(
        week.contains(&"2027-01-02".to_string()),
        "the Saturday worked: {week:?}"
    );
    // A correction by hand.
    assert!(run(&[
        "holidays",
        "set",
        "2026-12-31",
        "--off",
        "--name",
        "公司年会"
    ])
    .status
    .success());
    assert!(!dates("2026-12-28").contains(&"2026-12-31".to_string()));
}

#[test]
fn one_occurrence_is_skipped_or_moved_and_the_series_goes_on() {
    let (_dir, mut s, g) = setup();
    let input = slot(
        g,
        "freq=weekly;byday=we",
        "2026-12-02 20:00",
        "Asia/Shanghai",
    );
    let sl = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    assert_eq!(sl.rule, "FREQ=WEEKLY;BYDAY=WE", "stored upper-case");
    s.write(|w| calendar::skip_occurrence(w, sl.id, d(2026, 12, 9), now()))
        .unwrap();
    let to = chrono::NaiveDateTime::parse_from_str("2026-12-17 19:30", "%Y-%m-%d %H:%M").unwrap();
    s.write(|w| {
        calendar::move_occurrence(
            w,
            sl.id,
            d(2026, 12, 16),
            to,
            Some("嘉宾分享（改到周四）"),
            now(),
        )
    })
    .unwrap();
    let occ = calendar::occurrences(s.conn(), &sl, d(2026, 12, 1), d(2026, 12, 31)).unwrap();
    let got: Vec<(NaiveDate, String)> = occ
        .iter()
        .map(|o| {
            (
                o.date,
                o.start
                    .with_timezone(&chrono_tz::Asia::Shanghai)
                    .format("%H:%M")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (d(2026, 12, 2), "20:00".into()),
            (d(2026, 12, 17), "19:30".into()),
            (d(2026, 12, 23), "20:00".into()),
            (d(2026, 12, 30), "20:00".into())
        ]
    );
    assert_eq!(occ[1].title, "嘉宾分享（改到周四）");
    // A date the rule does not give cannot be skipped; a filled one cannot be filled twice.
    assert!(matches!(
        s.write(|w| calendar::skip_occurrence(w, sl.id, d(2026, 12, 10), now())),
        Err(CalendarError::NoOccurrence)
    ));
    s.write(|w| calendar::fill_slot(w, sl.id, "2026-12-23", now()))
        .unwrap();
    assert!(matches!(
        s.write(|w| calendar::fill_slot(w, sl.id, "2026-12-23", now())),
        Err(CalendarError::AlreadyFilled)
    ));
}

#[test]
fn a_rule_changed_from_a_date_on_leaves_the_past_as_it_was() {
    let (_dir, mut s, g) = setup();
    let input = slot(
        g,
        "FREQ=WEEKLY;BYDAY=WE",
        "2026-11-04 20:00",
        "Asia/Shanghai",
    );
    let old = s
        .write(|w| calendar::create_slot(w, &input, now()))
        .unwrap();
    // From 1 December the share moves to Thursdays 19:30.
    let new_rule = slot(
        g,
        "FREQ=WEEKLY;BYDAY=TH",
        "2026-12-03 19:30",
        "Asia/Shanghai",
    );
    let new = s
        .write(|w| calendar::change_from(w, old.id, d(2026, 12, 1), &new_rule, now()))
        .unwrap();
    let slots = calendar::list_slots(s.conn()).unwrap();
    let old = slots.iter().find(|x| x.id == old.id).unwrap();
    assert_eq!(old.until.as_deref(), Some("2026-11-30"));
    let dates = |sl: &calendar::Slot| -> Vec<NaiveDate> {
        calendar::occurrences(s.conn(), sl, d(2026, 11, 1), d(2026, 12, 20))
            .unwrap()
            .iter()
            .map(|o| o.date)
            .collect()
    };
    assert_eq!(
        dates(old),
        [
            d(2026, 11, 4),
            d(2026, 11, 11),
            d(2026, 11, 18),
            d(2026, 11, 25)
        ]
    );
    assert_eq!(
        dates(&new),
        [d(2026, 12, 3), d(2026, 12, 10), d(2026, 12, 17)]
    );
}

#[tokio::test]
async fn a_timed_post_is_pushed_to_the_webhooks_that_take_reminders() {
    use chrono::TimeZone;
    use wiremock::matchers::{body_json, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(serde_json::json!({
            "msgtype": "text",
            "text": {"content": "【群主工作台】该发内容了：\n· 20:00 在 读书会 发：嘉宾分享"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"errcode":0}"#))
        .expect(1)
        .mount(&server)
        .await;
    let (dir, mut s, g) = setup();
    let made = chrono::Utc.with_ymd_and_hms(2026, 12, 9, 0, 0, 0).unwrap();
    s.write(|w| {
        groupdesk::webhooks::save(
            w,
            None,
            &groupdesk::webhooks::WebhookInput {
                kind: groupdesk::webhooks::WebhookKind::Wecom,
                name: "企业微信群".into(),
                url: Some(format!("{}/hook", server.uri())),
                reminders: true,
                digest: false,
                enabled: true,
            },
            made,
        )
    })
    .unwrap();
    s.write(|w| {
        calendar::create_item(
            w,
            &ItemInput {
                kind: "share".into(),
                title: "嘉宾分享".into(),
                body: String::new(),
                groups: vec![g],
                planned_date: "2026-12-09".into(),
                planned_time: Some("20:00".into()),
                tz: "Asia/Shanghai".into(),
                status: ContentStatus::Scheduled,
                slot_id: None,
                slot_date: None,
            },
            made,
        )
    })
    .unwrap();
    let host = Host {
        session: groupdesk::session::Session::new(dir.path().to_path_buf(), Ok(s)),
        seen: Default::default(),
    };
    groupdesk::scheduler::turn(
        &host,
        made,
        chrono::Utc.with_ymd_and_hms(2026, 12, 9, 12, 0, 5).unwrap(),
    )
    .await;
    server.verify().await;
}

#[tokio::test]
async fn a_post_that_came_due_while_the_app_was_closed_is_shown_once_at_the_next_start() {
    use chrono::TimeZone;
    use groupdesk::scheduler::{self, Announcement};
    let (dir, mut s, g) = setup();
    let at = |h, m| chrono::Utc.with_ymd_and_hms(2026, 12, 9, h, m, 0).unwrap();
    s.write(|w| calendar::create_item(w, &scheduled_post(g, "嘉宾分享", "20:00"), at(0, 0)))
        .unwrap();
    let host = Host {
        session: groupdesk::session::Session::new(dir.path().to_path_buf(), Ok(s)),
        seen: Default::default(),
    };
    // The app was closed at 12:00 UTC (20:00 Shanghai) and starts at 14:00.
    let started = at(14, 0);
    scheduler::turn(&host, started, started).await;
    scheduler::turn(&host, started, at(14, 1)).await;
    let seen = host.seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "shown once");
    assert!(
        matches!(&seen[0], Announcement::MissedPosts(p) if p.len() == 1 && p[0].title == "嘉宾分享")
    );
}
