//! The daily spotlight (每日@一位成员): one member per group per day to mention in the group, so
//! quiet people get a turn to speak. Fair by construction: the member whose last turn is oldest
//! — or who never had one — goes next (nobody twice before everyone once), members who left or
//! are in the trash are skipped. The pick is stored ([`remember`]), so the day's member stays
//! the same across restarts and between the app and the command line. Picking only reads, so
//! Today can be built on a read connection while an import writes; until the pick is stored
//! the same member comes out of the same data.
use super::Result;
use crate::store::Write;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Eq, Serialize, Deserialize, TS)]
pub struct SpotlightItem {
    pub group_id: i64,
    pub group_name: String,
    pub member_id: i64,
    pub nickname: String,
    pub display_name: String,
    /// Picked now, not stored yet (see [`remember`]).
    #[serde(skip)]
    #[ts(skip)]
    pub fresh: bool,
}

/// Equal when it is the same pick, stored or not yet.
impl PartialEq for SpotlightItem {
    fn eq(&self, o: &Self) -> bool {
        (
            self.group_id,
            &self.group_name,
            self.member_id,
            &self.nickname,
            &self.display_name,
        ) == (
            o.group_id,
            &o.group_name,
            o.member_id,
            &o.nickname,
            &o.display_name,
        )
    }
}

/// The day's member of every open group (not archived, not in the trash) that has members,
/// picking where none is stored yet (those come back `fresh`).
pub fn for_day(conn: &Connection, day: NaiveDate) -> Result<Vec<SpotlightItem>> {
    let day_s = day.to_string();
    let groups: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, name FROM groups WHERE deleted_at IS NULL AND archived_at IS NULL
             ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (group_id, group_name) in groups {
        // Today's stored pick, if they are still in the group.
        let stored: Option<i64> = conn
            .prepare_cached(
                "SELECT s.member_id FROM spotlights s
                 JOIN memberships ms ON ms.member_id = s.member_id AND ms.group_id = s.group_id
                 JOIN members m ON m.id = s.member_id
                 WHERE s.group_id = ?1 AND s.day = ?2 AND ms.status = 'in_group'
                   AND m.deleted_at IS NULL",
            )?
            .query_row(params![group_id, day_s], |r| r.get(0))
            .optional()?;
        let (member_id, fresh) = match stored {
            Some(id) => (id, false),
            None => {
                let next: Option<i64> = conn
                    .prepare_cached(
                        "SELECT ms.member_id FROM memberships ms INDEXED BY memberships_spotlight
                         JOIN members m ON m.id = ms.member_id
                         WHERE ms.group_id = ?1 AND ms.status = 'in_group' AND m.deleted_at IS NULL
                           AND (ms.spotlit_on IS NULL OR ms.spotlit_on < ?2)
                         ORDER BY ms.spotlit_on, ms.member_id LIMIT 1",
                    )?
                    .query_row(params![group_id, day_s], |r| r.get(0))
                    .optional()?;
                let Some(id) = next else { continue };
                (id, true)
            }
        };
        let (nickname, display_name): (String, String) = conn
            .prepare_cached("SELECT nickname, display_name FROM members WHERE id = ?1")?
            .query_row([member_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.push(SpotlightItem {
            group_id,
            group_name,
            member_id,
            nickname,
            display_name,
            fresh,
        });
    }
    Ok(out)
}

/// Stores the fresh picks of `day`, so they stay the day's members and go to the back of the
/// queue.
pub fn remember(w: &Write, day: NaiveDate, items: &[SpotlightItem]) -> Result<()> {
    let day_s = day.to_string();
    for item in items.iter().filter(|i| i.fresh) {
        w.prepare_cached(
            "INSERT INTO spotlights (group_id, day, member_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (group_id, day) DO UPDATE SET member_id = excluded.member_id",
        )?
        .execute(params![item.group_id, day_s, item.member_id])?;
        w.prepare_cached(
            "UPDATE memberships SET spotlit_on = ?3 WHERE member_id = ?1 AND group_id = ?2",
        )?
        .execute(params![item.member_id, item.group_id, day_s])?;
    }
    Ok(())
}
