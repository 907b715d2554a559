//! How long work (an import, an export, a backup, demo data) reports how far it got and learns
//! that the user cancelled it. Domain code takes a `&dyn Progress` and calls
//! [`Progress::report`] between chunks and [`Progress::check`] where stopping is safe; a
//! cancelled write returns [`Cancelled`], its transaction rolls back, and a file being written
//! is removed, so a cancelled job leaves everything exactly as before.
//!
//! The app's jobs (`session::Jobs`, a layer above) turn reports into window events; the command line
//! prints them; tests and scripts pass [`Quiet`].
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The step a job is at; the UI names each in the user's language (`job.step.<step>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Reading and decoding the file.
    Reading,
    /// Checking and writing rows.
    Writing,
    /// Rebuilding indexes and search documents.
    Indexing,
    /// Copying the database (backups).
    Copying,
    /// Verifying what was written.
    Verifying,
}

pub trait Progress: Sync {
    /// `done` of `total` units of `step` (rows, pages…).
    fn report(&self, step: Step, done: u64, total: u64);
    /// True once the user asked to stop.
    fn cancelled(&self) -> bool;

    /// `Err(Cancelled)` once the user asked to stop.
    fn check(&self) -> Result<(), Cancelled> {
        if self.cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Reports nowhere and is never cancelled.
pub struct Quiet;

impl Progress for Quiet {
    fn report(&self, _: Step, _: u64, _: u64) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// The user cancelled the job; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;
