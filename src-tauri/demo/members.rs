//! Demo members and notes, written through the same use cases as the forms (create, join,
//! status, points, contacts, notes), so benchmarks on demo data measure the paths users take.
//! Search documents are built once per member when the demo's write commits (the write handle
//! rebuilds what the writes marked stale), not once per note.
use super::people::*;
use crate::dates::to_db;
use crate::members::{
    self, text, Category, Channel, Handle, HandleKind, InteractionInput, JoinInput, MemberError,
    MemberInput, MemberStatus, PointsInput,
};
use crate::progress::{Progress, Step};
use crate::store::Write;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::Rng;

const CATEGORIES: &[Category] = &[
    Category::Active,
    Category::Silent,
    Category::Silent,
    Category::Silent,
    Category::Contributor,
    Category::Paying,
    Category::Core,
];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn nickname(rng: &mut StdRng, surname: &str, given: &str) -> String {
    match rng.random_range(0..10) {
        0..=3 => format!("{surname}{given}"),
        4 | 5 => pick(rng, NICK_WORDS).to_string(),
        6 => format!("{}{}", pick(rng, LATIN_NAMES), surname),
        7 => pick(rng, LATIN_NAMES).to_string(),
        8 => format!("{}{}", pick(rng, NICK_WORDS), pick(rng, NICK_WORDS)),
        _ => format!("{}{}", given, pick(rng, NICK_WORDS)),
    }
}

/// Adds `members` members spread over the live groups (with memberships, tags, points and an
/// interaction for some) and `notes` notes spread unevenly over them (a few members get
/// hundreds, as real books have).
pub fn fill(
    w: &Write,
    rng: &mut StdRng,
    members: u32,
    notes: u32,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(), MemberError> {
    if members == 0 {
        return Ok(());
    }
    let groups: Vec<i64> = w
        .prepare("SELECT id FROM groups WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let total = u64::from(members) + u64::from(notes);
    let mut ids = Vec::with_capacity(members as usize);
    for n in 0..members {
        if n % 1000 == 0 {
            progress.check()?;
            progress.report(Step::Writing, u64::from(n), total);
        }
        let surname = pick(rng, SURNAMES);
        let given = pick(rng, GIVEN);
        let nick = nickname(rng, surname, given);
        let region = pick(rng, REGIONS);
        let job = pick(rng, OCCUPATIONS);
        let phone = format!(
            "1{}{:09}",
            rng.random_range(3..=9),
            rng.random_range(0..1_000_000_000u64)
        );
        let joined_days = rng.random_range(0..900);
        let created = now - Duration::days(joined_days);
        let inviter =
            (!ids.is_empty() && rng.random_bool(0.2)).then(|| ids[rng.random_range(0..ids.len())]);
        let birthday = if rng.random_bool(0.7) {
            let m = rng.random_range(1..=12u32);
            let d = rng.random_range(1..=28u32);
            match rng.random_bool(0.6).then(|| rng.random_range(1960..2010)) {
                Some(y) => format!("{y}-{m:02}-{d:02}"),
                None => format!("{m:02}-{d:02}"),
            }
        } else {
            String::new()
        };
        let handle = format!(
            "wx_{}{}",
            text::syllables(surname).concat(),
            rng.random_range(100..100_000)
        );
        let tags = (0..rng.random_range(0..=2))
            .map(|_| pick(rng, TAGS).to_string())
            .collect();
        let input = MemberInput {
            nickname: nick.clone(),
            display_name: format!("{nick}-{region}-{job}"),
            real_name: format!("{surname}{given}"),
            region: region.to_string(),
            occupation: job.to_string(),
            phone,
            source: pick(rng, SOURCES).to_string(),
            invited_by: inviter,
            birthday,
            handles: vec![Handle {
                kind: HandleKind::Wechat,
                value: handle,
            }],
            fields: Vec::new(),
            tags,
        };
        let id = members::create_id(w, &input, created)?;
        ids.push(id);
        if !groups.is_empty() {
            let in_groups = if rng.random_bool(0.25) { 2 } else { 1 };
            for _ in 0..in_groups {
                let g = groups[rng.random_range(0..groups.len())];
                let status = match rng.random_range(0..20) {
                    0 => MemberStatus::Left,
                    1 => MemberStatus::Removed,
                    _ => MemberStatus::InGroup,
                };
                let join = JoinInput {
                    group_id: g,
                    joined_on: Some(created.date_naive().to_string()),
                    category: CATEGORIES[rng.random_range(0..CATEGORIES.len())],
                    role: String::new(),
                };
                match members::join_checked(w, id, &join, created) {
                    Ok(()) => {}
                    Err(MemberError::AlreadyInGroup(_)) => continue,
                    Err(e) => return Err(e),
                }
                if status != MemberStatus::InGroup {
                    let reason = if status == MemberStatus::Left {
                        "主动退群"
                    } else {
                        "多次发广告"
                    };
                    members::set_status(w, id, g, status, reason, created + Duration::days(30))?;
                }
                if rng.random_bool(0.3) {
                    let points = PointsInput {
                        group_id: g,
                        amount: rng.random_range(1..=20) * 5,
                        reason: pick(rng, &["打卡", "分享", "帮助群友", "参加活动"]).to_string(),
                    };
                    members::add_points(w, id, &points, created + Duration::days(1))?;
                }
            }
        }
        if rng.random_bool(0.5) {
            let at = now
                - Duration::days(rng.random_range(0..200))
                - Duration::minutes(rng.random_range(0..1440));
            let contact = InteractionInput {
                at: Some(to_db(at)),
                channel: Channel::PrivateChat,
                summary: pick(rng, NOTE_TOPICS).to_string(),
            };
            members::log_interaction(w, id, &contact, now)?;
        }
    }
    for i in 0..notes {
        if i % 5000 == 0 {
            progress.check()?;
            progress.report(Step::Writing, u64::from(members + i), total);
        }
        // Skewed: one note in five goes to the first 1% of members.
        let member = if rng.random_bool(0.2) {
            ids[rng.random_range(0..ids.len().div_ceil(100))]
        } else {
            ids[rng.random_range(0..ids.len())]
        };
        let body = format!(
            "{}，{}。{}",
            pick(rng, NOTE_OPENERS),
            pick(rng, NOTE_TOPICS),
            pick(rng, NOTE_CLOSERS)
        );
        let at = now
            - Duration::minutes(rng.random_range(0..60 * 24 * 700))
            - Duration::seconds(i64::from(i % 60));
        members::add_note_in(w, member, &body, at)?;
        if rng.random_bool(0.02) {
            members::pin_note(w, w.last_insert_rowid(), true)?;
        }
    }
    progress.report(Step::Indexing, 0, 1);
    Ok(())
}
