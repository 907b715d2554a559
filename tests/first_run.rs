//! A new workspace and the sample one: a workspace with no group and no member is new (the
//! window opens on the three ways in); the sample workspace is the demo in a folder of its
//! own, filled once, in the owner's language, marked with the folder to go back to — and the
//! owner's own workspace is not touched by it.
mod common;

use common::now;
use groupdesk::demo::sample;
use groupdesk::groups;
use groupdesk::settings::{self, Language};
use groupdesk::store::Store;

#[test]
fn a_sample_workspace_is_filled_once_in_a_folder_of_its_own_and_knows_the_way_back() {
    let home_dir = tempfile::tempdir().unwrap();
    let mut home = Store::open_dir(home_dir.path(), now()).unwrap();
    assert!(sample::is_new(home.conn()).unwrap());
    let mut prefs = settings::load(home.conn()).unwrap();
    prefs.language = Language::En;
    home.write(|w| settings::save(w, &prefs)).unwrap();
    let before = common::dump(home.conn());

    let dir = sample::dir_for(home_dir.path());
    assert!(dir.starts_with(home_dir.path()) && dir != home_dir.path());
    let mut s = Store::open_dir(&dir, now()).unwrap();
    s.write(|w| sample::prepare(w, home_dir.path(), &prefs, now()))
        .unwrap();
    assert!(!sample::is_new(s.conn()).unwrap());
    assert_eq!(
        sample::home(s.conn()).unwrap().as_deref(),
        Some(home_dir.path().to_str().unwrap())
    );
    assert_eq!(settings::load(s.conn()).unwrap().language, Language::En);
    let count =
        |s: &Store, sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    let members = count(&s, "SELECT count(*) FROM members");
    assert_eq!(members, 1_200);
    assert!(count(&s, "SELECT count(*) FROM scripts") >= 10);
    assert!(count(&s, "SELECT count(*) FROM content_items") > 0);

    // Opened again: what the owner tried there is kept, nothing is added twice.
    let g = s
        .write(|w| groups::create(w, &common::group("我试建的群"), now()))
        .unwrap();
    s.write(|w| sample::prepare(w, home_dir.path(), &prefs, now()))
        .unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM members"), members);
    assert!(groups::get(s.conn(), g.id).is_ok());

    // The owner's own workspace is untouched and still new; it is not a sample.
    assert_eq!(common::dump(home.conn()), before);
    assert!(sample::is_new(home.conn()).unwrap());
    assert_eq!(sample::home(home.conn()).unwrap(), None);
}
