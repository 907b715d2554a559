//! Bulk writes: secondary indexes set aside while many rows go in, rebuilt before commit.
//!
//! Adding a row updates every index of its table, one B-tree descent each, at keys scattered
//! all over (sort keys, phones, dates). For an import of 100,000 members into about twenty
//! such indexes that was most of the time. Building an index afresh sorts its keys once and
//! writes its pages in order, which is several times cheaper per row — when the new rows are
//! a good part of the table. So a large import drops the indexes it never reads through, and
//! recreates them from their own stored definitions (`sqlite_schema.sql`) before it commits.
//! It all happens inside the caller's transaction: a rollback (a dry run, a bad row, a crash)
//! puts the indexes back as they were, and other connections keep reading the last committed
//! schema and data meanwhile (WAL). Planner statistics of the rebuilt indexes are written anew
//! (ANALYZE on a bounded sample) so the next queries plan as well as before.
use rusqlite::{Connection, OptionalExtension};

/// Indexes set aside in the current transaction; [`DeferredIndexes::rebuild`] restores them.
#[must_use = "the indexes must be rebuilt before the transaction commits"]
pub struct DeferredIndexes {
    /// (table, CREATE INDEX statement), in the order they were dropped.
    defs: Vec<(String, String)>,
}

impl DeferredIndexes {
    /// Drops the named indexes (those that exist; unique ones and ones SQLite made for a
    /// constraint are never touched, since they check what is written).
    pub fn drop(tx: &Connection, names: &[&str]) -> rusqlite::Result<Self> {
        let mut defs = Vec::new();
        for name in names {
            let def: Option<(String, String)> = tx
                .query_row(
                    "SELECT tbl_name, sql FROM sqlite_schema
                     WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL
                       AND sql NOT LIKE 'CREATE UNIQUE%'",
                    [name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some(def) = def {
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
                defs.push(def);
            }
        }
        Ok(Self { defs })
    }

    /// Recreates every dropped index and refreshes the statistics of their tables.
    pub fn rebuild(self, conn: &Connection) -> rusqlite::Result<()> {
        let mut tables: Vec<&str> = Vec::new();
        for (table, sql) in &self.defs {
            conn.execute_batch(sql)?;
            if !tables.contains(&table.as_str()) {
                tables.push(table);
            }
        }
        if tables.is_empty() {
            return Ok(());
        }
        // A bounded sample per index, as PRAGMA optimize uses: milliseconds, not a full scan.
        let limit: i64 = conn.pragma_query_value(None, "analysis_limit", |r| r.get(0))?;
        conn.pragma_update(None, "analysis_limit", 1000)?;
        let analysed = tables
            .iter()
            .try_for_each(|t| conn.execute_batch(&format!("ANALYZE \"{t}\"")));
        conn.pragma_update(None, "analysis_limit", limit)?;
        analysed
    }
}
