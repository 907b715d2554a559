//! The member book on a real workspace file: profiles and their rules, memberships with
//! status history, points and levels, notes, interactions, referrals, tags, bulk actions,
//! saved filters, and search the way owners type (Chinese fragments, pinyin, English, phone).
mod common;

use chrono::NaiveDate;
use common::{at, group, now};
use groupdesk::groups;
use groupdesk::members::{
    self, BulkAction, Category, Clock, Handle, HandleKind, InteractionInput, JoinInput, LevelInput,
    MemberError, MemberFilter, MemberInput, MemberSort, MemberStatus, PointsInput, Selection,
    SortKey,
};
use groupdesk::store::Store;
use groupdesk::validate::Rule;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path(), now()).unwrap();
    (dir, store)
}

fn person(nick: &str) -> MemberInput {
    MemberInput {
        nickname: nick.into(),
        ..Default::default()
    }
}

fn clock() -> Clock {
    Clock {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        now: now(),
    }
}

fn find(s: &Store, query: &str) -> Vec<String> {
    let f = MemberFilter {
        query: query.into(),
        ..Default::default()
    };
    members::page(s.conn(), &f, MemberSort::default(), 0, 100, &clock())
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.nickname)
        .collect()
}

fn list(s: &Store, f: MemberFilter) -> Vec<String> {
    let page = members::page(s.conn(), &f, MemberSort::default(), 0, 1000, &clock()).unwrap();
    assert_eq!(
        page.total as usize,
        page.rows.len(),
        "the count agrees with the rows"
    );
    page.rows.into_iter().map(|r| r.nickname).collect()
}

#[test]
fn profile_rules_are_enforced_and_nothing_half_saved() {
    let (_d, mut s) = open();
    let bad = MemberInput {
        nickname: "  ".into(),
        phone: "138abc".into(),
        birthday: "2月30日".into(),
        handles: vec![Handle {
            kind: HandleKind::Wechat,
            value: "".into(),
        }],
        ..Default::default()
    };
    let Err(MemberError::Invalid(errs)) = s.write(|w| members::create(w, &bad, now())) else {
        panic!("an invalid member was saved");
    };
    let fields: Vec<(&str, &Rule)> = errs.iter().map(|e| (e.field.as_str(), &e.rule)).collect();
    assert!(fields.contains(&("nickname", &Rule::Required)));
    assert!(fields.contains(&("phone", &Rule::Invalid)));
    assert!(fields.contains(&("birthday", &Rule::InvalidDate)));
    assert!(fields.contains(&("handles.0.value", &Rule::Required)));
    assert_eq!(list(&s, MemberFilter::default()).len(), 0);

    let m = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    nickname: "张三".into(),
                    display_name: "张三-济南-教师".into(),
                    phone: "+86 138-1234-5678".into(),
                    birthday: "3月5日".into(),
                    tags: vec!["高意向".into(), "宝妈".into(), "高意向".into()],
                    handles: vec![Handle {
                        kind: HandleKind::Wechat,
                        value: "wx_zhang3".into(),
                    }],
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    assert_eq!(m.birth_md.as_deref(), Some("03-05"));
    assert_eq!(m.birth_year, None);
    assert_eq!(m.tags.len(), 2, "a repeated tag is kept once");
    // An inviter cannot be oneself, or someone one invited.
    let li = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    invited_by: Some(m.id),
                    ..person("李四")
                },
                now(),
            )
        })
        .unwrap();
    let loop_input = MemberInput {
        invited_by: Some(li.id),
        ..person("张三")
    };
    let Err(MemberError::Invalid(errs)) = s.write(|w| members::update(w, m.id, &loop_input, now()))
    else {
        panic!("a referral loop was saved");
    };
    assert_eq!(errs[0].field, "invited_by");
}

#[test]
fn search_finds_chinese_fragments_pinyin_english_phone_tags_and_notes() {
    let (_d, mut s) = open();
    let zhang = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    nickname: "张三".into(),
                    phone: "13812345678".into(),
                    tags: vec!["济水一中".into()],
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                real_name: "李小雅".into(),
                ..person("Amy")
            },
            now(),
        )
    })
    .unwrap();
    s.write(|w| members::create(w, &person("王小明"), now()))
        .unwrap();
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                handles: vec![Handle {
                    kind: HandleKind::Qq,
                    value: "Sunny_Day88".into(),
                }],
                ..person("晴天")
            },
            now(),
        )
    })
    .unwrap();
    let note = s
        .write(|w| members::add_note(w, zhang.id, "孩子今年上初二，想找数学辅导", now()))
        .unwrap();

    assert_eq!(find(&s, "张"), ["张三"], "one Chinese character");
    assert_eq!(
        find(&s, "小"),
        ["Amy", "王小明"],
        "one character, in a real name too"
    );
    assert_eq!(find(&s, "小雅"), ["Amy"], "two characters");
    assert_eq!(find(&s, "李小雅"), ["Amy"]);
    assert!(
        find(&s, "小王").is_empty(),
        "characters must be adjacent and in order"
    );
    assert_eq!(find(&s, "zhangsan"), ["张三"], "full pinyin");
    assert_eq!(find(&s, "zs"), ["张三"], "pinyin initials");
    assert_eq!(find(&s, "xiaoya"), ["Amy"], "pinyin of the end of a name");
    assert_eq!(find(&s, "xm"), ["王小明"]);
    assert_eq!(find(&s, "AMY"), ["Amy"], "English, any case");
    assert_eq!(find(&s, "sunny"), ["晴天"], "a handle");
    assert_eq!(find(&s, "5678"), ["张三"], "phone tail");
    assert_eq!(find(&s, "8123"), ["张三"], "digits inside the phone");
    assert_eq!(find(&s, "13812345678"), ["张三"], "the whole phone");
    assert!(find(&s, "5679").is_empty());
    assert_eq!(find(&s, "济水"), ["张三"], "a tag");
    assert_eq!(find(&s, "数学辅导"), ["张三"], "note text");
    assert_eq!(find(&s, "张 数学"), ["张三"], "every word must match");
    assert!(find(&s, "张 小雅").is_empty());
    assert!(
        find(&s, "！？").is_empty(),
        "punctuation alone finds nobody"
    );

    // A deleted note is no longer searched; restoring it brings it back.
    s.write(|w| members::trash_note(w, note.id, now())).unwrap();
    assert!(find(&s, "数学").is_empty());
    s.write(|w| members::restore_note(w, note.id)).unwrap();
    assert_eq!(find(&s, "数学"), ["张三"]);
    // A member in the trash is not found, and is found in the trash view.
    s.write(|w| members::trash(w, &[zhang.id], now())).unwrap();
    assert!(find(&s, "zs").is_empty());
    let trash = MemberFilter {
        query: "zs".into(),
        trash: true,
        ..Default::default()
    };
    assert_eq!(list(&s, trash), ["张三"]);
    s.write(|w| members::restore(w, &[zhang.id], now()))
        .unwrap();
    // Editing a name reindexes it.
    s.write(|w| members::update(w, zhang.id, &person("张三丰"), now()))
        .unwrap();
    assert_eq!(find(&s, "三丰"), ["张三丰"]);
    assert!(
        find(&s, "5678").is_empty(),
        "the phone was removed in the edit"
    );
}

#[test]
fn phones_indexed_by_earlier_builds_are_still_found_until_the_member_is_saved() {
    let (_d, mut s) = open();
    let input = MemberInput {
        phone: "13912345678".into(),
        ..person("老档案")
    };
    let m = s.write(|w| members::create(w, &input, now())).unwrap();
    // The document as earlier builds wrote it: every tail of the number as a word, no triples.
    let tails: Vec<&str> = (0..9).map(|i| &"13912345678"[i..]).collect();
    s.conn()
        .execute_batch(&format!(
            "DELETE FROM search_bigrams WHERE rowid = {id};
             DELETE FROM search_words WHERE rowid = {id};
             INSERT INTO search_words (rowid, t) VALUES ({id}, 'laodangan {tails}');",
            id = m.id,
            tails = tails.join(" ")
        ))
        .unwrap();
    assert_eq!(find(&s, "5678"), ["老档案"]);
    assert_eq!(find(&s, "1391"), ["老档案"]);
    // Saving the member rewrites the document the current way; it is found the same.
    s.write(|w| members::update(w, m.id, &input, now()))
        .unwrap();
    assert_eq!(find(&s, "5678"), ["老档案"]);
    assert_eq!(find(&s, "2345"), ["老档案"]);
}

#[test]
fn memberships_keep_status_history_points_and_levels() {
    let (_d, mut s) = open();
    let g = s
        .write(|w| groups::create(w, &group("读书会1群"), now()))
        .unwrap();
    let m = s
        .write(|w| members::create(w, &person("小雅"), now()))
        .unwrap();
    let join = JoinInput {
        group_id: g.id,
        joined_on: Some("2026-01-05".into()),
        category: Category::Active,
        role: "".into(),
    };
    s.write(|w| members::join(w, m.id, &join, at(2026, 1, 5, 8)))
        .unwrap();
    assert!(matches!(
        s.write(|w| members::join(w, m.id, &join, now())),
        Err(MemberError::AlreadyInGroup(_))
    ));
    s.write(|w| {
        members::set_status(
            w,
            m.id,
            g.id,
            MemberStatus::Removed,
            "多次发广告",
            at(2026, 3, 1, 8),
        )
    })
    .unwrap();
    s.write(|w| {
        members::set_status(
            w,
            m.id,
            g.id,
            MemberStatus::InGroup,
            "道歉后重新入群",
            at(2026, 4, 1, 8),
        )
    })
    .unwrap();
    let got = members::get(s.conn(), m.id).unwrap();
    let h: Vec<(MemberStatus, &str)> = got.memberships[0]
        .history
        .iter()
        .map(|c| (c.status, c.reason.as_str()))
        .collect();
    assert_eq!(
        h,
        [
            (MemberStatus::InGroup, ""),
            (MemberStatus::Removed, "多次发广告"),
            (MemberStatus::InGroup, "道歉后重新入群")
        ]
    );
    s.write(|w| {
        members::set_levels(
            w,
            g.id,
            &[
                LevelInput {
                    name: "新人".into(),
                    min_points: 0,
                },
                LevelInput {
                    name: "铁粉".into(),
                    min_points: 100,
                },
                LevelInput {
                    name: "元老".into(),
                    min_points: 500,
                },
            ],
        )
    })
    .unwrap();
    let levels = members::list_levels(s.conn(), g.id).unwrap();
    for (amount, reason) in [(60, "打卡"), (50, "分享"), (-5, "迟到")] {
        s.write(|w| {
            members::add_points(
                w,
                m.id,
                &PointsInput {
                    group_id: g.id,
                    amount,
                    reason: reason.into(),
                },
                now(),
            )
        })
        .unwrap();
    }
    let got = members::get(s.conn(), m.id).unwrap();
    assert_eq!(got.memberships[0].points, 105);
    assert_eq!(got.memberships[0].level.as_deref(), Some("铁粉"));
    assert_eq!(members::list_points(s.conn(), m.id).unwrap().len(), 3);
    let by_level = |i: usize| {
        list(
            &s,
            MemberFilter {
                level_id: Some(levels[i].id),
                ..Default::default()
            },
        )
    };
    assert_eq!(by_level(1), ["小雅"]);
    assert!(by_level(0).is_empty() && by_level(2).is_empty());
    // A mistaken entry is removed and the total follows.
    let entry = members::list_points(s.conn(), m.id).unwrap()[0].id;
    s.write(|w| members::delete_points(w, entry)).unwrap();
    assert_eq!(
        members::get(s.conn(), m.id).unwrap().memberships[0].points,
        110
    );
    let err = s.write(|w| {
        members::add_points(
            w,
            m.id,
            &PointsInput {
                group_id: g.id,
                amount: 0,
                reason: "x".into(),
            },
            now(),
        )
    });
    assert!(matches!(err, Err(MemberError::Invalid(_))));
}

#[test]
fn notes_pin_edit_trash_restore_and_contacts_give_last_contacted() {
    let (_d, mut s) = open();
    let m = s
        .write(|w| members::create(w, &person("老王"), now()))
        .unwrap();
    let a = s
        .write(|w| members::add_note(w, m.id, "喜欢绿植", at(2026, 1, 1, 8)))
        .unwrap();
    let b = s
        .write(|w| members::add_note(w, m.id, "答应下周发资料", at(2026, 2, 1, 8)))
        .unwrap();
    s.write(|w| members::pin_note(w, a.id, true)).unwrap();
    let order: Vec<i64> = members::list_notes(s.conn(), m.id)
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(order, [a.id, b.id], "pinned first");
    s.write(|w| members::edit_note(w, b.id, "已发资料", now()))
        .unwrap();
    assert_eq!(members::get_note(s.conn(), b.id).unwrap().body, "已发资料");
    assert!(matches!(
        s.write(|w| members::add_note(w, m.id, "   ", now())),
        Err(MemberError::Invalid(_))
    ));
    s.write(|w| members::trash_note(w, b.id, now())).unwrap();
    assert_eq!(members::list_notes(s.conn(), m.id).unwrap().len(), 1);
    assert_eq!(
        members::list_trashed_notes(s.conn(), m.id).unwrap().len(),
        1
    );
    s.write(|w| members::restore_note(w, b.id)).unwrap();
    assert_eq!(members::list_notes(s.conn(), m.id).unwrap().len(), 2);

    let log = |at: &str| InteractionInput {
        at: Some(at.into()),
        channel: members::Channel::PrivateChat,
        summary: "聊了近况".into(),
    };
    s.write(|w| members::log_interaction(w, m.id, &log("2026-11-01T02:00:00Z"), now()))
        .unwrap();
    let late = s
        .write(|w| members::log_interaction(w, m.id, &log("2026-11-20T02:00:00Z"), now()))
        .unwrap();
    s.write(|w| members::log_interaction(w, m.id, &log("2026-10-01T02:00:00Z"), now()))
        .unwrap();
    assert_eq!(
        members::get(s.conn(), m.id)
            .unwrap()
            .last_contact_at
            .as_deref(),
        Some("2026-11-20T02:00:00.000Z")
    );
    s.write(|w| members::delete_interaction(w, late.id))
        .unwrap();
    assert_eq!(
        members::get(s.conn(), m.id)
            .unwrap()
            .last_contact_at
            .as_deref(),
        Some("2026-11-01T02:00:00.000Z")
    );
    assert!(s
        .write(|w| members::log_interaction(w, m.id, &log("yesterday"), now()))
        .is_err());
}

#[test]
fn referral_tree_and_counts() {
    let (_d, mut s) = open();
    let root = s
        .write(|w| members::create(w, &person("团长"), now()))
        .unwrap();
    let a = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    invited_by: Some(root.id),
                    ..person("A")
                },
                now(),
            )
        })
        .unwrap();
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                invited_by: Some(root.id),
                ..person("B")
            },
            now(),
        )
    })
    .unwrap();
    s.write(|w| {
        members::create(
            w,
            &MemberInput {
                invited_by: Some(a.id),
                ..person("A1")
            },
            now(),
        )
    })
    .unwrap();
    let tree = members::referral_tree(s.conn(), root.id, 10).unwrap();
    let shape: Vec<(&str, u32, u32)> = tree
        .iter()
        .map(|r| (r.nickname.as_str(), r.depth, r.invitee_count))
        .collect();
    assert_eq!(shape, [("A", 1, 1), ("A1", 2, 0), ("B", 1, 0)]);
    assert_eq!(members::get(s.conn(), root.id).unwrap().invitee_count, 2);
    assert_eq!(
        members::get(s.conn(), a.id)
            .unwrap()
            .invited_by
            .unwrap()
            .nickname,
        "团长"
    );
}

#[test]
fn filters_combine_and_sort_in_pinyin_order() {
    let (_d, mut s) = open();
    let g = s
        .write(|w| groups::create(w, &group("宝妈群1"), now()))
        .unwrap();
    let mk = |s: &mut Store, nick: &str, cat: Category, birthday: &str, source: &str| {
        let m = s
            .write(|w| {
                members::create(
                    w,
                    &MemberInput {
                        birthday: birthday.into(),
                        source: source.into(),
                        ..person(nick)
                    },
                    now(),
                )
            })
            .unwrap();
        let j = JoinInput {
            group_id: g.id,
            joined_on: Some("2026-03-01".into()),
            category: cat,
            role: "".into(),
        };
        s.write(|w| members::join(w, m.id, &j, now())).unwrap();
        m.id
    };
    let zhang = mk(&mut s, "张三", Category::Core, "1990-11-03", "海报");
    let a = mk(&mut s, "阿明", Category::Silent, "", "朋友邀请");
    let li = mk(&mut s, "李四", Category::Core, "11-20", "海报");
    s.write(|w| members::create(w, &person("Bob"), now()))
        .unwrap();

    assert_eq!(
        list(&s, MemberFilter::default()),
        ["阿明", "Bob", "李四", "张三"],
        "pinyin order"
    );
    let core = MemberFilter {
        group_id: Some(g.id),
        categories: vec![Category::Core],
        ..Default::default()
    };
    assert_eq!(list(&s, core.clone()), ["李四", "张三"]);
    let both = MemberFilter {
        birthday_this_month: true,
        source: Some("海报".into()),
        ..core.clone()
    };
    assert_eq!(list(&s, both), ["李四", "张三"]);
    let sort = MemberSort {
        key: SortKey::Birthday,
        desc: true,
    };
    let page = members::page(s.conn(), &core, sort, 0, 10, &clock()).unwrap();
    assert_eq!(
        page.rows
            .iter()
            .map(|r| r.nickname.as_str())
            .collect::<Vec<_>>(),
        ["李四", "张三"]
    );
    assert_eq!(page.rows[0].category, Some(Category::Core));

    s.write(|w| members::set_status(w, a, g.id, MemberStatus::Left, "搬家", now()))
        .unwrap();
    let left = MemberFilter {
        statuses: vec![MemberStatus::Left],
        ..Default::default()
    };
    assert_eq!(list(&s, left), ["阿明"]);
    let log = InteractionInput {
        at: Some("2026-12-20T00:00:00Z".into()),
        channel: members::Channel::Call,
        summary: "".into(),
    };
    s.write(|w| members::log_interaction(w, zhang, &log, now()))
        .unwrap();
    let quiet = MemberFilter {
        not_contacted_days: Some(30),
        group_id: Some(g.id),
        ..Default::default()
    };
    // Quiet since the last contact or since added: nobody added today is quiet yet…
    assert!(list(&s, quiet.clone()).is_empty());
    // …and 40 days on, everyone but the one contacted since.
    let later = Clock {
        today: NaiveDate::from_ymd_opt(2027, 1, 3).unwrap(),
        now: now() + chrono::Duration::days(40),
    };
    let quiet_later =
        members::page(s.conn(), &quiet, MemberSort::default(), 0, 100, &later).unwrap();
    let names: Vec<String> = quiet_later.rows.into_iter().map(|r| r.nickname).collect();
    assert_eq!(names, ["阿明", "李四"]);
    let joined = MemberFilter {
        joined_from: Some("2026-04-01".into()),
        ..Default::default()
    };
    assert!(list(&s, joined).is_empty());

    // Bulk: tag the core members through the filter, then move one to "paying".
    let n = s
        .write(|w| {
            members::bulk(
                w,
                &Selection::Filter {
                    filter: Box::new(core.clone()),
                },
                &BulkAction::AddTag {
                    name: "核心".into(),
                },
                &clock(),
            )
        })
        .unwrap();
    assert_eq!(n, 2);
    let tag = members::list_tags(s.conn()).unwrap()[0].clone();
    assert_eq!((tag.name.as_str(), tag.count), ("核心", 2));
    assert_eq!(
        list(
            &s,
            MemberFilter {
                tag_ids: vec![tag.id],
                ..Default::default()
            }
        ),
        ["李四", "张三"]
    );
    s.write(|w| {
        members::bulk(
            w,
            &Selection::Ids { ids: vec![li] },
            &BulkAction::SetCategory {
                group_id: g.id,
                category: Category::Paying,
            },
            &clock(),
        )
    })
    .unwrap();
    assert_eq!(list(&s, core.clone()), ["张三"]);

    // A saved filter comes back as it was saved.
    let seg = s
        .write(|w| {
            members::save_segment(
                w,
                "本月生日",
                &MemberFilter {
                    birthday_this_month: true,
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    assert!(matches!(
        s.write(|w| members::save_segment(w, "本月生日", &core, now())),
        Err(MemberError::SegmentTaken(_))
    ));
    assert_eq!(
        members::list_segments(s.conn()).unwrap()[0].filter,
        seg.filter
    );
    assert_eq!(list(&s, seg.filter.clone().unwrap()), ["李四", "张三"]);

    // Trashed members leave every live list and its count, and the trash filters the same way.
    s.write(|w| {
        members::bulk(
            w,
            &Selection::Ids { ids: vec![zhang] },
            &BulkAction::Trash,
            &clock(),
        )
    })
    .unwrap();
    assert_eq!(list(&s, MemberFilter::default()), ["阿明", "Bob", "李四"]);
    assert_eq!(list(&s, seg.filter.clone().unwrap()), ["李四"]);
    let tagged = MemberFilter {
        tag_ids: vec![tag.id],
        ..Default::default()
    };
    assert_eq!(list(&s, tagged.clone()), ["李四"]);
    let in_trash = |f: MemberFilter| list(&s, MemberFilter { trash: true, ..f });
    assert_eq!(in_trash(MemberFilter::default()), ["张三"]);
    assert_eq!(in_trash(seg.filter.unwrap()), ["张三"]);
    assert_eq!(in_trash(tagged), ["张三"]);
    assert_eq!(
        in_trash(MemberFilter {
            source: Some("海报".into()),
            ..Default::default()
        }),
        ["张三"]
    );
}

#[test]
fn tags_rename_merge_and_trash_then_purge() {
    let (_d, mut s) = open();
    let a = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    tags: vec!["VIP".into()],
                    ..person("甲")
                },
                now(),
            )
        })
        .unwrap();
    let b = s
        .write(|w| {
            members::create(
                w,
                &MemberInput {
                    tags: vec!["vip会员".into(), "VIP".into()],
                    ..person("乙")
                },
                now(),
            )
        })
        .unwrap();
    let tags = members::list_tags(s.conn()).unwrap();
    let (vip, vip2) = (
        tags.iter().find(|t| t.name == "VIP").unwrap().id,
        tags.iter().find(|t| t.name == "vip会员").unwrap().id,
    );
    assert!(
        matches!(
            s.write(|w| members::rename_tag(w, vip2, "vip")),
            Err(MemberError::TagTaken(_))
        ),
        "names are unique ignoring case"
    );
    s.write(|w| members::merge_tags(w, vip2, vip)).unwrap();
    let tags = members::list_tags(s.conn()).unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].count, 2);
    s.write(|w| members::rename_tag(w, vip, "付费会员"))
        .unwrap();
    assert_eq!(
        find(&s, "付费"),
        ["甲", "乙"],
        "search follows the new tag name"
    );

    s.write(|w| members::trash(w, &[a.id], now())).unwrap();
    assert_eq!(
        members::list_tags(s.conn()).unwrap()[0].count,
        1,
        "trashed members are not counted"
    );
    assert!(matches!(
        s.write(|w| members::purge(w, b.id)),
        Err(MemberError::NotInTrash(_))
    ));
    assert_eq!(s.write(members::empty_trash).unwrap(), 1);
    assert!(matches!(
        members::get(s.conn(), a.id),
        Err(MemberError::NotFound(_))
    ));
    assert!(find(&s, "甲").is_empty());
}
