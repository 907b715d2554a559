//! The script commands as scripts call them: `script add` refuses an unknown or unclosed
//! placeholder (exit 1, nothing saved) and warns about a flagged word (saved); `script list
//! --json` is an array of objects; `script fill` finds a member by any of their names, lists
//! the candidates when several match, and fills for every newcomer with `--all-new`.
use std::path::Path;

mod common;

use common::{groupdesk, groupdesk_ok as ok};

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).expect("JSON")
}

#[test]
fn add_list_and_fill_as_the_contract_says() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["group", "add", "读书会", "--platform", "wechat"]);
    let csv = d.join("new.csv");
    std::fs::write(&csv, "昵称,真实姓名\n张三,张伟\n张三丰,\n李四,\n").unwrap();
    ok(
        d,
        &[
            "import",
            "members",
            csv.to_str().unwrap(),
            "--group",
            "读书会",
        ],
    );

    // Unknown and unclosed placeholders: exit 1, both named, nothing saved.
    let o = groupdesk(
        d,
        &[
            "script",
            "add",
            "--kind",
            "welcome",
            "--text",
            "欢迎{昵称，来{群明}",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("{群明}") && err.contains("not closed"),
        "{err}"
    );
    assert_eq!(
        json(d, &["script", "list", "--json"]),
        serde_json::json!([])
    );

    // A flagged word: saved, with a warning naming it and where.
    let o = groupdesk(
        d,
        &[
            "script",
            "add",
            "--kind",
            "welcome",
            "--group",
            "读书会",
            "--text",
            "欢迎 {称呼} 加入{群名}！资料请加微信",
        ],
    );
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("加微信") && err.contains("column 19"), "{err}");
    ok(
        d,
        &[
            "script",
            "add",
            "--kind",
            "farewell",
            "--name",
            "告别",
            "--text",
            "再见 {nickname|朋友}",
        ],
    );

    let list = json(d, &["script", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["kind"], "welcome");
    assert_eq!(list[0]["group_name"], "读书会");
    assert_eq!(list[0]["is_default"], true);
    assert_eq!(list[1]["body"], "再见 {昵称|朋友}");

    // A member by their real name; several matches are listed, none is chosen.
    let out = ok(
        d,
        &[
            "script",
            "fill",
            "welcome",
            "--group",
            "读书会",
            "--member",
            "张伟",
        ],
    );
    assert_eq!(out.trim(), "欢迎 张三 加入读书会！资料请加微信");
    let o = groupdesk(
        d,
        &[
            "script",
            "fill",
            "welcome",
            "--group",
            "读书会",
            "--member",
            "张",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("张三丰") && err.contains("张三"), "{err}");
    let o = groupdesk(
        d,
        &[
            "script",
            "fill",
            "welcome",
            "--group",
            "读书会",
            "--member",
            "王五",
        ],
    );
    assert_eq!(o.status.code(), Some(1));

    // Every newcomer not yet welcomed, one text each or one for all.
    let all = json(
        d,
        &[
            "script",
            "fill",
            "welcome",
            "--group",
            "读书会",
            "--all-new",
            "--json",
        ],
    );
    let texts = all["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 3);
    assert_eq!(texts[2]["text"], "欢迎 李四 加入读书会！资料请加微信");
    assert_eq!(all["limit"], 2000);
    assert_eq!(all["words"][0]["word"], "加微信");
    let one = ok(
        d,
        &[
            "script",
            "fill",
            "welcome",
            "--group",
            "读书会",
            "--all-new",
            "--together",
        ],
    );
    assert!(
        one.starts_with("欢迎 @张三\u{2005}@张三丰\u{2005}@李四 加入读书会"),
        "{one}"
    );
    // A kind the library has no script of: a clear error.
    let o = groupdesk(d, &["script", "fill", "birthday", "--group", "读书会"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn demo_includes_a_library_for_its_groups() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["demo", "--groups", "2"]);
    let list = json(dir.path(), &["script", "list", "--json"]);
    let kinds: std::collections::BTreeSet<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "welcome",
        "rules",
        "intro",
        "add_friend",
        "announcement",
        "red_packet",
        "farewell",
        "win_back",
        "birthday",
        "milestone",
    ] {
        assert!(kinds.contains(kind), "demo lacks a {kind} script");
    }
}
