//! GroupDesk (群主工作台): an offline workbench for solo chat-group owners.
//!
//! Layers, arrows pointing down only (`tests/layers.rs` fails on an import that points up):
//! 1. [`cli`], [`desktop`], [`bindings`]: the front doors of the one binary (shell, window)
//!    and the generator of the UI's types and commands;
//! 2. [`api`]: Tauri commands, thin adapters: parse, read the clock, call one use case
//!    through the [`session`], turn its result into `{code, key, message}`;
//! 3. [`scheduler`]: the background work (follow-ups firing, digest, webhook delivery);
//! 4. [`session`]: the open workspace as the running app holds it — one writer, readers that
//!    never wait for it, the change bus, jobs with progress and cancel;
//! 5. domain areas ([`groups`], [`members`], [`calendar`], [`reminders`], [`webhooks`], [`transfer`],
//!    [`settings`], [`scripts`], [`campaigns`], [`demo`]): types, rules, use cases and their SQL; no Tauri, no clock (every
//!    function that needs the time takes `now`); every write takes a [`store::Write`];
//! 6. [`store`]: the SQLite file, the write handle and change sets, readers, migrations,
//!    backups and integrity checks;
//! 7. shared basics: [`dates`], [`files`], [`validate`], [`progress`], [`paths`], [`instance`], [`probe`],
//!    and [`clock`] (read by the upper layers only).
//!
//! The one path a change takes is described in [`session`].

#[macro_use]
mod sql_enum;

pub mod api;
pub mod bindings;
pub mod calendar;
pub mod campaigns;
pub mod cli;
pub mod clock;
pub mod dates;
pub mod demo;
pub mod desktop;
pub mod files;
pub mod groups;
pub mod instance;
pub mod lunar;
pub mod members;
pub mod paths;
pub mod probe;
pub mod progress;
pub mod reminders;
pub mod scheduler;
pub mod scripts;
pub mod session;
pub mod settings;
pub mod store;
pub mod transfer;
pub mod validate;
pub mod webhooks;
