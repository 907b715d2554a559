//! The one way to change a workspace: a [`Write`] handle that owns the transaction.
//!
//! Every domain function that writes takes `&Write`, so it cannot run outside a transaction,
//! and everything it does — a membership and its status history, a member and its search
//! document, a whole import — commits or rolls back as one. [`super::Store::write`] opens the
//! handle, runs the use case and commits when it returns `Ok` (an `Err`, a panic or a `?`
//! anywhere rolls everything back; a dry run asks for the same with [`Write::discard`]).
//!
//! While it works, a use case says what it changed ([`Write::changed`]: an area and ids) and
//! which derived data went stale ([`Write::stale`]: e.g. a member's search document, rebuilt
//! once per member just before the commit however many notes were added). After the commit the
//! [`ChangeSet`] goes to every listener of the store's [`Bus`]: the window's open screens
//! refresh from it, the scheduler wakes from it, a subscription feed could rewrite itself from
//! it. No command has to remember to tell anyone.
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::sync::{Arc, Mutex};
use ts_rs::TS;

/// What part of the workspace a change touched; the UI's screens listen by area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Groups,
    /// Profiles, memberships, notes, contacts, points, tags on members.
    Members,
    Tags,
    Fields,
    Segments,
    Levels,
    Reminders,
    Cadences,
    Webhooks,
    Settings,
    /// Content items, recurring slots, week themes and holiday days.
    Calendar,
    /// Scripts (话术), the sensitive-word list, welcomes and their follow-up rules.
    Scripts,
    /// Campaigns, their checklists and playbooks.
    Campaigns,
    /// The file itself was replaced (a restore, starting afresh): everything may differ.
    Workspace,
}

/// One area and the ids changed in it (empty when the change is not about single rows, or
/// touched more than [`MAX_IDS`] of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Change {
    pub area: Area,
    #[ts(type = "number[]")]
    pub ids: Vec<i64>,
}

/// Everything one committed write changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
}

impl ChangeSet {
    pub fn of(area: Area, ids: impl IntoIterator<Item = i64>) -> Self {
        ChangeSet {
            changes: vec![Change {
                area,
                ids: ids.into_iter().collect(),
            }],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn touches(&self, area: Area) -> bool {
        self.changes
            .iter()
            .any(|c| c.area == area || c.area == Area::Workspace)
    }
}

type Listener = Box<dyn Fn(&ChangeSet) + Send + Sync>;

/// Where committed changes are announced. Listeners run on the writing thread right after the
/// commit, so they must be quick (emit an event, notify a task).
#[derive(Default)]
pub struct Bus {
    listeners: Mutex<Vec<Listener>>,
}

impl Bus {
    pub fn listen(&self, f: impl Fn(&ChangeSet) + Send + Sync + 'static) {
        self.lock().push(Box::new(f));
    }

    pub fn publish(&self, changes: &ChangeSet) {
        if changes.is_empty() {
            return;
        }
        for l in self.lock().iter() {
            l(changes);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Listener>> {
        self.listeners.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// More ids than this in one area are announced as "the whole area" (empty ids).
pub const MAX_IDS: usize = 1000;

/// Rebuilds derived data for a set of ids inside the transaction, just before it commits.
pub type Finisher = fn(&Connection, &[i64]) -> rusqlite::Result<()>;

/// An open write transaction (see the module docs). Dereferences to the connection, so reads
/// inside a use case see its own writes.
pub struct Write<'c> {
    tx: Transaction<'c>,
    changes: RefCell<BTreeMap<Area, BTreeSet<i64>>>,
    stale: RefCell<Vec<(Finisher, BTreeSet<i64>)>>,
    discard: Cell<bool>,
    optimize: Cell<bool>,
}

impl<'c> Write<'c> {
    /// Begins an immediate transaction: the write lock is taken now, so a second writer (the
    /// command line while the app runs) waits for its turn instead of failing half-way.
    pub(crate) fn begin(conn: &'c mut Connection) -> rusqlite::Result<Self> {
        Ok(Write {
            tx: conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
            changes: RefCell::default(),
            stale: RefCell::default(),
            discard: Cell::new(false),
            optimize: Cell::new(false),
        })
    }

    /// Records that rows of `area` changed (to be announced after the commit).
    pub fn changed(&self, area: Area, ids: impl IntoIterator<Item = i64>) {
        self.changes
            .borrow_mut()
            .entry(area)
            .or_default()
            .extend(ids);
    }

    /// Marks derived data of `id` stale: `finish` rebuilds it (once per id) before the commit.
    pub fn stale(&self, finish: Finisher, ids: impl IntoIterator<Item = i64>) {
        let mut stale = self.stale.borrow_mut();
        let at = match stale
            .iter()
            .position(|(f, _)| std::ptr::fn_addr_eq(*f, finish))
        {
            Some(i) => i,
            None => {
                stale.push((finish, BTreeSet::new()));
                stale.len() - 1
            }
        };
        stale[at].1.extend(ids);
    }

    /// Whether `id` is already marked stale for `finish`.
    pub fn is_stale(&self, finish: Finisher, id: i64) -> bool {
        self.stale
            .borrow()
            .iter()
            .any(|(f, ids)| std::ptr::fn_addr_eq(*f, finish) && ids.contains(&id))
    }

    /// Forgets a stale mark (the caller rebuilt that data itself, e.g. from data it had).
    pub fn fresh(&self, finish: Finisher, id: i64) {
        for (f, ids) in self.stale.borrow_mut().iter_mut() {
            if std::ptr::fn_addr_eq(*f, finish) {
                ids.remove(&id);
            }
        }
    }

    /// Asks for everything to be rolled back when the use case returns (a dry run: the real
    /// work, reported, then undone).
    pub fn discard(&self) {
        self.discard.set(true);
    }

    /// Asks for fresh planner statistics after the commit (a large import or demo data).
    pub fn optimize_after(&self) {
        self.optimize.set(true);
    }

    pub fn is_discarded(&self) -> bool {
        self.discard.get()
    }

    /// Rebuilds what went stale, commits and returns what changed (nothing when discarded).
    pub(crate) fn finish(self) -> rusqlite::Result<(ChangeSet, bool)> {
        if self.discard.get() {
            self.tx.rollback()?;
            return Ok((ChangeSet::default(), false));
        }
        for (finish, ids) in self.stale.take() {
            let ids: Vec<i64> = ids.into_iter().collect();
            if !ids.is_empty() {
                finish(&self.tx, &ids)?;
            }
        }
        let changes = ChangeSet {
            changes: self
                .changes
                .take()
                .into_iter()
                .map(|(area, ids)| Change {
                    area,
                    // A bulk write names the area as a whole: listeners reload it anyway, and
                    // 100,000 ids of an import would only make the window's event large.
                    ids: if ids.len() > MAX_IDS {
                        Vec::new()
                    } else {
                        ids.into_iter().collect()
                    },
                })
                .collect(),
        };
        let optimize = self.optimize.get();
        self.tx.commit()?;
        Ok((changes, optimize))
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// Shared by the store and everything that listens to it.
pub type SharedBus = Arc<Bus>;
