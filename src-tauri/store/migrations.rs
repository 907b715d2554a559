//! The schema, as an append-only list of migrations.
//!
//! Rules (as in Cargo's `util/sqlite.rs`): never edit or remove a migration that has shipped,
//! only append; each runs inside the one transaction `rusqlite_migration` opens, so a failed
//! upgrade leaves the file as it was. `PRAGMA user_version` records how many have run.
//! Tables are STRICT so a wrong type is an error, not silent coercion.
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{HookError, HookResult, Migrations, M};

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

/// Version 2: the member book — members (成员) with contact handles and free fields, their
/// memberships in groups (status history, category, role, points), tags, the points ledger and
/// level thresholds, notes, the interaction log, saved filters, and the search index.
const V2_MEMBERS: &str = r#"
CREATE TABLE members (
    id              INTEGER PRIMARY KEY,
    nickname        TEXT NOT NULL CHECK (length(nickname) BETWEEN 1 AND 100),
    display_name    TEXT NOT NULL DEFAULT '',
    real_name       TEXT NOT NULL DEFAULT '',
    region          TEXT NOT NULL DEFAULT '',
    occupation      TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    -- Digits only, without a +86/0086 prefix: what duplicate detection compares.
    phone_key       TEXT,
    source          TEXT NOT NULL DEFAULT '',
    invited_by      INTEGER REFERENCES members (id) ON DELETE SET NULL,
    -- Birthdays are often known without the year: month-day and year are kept apart.
    birth_md        TEXT CHECK (birth_md IS NULL OR birth_md GLOB '[01][0-9]-[0-3][0-9]'),
    birth_year      INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
    -- Pinyin of the nickname, so lists sort 阿 → 张 the way Chinese readers expect.
    sort_key        TEXT NOT NULL,
    -- Kept by triggers from the interaction log: "last contacted".
    last_contact_at TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX members_by_sort ON members (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX members_by_created ON members (created_at) WHERE deleted_at IS NULL;
CREATE INDEX members_by_contact ON members (last_contact_at) WHERE deleted_at IS NULL;
CREATE INDEX members_by_birthday ON members (birth_md) WHERE deleted_at IS NULL;
CREATE INDEX members_by_phone ON members (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX members_by_inviter ON members (invited_by) WHERE invited_by IS NOT NULL;
CREATE INDEX members_by_source ON members (source) WHERE deleted_at IS NULL;
CREATE INDEX members_by_deleted ON members (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE member_handles (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('wechat','wecom','qq','telegram','discord','email','other')),
    value      TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    -- Lower-case, trimmed: what duplicate detection compares.
    value_key  TEXT NOT NULL,
    position   INTEGER NOT NULL
) STRICT;
CREATE INDEX member_handles_by_member ON member_handles (member_id, position);
CREATE INDEX member_handles_by_key ON member_handles (value_key);

-- Fields the user defines ("会员卡号", "孩子年级"): names here, values per member.
CREATE TABLE custom_fields (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    position  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX custom_fields_by_name ON custom_fields (name COLLATE NOCASE);

CREATE TABLE member_field_values (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    PRIMARY KEY (member_id, field_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX member_field_values_by_field ON member_field_values (field_id);

CREATE TABLE memberships (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    joined_on  TEXT CHECK (joined_on IS NULL OR joined_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status     TEXT NOT NULL CHECK (status IN ('in_group','left','removed','blacklisted')),
    category   TEXT NOT NULL CHECK (category IN ('active','silent','contributor','paying','admin','core')),
    role       TEXT NOT NULL DEFAULT '',
    -- The sum of this membership's points ledger, kept by triggers.
    points     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX memberships_by_group ON memberships (group_id, status, category);
CREATE INDEX memberships_by_points ON memberships (group_id, points);
CREATE INDEX memberships_by_joined ON memberships (joined_on);

-- Every status change (joined, left, removed, blacklisted), with when and why.
CREATE TABLE status_changes (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('in_group','left','removed','blacklisted')),
    reason     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    FOREIGN KEY (member_id, group_id) REFERENCES memberships (member_id, group_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX status_changes_by_membership ON status_changes (member_id, group_id, at);

CREATE TABLE tags (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    color  INTEGER NOT NULL DEFAULT 0 CHECK (color BETWEEN 0 AND 9)
) STRICT;
CREATE UNIQUE INDEX tags_by_name ON tags (name COLLATE NOCASE);

CREATE TABLE member_tags (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX member_tags_by_tag ON member_tags (tag_id, member_id);

CREATE TABLE points_ledger (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount <> 0 AND amount BETWEEN -1000000 AND 1000000),
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL,
    FOREIGN KEY (member_id, group_id) REFERENCES memberships (member_id, group_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX points_ledger_by_membership ON points_ledger (member_id, group_id, at);
CREATE TRIGGER points_ledger_add AFTER INSERT ON points_ledger BEGIN
    UPDATE memberships SET points = points + NEW.amount
    WHERE member_id = NEW.member_id AND group_id = NEW.group_id;
END;
CREATE TRIGGER points_ledger_remove AFTER DELETE ON points_ledger BEGIN
    UPDATE memberships SET points = points - OLD.amount
    WHERE member_id = OLD.member_id AND group_id = OLD.group_id;
END;

-- Level thresholds per group: a member's level is the highest whose min_points they reach.
CREATE TABLE levels (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    min_points  INTEGER NOT NULL CHECK (min_points >= 0),
    UNIQUE (group_id, min_points)
) STRICT;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX notes_by_member ON notes (member_id, created_at);
CREATE INDEX notes_by_deleted ON notes (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN ('private_chat','group_chat','call','meeting','other')),
    summary    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX interactions_by_member ON interactions (member_id, at);
CREATE TRIGGER interactions_add AFTER INSERT ON interactions BEGIN
    UPDATE members SET last_contact_at = NEW.at
    WHERE id = NEW.member_id AND (last_contact_at IS NULL OR last_contact_at < NEW.at);
END;
CREATE TRIGGER interactions_remove AFTER DELETE ON interactions BEGIN
    UPDATE members SET last_contact_at =
        (SELECT max(at) FROM interactions WHERE member_id = OLD.member_id)
    WHERE id = OLD.member_id;
END;

-- Saved member filters ("本月生日的核心成员"), as the JSON the list sends.
CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    filter      TEXT NOT NULL CHECK (json_valid(filter)),
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX segments_by_name ON segments (name COLLATE NOCASE);

-- The search index, one document per member (rowid = member id), written by the app from the
-- member's names, handles, phone and live notes (see members/search.rs):
--   search_chars:   each distinct CJK character, for one-character queries ("张");
--   search_bigrams: overlapping CJK character pairs in order, so a query of two or more
--                   characters is a phrase of its pairs ("张小雅" = "张小 小雅");
--   search_words:   lower-case Latin words and digits, pinyin of names in full and initials,
--                   phone-number tails; matched by prefix.
-- Contentless (the text lives in the tables above) with contentless_delete so a member's
-- document can be replaced.
CREATE VIRTUAL TABLE search_chars USING fts5 (
    t, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none');
CREATE VIRTUAL TABLE search_bigrams USING fts5 (
    t, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'full');
CREATE VIRTUAL TABLE search_words USING fts5 (
    t, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none', prefix = '1 2 3');
"#;

/// Version 3: indexes for filtering members by status or category across all groups.
const V3_MEMBERSHIP_INDEXES: &str = r#"
CREATE INDEX memberships_by_status ON memberships (status, member_id);
CREATE INDEX memberships_by_category ON memberships (category, member_id);
"#;

/// Version 4: follow-ups. One-to-one reminders (wall-clock plans in an IANA zone plus the UTC
/// instant they fire at), stay-in-touch cadences, the daily spotlight, and the webhook outbox.
const V4_FOLLOW_UPS: &str = r#"
-- A reminder to contact one member. The plan is wall-clock (due_date, optional due_time, tz);
-- fire_at is the UTC instant it fires: the plan's (an all-day one at the morning time), or the
-- snooze's. notified_at marks that fire_at was announced, so nothing fires twice across a
-- restart. Done reminders stay as history; a recurring one is followed by a new row.
CREATE TABLE reminders (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    due_date     TEXT NOT NULL CHECK (due_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    due_time     TEXT CHECK (due_time IS NULL OR due_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    tz           TEXT NOT NULL,
    -- RFC 5545 RRULE (FREQ=WEEKLY;BYDAY=MO), or NULL for a one-off.
    rule         TEXT,
    fire_at      TEXT NOT NULL,
    snoozed      INTEGER NOT NULL DEFAULT 0 CHECK (snoozed IN (0, 1)),
    notified_at  TEXT,
    done_at      TEXT,
    done_note    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX reminders_open ON reminders (fire_at) WHERE done_at IS NULL;
CREATE INDEX reminders_unnotified ON reminders (fire_at) WHERE done_at IS NULL AND notified_at IS NULL;
CREATE INDEX reminders_by_member ON reminders (member_id, done_at);

-- "Core members of group X every 7 days": members past their cadence surface as due follow-ups.
CREATE TABLE cadences (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER REFERENCES groups (id) ON DELETE CASCADE,
    category    TEXT CHECK (category IS NULL OR category IN ('active','silent','contributor','paying','admin','core')),
    tag_id      INTEGER REFERENCES tags (id) ON DELETE CASCADE,
    every_days  INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 365),
    created_at  TEXT NOT NULL,
    CHECK (group_id IS NOT NULL OR category IS NOT NULL OR tag_id IS NOT NULL)
) STRICT;

-- A cadence follow-up put off until a later instant.
CREATE TABLE cadence_snoozes (
    member_id  INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    until_at   TEXT NOT NULL
) STRICT;

-- One member per group per day to mention in the group, fairly: the member whose last turn
-- (spotlit_on) is oldest or who never had one goes next.
ALTER TABLE memberships ADD COLUMN spotlit_on TEXT;
CREATE INDEX memberships_spotlight ON memberships (group_id, spotlit_on) WHERE status = 'in_group';
CREATE TABLE spotlights (
    group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, day)
) STRICT, WITHOUT ROWID;

-- "Quiet since": the last contact, or when the member was added. Win-back and the
-- not-contacted filter compare it, so members imported yesterday are not "never contacted".
CREATE INDEX members_by_quiet ON members (coalesce(last_contact_at, created_at)) WHERE deleted_at IS NULL;

-- Where reminders and the daily digest are pushed. The URL is a secret: it never leaves this
-- table (not in exports, logs or error messages).
CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('wecom','dingtalk','feishu','slack','discord','json')),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    url         TEXT NOT NULL,
    reminders   INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1)),
    digest      INTEGER NOT NULL DEFAULT 0 CHECK (digest IN (0, 1)),
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at  TEXT NOT NULL
) STRICT;

-- Each push, kept with its attempts and the last failure's reason (never the URL).
CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY,
    webhook_id   INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event        TEXT NOT NULL CHECK (event IN ('reminder','digest','test')),
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending','sent','failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TEXT NOT NULL,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    sent_at      TEXT
) STRICT;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, created_at);

-- What the background scheduler has done (the last daily digest's date), kept across restarts.
CREATE TABLE scheduler_marks (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
"#;

/// Version 5: the Today view at 200,000 follow-ups (see reminders/cadence.rs).
const V5_TODAY_INDEXES: &str = r#"
-- How many open follow-ups each member has, kept by triggers. "Keep in touch" wants members
-- past a cadence with no open follow-up: an index over just those answers it, instead of
-- probing the follow-ups of every member a cadence covers.
ALTER TABLE members ADD COLUMN open_follow_ups INTEGER NOT NULL DEFAULT 0;
UPDATE members SET open_follow_ups = o.n
FROM (SELECT member_id, count(*) AS n FROM reminders WHERE done_at IS NULL GROUP BY member_id) AS o
WHERE members.id = o.member_id;
CREATE TRIGGER reminders_open_add AFTER INSERT ON reminders WHEN NEW.done_at IS NULL BEGIN
    UPDATE members SET open_follow_ups = open_follow_ups + 1 WHERE id = NEW.member_id;
END;
CREATE TRIGGER reminders_open_remove AFTER DELETE ON reminders WHEN OLD.done_at IS NULL BEGIN
    UPDATE members SET open_follow_ups = open_follow_ups - 1 WHERE id = OLD.member_id;
END;
CREATE TRIGGER reminders_open_change AFTER UPDATE OF done_at, member_id ON reminders BEGIN
    UPDATE members SET open_follow_ups = open_follow_ups - 1
    WHERE id = OLD.member_id AND OLD.done_at IS NULL;
    UPDATE members SET open_follow_ups = open_follow_ups + 1
    WHERE id = NEW.member_id AND NEW.done_at IS NULL;
END;
CREATE INDEX members_uncared ON members (coalesce(last_contact_at, created_at))
    WHERE deleted_at IS NULL AND open_follow_ups = 0;

-- Category with status, so "paying members in a group" comes from the index alone.
DROP INDEX memberships_by_category;
CREATE INDEX memberships_by_category ON memberships (category, status, member_id);
"#;

/// Version 6: CHECK constraints of the tables written row by row in bulk (imports, demo data,
/// the contact log) say `a = 'x' OR a = 'y' OR …` instead of `a IN ('x', 'y', …)`.
///
/// SQLite evaluates a constant IN list of three or more values by building a temporary
/// B-tree of the values, and a CHECK constraint does that on every INSERT: four of them per
/// imported member (handle kind, membership status and category, status history), about a
/// fifth of an import's work. The OR form allows exactly the same values and is checked by
/// plain comparisons.
///
/// The stored table definitions are rewritten in place (SQLite's documented procedure for
/// schema changes that leave the stored rows as they are: `writable_schema`, then a new
/// `schema_version` so every connection reloads the schema). Each edit must find its old text
/// exactly once, or the migration fails and the transaction leaves the file untouched.
fn v6_plain_checks(tx: &Transaction) -> HookResult {
    const EDITS: [(&str, &str, &[&str]); 5] = [
        (
            "member_handles",
            "kind",
            &[
                "wechat", "wecom", "qq", "telegram", "discord", "email", "other",
            ],
        ),
        (
            "memberships",
            "status",
            &["in_group", "left", "removed", "blacklisted"],
        ),
        (
            "memberships",
            "category",
            &["active", "silent", "contributor", "paying", "admin", "core"],
        ),
        (
            "status_changes",
            "status",
            &["in_group", "left", "removed", "blacklisted"],
        ),
        (
            "interactions",
            "channel",
            &["private_chat", "group_chat", "call", "meeting", "other"],
        ),
    ];
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let edited = EDITS.iter().try_for_each(|(table, column, values)| {
        let sql: String = tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
        let old = format!("CHECK ({column} IN ({}))", quoted.join(","));
        let new = format!(
            "CHECK ({})",
            quoted
                .iter()
                .map(|v| format!("{column} = {v}"))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        if sql.matches(&old).count() != 1 {
            return Err(HookError::Hook(format!("{table}: expected one `{old}`")));
        }
        tx.execute(
            "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
            [*table, sql.replace(&old, &new).as_str()],
        )?;
        Ok(())
    });
    // Off again whatever happened: the connection lives on after a failed migration.
    tx.pragma_update(None, "writable_schema", false)?;
    edited?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    Ok(())
}

/// The content calendar: recurring slots (an RRULE expanded in the owner's zone, with skipped
/// and moved occurrences), content items (planned posts, linked to a slot's date when they fill
/// it), the groups each goes to, week themes, and holiday days the owner added or imported
/// (beside the published schedules the app ships).
const V7_CALENDAR: &str = "
CREATE TABLE slots (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    kind         TEXT NOT NULL,
    -- RFC 5545 RRULE without DTSTART/UNTIL/COUNT (kept in their own columns).
    rule         TEXT NOT NULL,
    -- Wall-clock start in `tz`: YYYY-MM-DDTHH:MM.
    starts_local TEXT NOT NULL CHECK (starts_local GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'),
    tz           TEXT NOT NULL,
    -- Inclusive last day, or a number of occurrences.
    until_date   TEXT CHECK (until_date IS NULL OR until_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    count        INTEGER CHECK (count IS NULL OR count BETWEEN 1 AND 10000),
    cn_workdays  INTEGER NOT NULL DEFAULT 0 CHECK (cn_workdays IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX slots_by_group ON slots (group_id) WHERE deleted_at IS NULL;

CREATE TABLE slot_exceptions (
    slot_id      INTEGER NOT NULL REFERENCES slots (id) ON DELETE CASCADE,
    -- The occurrence's own date (RECURRENCE-ID).
    on_date      TEXT NOT NULL,
    skipped      INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    moved_local  TEXT,
    title        TEXT,
    PRIMARY KEY (slot_id, on_date)
) STRICT, WITHOUT ROWID;

CREATE TABLE content_items (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body          TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
    planned_date  TEXT NOT NULL CHECK (planned_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    planned_time  TEXT CHECK (planned_time IS NULL OR planned_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    tz            TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status = 'idea' OR status = 'draft' OR status = 'review' OR status = 'approved' OR status = 'scheduled' OR status = 'posted' OR status = 'skipped'),
    skip_reason   TEXT NOT NULL DEFAULT '',
    slot_id       INTEGER REFERENCES slots (id) ON DELETE SET NULL,
    slot_date     TEXT,
    approved_by   TEXT NOT NULL DEFAULT '',
    approved_at   TEXT,
    posted_at     TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    -- The UTC instant of a timed post (the scheduler reminds the owner then), and when it did.
    fire_at       TEXT,
    notified_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX content_items_by_date ON content_items (planned_date) WHERE deleted_at IS NULL;
CREATE INDEX content_items_to_announce ON content_items (fire_at)
    WHERE fire_at IS NOT NULL AND notified_at IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX content_items_by_slot ON content_items (slot_id, slot_date)
    WHERE slot_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE content_item_groups (
    item_id   INTEGER NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX content_item_groups_by_group ON content_item_groups (group_id, item_id);

CREATE TABLE week_themes (
    week_start  TEXT NOT NULL,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    theme       TEXT NOT NULL,
    PRIMARY KEY (week_start, weekday)
) STRICT, WITHOUT ROWID;

CREATE TABLE holiday_days (
    day   TEXT PRIMARY KEY CHECK (day GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    work  INTEGER NOT NULL CHECK (work IN (0, 1)),
    name  TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
";

/// The calendar's second half: the owner's own content types, each group's posting pace
/// (不打扰: at most so many posts a day, quiet hours) and lunar birthdays (0 a solar date, 1 a
/// 农历 month-day, 2 a day of a leap month 闰月; `birth_md` then holds the lunar month-day).
const V8_TYPES_PACE_LUNAR: &str = "
CREATE TABLE content_types (
    name        TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    created_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE group_post_limits (
    group_id     INTEGER PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    max_per_day  INTEGER CHECK (max_per_day IS NULL OR max_per_day BETWEEN 1 AND 50),
    quiet_from   TEXT CHECK (quiet_from IS NULL OR quiet_from GLOB '[0-2][0-9]:[0-5][0-9]'),
    quiet_to     TEXT CHECK (quiet_to IS NULL OR quiet_to GLOB '[0-2][0-9]:[0-5][0-9]')
) STRICT;

ALTER TABLE members ADD COLUMN birth_lunar INTEGER NOT NULL DEFAULT 0
    CHECK (birth_lunar IN (0, 1, 2));
CREATE INDEX content_items_deleted ON content_items (deleted_at) WHERE deleted_at IS NOT NULL;
";

/// The script library (话术库) and the welcome ritual: scripts (shared or per group, per
/// platform, one default per kind), the welcomes given (a newcomer is welcomed when a row here
/// is newer than their join), each group's follow-up rule, and an index on joins by time.
const V9_SCRIPTS: &str = "
CREATE TABLE scripts (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    name        TEXT NOT NULL DEFAULT '',
    group_id    INTEGER REFERENCES groups (id) ON DELETE CASCADE,
    platform    TEXT CHECK (platform IS NULL OR platform IN ('wechat','wecom','qq','telegram','discord','other')),
    body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    -- Folded text and pinyin of the name and body, for the library's search.
    search      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX scripts_by_kind ON scripts (kind, group_id) WHERE deleted_at IS NULL;

CREATE TABLE welcomes (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    PRIMARY KEY (member_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE welcome_rules (
    group_id        INTEGER PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    -- NULL: no follow-up after a welcome.
    follow_up_days  INTEGER CHECK (follow_up_days IS NULL OR follow_up_days BETWEEN 1 AND 60),
    reason          TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX status_changes_joins ON status_changes (at) WHERE status = 'in_group';
";

/// Campaigns (活动): their groups, goals, checklist, the posts and scripts a playbook made for
/// them (linked, so a date move shifts them and a delete can keep them), the owner's own
/// playbooks, and the milestones already offered on Today.
const V10_CAMPAIGNS: &str = "
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    kind         TEXT NOT NULL CHECK (kind IN ('fission','guest_share','holiday','meetup','check_in','prize','red_packet','custom')),
    status       TEXT NOT NULL DEFAULT 'planning' CHECK (status IN ('planning','running','done','reviewed')),
    start_date   TEXT NOT NULL CHECK (start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_date     TEXT NOT NULL CHECK (end_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND end_date >= start_date),
    event_date   TEXT NOT NULL CHECK (event_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    tz           TEXT NOT NULL,
    -- Money in fen (分): budget, the bait's cost (诱饵), and what was spent in all.
    budget_fen   INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
    bait_fen     INTEGER CHECK (bait_fen IS NULL OR bait_fen >= 0),
    spent_fen    INTEGER CHECK (spent_fen IS NULL OR spent_fen >= 0),
    -- Members whose source is this code, joining in the window, are the campaign's.
    source       TEXT NOT NULL DEFAULT '',
    playbook     TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    -- The retrospective (复盘).
    worked       TEXT NOT NULL DEFAULT '',
    failed       TEXT NOT NULL DEFAULT '',
    change_next  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE UNIQUE INDEX campaigns_by_name ON campaigns (name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX campaigns_by_source ON campaigns (source) WHERE source <> '' AND deleted_at IS NULL;

CREATE TABLE campaign_groups (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    group_id     INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE campaign_goals (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    metric       TEXT NOT NULL CHECK (metric IN ('joins','conversions','attendance','posts')),
    target       INTEGER NOT NULL CHECK (target > 0),
    -- What the book cannot know (attendance, conversions), entered by hand.
    actual       INTEGER CHECK (actual IS NULL OR actual >= 0),
    UNIQUE (campaign_id, metric)
) STRICT;

CREATE TABLE campaign_steps (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    due_date     TEXT NOT NULL CHECK (due_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    -- Days from the event date, kept so the campaign saves back as a playbook.
    offset_days  INTEGER NOT NULL,
    done_at      TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    -- When the scheduler reminded the owner (the morning of its day); a moved step is again.
    notified_at  TEXT
) STRICT;
CREATE INDEX campaign_steps_due ON campaign_steps (due_date) WHERE done_at IS NULL;

ALTER TABLE content_items ADD COLUMN campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL;
CREATE INDEX content_items_by_campaign ON content_items (campaign_id) WHERE campaign_id IS NOT NULL;
ALTER TABLE scripts ADD COLUMN campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL;

CREATE TABLE playbooks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    kind        TEXT NOT NULL,
    -- Steps, posts and scripts placed by days from the event date (JSON, see campaigns::playbooks).
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX playbooks_by_name ON playbooks (name COLLATE NOCASE);

-- Milestones Today offered and the owner announced or set aside: `group:ID:SIZE` or
-- `campaign:ID:METRIC`.
CREATE TABLE milestones_done (
    key  TEXT PRIMARY KEY,
    at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX memberships_by_group_joined ON memberships (group_id, joined_on);
";

/// Every migration, oldest first. Append only.
fn all() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_GROUPS),
        M::up(V2_MEMBERS),
        M::up(V3_MEMBERSHIP_INDEXES),
        M::up(V4_FOLLOW_UPS),
        M::up(V5_TODAY_INDEXES),
        M::up_with_hook("", v6_plain_checks),
        M::up(V7_CALENDAR),
        M::up(V8_TYPES_PACE_LUNAR),
        M::up(V9_SCRIPTS),
        M::up(V10_CAMPAIGNS),
    ])
}

/// The schema version this build writes.
pub const LATEST: u32 = 10;

pub fn migrations() -> Migrations<'static> {
    all()
}

/// Brings `conn` to [`LATEST`] in one transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    all().to_latest(conn)
}
