//! The UI's TypeScript must match the Rust that crosses IPC: the types
//! (`ui/src/lib/bindings.ts`, from ts-rs) and the commands (`ui/src/lib/commands.ts`, their
//! names, argument names and types, and results). This fails when either file is stale;
//! `UPDATE_BINDINGS=1 cargo test --test bindings` rewrites both.
#[path = "bindings_gen/commands.rs"]
mod commands;

use std::path::Path;

fn check(path: &Path, fresh: &str) {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit it",
        path.display()
    );
}

#[test]
fn typescript_bindings_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check(
        &root.join(groupdesk::bindings::PATH),
        &groupdesk::bindings::render(),
    );
}

#[test]
fn typescript_commands_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check(&root.join(commands::PATH), &commands::render(root));
}

/// What makes the check worth having: a renamed argument changes the generated file.
#[test]
fn a_renamed_argument_changes_the_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let api = tmp.path().join("src-tauri/api");
    std::fs::create_dir_all(&api).unwrap();
    for e in std::fs::read_dir(root.join("src-tauri/api")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, api.join(p.file_name().unwrap())).unwrap();
    }
    let before = commands::render(tmp.path());
    let members = api.join("members.rs");
    let src = std::fs::read_to_string(&members).unwrap();
    let at = src.find("pub fn add_note(").expect("add_note is a command");
    let sig_end = at + src[at..].find(')').unwrap();
    let renamed = format!(
        "{}{}{}",
        &src[..at],
        src[at..sig_end].replacen("member_id", "person", 1),
        &src[sig_end..]
    );
    assert!(
        renamed != src,
        "add_note has no member_id parameter any more; update this test"
    );
    std::fs::write(&members, renamed).unwrap();
    let after = commands::render(tmp.path());
    assert!(
        before.contains("addNote: (memberId: number, body: string)"),
        "{before}"
    );
    assert!(
        after.contains("addNote: (person: number, body: string)"),
        "{after}"
    );
}
