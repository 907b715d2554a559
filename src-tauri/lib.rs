//! GroupDesk (群主工作台): an offline workbench for solo chat-group owners.
//!
//! Layers, arrows pointing down only:
//! - [`cli`] and [`desktop`]: the two front doors of the one binary (shell and window);
//! - [`api`]: Tauri commands, thin adapters that turn domain results into `{code, message}`;
//! - domain areas ([`groups`], [`settings`]): types, rules and their SQL, no Tauri imports,
//!   no clock reads (every function that needs the time takes `now`);
//! - [`store`]: opening the SQLite file, migrations, backups and integrity checks.
//!
//! [`demo`] fills a workspace with realistic data for trying the app and for benchmarks, and
//! [`bindings`] renders the TypeScript types the UI uses from the Rust ones.

#[macro_use]
mod sql_enum;

pub mod api;
pub mod bindings;
pub mod cli;
pub mod dates;
pub mod demo;
pub mod desktop;
pub mod groups;
pub mod instance;
pub mod members;
pub mod paths;
pub mod reminders;
pub mod scheduler;
pub mod settings;
pub mod store;
pub mod time;
pub mod transfer;
pub mod webhooks;
