//! The UI's TypeScript types must match the Rust types that cross IPC. This fails when
//! `ui/src/lib/bindings.ts` is stale; `UPDATE_BINDINGS=1 cargo test --test bindings` rewrites it.
use std::path::Path;

#[test]
fn typescript_bindings_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(groupdesk::bindings::PATH);
    let fresh = groupdesk::bindings::render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit it",
        path.display()
    );
}
