//! Saved filters (segments, 分组/人群): a name and a member filter stored as JSON.
use super::filter::MemberFilter;
use super::{MemberError, Result};
use crate::dates::to_db;
use crate::store::{Area, Write};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A saved filter (分组/人群), e.g. "本月生日的核心成员".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Segment {
    pub id: i64,
    pub name: String,
    /// None when the stored filter no longer reads (a damaged or foreign value): the UI says
    /// so and offers to delete it; it never stands for "every member".
    pub filter: Option<MemberFilter>,
}

pub fn list_segments(conn: &Connection) -> Result<Vec<Segment>> {
    let rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, filter FROM segments ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, name, filter)| Segment {
            id,
            name,
            // Unknown parts (from a newer or older version) read with their defaults; a value
            // that is not a filter at all reads as none.
            filter: serde_json::from_str(&filter).ok(),
        })
        .collect())
}

pub fn save_segment(
    conn: &Write,
    name: &str,
    filter: &MemberFilter,
    now: DateTime<Utc>,
) -> Result<Segment> {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 || n > 40 {
        let rule = if n == 0 {
            crate::validate::Rule::Required
        } else {
            crate::validate::Rule::TooLong { max: 40 }
        };
        return Err(MemberError::Invalid(vec![
            crate::validate::FieldError::new("name", rule),
        ]));
    }
    let json = serde_json::to_string(filter)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    match conn.execute(
        "INSERT INTO segments (name, filter, created_at) VALUES (?1, ?2, ?3)",
        rusqlite::params![name, json, to_db(now)],
    ) {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(MemberError::SegmentTaken(name.into()))
        }
        other => {
            other?;
            let id = conn.last_insert_rowid();
            conn.changed(Area::Segments, [id]);
            Ok(Segment {
                id,
                name: name.into(),
                filter: Some(filter.clone()),
            })
        }
    }
}

pub fn delete_segment(conn: &Write, id: i64) -> Result<()> {
    conn.execute("DELETE FROM segments WHERE id = ?1", [id])?;
    conn.changed(Area::Segments, [id]);
    Ok(())
}
