//! The member search index and how a query is matched against it.
//!
//! SQLite's FTS5 tokenizers do not split Chinese into words, and its trigram tokenizer cannot
//! find one- or two-character queries ("张", "小雅"), which are the most common searches for
//! Chinese names. So each member gets one document (rowid = member id) in three contentless
//! FTS5 tables, pre-tokenised here:
//!
//! - `search_chars`: each distinct CJK character → a one-character query is one lookup;
//! - `search_bigrams`: overlapping character pairs in order, with a break token between runs →
//!   a query of n ≥ 2 characters is the phrase of its n−1 pairs, which matches exactly the
//!   documents containing it as a substring;
//! - `search_words`: Latin words and numbers, pinyin of names (each syllable, the full spelling
//!   and the initials of every suffix: 张小雅 → zhangxiaoya, xiaoya, zxy, xy…); matched by
//!   prefix (with FTS5 prefix indexes for 1–3 letters).
//!
//! Phone numbers go into `search_bigrams` as overlapping digit triples (`p138 p380 …`), so a
//! query of three or more digits finds the phones containing them as a phrase. Documents
//! written by earlier builds hold every tail of the number in `search_words` instead; a
//! digit query reads both until such a member is next saved.
//!
//! Tags are not in the documents: a tag rename would rewrite thousands of them. A query term
//! also matches the members carrying a tag whose name contains it.
use super::text::{fold, phone_key, pieces, syllables, Piece};
use crate::store::{Area, Write};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeSet;

/// Longest name run whose pinyin suffixes are indexed (longer nicknames are rare).
const PINYIN_RUN_MAX: usize = 12;

#[derive(Default)]
struct DocBuilder {
    chars: BTreeSet<char>,
    bigrams: String,
    words: BTreeSet<String>,
}

impl DocBuilder {
    fn text(&mut self, s: &str, with_pinyin: bool) {
        for piece in pieces(&fold(s)) {
            match piece {
                Piece::Word(w) => {
                    self.words.insert(w);
                }
                Piece::Cjk(run) => {
                    self.run(&run);
                    if with_pinyin {
                        self.pinyin(&run);
                    }
                }
            }
        }
    }

    fn run(&mut self, run: &str) {
        self.chars.extend(run.chars());
        let chars: Vec<char> = run.chars().collect();
        if chars.len() < 2 {
            return;
        }
        self.separate();
        for (i, pair) in chars.windows(2).enumerate() {
            if i > 0 {
                self.bigrams.push(' ');
            }
            self.bigrams.push(pair[0]);
            self.bigrams.push(pair[1]);
        }
    }

    fn pinyin(&mut self, run: &str) {
        let syl = syllables(run);
        for s in &syl {
            self.words.insert((*s).to_string());
        }
        let n = syl.len().min(PINYIN_RUN_MAX);
        for start in 0..n {
            let tail = &syl[start..n];
            self.words.insert(tail.concat());
            self.words.insert(
                tail.iter()
                    .filter_map(|s| s.chars().next())
                    .collect::<String>(),
            );
        }
    }

    /// The phone's digits as overlapping triples (`p138 p380 …`) in the phrase table, so any
    /// three or more digits of it are a phrase of triples. (Earlier versions put every tail
    /// of the number in the word table: a million distinct words, each with three prefix
    /// entries, which made half the cost of importing a member.)
    fn phone(&mut self, phone: &str) {
        let Some(digits) = phone_key(phone) else {
            return;
        };
        if digits.len() < 3 {
            return;
        }
        self.separate();
        self.bigrams.push_str(&digit_triples(&digits));
    }

    /// A break before a new run in the phrase table, so a phrase never spans two of them.
    fn separate(&mut self) {
        if !self.bigrams.is_empty() {
            self.bigrams.push_str(" 0 ");
        }
    }

    fn handle(&mut self, value: &str) {
        self.text(value, false);
        let joined: String = fold(value)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if !joined.is_empty() {
            self.words.insert(joined);
        }
    }

    /// The items separated by spaces (no String per item: characters are pushed as they are).
    fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for item in items {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "{item}");
        }
        out
    }
}

/// Overlapping digit triples as phrase-table tokens: `13800` → `p138 p380 p800`. The same
/// for documents and queries, so a query's digits are a phrase of a phone's triples.
fn digit_triples(digits: &str) -> String {
    let triples: Vec<String> = digits
        .as_bytes()
        .windows(3)
        .map(|t| format!("p{}", String::from_utf8_lossy(t)))
        .collect();
    triples.join(" ")
}

/// Records that member `id` changed: announced after the commit, with its search document
/// rebuilt just before it (once, however many of its rows the write touched).
pub fn touched(w: &Write, id: i64) {
    w.changed(Area::Members, [id]);
    if !w.is_stale(index_created, id) {
        w.stale(reindex_many, [id]);
    }
}

/// Records that member `id` was created in this write: its document is written before the
/// commit, from everything the write gave it (profile, notes, fields).
pub fn created(w: &Write, id: i64) {
    w.changed(Area::Members, [id]);
    w.stale(index_created, [id]);
}

/// Records that the caller wrote member `id`'s document itself (an import, from the tokens it
/// prepared on another thread).
pub fn indexed(w: &Write, id: i64) {
    w.changed(Area::Members, [id]);
    w.fresh(index_created, id);
    w.fresh(reindex_many, id);
}

fn reindex_many(conn: &Connection, ids: &[i64]) -> rusqlite::Result<()> {
    ids.iter().try_for_each(|&id| reindex(conn, id))
}

fn index_created(conn: &Connection, ids: &[i64]) -> rusqlite::Result<()> {
    ids.iter().try_for_each(|&id| index_new(conn, id))
}

/// Rewrites the search document of one member from what the database holds now.
pub fn reindex(conn: &Connection, member_id: i64) -> rusqlite::Result<()> {
    remove(conn, member_id)?;
    index_new(conn, member_id)
}

/// Writes the search document of a member who has none yet (just created). Skipping the
/// delete matters in bulk: a delete in a contentless FTS5 table records a tombstone even
/// when there was nothing to delete.
pub fn index_new(conn: &Connection, member_id: i64) -> rusqlite::Result<()> {
    let row = conn
        .prepare_cached(
            "SELECT nickname, display_name, real_name, region, occupation, source, phone
             FROM members WHERE id = ?1",
        )?
        .query_row([member_id], |r| {
            let mut out: [String; 7] = Default::default();
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = r.get(i)?;
            }
            Ok(out)
        })
        .optional()?;
    let Some([nickname, display_name, real_name, region, occupation, source, phone]) = row else {
        return Ok(());
    };
    let strings = |sql: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare_cached(sql)?
            .query_map([member_id], |r| r.get::<_, String>(0))?
            .collect()
    };
    let doc = DocSource {
        names: [nickname.as_str(), display_name.as_str(), real_name.as_str()],
        plain: [region.as_str(), occupation.as_str(), source.as_str()],
        phone: phone.as_str(),
        handles: strings("SELECT value FROM member_handles WHERE member_id = ?1")?,
        texts: strings("SELECT value FROM member_field_values WHERE member_id = ?1")?
            .into_iter()
            .chain(strings(
                "SELECT body FROM notes WHERE member_id = ?1 AND deleted_at IS NULL",
            )?)
            .collect(),
    };
    write_doc(conn, member_id, &doc)
}

/// What a member's search document is made of.
pub struct DocSource<'a> {
    /// Nickname, display name, real name: indexed with their pinyin.
    pub names: [&'a str; 3],
    /// Region, occupation, source.
    pub plain: [&'a str; 3],
    pub phone: &'a str,
    pub handles: Vec<String>,
    /// Custom field values and live notes.
    pub texts: Vec<String>,
}

/// A member's search document, tokenised: the texts of the three tables. Built without the
/// database, so an import can build it before it writes.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    chars: String,
    bigrams: String,
    words: String,
}

impl Doc {
    pub fn build(src: &DocSource<'_>) -> Doc {
        let mut doc = DocBuilder::default();
        for name in src.names {
            doc.text(name, true);
        }
        for plain in src.plain {
            doc.text(plain, false);
        }
        doc.phone(src.phone);
        for h in &src.handles {
            doc.handle(h);
        }
        for t in &src.texts {
            doc.text(t, false);
        }
        Doc {
            chars: DocBuilder::join(&doc.chars),
            bigrams: doc.bigrams,
            words: DocBuilder::join(&doc.words),
        }
    }

    /// Writes this document for a member who has none yet.
    pub fn insert(&self, conn: &Connection, member_id: i64) -> rusqlite::Result<()> {
        const INSERTS: [&str; 3] = [
            "INSERT INTO search_chars (rowid, t) VALUES (?1, ?2)",
            "INSERT INTO search_bigrams (rowid, t) VALUES (?1, ?2)",
            "INSERT INTO search_words (rowid, t) VALUES (?1, ?2)",
        ];
        for (sql, text) in INSERTS
            .iter()
            .zip([&self.chars, &self.bigrams, &self.words])
        {
            if !text.is_empty() {
                conn.prepare_cached(sql)?
                    .execute(params![member_id, text])?;
            }
        }
        Ok(())
    }
}

/// Writes the document of a member who has none yet, from its parts.
pub fn write_doc(conn: &Connection, member_id: i64, src: &DocSource<'_>) -> rusqlite::Result<()> {
    Doc::build(src).insert(conn, member_id)
}

/// Drops a member's search document (when the member is deleted for good).
pub fn remove(conn: &Connection, member_id: i64) -> rusqlite::Result<()> {
    for table in ["search_chars", "search_bigrams", "search_words"] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE rowid = ?1"))?
            .execute([member_id])?;
    }
    Ok(())
}

/// Rebuilds every member's document (after a bulk load).
pub fn reindex_all(conn: &Connection) -> rusqlite::Result<()> {
    for table in ["search_chars", "search_bigrams", "search_words"] {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM members")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        index_new(conn, id)?;
    }
    Ok(())
}

/// The members a search query matches, ascending by id, or `None` for an empty query. Each
/// whitespace-separated term must match (AND); a term matches by all of its text pieces, or
/// by a tag whose name contains it. A query with no letters or digits matches nobody.
///
/// The set is computed here rather than as SQL subqueries so that the list can pick its plan
/// by the set's size and count it without scanning members (see `list`).
pub fn matching(conn: &Connection, query: &str) -> rusqlite::Result<Option<Vec<i64>>> {
    let folded = fold(query);
    let terms: Vec<&str> = folded.split_whitespace().collect();
    if terms.is_empty() {
        return Ok(None);
    }
    let mut result: Option<Vec<i64>> = None;
    for term in terms {
        let mut by_text: Option<Vec<i64>> = None;
        for piece in pieces(term) {
            let ids = fts_ids(conn, &piece)?;
            by_text = Some(match by_text {
                None => ids,
                Some(prev) => intersect(&prev, &ids),
            });
        }
        let by_tag = members_with_tags(conn, &tags_containing(conn, term)?)?;
        let ids = union(&by_text.unwrap_or_default(), &by_tag);
        result = Some(match result {
            None => ids,
            Some(prev) => intersect(&prev, &ids),
        });
        if result.as_ref().is_some_and(Vec::is_empty) {
            break;
        }
    }
    Ok(result)
}

fn fts_ids(conn: &Connection, piece: &Piece) -> rusqlite::Result<Vec<i64>> {
    let ids = fts_query(conn, piece)?;
    match piece {
        // Three or more digits are also looked for in phone numbers.
        Piece::Word(w) if w.len() >= 3 && w.bytes().all(|b| b.is_ascii_digit()) => {
            let phrase = format!("\"{}\"", digit_triples(w));
            let phones = fts_match(conn, "search_bigrams", phrase)?;
            Ok(union(&ids, &phones))
        }
        _ => Ok(ids),
    }
}

fn fts_query(conn: &Connection, piece: &Piece) -> rusqlite::Result<Vec<i64>> {
    let (table, expr) = match piece {
        Piece::Word(w) => ("search_words", format!("\"{w}\" *")),
        Piece::Cjk(run) if run.chars().count() == 1 => ("search_chars", format!("\"{run}\"")),
        Piece::Cjk(run) => {
            let chars: Vec<char> = run.chars().collect();
            let pairs: Vec<String> = chars.windows(2).map(|p| p.iter().collect()).collect();
            ("search_bigrams", format!("\"{}\"", pairs.join(" ")))
        }
    };
    fts_match(conn, table, expr)
}

fn fts_match(conn: &Connection, table: &str, expr: String) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid"
    ))?;
    let ids = stmt.query_map([expr], |r| r.get(0))?.collect();
    ids
}

fn members_with_tags(conn: &Connection, tag_ids: &[i64]) -> rusqlite::Result<Vec<i64>> {
    if tag_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = tag_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT member_id FROM member_tags WHERE tag_id IN ({list}) ORDER BY member_id"
    ))?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect();
    ids
}

/// The ids in both ascending lists.
pub fn intersect(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn union(a: &[i64], b: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out.sort_unstable();
    out.dedup();
    out
}

fn tags_containing(conn: &Connection, term: &str) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM tags")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name) = row?;
        if fold(&name).contains(term) {
            out.push(id);
        }
    }
    Ok(out)
}
