//! The open workspace as a running app holds it: one writer, a pool of readers, the change bus
//! and the long jobs. The window's commands, the scheduler and the webhook sender all reach
//! the workspace through a [`Session`]; the command line, a single short-lived process, uses a
//! [`Store`] directly and calls the same use cases.
//!
//! The one path a change takes:
//! 1. an adapter (a Tauri command in `api/`, a CLI command) parses the input and reads the
//!    clock;
//! 2. it calls [`Session::write`], which locks the writer and opens a [`Write`] transaction;
//! 3. the use case in its domain area (`members::join`, `reminders::snooze`…) does the work
//!    through `&Write`, saying what it changed;
//! 4. on `Ok` the transaction commits and the [`ChangeSet`] is announced on the bus: the window
//!    refreshes the screens showing that area, the scheduler re-plans;
//! 5. the adapter turns the domain result or error into its own shape.
//!
//! Reads ([`Session::read`]) use their own connections and never wait for the writer (WAL), so
//! search and Today answer while an import is writing.
mod jobs;
mod picked;

pub use jobs::{Job, JobProgress, Jobs};
pub use picked::{Picked, Purpose};

use crate::store::{Area, ChangeSet, Readers, SharedBus, Store, StoreError, Write};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The workspace could not be opened (the window shows the recovery screen).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the workspace could not be opened")]
pub struct Unavailable;

/// Any failure of a session call made by background work (the scheduler), which only logs it.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Unavailable(#[from] Unavailable),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Reminders(#[from] crate::reminders::ReminderError),
    #[error(transparent)]
    Members(#[from] crate::members::MemberError),
    #[error(transparent)]
    Groups(#[from] crate::groups::GroupError),
    #[error(transparent)]
    Webhooks(#[from] crate::webhooks::WebhookError),
    #[error(transparent)]
    Transfer(#[from] crate::transfer::TransferError),
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Campaigns(#[from] crate::campaigns::CampaignError),
}

/// The writer's side: open, or failed with the reason.
pub enum Opened {
    Open(Store),
    Failed(Arc<StoreError>),
}

pub struct Session {
    pub dir: PathBuf,
    writer: Mutex<Opened>,
    /// Why the workspace did not open, kept apart from the writer so that readers never
    /// take the writer's lock to learn it.
    failed: Mutex<Option<Arc<StoreError>>>,
    readers: Readers,
    bus: SharedBus,
    pub jobs: Jobs,
    /// The files the user chose in dialogs: the only ones the window's commands touch.
    pub picked: Picked,
}

impl Session {
    pub fn new(dir: PathBuf, opened: Result<Store, StoreError>) -> Self {
        let bus = SharedBus::default();
        let (writer, failed) = match opened {
            Ok(store) => (Opened::Open(store.with_bus(bus.clone())), None),
            Err(e) => {
                let e = Arc::new(e);
                (Opened::Failed(e.clone()), Some(e))
            }
        };
        Session {
            failed: Mutex::new(failed),
            readers: Readers::new(&dir),
            dir,
            writer: Mutex::new(writer),
            bus,
            jobs: Jobs::default(),
            picked: Picked::default(),
        }
    }

    /// Where committed changes are announced (listeners: the window, the scheduler).
    pub fn bus(&self) -> &SharedBus {
        &self.bus
    }

    /// Why the workspace did not open, if it did not.
    pub fn failure(&self) -> Option<Arc<StoreError>> {
        self.failed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The open file's schema version (read on a reader, so never behind a long write).
    pub fn schema_version(&self) -> Option<u32> {
        self.read(|c| {
            c.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))
                .map_err(Failure::from)
        })
        .ok()
    }

    /// A read on its own connection, in one read transaction; never waits for the writer.
    pub fn read<T, E>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<Unavailable> + From<StoreError> + From<rusqlite::Error>,
    {
        if self.failure().is_some() {
            return Err(Unavailable.into());
        }
        self.readers.read(f)
    }

    /// A use case in one write transaction (see [`Store::write`]).
    pub fn write<T, E>(&self, f: impl FnOnce(&Write<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<Unavailable> + From<rusqlite::Error>,
    {
        match &mut *self.lock() {
            Opened::Open(store) => store.write(f),
            Opened::Failed(_) => Err(Unavailable.into()),
        }
    }

    /// Like [`Session::write`], but gives up at once (`None`) when another write is running:
    /// for work that can wait for a later turn (storing the day's spotlight picks).
    pub fn try_write<T, E>(
        &self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Option<Result<T, E>>
    where
        E: From<Unavailable> + From<rusqlite::Error>,
    {
        let mut guard = match self.writer.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        match &mut *guard {
            Opened::Open(store) => Some(store.write(f)),
            Opened::Failed(_) => Some(Err(Unavailable.into())),
        }
    }

    /// The writer's store itself, for store-level work (restore) that is not a domain write.
    pub fn with_store<T, E: From<Unavailable>>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        match &mut *self.lock() {
            Opened::Open(store) => f(store),
            Opened::Failed(_) => Err(Unavailable.into()),
        }
    }

    /// Replaces the file behind the session (a restore, a recovery): `f` gets the current
    /// state and returns the new store. Readers are reset and everything is announced changed.
    pub fn replace<E>(
        &self,
        f: impl FnOnce(&mut Opened) -> Result<Option<Store>, E>,
    ) -> Result<(), E> {
        let mut guard = self.lock();
        let replaced = f(&mut guard);
        self.readers.reset();
        if let Some(store) = replaced? {
            *guard = Opened::Open(store.with_bus(self.bus.clone()));
            *self.failed.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        drop(guard);
        self.bus.publish(&ChangeSet::of(Area::Workspace, []));
        Ok(())
    }

    /// Closes the workspace after damage was found in it while open (the background quick
    /// check): every later call gets [`Unavailable`] and the window shows the recovery screen.
    pub fn fail(&self, e: StoreError) {
        let e = Arc::new(e);
        let mut guard = self.lock();
        *guard = Opened::Failed(e.clone());
        *self.failed.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
        self.readers.reset();
        drop(guard);
        self.bus.publish(&ChangeSet::of(Area::Workspace, []));
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(crate::store::DB_FILE)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn lock(&self) -> MutexGuard<'_, Opened> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }
}
