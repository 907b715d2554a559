//! The arrows between layers point down only (see the crate docs in `src-tauri/lib.rs`): no
//! module may name a module of a higher layer. This reads every source file and fails on an
//! import or path (`crate::api::…`, `use crate::{desktop, …}`) that points up, naming the file.
use std::path::Path;

/// Rank of each top-level module: a module may use modules of its own rank or lower.
fn rank(module: &str) -> Option<u8> {
    Some(match module {
        "cli" | "desktop" | "bindings" => 7,
        "api" => 6,
        "scheduler" => 5,
        "session" => 4,
        "groups" | "members" | "calendar" | "reminders" | "webhooks" | "transfer" | "settings"
        | "scripts" | "campaigns" | "demo" => 3,
        "store" => 2,
        "dates" | "lunar" | "files" | "validate" | "progress" | "paths" | "instance" | "probe"
        | "sql_enum" => 1,
        // The clock is read by the edges only: it ranks with the scheduler.
        "clock" => 5,
        _ => return None,
    })
}

fn module_of(file: &Path, root: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::NAME` a source names (in `use` lines, paths, and `use crate::{a, b}` lists).
fn named(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in src.match_indices("crate::") {
        // `$crate::` in macros names the crate root the same way.
        let rest = &src[i + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let end = list.find('}').unwrap_or(list.len());
            for item in list[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_a_higher_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut wrong = Vec::new();
    for f in &all {
        let module = module_of(f, &root);
        let Some(own) = rank(&module) else { continue };
        let src = std::fs::read_to_string(f).unwrap();
        for name in named(&src) {
            if let Some(theirs) = rank(&name) {
                if theirs > own {
                    wrong.push(format!("{} ({module}) uses crate::{name}", f.display()));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports that point up a layer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_module_has_a_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let lib = std::fs::read_to_string(root.join("lib.rs")).unwrap();
    for line in lib.lines() {
        let Some(m) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        else {
            continue;
        };
        let m = m.trim_end_matches(';');
        assert!(rank(m).is_some(), "{m} has no layer in tests/layers.rs");
    }
}

/// The check itself: an upward import is caught.
#[test]
fn an_upward_import_is_caught() {
    let names = named("use crate::api::AppState;\nuse crate::{dates, desktop::tray};\n");
    assert_eq!(names, ["api", "dates", "desktop"]);
    assert!(rank("api") > rank("members"));
}
