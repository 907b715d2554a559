//! Follow-ups on a real workspace file with an injected clock: recurrence after completion
//! (month ends, leap days), wall-clock plans across daylight-saving changes, snoozes across
//! midnight, cadences, birthdays, the spotlight's fairness, and the scheduler's bookkeeping
//! (catch-up after the app was closed, nothing announced twice across a restart).
mod common;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use common::{at, group};
use groupdesk::groups;
use groupdesk::members::{self, Category, JoinInput, MemberInput, MemberStatus};
use groupdesk::reminders::{
    self, cadence, recur::next_date, today, zone, Plan, ReminderError, ReminderInput, Repeat,
    Snooze,
};
use groupdesk::store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn shanghai() -> Plan {
    Plan::default_for(chrono_tz::Asia::Shanghai)
}

fn open(now: DateTime<Utc>) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path(), now).unwrap();
    (dir, store)
}

fn member(s: &mut Store, nick: &str, now: DateTime<Utc>) -> i64 {
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                nickname: nick.into(),
                ..Default::default()
            },
            now,
        )
    })
    .unwrap()
    .id
}

fn follow_up(
    member_id: i64,
    date: &str,
    time: Option<&str>,
    repeat: Option<Repeat>,
) -> ReminderInput {
    ReminderInput {
        member_id,
        reason: "问问近况".into(),
        due_date: date.into(),
        due_time: time.map(Into::into),
        repeat,
    }
}

#[test]
fn every_month_on_the_31st_lands_on_month_ends_and_leap_days() {
    let r = Repeat::Months { every: 1, day: 31 };
    // Done on the day each time: Jan 31 → Feb 28 → Mar 31 → Apr 30.
    assert_eq!(
        next_date(&r, d(2027, 1, 31), d(2027, 1, 31)),
        Some(d(2027, 2, 28))
    );
    assert_eq!(
        next_date(&r, d(2027, 2, 28), d(2027, 2, 28)),
        Some(d(2027, 3, 31))
    );
    assert_eq!(
        next_date(&r, d(2027, 3, 31), d(2027, 3, 31)),
        Some(d(2027, 4, 30))
    );
    // 2028 is a leap year: the month's end is 29 February.
    assert_eq!(
        next_date(&r, d(2028, 1, 31), d(2028, 1, 31)),
        Some(d(2028, 2, 29))
    );
    let r29 = Repeat::Months { every: 1, day: 29 };
    assert_eq!(
        next_date(&r29, d(2027, 1, 29), d(2027, 1, 29)),
        Some(d(2027, 2, 28))
    );
    assert_eq!(
        next_date(&r29, d(2028, 1, 29), d(2028, 1, 29)),
        Some(d(2028, 2, 29))
    );
    // Every 2 months, done late: the first month end of the pattern after the day done.
    let r2 = Repeat::Months { every: 2, day: 31 };
    assert_eq!(
        next_date(&r2, d(2027, 1, 31), d(2027, 2, 3)),
        Some(d(2027, 3, 31))
    );
    // Done early does not bring back the same month.
    assert_eq!(
        next_date(&r, d(2027, 1, 31), d(2027, 1, 20)),
        Some(d(2027, 2, 28))
    );
}

#[test]
fn intervals_count_from_completion_and_patterns_find_the_next_day() {
    // Every 7 days, due Monday 2026-11-23, done Wednesday: a week after Wednesday.
    let week = Repeat::Days { every: 7 };
    assert_eq!(
        next_date(&week, d(2026, 11, 23), d(2026, 11, 25)),
        Some(d(2026, 12, 2))
    );
    let two_weeks = Repeat::Weeks {
        every: 2,
        weekdays: vec![],
    };
    assert_eq!(
        next_date(&two_weeks, d(2026, 11, 23), d(2026, 11, 25)),
        Some(d(2026, 12, 9))
    );
    // Every Monday, done on the Wednesday: the next Monday.
    let monday = Repeat::Weeks {
        every: 1,
        weekdays: vec![0],
    };
    assert_eq!(
        next_date(&monday, d(2026, 11, 23), d(2026, 11, 25)),
        Some(d(2026, 11, 30))
    );
    // Mondays and Thursdays.
    let mon_thu = Repeat::Weeks {
        every: 1,
        weekdays: vec![0, 3],
    };
    assert_eq!(
        next_date(&mon_thu, d(2026, 11, 23), d(2026, 11, 23)),
        Some(d(2026, 11, 26))
    );
    // Stored as RRULE text and read back the same.
    for r in [
        week,
        two_weeks,
        monday,
        mon_thu,
        Repeat::Months { every: 3, day: 15 },
    ] {
        assert_eq!(
            Repeat::from_rrule(&r.to_rrule()),
            Some(r.clone()),
            "{}",
            r.to_rrule()
        );
    }
    assert_eq!(
        Repeat::Weeks {
            every: 1,
            weekdays: vec![0]
        }
        .to_rrule(),
        "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO"
    );
}

#[test]
fn wall_clock_plans_keep_their_time_across_daylight_saving() {
    let ny: Tz = chrono_tz::America::New_York;
    let nine = zone::parse_time("09:00").unwrap();
    // 09:00 the day before and the day after clocks spring forward (14 March 2027).
    assert_eq!(
        zone::instant(ny, d(2027, 3, 13), nine),
        Utc.with_ymd_and_hms(2027, 3, 13, 14, 0, 0).unwrap()
    );
    assert_eq!(
        zone::instant(ny, d(2027, 3, 14), nine),
        Utc.with_ymd_and_hms(2027, 3, 14, 13, 0, 0).unwrap()
    );
    // 02:30 does not exist that night: it moves forward by the gap, to 03:30 EDT.
    let t = zone::instant(ny, d(2027, 3, 14), zone::parse_time("02:30").unwrap());
    assert_eq!(t, Utc.with_ymd_and_hms(2027, 3, 14, 7, 30, 0).unwrap());
    // 01:30 happens twice when clocks fall back (7 November 2027): the first one (EDT).
    let t = zone::instant(ny, d(2027, 11, 7), zone::parse_time("01:30").unwrap());
    assert_eq!(t, Utc.with_ymd_and_hms(2027, 11, 7, 5, 30, 0).unwrap());

    // A daily 09:00 follow-up in New York, done on the Saturday: Sunday's is at 09:00 EDT.
    let now = Utc.with_ymd_and_hms(2027, 3, 13, 15, 0, 0).unwrap();
    let (_dir, mut s) = open(now);
    let id = member(&mut s, "Amy", now);
    let plan = Plan::default_for(ny);
    let r = s
        .write(|w| {
            reminders::create(
                w,
                &follow_up(
                    id,
                    "2027-03-13",
                    Some("09:00"),
                    Some(Repeat::Days { every: 1 }),
                ),
                &plan,
                now,
            )
        })
        .unwrap();
    assert_eq!(r.fire_at, "2027-03-13T14:00:00.000Z");
    let done = s
        .write(|w| reminders::complete(w, r.id, "", &plan, now))
        .unwrap();
    let next = done.next.expect("a daily follow-up schedules the next");
    assert_eq!(
        (next.due_date.as_str(), next.due_time.as_deref()),
        ("2027-03-14", Some("09:00"))
    );
    assert_eq!(next.fire_at, "2027-03-14T13:00:00.000Z");
    assert_eq!(next.tz, "America/New_York");
}

#[test]
fn completing_logs_the_contact_and_schedules_the_next_in_one_go() {
    let now = at(2026, 11, 24, 2); // 10:00 in Shanghai
    let (_dir, mut s) = open(now);
    let id = member(&mut s, "王小雅", now);
    let plan = shanghai();
    let r = s
        .write(|w| {
            reminders::create(
                w,
                &follow_up(
                    id,
                    "2026-11-23",
                    None,
                    Some(Repeat::Weeks {
                        every: 1,
                        weekdays: vec![0],
                    }),
                ),
                &plan,
                now,
            )
        })
        .unwrap();
    // An all-day follow-up fires at the morning time, 09:00 Shanghai = 01:00 UTC.
    assert_eq!(r.fire_at, "2026-11-23T01:00:00.000Z");
    let done = s
        .write(|w| reminders::complete(w, r.id, "聊了续费，下周给答复", &plan, now))
        .unwrap();
    assert!(done.done.done_at.is_some());
    assert_eq!(done.done.done_note, "聊了续费，下周给答复");
    assert_eq!(done.next.as_ref().unwrap().due_date, "2026-11-30");
    let detail = members::get(s.conn(), id).unwrap();
    assert_eq!(
        detail.last_contact_at.as_deref(),
        Some("2026-11-24T02:00:00.000Z")
    );
    let log = members::list_interactions(s.conn(), id).unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0].summary.contains("聊了续费"), "{:?}", log[0]);
    // Done twice is refused and changes nothing.
    assert!(matches!(
        s.write(|w| reminders::complete(w, r.id, "", &plan, now)),
        Err(ReminderError::AlreadyDone(_))
    ));
    assert_eq!(members::list_interactions(s.conn(), id).unwrap().len(), 1);
    // Bad input: a clear field error, nothing written.
    let bad = ReminderInput {
        reason: " ".into(),
        due_date: "2026-02-30".into(),
        due_time: Some("25:00".into()),
        ..follow_up(id, "", None, None)
    };
    match s.write(|w| reminders::create(w, &bad, &plan, now)) {
        Err(ReminderError::Invalid(f)) => {
            let names: Vec<&str> = f.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(names, ["reason", "due_date", "due_time"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(reminders::for_member(s.conn(), id).unwrap().len(), 2);
}

#[test]
fn snoozes_move_the_follow_up_across_midnight_and_between_today_sections() {
    // 23:30 in Shanghai on 24 November.
    let now = at(2026, 11, 24, 15) + chrono::Duration::minutes(30);
    let (_dir, mut s) = open(now);
    let id = member(&mut s, "张三", now);
    let plan = shanghai();
    let r = s
        .write(|w| {
            reminders::create(
                w,
                &follow_up(id, "2026-11-24", Some("23:00"), None),
                &plan,
                now,
            )
        })
        .unwrap();
    let view = s.write(|w| today::view(w, &plan, now)).unwrap();
    assert_eq!(view.date, "2026-11-24");
    assert_eq!(view.today.total, 1);
    let snoozed = s
        .write(|w| reminders::snooze(w, r.id, &Snooze::Hour, &plan, now))
        .unwrap();
    assert_eq!(snoozed.fire_at, "2026-11-24T16:30:00.000Z"); // 00:30 on the 25th
    assert!(snoozed.snoozed);
    let view = s.write(|w| today::view(w, &plan, now)).unwrap();
    assert_eq!((view.today.total, view.upcoming.total), (0, 1));
    // After midnight it is today's again.
    let later = at(2026, 11, 24, 16) + chrono::Duration::minutes(31);
    let view = s.write(|w| today::view(w, &plan, later)).unwrap();
    assert_eq!(view.date, "2026-11-25");
    assert_eq!(view.today.items[0].id, r.id);
    // The presets: this evening (already past → tomorrow's), tomorrow morning, next Monday.
    let t = |s: Snooze| zone::snooze_until(&s, now, plan.tz, plan.times).unwrap();
    assert_eq!(t(Snooze::Evening), at(2026, 11, 25, 12)); // 20:00 on the 25th
    assert_eq!(t(Snooze::Tomorrow), at(2026, 11, 25, 1)); // 09:00 on the 25th
    assert_eq!(t(Snooze::NextWeek), at(2026, 11, 30, 1)); // Monday 09:00
    assert_eq!(
        t(Snooze::Until {
            date: "2026-12-01".into(),
            time: Some("14:30".into())
        }),
        at(2026, 12, 1, 6) + chrono::Duration::minutes(30)
    );
}

#[test]
fn catch_up_after_a_closed_period_and_nothing_fires_twice_across_a_restart() {
    let t0 = at(2026, 11, 20, 0);
    let dir = tempfile::tempdir().unwrap();
    let plan = shanghai();
    {
        let mut s = Store::open_dir(dir.path(), t0).unwrap();
        let id = member(&mut s, "李四", t0);
        for (date, time) in [
            ("2026-11-21", "10:00"),
            ("2026-11-22", "10:00"),
            ("2026-11-30", "10:00"),
        ] {
            s.write(|w| reminders::create(w, &follow_up(id, date, Some(time), None), &plan, t0))
                .unwrap();
        }
        // The next one the scheduler sleeps until.
        assert_eq!(
            reminders::next_fire(s.conn()).unwrap(),
            Some(at(2026, 11, 21, 2))
        );
    }
    // The app was closed from the 20th to the 24th: both that came due are caught up.
    let t1 = at(2026, 11, 24, 8);
    {
        let mut s = Store::open_dir(dir.path(), t1).unwrap();
        let due = s.write(|w| reminders::take_due(w, t1)).unwrap();
        let fired: Vec<&str> = due.iter().map(|d| d.fire_at.as_str()).collect();
        assert_eq!(
            fired,
            ["2026-11-21T02:00:00.000Z", "2026-11-22T02:00:00.000Z"]
        );
        assert!(s.write(|w| reminders::take_due(w, t1)).unwrap().is_empty());
        assert_eq!(
            reminders::next_fire(s.conn()).unwrap(),
            Some(at(2026, 11, 30, 2))
        );
    }
    // Restarted: nothing is announced again.
    let mut s = Store::open_dir(dir.path(), t1).unwrap();
    assert!(s
        .write(|w| reminders::take_due(w, t1 + chrono::Duration::hours(1)))
        .unwrap()
        .is_empty());
    // A snooze announces it again at the new time, once.
    let overdue = s.write(|w| today::view(w, &plan, t1)).unwrap().overdue;
    assert_eq!(overdue.total, 2);
    s.write(|w| reminders::snooze(w, overdue.items[0].id, &Snooze::Hour, &plan, t1))
        .unwrap();
    assert_eq!(
        s.write(|w| reminders::take_due(w, t1 + chrono::Duration::minutes(59)))
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        s.write(|w| reminders::take_due(w, t1 + chrono::Duration::minutes(60)))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.write(|w| reminders::take_due(w, t1 + chrono::Duration::minutes(61)))
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn cadences_surface_members_past_their_rhythm() {
    let t0 = at(2026, 10, 1, 0);
    let (_dir, mut s) = open(t0);
    let g = s
        .write(|w| groups::create(w, &group("读书会1群"), t0))
        .unwrap()
        .id;
    let join = |s: &mut Store, id: i64, category: Category| {
        s.write(|w| {
            members::join(
                w,
                id,
                &JoinInput {
                    group_id: g,
                    joined_on: None,
                    category,
                    role: String::new(),
                },
                t0,
            )
        })
        .unwrap();
    };
    let core_quiet = member(&mut s, "核心老王", t0);
    let core_recent = member(&mut s, "核心小李", t0);
    let core_left = member(&mut s, "核心阿May", t0);
    let active = member(&mut s, "活跃小张", t0);
    let core_with_reminder = member(&mut s, "核心有约", t0);
    for id in [core_quiet, core_recent, core_left, core_with_reminder] {
        join(&mut s, id, Category::Core);
    }
    join(&mut s, active, Category::Active);
    s.write(|w| members::set_status(w, core_left, g, MemberStatus::Left, "退群", t0))
        .unwrap();
    let now = at(2026, 11, 24, 8);
    s.write(|w| {
        members::log_interaction(
            w,
            core_recent,
            &members::InteractionInput {
                at: Some("2026-11-21T08:00:00.000Z".into()),
                channel: members::Channel::PrivateChat,
                summary: String::new(),
            },
            now,
        )
    })
    .unwrap();
    s.write(|w| {
        members::log_interaction(
            w,
            core_quiet,
            &members::InteractionInput {
                at: Some("2026-11-10T08:00:00.000Z".into()),
                channel: members::Channel::PrivateChat,
                summary: String::new(),
            },
            now,
        )
    })
    .unwrap();
    let plan = shanghai();
    s.write(|w| {
        reminders::create(
            w,
            &follow_up(core_with_reminder, "2026-11-30", None, None),
            &plan,
            now,
        )
    })
    .unwrap();
    s.write(|w| {
        cadence::create(
            w,
            &cadence::CadenceInput {
                group_id: Some(g),
                category: Some(Category::Core),
                tag_id: None,
                every_days: 7,
            },
            now,
        )
    })
    .unwrap();
    let (items, total) = cadence::due(s.conn(), now, 10).unwrap();
    assert_eq!(total, 1);
    assert_eq!(items[0].member_id, core_quiet);
    assert_eq!((items[0].quiet_days, items[0].every_days), (14, 7));
    // Snoozed until tomorrow: gone today, back the day after.
    s.write(|w| cadence::snooze(w, core_quiet, at(2026, 11, 25, 8)))
        .unwrap();
    assert_eq!(cadence::due(s.conn(), now, 10).unwrap().1, 0);
    assert_eq!(
        cadence::due(s.conn(), at(2026, 11, 26, 8), 10).unwrap().1,
        1
    );
    // Their own follow-up deleted, the member who had one is due too: quiet since added, the
    // most overdue. A second rule over the same members lists them once, under the rule they
    // are most overdue for.
    let own = reminders::for_member(s.conn(), core_with_reminder).unwrap()[0].id;
    s.write(|w| reminders::delete(w, own)).unwrap();
    s.write(|w| {
        cadence::create(
            w,
            &cadence::CadenceInput {
                group_id: None,
                category: Some(Category::Core),
                tag_id: None,
                every_days: 30,
            },
            now,
        )
    })
    .unwrap();
    let later = at(2026, 11, 26, 8);
    let (items, total) = cadence::due(s.conn(), later, 10).unwrap();
    assert_eq!(total, 2);
    assert_eq!(items[0].member_id, core_with_reminder);
    assert_eq!(items[0].nickname, "核心有约");
    assert_eq!((items[0].quiet_days, items[0].every_days), (56, 7));
    assert_eq!(items[1].member_id, core_quiet);
    // A new follow-up takes them off the cadence again; done, it logs the contact.
    let again = s
        .write(|w| {
            reminders::create(
                w,
                &follow_up(core_with_reminder, "2026-11-27", None, None),
                &plan,
                later,
            )
        })
        .unwrap();
    assert_eq!(cadence::due(s.conn(), later, 10).unwrap().1, 1);
    s.write(|w| reminders::complete(w, again.id, "", &plan, later))
        .unwrap();
    assert_eq!(cadence::due(s.conn(), later, 10).unwrap().1, 1);
    let (items, total) = cadence::due(s.conn(), at(2026, 12, 4, 8), 10).unwrap();
    // A week after: everyone in the rule, most overdue first (the contact logged on done counts).
    let order: Vec<i64> = items.iter().map(|d| d.member_id).collect();
    assert_eq!(total, 3);
    assert_eq!(order, [core_quiet, core_recent, core_with_reminder]);
    // A rule needs a group, a category or a tag, and 1–365 days.
    assert!(s
        .write(|w| cadence::create(
            w,
            &cadence::CadenceInput {
                group_id: None,
                category: None,
                tag_id: None,
                every_days: 7
            },
            now
        ))
        .is_err());
    assert!(s
        .write(|w| cadence::create(
            w,
            &cadence::CadenceInput {
                group_id: None,
                category: Some(Category::Paying),
                tag_id: None,
                every_days: 0
            },
            now
        ))
        .is_err());
}

/// A member with only a nickname and a birthday; returns the id.
fn born(s: &mut Store, nick: &str, birthday: &str, now: DateTime<Utc>) -> i64 {
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                nickname: nick.into(),
                birthday: birthday.into(),
                ..Default::default()
            },
            now,
        )
    })
    .unwrap()
    .id
}

#[test]
fn birthdays_show_ahead_and_on_the_day_and_leap_day_birthdays_are_not_lost() {
    let now = at(2027, 2, 26, 2); // 26 February 2027, not a leap year
    let (_dir, mut s) = open(now);
    let mk = |s: &mut Store, nick: &str, birthday: &str| born(s, nick, birthday, now);
    mk(&mut s, "今天生日", "1990-02-26");
    mk(&mut s, "闰日宝宝", "2000-02-29");
    mk(&mut s, "三月一号", "03-01");
    mk(&mut s, "下周生日", "1995-03-05");
    let view = s.write(|w| today::view(w, &shanghai(), now)).unwrap();
    let got: Vec<(String, u32, Option<i32>)> = view
        .birthdays
        .iter()
        .map(|b| (b.nickname.clone(), b.in_days, b.turns))
        .collect();
    assert_eq!(
        got,
        [
            ("今天生日".to_string(), 0, Some(37)),
            ("闰日宝宝".to_string(), 2, Some(27)),
            ("三月一号".to_string(), 3, None)
        ]
    );
}

#[test]
fn the_spotlight_is_fair_stable_for_the_day_and_skips_those_who_left() {
    let t0 = at(2026, 11, 1, 0);
    let (_dir, mut s) = open(t0);
    let g = s
        .write(|w| groups::create(w, &group("跑团"), t0))
        .unwrap()
        .id;
    let ids: Vec<i64> = ["甲", "乙", "丙", "丁"]
        .iter()
        .map(|n| member(&mut s, n, t0))
        .collect();
    for id in &ids {
        s.write(|w| {
            members::join(
                w,
                *id,
                &JoinInput {
                    group_id: g,
                    joined_on: None,
                    category: Category::Active,
                    role: String::new(),
                },
                t0,
            )
        })
        .unwrap();
    }
    s.write(|w| members::set_status(w, ids[3], g, MemberStatus::Left, "退群", t0))
        .unwrap();
    let plan = shanghai();
    let mut seen = Vec::new();
    for day in 0..6 {
        let now = at(2026, 11, 24, 2) + chrono::Duration::days(day);
        let first = s
            .write(|w| today::view_storing(w, &plan, now))
            .unwrap()
            .spotlight;
        let again = s
            .write(|w| today::view_storing(w, &plan, now))
            .unwrap()
            .spotlight;
        assert_eq!(first, again, "the same member all day");
        assert_eq!(first.len(), 1);
        seen.push(first[0].member_id);
    }
    // Everyone still in the group once before anyone twice; 丁 left and is never picked.
    let mut round: Vec<i64> = seen[..3].to_vec();
    round.sort();
    assert_eq!(round, ids[..3].to_vec());
    assert_eq!(seen[3..], seen[..3]);
}

#[test]
fn today_leaves_out_the_follow_ups_of_members_in_the_trash_and_brings_them_back_on_restore() {
    let now = at(2026, 11, 24, 2);
    let (_dir, mut s) = open(now);
    let plan = shanghai();
    let kept = member(&mut s, "留下的", now);
    let binned = member(&mut s, "删掉的", now);
    for (id, date) in [
        (kept, "2026-11-20"),
        (binned, "2026-11-21"),
        (binned, "2026-11-24"),
    ] {
        s.write(|w| reminders::create(w, &follow_up(id, date, None, None), &plan, now))
            .unwrap();
    }
    let v = s.write(|w| today::view(w, &plan, now)).unwrap();
    assert_eq!((v.overdue.total, v.today.total), (2, 1));
    s.write(|w| members::trash(w, &[binned], now)).unwrap();
    let v = s.write(|w| today::view(w, &plan, now)).unwrap();
    assert_eq!((v.overdue.total, v.today.total), (1, 0));
    assert_eq!(v.overdue.items.len(), 1);
    assert_eq!(v.overdue.items[0].member_id, kept);
    s.write(|w| members::restore(w, &[binned], now)).unwrap();
    let v = s.write(|w| today::view(w, &plan, now)).unwrap();
    assert_eq!((v.overdue.total, v.today.total), (2, 1));
}

/// Who Today lists as having a birthday within three days of `now`, with the lunar name and
/// how it was placed.
fn birthdays_at(
    s: &mut Store,
    now: DateTime<Utc>,
) -> Vec<(String, String, Option<String>, Option<String>)> {
    let view = s.write(|w| today::view(w, &shanghai(), now)).unwrap();
    view.birthdays
        .iter()
        .map(|b| {
            (
                b.nickname.clone(),
                b.birth_md.clone(),
                b.lunar.clone(),
                b.shift.clone(),
            )
        })
        .collect()
}

#[test]
fn lunar_birthdays_fall_on_this_years_solar_day_with_leap_months_and_short_months_placed() {
    let t0 = at(2023, 1, 1, 2);
    let (_dir, mut s) = open(t0);
    let mk = |s: &mut Store, nick: &str, birthday: &str| born(s, nick, birthday, t0);
    // Chinese New Year 2026 is 17 February; 2026's New Year's Eve is 腊月廿九 (no 三十).
    let spring = mk(&mut s, "正月初一", "农历1990-01-01");
    mk(&mut s, "除夕宝宝", "农历腊月三十");
    // 2023 has a leap second month (闰二月初一 = 22 March 2023); 2026 has none.
    mk(&mut s, "闰月宝宝", "农历闰二月初一");
    mk(&mut s, "二月初一", "农历02-01");
    mk(&mut s, "公历", "02-17");

    let d = |y, m, dd| at(y, m, dd, 2);
    // From 14 February 2026 the three days ahead reach 除夕 (16th) and 正月初一 (17th).
    let got = birthdays_at(&mut s, d(2026, 2, 14));
    assert_eq!(
        got,
        [
            (
                "除夕宝宝".into(),
                "02-16".into(),
                Some("腊月三十".into()),
                Some("short_month".into())
            ),
            ("公历".into(), "02-17".into(), None, None),
            (
                "正月初一".into(),
                "02-17".into(),
                Some("正月初一".into()),
                None
            ),
        ]
    );
    let view = s
        .write(|w| today::view(w, &shanghai(), d(2026, 2, 17)))
        .unwrap();
    let b = view
        .birthdays
        .iter()
        .find(|b| b.member_id == spring)
        .unwrap();
    assert_eq!(
        (b.in_days, b.turns),
        (0, Some(36)),
        "lunar age: 2026 - 1990"
    );

    // 2023: the ordinary 二月初一 is 20 February, the leap one 22 March.
    assert_eq!(
        birthdays_at(&mut s, d(2023, 2, 20)),
        [(
            "二月初一".into(),
            "02-20".into(),
            Some("二月初一".into()),
            None
        )]
    );
    assert_eq!(
        birthdays_at(&mut s, d(2023, 3, 22)),
        [(
            "闰月宝宝".into(),
            "03-22".into(),
            Some("闰二月初一".into()),
            None
        )]
    );
    // 2026 has no 闰二月: the leap-month birthday is kept in the ordinary second month.
    let (solar, _) = groupdesk::lunar::solar_in(2026, 2, 1, false).unwrap();
    let on = at(solar.year(), solar.month(), solar.day(), 2);
    let got = birthdays_at(&mut s, on);
    assert!(
        got.contains(&(
            "闰月宝宝".into(),
            solar.format("%m-%d").to_string(),
            Some("闰二月初一".into()),
            Some("leap_as_regular".into())
        )),
        "{got:?}"
    );
    assert!(got.iter().any(|g| g.0 == "二月初一"), "{got:?}");
}

#[test]
fn lunar_birthdays_are_read_in_the_ways_owners_write_them_and_nonsense_is_refused() {
    use groupdesk::members::parse_birthday;
    let b = |s: &str| parse_birthday(s).map(|b| b.map(|b| (b.year, b.month, b.day, b.lunar)));
    assert_eq!(b("农历三月初五"), Ok(Some((None, 3, 5, 1))));
    assert_eq!(b("农历1990-03-05"), Ok(Some((Some(1990), 3, 5, 1))));
    assert_eq!(b("农历闰四月初八"), Ok(Some((None, 4, 8, 2))));
    assert_eq!(b("农历2023年闰二月十五"), Ok(Some((Some(2023), 2, 15, 2))));
    assert_eq!(b("阴历腊月廿三"), Ok(Some((None, 12, 23, 1))));
    assert_eq!(b("农历冬月十五"), Ok(Some((None, 11, 15, 1))));
    assert_eq!(b("lunar 03-05"), Ok(Some((None, 3, 5, 1))));
    assert_eq!(b("1990-03-05"), Ok(Some((Some(1990), 3, 5, 0))));
    // No leap fourth month in 2023 (its leap month is the second); no 13th month; no 31st.
    assert_eq!(b("农历2023年闰四月初八"), Err(()));
    assert_eq!(b("农历13-01"), Err(()));
    assert_eq!(b("农历03-31"), Err(()));
    assert_eq!(b("农历三月"), Err(()));
}
