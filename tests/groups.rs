//! Groups: the rules a user relies on — validation before anything is saved, unique names,
//! archive, trash and restore, and one transaction per group-with-goals write.
mod common;

use chrono::Duration;
use common::{group, now};
use groupdesk::groups::{self, GroupError, GroupView, Horizon};
use groupdesk::store::Store;
use groupdesk::validate::Rule;

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn rules_of(e: GroupError) -> Vec<(String, Rule)> {
    match e {
        GroupError::Invalid(f) => f.into_iter().map(|f| (f.field, f.rule)).collect(),
        other => panic!("expected validation errors, got {other}"),
    }
}

#[test]
fn create_then_read_back_every_field_and_goal() {
    let mut s = store();
    let g = s
        .write(|w| groups::create(w, &group("  知行读书会共读群3  "), now()))
        .unwrap();
    assert_eq!(g.name, "知行读书会共读群3", "name is trimmed");
    assert_eq!(g.size_cap, Some(200));
    assert_eq!(g.threshold_note, "年费 199 元");
    assert_eq!(g.goals.len(), 2);
    assert_eq!(g.goals[0].horizon, Horizon::Long);
    assert_eq!(g.goals[0].due_date.as_deref(), Some("2027-12-31"));
    assert_eq!(g.goals[1].due_date, None);
    assert_eq!(g.created_at, "2026-11-24T08:00:00.000Z");
    assert_eq!(groups::get(s.conn(), g.id).unwrap(), g);
}

#[test]
fn invalid_input_lists_every_problem_and_saves_nothing() {
    let mut s = store();
    let mut input = group("   ");
    input.size_cap = Some(0);
    input.rules = "规".repeat(5001);
    input.goals[0].title = " ".into();
    input.goals[0].target = None;
    input.goals[1].target = Some(-3);
    input.goals[1].due_date = Some("2026-02-30".into());
    let errs = rules_of(s.write(|w| groups::create(w, &input, now())).unwrap_err());
    let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "rules",
            "size_cap",
            "goals.0.title",
            "goals.0.target",
            "goals.1.target",
            "goals.1.due_date"
        ]
    );
    assert_eq!(errs[0].1, Rule::Required);
    assert_eq!(errs[1].1, Rule::TooLong { max: 5000 });
    assert_eq!(errs[6].1, Rule::InvalidDate);
    assert_eq!(groups::counts(s.conn()).unwrap().active, 0);
    let goals: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM group_goals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(goals, 0);
}

#[test]
fn names_are_unique_among_live_groups_ignoring_latin_case() {
    let mut s = store();
    s.write(|w| groups::create(w, &group("Indie Makers"), now()))
        .unwrap();
    let errs = rules_of(
        s.write(|w| groups::create(w, &group("indie makers"), now()))
            .unwrap_err(),
    );
    assert_eq!(errs, vec![("name".to_string(), Rule::Taken)]);
    // Editing a group may keep its own name.
    let b = s
        .write(|w| groups::create(w, &group("群B"), now()))
        .unwrap();
    s.write(|w| groups::update(w, b.id, &group("群B"), now()))
        .unwrap();
    let errs = rules_of(
        s.write(|w| groups::update(w, b.id, &group("INDIE MAKERS"), now()))
            .unwrap_err(),
    );
    assert_eq!(errs, vec![("name".to_string(), Rule::Taken)]);
}

#[test]
fn update_replaces_fields_and_goals_atomically() {
    let mut s = store();
    let g = s
        .write(|w| groups::create(w, &group("群A"), now()))
        .unwrap();
    let mut input = group("群A 改名");
    input.goals.truncate(1);
    input.goals[0].target = Some(2000);
    input.size_cap = None;
    let later = now() + Duration::hours(2);
    let u = s.write(|w| groups::update(w, g.id, &input, later)).unwrap();
    assert_eq!(u.name, "群A 改名");
    assert_eq!(u.size_cap, None);
    assert_eq!(u.goals.len(), 1);
    assert_eq!(u.goals[0].target, 2000);
    assert_eq!(u.created_at, g.created_at);
    assert_eq!(u.updated_at, "2026-11-24T10:00:00.000Z");
    // A refused update leaves the stored group exactly as it was.
    let mut bad = group("群A 改名");
    bad.goals[0].title.clear();
    assert!(s.write(|w| groups::update(w, g.id, &bad, later)).is_err());
    assert_eq!(groups::get(s.conn(), g.id).unwrap(), u);
    assert!(matches!(
        s.write(|w| groups::update(w, 999, &group("x"), later)),
        Err(GroupError::NotFound(999))
    ));
}

#[test]
fn archive_trash_restore_and_purge() {
    let mut s = store();
    let a = s
        .write(|w| groups::create(w, &group("群A"), now()))
        .unwrap();
    let b = s
        .write(|w| groups::create(w, &group("群B"), now()))
        .unwrap();
    let archived = s
        .write(|w| groups::set_archived(w, a.id, true, now()))
        .unwrap();
    assert!(archived.archived_at.is_some());
    assert_eq!(names(&s, GroupView::Active), ["群B"]);
    assert_eq!(names(&s, GroupView::Archived), ["群A"]);
    s.write(|w| groups::set_archived(w, a.id, false, now()))
        .unwrap();
    assert_eq!(names(&s, GroupView::Active), ["群A", "群B"]);

    s.write(|w| groups::trash(w, b.id, now())).unwrap();
    assert_eq!(names(&s, GroupView::Trash), ["群B"]);
    let c = groups::counts(s.conn()).unwrap();
    assert_eq!((c.active, c.archived, c.trash), (1, 0, 1));
    // Purging needs the group to be in the trash first.
    assert!(matches!(
        s.write(|w| groups::purge(w, a.id)),
        Err(GroupError::NotInTrash(_))
    ));
    // A name in the trash is free for a new group; restoring the old one then clashes.
    s.write(|w| groups::create(w, &group("群B"), now()))
        .unwrap();
    assert!(matches!(
        s.write(|w| groups::restore(w, b.id, now())),
        Err(GroupError::NameTaken(_))
    ));
    s.write(|w| groups::purge(w, b.id)).unwrap();
    assert!(matches!(
        groups::get(s.conn(), b.id),
        Err(GroupError::NotFound(_))
    ));
    let orphans: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM group_goals WHERE group_id = ?1",
            [b.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "goals go with their group");

    let d = s
        .write(|w| groups::create(w, &group("群D"), now()))
        .unwrap();
    s.write(|w| groups::trash(w, d.id, now())).unwrap();
    let restored = s.write(|w| groups::restore(w, d.id, now())).unwrap();
    assert!(restored.deleted_at.is_none());
    s.write(|w| groups::trash(w, d.id, now())).unwrap();
    assert_eq!(s.write(groups::empty_trash).unwrap(), 1);
    assert!(names(&s, GroupView::Trash).is_empty());
}

fn names(s: &Store, view: GroupView) -> Vec<String> {
    groups::list(s.conn(), view)
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect()
}

#[test]
fn demo_data_is_realistic_unique_and_additive() {
    let mut s = store();
    let opts = groupdesk::demo::DemoOptions {
        groups: 20,
        seed: 7,
        members: 0,
        notes: 0,
        reminders: 0,
    };
    s.write(|w| groupdesk::demo::fill(w, &opts, now(), &groupdesk::progress::Quiet))
        .unwrap();
    s.write(|w| groupdesk::demo::fill(w, &opts, now(), &groupdesk::progress::Quiet))
        .unwrap();
    let all = groups::list(s.conn(), GroupView::Active).unwrap();
    assert_eq!(all.len(), 40);
    let mut unique: Vec<_> = all.iter().map(|g| g.name.to_lowercase()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 40);
    assert!(all.iter().any(|g| g.name.starts_with("知行读书会共读群")));
    assert!(all.iter().all(|g| g.goal_count == 3));
}

#[test]
fn settings_round_trip_and_clamp() {
    use groupdesk::settings::{self, Language, Theme};
    let mut s = store();
    let d = settings::load(s.conn()).unwrap();
    assert_eq!(d.language, Language::ZhCn);
    let saved = s
        .write(|w| {
            settings::save(
                w,
                &settings::Settings {
                    language: Language::En,
                    theme: Theme::Dark,
                    backup_keep: 500,
                    backup_weeks: 99,
                    backup_months: 3,
                    sidebar_collapsed: true,
                    time_zone: "America/New_York".into(),
                    morning_time: "08:30".into(),
                    evening_time: "21:00".into(),
                    birthday_lead_days: 99,
                    winback_days: 1,
                    keep_in_tray: true,
                    start_at_login: false,
                },
            )
        })
        .unwrap();
    assert_eq!(saved.language, Language::En);
    assert_eq!(saved.time_zone, "America/New_York");
    assert_eq!(
        (saved.morning_time.as_str(), saved.evening_time.as_str()),
        ("08:30", "21:00")
    );
    assert_eq!(
        (saved.birthday_lead_days, saved.winback_days),
        (30, 7),
        "clamped to their ranges"
    );
    assert!(saved.keep_in_tray);
    let plan = settings::plan(&saved);
    assert_eq!(plan.tz, chrono_tz::America::New_York);
    // A zone or time that does not parse is refused by name and not saved.
    let bad = settings::Settings {
        time_zone: "Mars/Olympus".into(),
        morning_time: "9点".into(),
        ..saved.clone()
    };
    let fields: Vec<String> = settings::check(&bad).into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["time_zone", "morning_time"]);
    let kept = s.write(|w| settings::save(w, &bad)).unwrap();
    assert_eq!(
        (kept.time_zone.as_str(), kept.morning_time.as_str()),
        ("America/New_York", "08:30")
    );
    assert_eq!(saved.backup_keep, settings::BACKUP_KEEP_MAX);
    assert!(saved.sidebar_collapsed);
    s.conn()
        .execute(
            "UPDATE settings SET value = 'klingon' WHERE key = 'language'",
            [],
        )
        .unwrap();
    assert_eq!(settings::load(s.conn()).unwrap().language, Language::ZhCn);
}

#[test]
fn lists_sort_names_the_way_people_number_groups() {
    let mut s = store();
    for n in ["交流群10", "交流群2", "交流群1", "Alpha 3", "alpha 20"] {
        s.write(|w| groups::create(w, &group(n), now())).unwrap();
    }
    assert_eq!(
        names(&s, GroupView::Active),
        ["Alpha 3", "alpha 20", "交流群1", "交流群2", "交流群10"]
    );
}
