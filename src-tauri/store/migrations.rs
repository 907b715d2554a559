//! The schema, as an append-only list of migrations.
//!
//! Rules (as in Cargo's `util/sqlite.rs`): never edit or remove a migration that has shipped,
//! only append; each runs inside the one transaction `rusqlite_migration` opens, so a failed
//! upgrade leaves the file as it was. `PRAGMA user_version` records how many have run.
//! Tables are STRICT so a wrong type is an error, not silent coercion.
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Version 1: settings and groups (社群) with their goals.
const V1_GROUPS: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE groups (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    platform          TEXT NOT NULL CHECK (platform IN ('wechat','wecom','qq','telegram','discord','other')),
    kind              TEXT NOT NULL CHECK (kind IN ('product','interest','knowledge','network','sales')),
    theme             TEXT NOT NULL DEFAULT '',
    audience          TEXT NOT NULL DEFAULT '',
    purpose           TEXT NOT NULL DEFAULT '',
    rules             TEXT NOT NULL DEFAULT '',
    announcement      TEXT NOT NULL DEFAULT '',
    threshold         TEXT NOT NULL DEFAULT 'none' CHECK (threshold IN ('none','paid','invite','form','task')),
    threshold_note    TEXT NOT NULL DEFAULT '',
    size_cap          INTEGER CHECK (size_cap IS NULL OR size_cap BETWEEN 1 AND 100000),
    naming_convention TEXT NOT NULL DEFAULT '',
    stage             TEXT NOT NULL DEFAULT 'new' CHECK (stage IN ('new','growing','mature','winding_down')),
    color             INTEGER NOT NULL DEFAULT 0 CHECK (color BETWEEN 0 AND 9),
    archived_at       TEXT,
    deleted_at        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

-- Names are unique among the groups not in the trash (case-insensitive for Latin letters).
CREATE UNIQUE INDEX groups_live_name ON groups (name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE group_goals (
    id        INTEGER PRIMARY KEY,
    group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    horizon   TEXT NOT NULL CHECK (horizon IN ('long','stage','short')),
    title     TEXT NOT NULL,
    target    INTEGER NOT NULL CHECK (target > 0),
    due_date  TEXT,
    position  INTEGER NOT NULL
) STRICT;
CREATE INDEX group_goals_by_group ON group_goals (group_id, position);
"#;

/// Every migration, oldest first. Append only.
fn all() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1_GROUPS)])
}

/// The schema version this build writes.
pub const LATEST: u32 = 1;

pub fn migrations() -> Migrations<'static> {
    all()
}

/// Brings `conn` to [`LATEST`] in one transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    all().to_latest(conn)
}
