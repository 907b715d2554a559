//! One instance per workspace folder: a second launch finds the first and asks it to show its
//! window; another folder is independent.
use groupdesk::instance::{acquire, Acquired};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn a_second_launch_on_the_same_folder_asks_the_first_for_focus() {
    let dir = tempfile::tempdir().unwrap();
    let Acquired::First(mut first) = acquire(dir.path()).unwrap() else {
        panic!("the first launch must own the folder");
    };
    let (tx, rx) = mpsc::channel();
    first.on_focus_request(move || {
        let _ = tx.send(());
    });
    match acquire(dir.path()).unwrap() {
        Acquired::AlreadyRunning { notified } => assert!(notified),
        Acquired::First(_) => panic!("two instances own one folder"),
    }
    rx.recv_timeout(Duration::from_secs(5))
        .expect("focus request delivered");

    let other = tempfile::tempdir().unwrap();
    assert!(matches!(acquire(other.path()).unwrap(), Acquired::First(_)));

    drop(first);
    assert!(
        matches!(acquire(dir.path()).unwrap(), Acquired::First(_)),
        "the folder is free again once the first instance exits"
    );
}
