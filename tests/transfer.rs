//! Import and export with real files: the encodings Chinese spreadsheets write (GBK, UTF-8
//! with and without BOM, UTF-16), XLSX with number and date cells and Excel serial dates,
//! bad rows reported by row number, duplicates merged or skipped, an import that fails
//! changing nothing, and exports that open safely in Excel and import back.
mod common;

use calamine::Reader;
use common::now;
use groupdesk::groups;
use groupdesk::members::{self, Clock, MemberFilter, MemberSort};
use groupdesk::store::Store;
use groupdesk::transfer::{
    self, guess_columns, DuplicatePolicy, ExportFormat, ImportOptions, ImportReport, TextEncoding,
};
use std::path::{Path, PathBuf};

const HEADER: &str = "昵称,手机号,微信号,生日,入群时间,标签,备注,分类,邀请人";

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path(), now()).unwrap();
    (dir, store)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gbk(s: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(s).0.into_owned()
}

fn import(s: &mut Store, path: &Path, opts: ImportOptions) -> ImportReport {
    let table = transfer::read_file(path, TextEncoding::Auto).unwrap();
    let mapping = guess_columns(&table.headers);
    s.write(|w| {
        transfer::import_members(
            w,
            &table,
            &mapping,
            &opts,
            now(),
            &groupdesk::progress::Quiet,
        )
    })
    .unwrap()
}

fn clock() -> Clock {
    Clock {
        today: now().date_naive(),
        now: now(),
    }
}

fn nicknames(s: &Store) -> Vec<String> {
    let page = members::page(
        s.conn(),
        &MemberFilter::default(),
        MemberSort::default(),
        0,
        1000,
        &clock(),
    )
    .unwrap();
    page.rows.into_iter().map(|r| r.nickname).collect()
}

/// Every row of every table, to prove a failed import changed nothing.
fn dump(s: &Store) -> String {
    common::dump(s.conn())
}

#[test]
fn gbk_csv_with_every_kind_of_cell() {
    let (dir, mut s) = open();
    let g = s
        .write(|w| groups::create(w, &common::group("知行读书会1群"), now()))
        .unwrap();
    let csv = format!(
        "{HEADER}\n张三,13812345678,wx_zhangsan,1990/3/5,45356,\"高意向,宝妈\",孩子上初二,核心,\n\
         李小雅,0086 139-0000-1111,,3月8日,2024年1月2日,VIP,喜欢摄影,活跃,张三\n\n"
    );
    let path = write(dir.path(), "成员.csv", &gbk(&csv));
    let r = import(
        &mut s,
        &path,
        ImportOptions {
            group_id: Some(g.id),
            ..Default::default()
        },
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!((r.rows, r.created, r.applied), (2, 2, true));
    let p = members::page(
        s.conn(),
        &MemberFilter {
            query: "zs".into(),
            group_id: Some(g.id),
            ..Default::default()
        },
        MemberSort::default(),
        0,
        10,
        &clock(),
    )
    .unwrap();
    let zhang = members::get(s.conn(), p.rows[0].id).unwrap();
    assert_eq!(zhang.phone, "13812345678", "phone kept as text");
    assert_eq!(
        (zhang.birth_year, zhang.birth_md.as_deref()),
        (Some(1990), Some("03-05"))
    );
    assert_eq!(
        zhang.memberships[0].joined_on.as_deref(),
        Some("2024-03-05"),
        "Excel serial 45356"
    );
    assert_eq!(zhang.memberships[0].category, members::Category::Core);
    assert_eq!(zhang.tags.len(), 2);
    assert_eq!(zhang.handles[0].value, "wx_zhangsan");
    assert_eq!(
        members::list_notes(s.conn(), zhang.id).unwrap()[0].body,
        "孩子上初二"
    );
    let li = members::get(s.conn(), zhang.id + 1).unwrap();
    assert_eq!(li.invited_by.unwrap().nickname, "张三");
    assert_eq!(li.memberships[0].joined_on.as_deref(), Some("2024-01-02"));
    assert_eq!(li.birth_year, None);
}

#[test]
fn utf8_bom_utf16_and_tab_separated_files() {
    let (dir, mut s) = open();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("昵称,手机\n小明,13500000001\n".as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "昵称\t地区\r\n阿花\t济南\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let plain = "nickname;city\nTony;上海\n".as_bytes().to_vec();
    for (name, bytes) in [("a.csv", bom), ("b.txt", utf16), ("c.csv", plain)] {
        let r = import(
            &mut s,
            &write(dir.path(), name, &bytes),
            ImportOptions::default(),
        );
        assert_eq!((r.created, r.problems.len()), (1, 0), "{name}: {r:?}");
    }
    assert_eq!(nicknames(&s), ["阿花", "Tony", "小明"]);
    let t = transfer::read_file(&dir.path().join("b.txt"), TextEncoding::Auto).unwrap();
    assert_eq!(t.encoding, "UTF-16LE");
}

#[test]
fn xlsx_numbers_dates_and_serials() {
    let (dir, mut s) = open();
    let path = dir.path().join("members.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["昵称", "手机", "生日", "入群时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "王芳").unwrap();
    sheet.write_number(1, 1, 13912345678.0).unwrap(); // a phone typed as a number
    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(1988, 12, 1).unwrap();
    sheet.write_datetime_with_format(1, 2, &d, &date).unwrap(); // a real date cell
    sheet.write_number(1, 3, 45292.0).unwrap(); // a serial without date format: 2024-01-01
    book.save(&path).unwrap();
    let g = s
        .write(|w| groups::create(w, &common::group("测试群"), now()))
        .unwrap();
    let r = import(
        &mut s,
        &path,
        ImportOptions {
            group_id: Some(g.id),
            ..Default::default()
        },
    );
    assert!(r.applied && r.problems.is_empty(), "{r:?}");
    let m = members::get(s.conn(), 1).unwrap();
    assert_eq!(m.phone, "13912345678", "no .0, no exponent");
    assert_eq!(
        (m.birth_year, m.birth_md.as_deref()),
        (Some(1988), Some("12-01"))
    );
    assert_eq!(m.memberships[0].joined_on.as_deref(), Some("2024-01-01"));
}

#[test]
fn bad_rows_are_listed_by_row_number_and_nothing_changes() {
    let (dir, mut s) = open();
    s.write(|w| {
        members::create(
            w,
            &members::MemberInput {
                nickname: "老会员".into(),
                ..Default::default()
            },
            now(),
        )
    })
    .unwrap();
    let csv = format!(
        "{HEADER}\n好人,13800000001,,,,,,,\n,13800000002,,,,,,,\n坏日期,,,,2024-13-01,,,,\n\
         坏生日,,,2月30日,,,,,\n坏分类,,,,,,,大佬,\n坏手机,abc,,,,,,,\n长备注,,,,,,{},,\n",
        "很".repeat(20_001)
    );
    let path = write(dir.path(), "bad.csv", &gbk(&csv));
    let g = s
        .write(|w| groups::create(w, &common::group("群"), now()))
        .unwrap();
    let before_group = dump(&s);
    let r = import(
        &mut s,
        &path,
        ImportOptions {
            group_id: Some(g.id),
            ..Default::default()
        },
    );
    let got: Vec<(u32, &str, &str)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.key.as_str(), p.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "import.no_nickname", "昵称"),
            (4, "import.bad_date", "入群时间"),
            (5, "import.bad_birthday", "生日"),
            (6, "import.bad_category", "分类"),
            (7, "import.bad_phone", "手机号"),
            (8, "import.too_long", "备注"),
        ]
    );
    assert!(!r.applied);
    assert_eq!(dump(&s), before_group, "a refused import changed nothing");

    // The dry run of a good file reports what would happen and also changes nothing.
    let good = write(
        dir.path(),
        "good.csv",
        format!("{HEADER}\n甲,,,,,,,,\n乙,,,,,,,,\n").as_bytes(),
    );
    let r = import(
        &mut s,
        &good,
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert_eq!((r.created, r.applied), (2, false));
    assert_eq!(dump(&s), before_group);

    // With skip_invalid the good row goes in and the bad ones are counted.
    let r = import(
        &mut s,
        &path,
        ImportOptions {
            skip_invalid: true,
            ..Default::default()
        },
    );
    assert_eq!((r.created, r.skipped_invalid, r.applied), (1, 6, true));
    assert_eq!(nicknames(&s), ["好人", "老会员"]);
}

#[test]
fn duplicates_by_phone_or_handle_merge_or_skip() {
    let (dir, mut s) = open();
    let existing = s
        .write(|w| {
            members::create(
                w,
                &members::MemberInput {
                    nickname: "张三".into(),
                    phone: "138-1234-5678".into(),
                    region: "济南".into(),
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    let csv = "昵称,手机,地区,职业,标签,微信\n\
               张三丰,+86 13812345678,北京,教师,老客户,wx_a\n\
               阿三,,,,,WX_A\n\
               新人,13900000000,,,,\n";
    let path = write(dir.path(), "dup.csv", csv.as_bytes());
    let r = import(
        &mut s,
        &path,
        ImportOptions {
            duplicates: DuplicatePolicy::Skip,
            dry_run: true,
            ..Default::default()
        },
    );
    assert_eq!(
        (r.created, r.skipped_duplicates),
        (1, 2),
        "the same phone, then the same handle (any case) as row 2"
    );
    let r = import(&mut s, &path, ImportOptions::default());
    assert_eq!((r.created, r.merged), (1, 2));
    let m = members::get(s.conn(), existing.id).unwrap();
    assert_eq!(m.nickname, "张三", "merging never overwrites");
    assert_eq!(m.region, "济南");
    assert_eq!(m.occupation, "教师", "empty fields are filled");
    assert_eq!(m.tags[0].name, "老客户");
    assert_eq!(m.handles.len(), 1);
    assert_eq!(nicknames(&s), ["新人", "张三"]);
}

#[test]
fn paste_import_makes_one_member_per_line() {
    let (_dir, mut s) = open();
    let table = transfer::read_paste("张三\n\n  李四  \n王五\t13800000000\n");
    let r = s
        .write(|w| {
            transfer::import_members(
                w,
                &table,
                &[Some(transfer::Target::Nickname)],
                &ImportOptions::default(),
                now(),
                &groupdesk::progress::Quiet,
            )
        })
        .unwrap();
    assert_eq!(r.created, 3);
    assert_eq!(nicknames(&s), ["李四", "王五", "张三"]);
}

#[test]
fn exports_are_excel_safe_and_import_back() {
    let (dir, mut s) = open();
    let g = s
        .write(|w| groups::create(w, &common::group("导出群"), now()))
        .unwrap();
    for (nick, phone, region) in [
        ("=HYPERLINK(\"http://x\")", "+8613800000000", "@济南"),
        ("小雅", "13900000000", "-北京"),
    ] {
        let m = s
            .write(|w| {
                members::create(
                    w,
                    &members::MemberInput {
                        nickname: nick.into(),
                        phone: phone.into(),
                        region: region.into(),
                        tags: vec!["VIP".into()],
                        ..Default::default()
                    },
                    now(),
                )
            })
            .unwrap();
        let j = members::JoinInput {
            group_id: g.id,
            joined_on: Some("2025-06-01".into()),
            category: members::Category::Paying,
            role: String::new(),
        };
        s.write(|w| members::join(w, m.id, &j, now())).unwrap();
    }
    let ids = members::ids(
        s.conn(),
        &MemberFilter::default(),
        MemberSort::default(),
        &clock(),
    )
    .unwrap();
    let csv_path = dir.path().join("out.csv");
    assert_eq!(
        transfer::export_members(
            s.conn(),
            &ids,
            Some(g.id),
            ExportFormat::Csv,
            true,
            &csv_path,
            &groupdesk::progress::Quiet
        )
        .unwrap(),
        2
    );
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("昵称,群昵称,真实姓名,地区"), "{text}");
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(
        text.contains("'+8613800000000") && text.contains("'@济南") && text.contains("'-北京"),
        "{text}"
    );
    assert!(text.contains("2025-06-01,在群,付费,0"), "{text}");

    let xlsx_path = dir.path().join("out.xlsx");
    transfer::export_members(
        s.conn(),
        &ids,
        None,
        ExportFormat::Xlsx,
        false,
        &xlsx_path,
        &groupdesk::progress::Quiet,
    )
    .unwrap();
    let mut book = calamine::open_workbook_auto(&xlsx_path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let formulas = book.worksheet_formula("Members").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let cell = |r: usize, c: usize| range.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(cell(0, 0), "Nickname");
    assert_eq!(
        cell(1, 0),
        "=HYPERLINK(\"http://x\")",
        "the text is kept, as a string cell"
    );
    assert_eq!(cell(1, 5), "+8613800000000");

    // The CSV imports back into an empty workspace unchanged.
    let (_d2, mut s2) = open();
    let r = import(&mut s2, &csv_path, ImportOptions::default());
    assert_eq!((r.created, r.problems.len()), (2, 0), "{r:?}");
    let back: Vec<String> = nicknames(&s2);
    assert_eq!(back, nicknames(&s));
    let first = members::get(s2.conn(), 1).unwrap();
    assert_eq!(
        (first.phone.as_str(), first.region.as_str()),
        ("+8613800000000", "@济南")
    );
}

#[test]
fn an_export_keeps_the_list_order_whatever_the_query_planner_knows() {
    let (dir, mut s) = open();
    // A few members and planner statistics, as the app keeps them after an import: with them
    // SQLite would rather scan the small members table than follow the id list.
    for name in ["赵六", "李四", "王五", "张小雅", "Amy"] {
        s.write(|w| {
            members::create(
                w,
                &members::MemberInput {
                    nickname: name.into(),
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    }
    s.conn().execute_batch("ANALYZE").unwrap();
    let mut ids = members::ids(
        s.conn(),
        &MemberFilter::default(),
        MemberSort::default(),
        &clock(),
    )
    .unwrap();
    ids.reverse();
    let path = dir.path().join("reversed.csv");
    transfer::export_members(
        s.conn(),
        &ids,
        None,
        ExportFormat::Csv,
        true,
        &path,
        &groupdesk::progress::Quiet,
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let exported: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let expected: Vec<String> = ids
        .iter()
        .map(|id| members::get(s.conn(), *id).unwrap().nickname)
        .collect();
    assert_eq!(exported, expected);
}

/// The indexes and their definitions, to prove a bulk import puts every one back as it was.
fn indexes(s: &Store) -> Vec<(String, String)> {
    s.conn()
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_large_import_sets_indexes_aside_and_puts_them_back_whatever_happens() {
    let (dir, mut s) = open();
    let g = s
        .write(|w| groups::create(w, &common::group("宝妈团购群"), now()))
        .unwrap();
    // Someone already in the book: row 3 has her phone (merged), and rows name her as inviter.
    let existing = s
        .write(|w| {
            members::create(
                w,
                &members::MemberInput {
                    nickname: "群主小王".into(),
                    phone: "13700000000".into(),
                    ..Default::default()
                },
                now(),
            )
        })
        .unwrap();
    let mut csv = format!("{HEADER}\n");
    for i in 0..6_000u32 {
        let phone = if i == 1 {
            "13700000000".to_string()
        } else {
            format!("139{i:08}")
        };
        let inviter = if i % 1000 == 0 { "群主小王" } else { "" };
        csv.push_str(&format!(
            "会员{i},{phone},wx_{i},1990-01-{:02},2025/3/{},读书会,第{i}位,活跃,{inviter}\n",
            1 + i % 28,
            1 + i % 28
        ));
    }
    let good = write(dir.path(), "6000.csv", &gbk(&csv));
    let bad = write(
        dir.path(),
        "6000-bad.csv",
        &gbk(&format!("{csv}坏行,13800000000,,1990-13-45,,,,,\n")),
    );
    let before = indexes(&s);
    let rows_before = dump(&s);
    let opts = ImportOptions {
        group_id: Some(g.id),
        ..Default::default()
    };

    // A dry run and a blocked import roll back: same rows, same indexes.
    let r = import(
        &mut s,
        &good,
        ImportOptions {
            dry_run: true,
            ..opts.clone()
        },
    );
    assert_eq!((r.created, r.merged, r.applied), (5_999, 1, false));
    let r = import(&mut s, &bad, opts.clone());
    assert_eq!((r.problems.len(), r.applied), (1, false));
    assert_eq!(r.problems[0].row, 6_002);
    assert_eq!(indexes(&s), before);
    assert_eq!(dump(&s), rows_before);

    // The import itself: every index back with its own definition, and usable at once.
    let r = import(&mut s, &good, opts.clone());
    assert_eq!((r.created, r.merged, r.applied), (5_999, 1, true));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(indexes(&s), before);
    let c = s.conn();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let analysed: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_stat1 WHERE idx IN ('members_by_sort', 'memberships_by_group')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(analysed, 2, "the rebuilt indexes have planner statistics");
    let plan: String = c
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM members WHERE phone_key = '13900004321'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("members_by_phone"), "{plan}");
    let page = |query: &str| {
        members::page(
            c,
            &MemberFilter {
                query: query.into(),
                group_id: Some(g.id),
                ..Default::default()
            },
            MemberSort::default(),
            0,
            3,
            &clock(),
        )
        .unwrap()
    };
    let p = page("");
    assert_eq!(p.total, 6_000);
    assert_eq!(
        p.rows[0].nickname, "会员0",
        "sorted by name (pinyin) through the rebuilt index"
    );
    assert_eq!(page("会员4321").rows[0].nickname, "会员4321");
    assert_eq!(
        page("4321").total,
        1,
        "phone tail and nickname digits are one member"
    );
    let boss = members::get(c, existing.id).unwrap();
    assert_eq!(
        boss.invitee_count, 6,
        "inviter found in the book (rows 0, 1000 … 5000)"
    );
    assert_eq!(
        boss.memberships.len(),
        1,
        "the merged row joined her to the group"
    );
}
