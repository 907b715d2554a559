//! Referrals (邀请/裂变): who invited whom, how many each member brought in, and the tree of
//! people under a member.
use super::{MemberRef, Result};
use crate::store::{Area, Write};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One member in a referral tree, with how deep under the root they are (1 = invited by it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Referral {
    pub id: i64,
    pub nickname: String,
    pub depth: u32,
    pub invited_by: i64,
    /// How many they invited themselves.
    pub invitee_count: u32,
}

/// Everyone under `member_id`, depth first in pre-order (deleted members excluded), up to
/// `max_depth` levels.
pub fn referral_tree(conn: &Connection, member_id: i64, max_depth: u32) -> Result<Vec<Referral>> {
    let rows: Vec<Referral> = conn
        .prepare_cached(
            "WITH RECURSIVE tree (id, depth, path) AS (
                SELECT id, 1, printf('%010d', id) FROM members
                 WHERE invited_by = ?1 AND deleted_at IS NULL
                UNION ALL
                SELECT m.id, t.depth + 1, t.path || '/' || printf('%010d', m.id)
                  FROM members m JOIN tree t ON m.invited_by = t.id
                 WHERE m.deleted_at IS NULL AND t.depth < ?2
             )
             SELECT m.id, m.nickname, t.depth, m.invited_by,
                    (SELECT count(*) FROM members c WHERE c.invited_by = m.id AND c.deleted_at IS NULL)
             FROM tree t JOIN members m ON m.id = t.id ORDER BY t.path",
        )?
        .query_map(params![member_id, max_depth], |r| {
            Ok(Referral {
                id: r.get(0)?,
                nickname: r.get(1)?,
                depth: r.get(2)?,
                invited_by: r.get(3)?,
                invitee_count: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether `member` sits anywhere under `ancestor` (so making `ancestor` their invitee would
/// make a loop).
pub fn is_invited_by(conn: &Connection, member: i64, ancestor: i64) -> Result<bool> {
    Ok(conn.query_row(
        "WITH RECURSIVE up (id, n) AS (
            SELECT invited_by, 1 FROM members WHERE id = ?1
            UNION ALL
            SELECT m.invited_by, up.n + 1 FROM members m JOIN up ON m.id = up.id
             WHERE up.n < 10000
         )
         SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
        params![member, ancestor],
        |r| r.get(0),
    )?)
}

/// Records that `inviter` invited member `id`, unless that would name the member themself or
/// make a loop; returns whether it was recorded.
pub fn set_inviter(w: &Write, id: i64, inviter: i64) -> Result<bool> {
    if inviter == id || is_invited_by(w, inviter, id)? {
        return Ok(false);
    }
    w.prepare_cached("UPDATE members SET invited_by = ?2 WHERE id = ?1")?
        .execute(params![id, inviter])?;
    w.changed(Area::Members, [id, inviter]);
    Ok(true)
}

/// The members who invited the most people (live invitees), most first.
pub fn top_inviters(conn: &Connection, limit: u32) -> Result<Vec<(MemberRef, u32)>> {
    Ok(conn
        .prepare_cached(
            "SELECT i.id, i.nickname, count(*) AS n FROM members m JOIN members i ON i.id = m.invited_by
             WHERE m.deleted_at IS NULL AND i.deleted_at IS NULL
             GROUP BY i.id ORDER BY n DESC, i.sort_key LIMIT ?1",
        )?
        .query_map([limit], |r| Ok((MemberRef { id: r.get(0)?, nickname: r.get(1)? }, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
