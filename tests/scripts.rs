//! The script library and the welcome ritual on a real workspace file with an injected clock:
//! filling (missing values, fallbacks, CJK and emoji, custom fields, platform limits counted
//! as the platform counts), placeholders refused before anything is saved, which script a fill
//! picks, the sensitive-word list, newcomers on Today after a manual add and after an import,
//! "welcomed" with its follow-up rule, and the any-of / none-of tag audiences.
mod common;

use chrono::{DateTime, Duration, Utc};
use common::{at, group};
use groupdesk::groups::{self, Platform};
use groupdesk::members::{
    self, Category, Clock, FieldValue, JoinInput, MemberFilter, MemberInput, MemberSort,
};
use groupdesk::reminders::{self, Plan};
use groupdesk::scripts::{
    self, check, template::ProblemKind, welcome, FillRequest, ScriptError, ScriptInput, ScriptQuery,
};
use groupdesk::settings::Language;
use groupdesk::store::Store;
use groupdesk::transfer::{self, guess_columns, ImportOptions};

fn now() -> DateTime<Utc> {
    // 2026-12-04 16:00 in Shanghai.
    at(2026, 12, 4, 8)
}

fn plan() -> Plan {
    Plan::default_for(chrono_tz::Asia::Shanghai)
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path(), now()).unwrap();
    (dir, store)
}

fn add_group(s: &mut Store, name: &str, platform: Platform) -> i64 {
    let mut input = group(name);
    input.platform = platform;
    s.write(|w| groups::create(w, &input, now())).unwrap().id
}

/// A member who joined `group` at `when` (by hand, as the member form does it).
fn newcomer(s: &mut Store, input: MemberInput, group: i64, when: DateTime<Utc>) -> i64 {
    s.write(|w| {
        let m = members::create(w, &input, when)?;
        members::join(
            w,
            m.id,
            &JoinInput {
                group_id: group,
                joined_on: Some(when.date_naive().to_string()),
                category: Category::Active,
                role: String::new(),
            },
            when,
        )?;
        Ok::<_, members::MemberError>(m.id)
    })
    .unwrap()
}

fn named(nick: &str) -> MemberInput {
    MemberInput {
        nickname: nick.into(),
        ..Default::default()
    }
}

fn script(kind: &str, group: Option<i64>, platform: Option<Platform>, body: &str) -> ScriptInput {
    ScriptInput {
        kind: kind.into(),
        name: String::new(),
        group_id: group,
        platform,
        body: body.into(),
        is_default: false,
    }
}

fn fill(s: &Store, req: FillRequest) -> scripts::Copy {
    scripts::fill_script(s.conn(), &req, now().date_naive(), Language::ZhCn).unwrap()
}

#[test]
fn a_script_is_filled_with_values_fallbacks_custom_fields_and_counted_as_the_platform_counts() {
    let (_d, mut s) = open();
    let g = add_group(&mut s, "读书会3群", Platform::Wechat);
    let tg = add_group(&mut s, "Readers 🌍", Platform::Telegram);
    let field = s
        .write(|w| members::create_field(w, "会员卡号"))
        .unwrap()
        .id;
    let inviter = newcomer(&mut s, named("老王"), g, now() - Duration::days(90));
    let ahua = newcomer(
        &mut s,
        MemberInput {
            nickname: "阿花🌸".into(),
            display_name: "阿花-杭州-设计".into(),
            invited_by: Some(inviter),
            birthday: "03-05".into(),
            fields: vec![FieldValue {
                field_id: field,
                value: "A-001".into(),
            }],
            ..Default::default()
        },
        g,
        now() - Duration::days(4),
    );
    let bob = newcomer(&mut s, named("Bob"), g, now() - Duration::days(1));
    let body = "欢迎{称呼}加入{群名}！第{入群天数}天🎉 邀请人{邀请人|群友}，卡号{会员卡号}，生日{生日}\n群规：{群规}";
    let id = s
        .write(|w| scripts::create(w, &script("welcome", None, None, body), now()))
        .unwrap()
        .id;

    let copy = fill(
        &s,
        FillRequest {
            script_id: Some(id),
            group_id: Some(g),
            member_ids: vec![ahua, bob],
            ..Default::default()
        },
    );
    assert_eq!(copy.platform, Some(Platform::Wechat));
    assert_eq!(copy.limit, Some(2000));
    let [a, b] = &copy.texts[..] else {
        panic!("two texts: {copy:?}")
    };
    assert_eq!(
        a.filled.text,
        "欢迎阿花-杭州-设计加入读书会3群！第4天🎉 邀请人老王，卡号A-001，生日3月5日\n群规：1. 禁止广告\n2. 友善交流"
    );
    assert!(a.filled.missing.is_empty(), "{:?}", a.filled.missing);
    assert_eq!(a.length as usize, a.filled.text.chars().count());
    assert!(
        a.filled.text.len() > a.length as usize * 2,
        "bytes are not counted"
    );
    assert_eq!(
        b.filled.text,
        "欢迎Bob加入读书会3群！第1天🎉 邀请人群友，卡号，生日\n群规：1. 禁止广告\n2. 友善交流"
    );
    assert_eq!(b.filled.missing, vec!["会员卡号", "生日"]);

    // Telegram counts UTF-16 units: each emoji outside the BMP is two.
    s.write(|w| {
        members::join(
            w,
            ahua,
            &JoinInput {
                group_id: tg,
                joined_on: None,
                category: Category::Active,
                role: String::new(),
            },
            now(),
        )
    })
    .unwrap();
    let copy = fill(
        &s,
        FillRequest {
            script_id: Some(id),
            group_id: Some(tg),
            member_ids: vec![ahua],
            ..Default::default()
        },
    );
    let t = &copy.texts[0];
    assert_eq!(copy.limit, Some(4096));
    assert_eq!(
        t.length as usize,
        t.filled.text.chars().count() + t.filled.text.matches(['🎉', '🌍']).count()
    );
}

#[test]
fn unknown_or_unclosed_placeholders_save_nothing_and_english_names_are_stored_in_chinese() {
    let (_d, mut s) = open();
    let before = common::dump(s.conn());
    let err = s
        .write(|w| {
            scripts::create(
                w,
                &script("welcome", None, None, "欢迎{昵称，来{群明}"),
                now(),
            )
        })
        .unwrap_err();
    let ScriptError::Placeholders(p) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        p.iter().map(|p| (p.kind, p.at)).collect::<Vec<_>>(),
        vec![(ProblemKind::Unclosed, 2), (ProblemKind::Unknown, 7)]
    );
    assert!(s
        .write(|w| scripts::create(w, &script("welcome", None, None, "  \n "), now()))
        .is_err());
    assert_eq!(common::dump(s.conn()), before, "nothing was saved");

    let saved = s
        .write(|w| {
            scripts::create(
                w,
                &script(
                    "farewell",
                    None,
                    None,
                    "Bye {nickname|friend}, from {Owner}",
                ),
                now(),
            )
        })
        .unwrap();
    assert_eq!(saved.body, "Bye {昵称|friend}, from {群主}");
    assert!(saved.is_default, "the first of its kind is the default");
}

#[test]
fn a_fill_picks_the_groups_own_script_then_the_platforms_then_the_default() {
    let (_d, mut s) = open();
    let g = add_group(&mut s, "读书会", Platform::Qq);
    let other = add_group(&mut s, "跑步群", Platform::Wechat);
    let m = newcomer(&mut s, named("张三"), g, now());
    let mk = |s: &mut Store, group, platform, body: &str, default| {
        let mut input = script("welcome", group, platform, body);
        input.is_default = default;
        s.write(|w| scripts::create(w, &input, now())).unwrap().id
    };
    let shared = mk(&mut s, None, None, "通用欢迎 {昵称}", false);
    let pick = |s: &Store, group| {
        fill(
            s,
            FillRequest {
                kind: "welcome".into(),
                group_id: Some(group),
                member_ids: if group == g { vec![m] } else { vec![] },
                ..Default::default()
            },
        )
        .script_id
    };
    assert_eq!(pick(&s, g), Some(shared));
    let qq = mk(&mut s, None, Some(Platform::Qq), "QQ 欢迎", false);
    assert_eq!(pick(&s, g), Some(qq));
    let own = mk(&mut s, Some(g), None, "读书会欢迎 A", false);
    let own_default = mk(&mut s, Some(g), None, "读书会欢迎 B", true);
    assert_eq!(pick(&s, g), Some(own_default));
    assert_ne!(own, own_default);
    assert_eq!(
        pick(&s, other),
        Some(shared),
        "another group keeps the shared one"
    );
    // Only one default per kind, group and platform.
    let defaults = scripts::list(s.conn(), &ScriptQuery::default())
        .unwrap()
        .into_iter()
        .filter(|x| x.is_default && x.group_id == Some(g))
        .count();
    assert_eq!(defaults, 1);
    // A kind without any script is a clear error, not an empty text.
    let err = scripts::fill_script(
        s.conn(),
        &FillRequest {
            kind: "birthday".into(),
            group_id: Some(g),
            ..Default::default()
        },
        now().date_naive(),
        Language::ZhCn,
    )
    .unwrap_err();
    assert!(matches!(err, ScriptError::NoScript(k) if k == "birthday"));
    // A member outside the group gets nothing half-filled.
    let outsider = s
        .write(|w| members::create(w, &named("路人"), now()))
        .unwrap()
        .id;
    let err = scripts::fill_script(
        s.conn(),
        &FillRequest {
            kind: "welcome".into(),
            group_id: Some(g),
            member_ids: vec![m, outsider],
            ..Default::default()
        },
        now().date_naive(),
        Language::ZhCn,
    )
    .unwrap_err();
    assert!(matches!(err, ScriptError::NotInGroup { .. }), "{err:?}");
}

#[test]
fn the_library_is_searched_by_text_and_pinyin_and_trash_can_be_undone() {
    let (_d, mut s) = open();
    let id = s
        .write(|w| {
            scripts::create(
                w,
                &script("add_friend", None, None, "你好，我是读书会的群主"),
                now(),
            )
        })
        .unwrap()
        .id;
    s.write(|w| scripts::create(w, &script("rules", None, None, "禁止广告"), now()))
        .unwrap();
    let found = |s: &Store, q: &str| {
        scripts::list(
            s.conn(),
            &ScriptQuery {
                query: q.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|x| x.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(found(&s, "读书会"), vec![id]);
    assert_eq!(found(&s, "dushuhui"), vec![id]);
    assert_eq!(found(&s, "dsh"), vec![id]);
    s.write(|w| scripts::trash(w, id, now())).unwrap();
    assert!(found(&s, "dsh").is_empty());
    s.write(|w| scripts::restore(w, id)).unwrap();
    assert_eq!(found(&s, "dsh"), vec![id]);
}

#[test]
fn flagged_words_are_named_with_their_place_and_the_list_is_one_word_a_line() {
    let (_d, mut s) = open();
    let p = scripts::preview(
        s.conn(),
        "新人福利\n想要资料的加微信，私聊返现",
        None,
        None,
        Some(Platform::Wechat),
        now().date_naive(),
        Language::ZhCn,
    )
    .unwrap();
    let words: Vec<_> = p
        .words
        .iter()
        .map(|h| (h.word.as_str(), h.line, h.column))
        .collect();
    assert!(words.contains(&("加微信", 2, 6)), "{words:?}");
    assert!(words.contains(&("私聊返现", 2, 10)), "{words:?}");
    assert_eq!(
        p.filled.text, "新人福利\n想要资料的加微信，私聊返现",
        "never edited"
    );

    let before = common::dump(s.conn());
    let err = s
        .write(|w| check::set_words(w, "加微信\n刷单 返现"))
        .unwrap_err();
    assert!(
        matches!(err, ScriptError::WordList(ref b) if b.line == 2),
        "{err:?}"
    );
    assert_eq!(common::dump(s.conn()), before);
    s.write(|w| check::set_words(w, "团购\n\n秒杀")).unwrap();
    assert_eq!(check::words(s.conn()).unwrap(), vec!["团购", "秒杀"]);
}

#[test]
fn newcomers_added_by_hand_or_imported_are_welcomed_once_with_a_follow_up_by_the_groups_rule() {
    let (dir, mut s) = open();
    let g = add_group(&mut s, "读书会3群", Platform::Wechat);
    let _old_timer = newcomer(&mut s, named("老会员"), g, now() - Duration::days(40));
    let zhang = newcomer(&mut s, named("张三"), g, now() - Duration::days(1));
    // Imported: two newcomers and one who joined long ago (not a newcomer).
    let csv = dir.path().join("new.csv");
    std::fs::write(&csv, "昵称,入群时间\n李四,\n王五,\n赵六,2025-03-01\n").unwrap();
    let table = transfer::read_file(&csv, transfer::TextEncoding::Auto).unwrap();
    let mapping = guess_columns(&table.headers);
    s.write(|w| {
        transfer::import_members(
            w,
            &table,
            &mapping,
            &ImportOptions {
                group_id: Some(g),
                ..Default::default()
            },
            now(),
            &groupdesk::progress::Quiet,
        )
    })
    .unwrap();

    let sections = welcome::sections(s.conn(), &plan(), Language::ZhCn, now()).unwrap();
    let [section] = &sections[..] else {
        panic!("{sections:?}")
    };
    let names: Vec<_> = section
        .newcomers
        .iter()
        .map(|n| n.nickname.as_str())
        .collect();
    assert_eq!(names, vec!["张三", "李四", "王五"]);
    assert_eq!(section.total, 3);
    assert_eq!(
        section.script_id, None,
        "the app's own welcome until the group has one"
    );
    let first = &section.newcomers[0].welcome.text;
    assert!(first.starts_with("欢迎 张三 加入读书会3群！"), "{first}");
    assert!(
        first.contains("昵称+城市+职业") && first.contains("1. 禁止广告"),
        "{first}"
    );
    assert!(
        section
            .together
            .text
            .starts_with("欢迎 @张三\u{2005}@李四\u{2005}@王五 加入"),
        "{}",
        section.together.text
    );

    // Welcomed: gone from the section, a contact logged, the follow-up planned in 3 days.
    s.write(|w| welcome::mark_welcomed(w, g, &[zhang], &plan(), Language::ZhCn, now()))
        .unwrap();
    let sections = welcome::sections(s.conn(), &plan(), Language::ZhCn, now()).unwrap();
    assert_eq!(sections[0].total, 2);
    let detail = members::detail(s.conn(), zhang).unwrap();
    assert_eq!(detail.interactions[0].summary, "入群欢迎（读书会3群）");
    let follow = reminders::for_member(s.conn(), zhang).unwrap();
    assert_eq!(follow.len(), 1);
    assert_eq!(follow[0].reason, "张三 做自我介绍了吗？");
    assert_eq!(follow[0].due_date, "2026-12-07");

    // The group's rule: 5 days and its own words, or off.
    s.write(|w| {
        welcome::set_rule(
            w,
            &welcome::WelcomeRule {
                group_id: g,
                follow_up_days: Some(5),
                reason: "问问 {昵称} 读完第一章没".into(),
            },
        )
    })
    .unwrap();
    let li = sections[0].newcomers[0].member_id;
    let wang = sections[0].newcomers[1].member_id;
    s.write(|w| welcome::mark_welcomed(w, g, &[li], &plan(), Language::ZhCn, now()))
        .unwrap();
    let follow = reminders::for_member(s.conn(), li).unwrap();
    assert_eq!(
        (follow[0].reason.as_str(), follow[0].due_date.as_str()),
        ("问问 李四 读完第一章没", "2026-12-09")
    );
    s.write(|w| {
        welcome::set_rule(
            w,
            &welcome::WelcomeRule {
                group_id: g,
                follow_up_days: None,
                reason: String::new(),
            },
        )
    })
    .unwrap();
    s.write(|w| welcome::mark_welcomed(w, g, &[wang], &plan(), Language::ZhCn, now()))
        .unwrap();
    assert!(reminders::for_member(s.conn(), wang).unwrap().is_empty());
    assert!(welcome::sections(s.conn(), &plan(), Language::ZhCn, now())
        .unwrap()
        .is_empty());

    // A week later nobody is a newcomer any more; a rejoin makes one again.
    let later = now() + Duration::days(8);
    assert!(welcome::sections(s.conn(), &plan(), Language::ZhCn, later)
        .unwrap()
        .is_empty());
}

#[test]
fn the_groups_own_welcome_is_used_and_a_batch_is_welcomed_in_one_message() {
    let (_d, mut s) = open();
    let g = add_group(&mut s, "跑团", Platform::Wechat);
    let a = newcomer(&mut s, named("阿甘"), g, now());
    let b = newcomer(&mut s, named("小雨"), g, now());
    let id = s
        .write(|w| {
            scripts::create(
                w,
                &script("welcome", Some(g), None, "欢迎 {昵称}！{群名}每周六晨跑"),
                now(),
            )
        })
        .unwrap()
        .id;
    let sections = welcome::sections(s.conn(), &plan(), Language::ZhCn, now()).unwrap();
    assert_eq!(sections[0].script_id, Some(id));
    assert_eq!(
        sections[0].together.text,
        "欢迎 @阿甘\u{2005}@小雨！跑团每周六晨跑"
    );
    let n = s
        .write(|w| welcome::mark_welcomed(w, g, &[a, b], &plan(), Language::ZhCn, now()))
        .unwrap();
    assert_eq!(n, 2);
    assert!(welcome::sections(s.conn(), &plan(), Language::ZhCn, now())
        .unwrap()
        .is_empty());
}

#[test]
fn audiences_take_any_of_and_none_of_tags() {
    let (_d, mut s) = open();
    let g = add_group(&mut s, "读书会", Platform::Wechat);
    let tagged = |s: &mut Store, nick: &str, tags: &[&str]| {
        newcomer(
            s,
            MemberInput {
                nickname: nick.into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Default::default()
            },
            g,
            now(),
        )
    };
    tagged(&mut s, "甲", &["新人"]);
    tagged(&mut s, "乙", &["新人", "老客户"]);
    tagged(&mut s, "丙", &["VIP"]);
    tagged(&mut s, "丁", &[]);
    let tag = |s: &Store, name: &str| -> i64 {
        s.conn()
            .query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    };
    let names = |s: &Store, f: MemberFilter| {
        let clock = Clock {
            today: now().date_naive(),
            now: now(),
        };
        let mut n: Vec<String> = members::page(s.conn(), &f, MemberSort::default(), 0, 100, &clock)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.nickname)
            .collect();
        n.sort();
        n
    };
    let (new, old, vip) = (tag(&s, "新人"), tag(&s, "老客户"), tag(&s, "VIP"));
    assert_eq!(
        names(
            &s,
            MemberFilter {
                tag_ids: vec![new],
                none_tag_ids: vec![old],
                ..Default::default()
            }
        ),
        vec!["甲"]
    );
    let mut any = names(
        &s,
        MemberFilter {
            any_tag_ids: vec![old, vip],
            ..Default::default()
        },
    );
    any.sort();
    assert_eq!(any, vec!["丙", "乙"]);
    assert_eq!(
        names(
            &s,
            MemberFilter {
                none_tag_ids: vec![new, vip],
                ..Default::default()
            }
        ),
        vec!["丁"]
    );
}
