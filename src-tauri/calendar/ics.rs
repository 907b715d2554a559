//! Writing iCalendar (RFC 5545) the way calendar programs read it:
//! - content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character;
//! - TEXT values escape `\`, `;`, `,` and line breaks;
//! - every TZID used gets a VTIMEZONE built from the zone's real transitions (chrono-tz), and
//!   no time is floating: dates with a time carry their TZID, stamps are UTC.
//!
//! Written by hand rather than with the `icalendar` crate: it has no VTIMEZONE, and its
//! folding counts characters where RFC 5545 counts octets in places; this is the whole
//! writer, and `tests/calendar_export.rs` reads its output back with independent parsers.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One calendar being written.
#[derive(Default)]
pub struct Ics {
    out: String,
}

impl Ics {
    /// A property line: `name` (with parameters, e.g. `DTSTART;TZID=Asia/Shanghai`) and an
    /// already-formatted value.
    pub fn line(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property: the value escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape(value));
    }

    pub fn begin(&mut self, component: &str) {
        self.line("BEGIN", component);
    }

    pub fn end(&mut self, component: &str) {
        self.line("END", component);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuations start with one space), then CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// `YYYYMMDDTHHMMSSZ`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `YYYYMMDDTHHMMSS` (a local time, written with a TZID).
pub fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `YYYYMMDD` (a DATE value).
pub fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The zone's offset changes between `from` and `to` (instants, found to the second).
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let off = |t: DateTime<Utc>| {
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let mut out = Vec::new();
    let mut t = from;
    while t < to {
        let next = t + Duration::hours(12);
        if off(t) != off(next) {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if off(mid) == off(lo) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t = next;
    }
    out
}

/// A VTIMEZONE for `tz` covering the years `first..=last` (and the year before, so the
/// observance in force at the first event is there).
pub fn vtimezone(ics: &mut Ics, tz: Tz, first: i32, last: i32) {
    let start = Utc.with_ymd_and_hms(first - 1, 1, 1, 0, 0, 0).single();
    let end = Utc.with_ymd_and_hms(last + 1, 12, 31, 23, 59, 59).single();
    // A year chrono cannot hold (typed by hand): the zone's present offset alone.
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        _ => (DateTime::<Utc>::default(), DateTime::<Utc>::default()),
    };
    ics.begin("VTIMEZONE");
    ics.line("TZID", tz.name());
    let changes = transitions(tz, start, end);
    let info = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    if changes.is_empty() {
        let o = info(start);
        ics.begin("STANDARD");
        ics.line("DTSTART", "19700101T000000");
        let off = offset_text(o.fix().local_minus_utc());
        ics.line("TZOFFSETFROM", &off);
        ics.line("TZOFFSETTO", &off);
        ics.text("TZNAME", o.abbreviation().unwrap_or(tz.name()));
        ics.end("STANDARD");
    }
    for at in changes {
        let before = info(at - Duration::seconds(1));
        let after = info(at);
        let kind = if after.dst_offset().num_seconds() != 0 {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let from = before.fix().local_minus_utc();
        ics.begin(kind);
        // The onset as the wall clock showed it just before the change.
        let onset = at.naive_utc() + Duration::seconds(from as i64);
        ics.line("DTSTART", &local(onset));
        ics.line("TZOFFSETFROM", &offset_text(from));
        ics.line("TZOFFSETTO", &offset_text(after.fix().local_minus_utc()));
        ics.text("TZNAME", after.abbreviation().unwrap_or(tz.name()));
        ics.end(kind);
    }
    ics.end("VTIMEZONE");
}

/// The years an export spans, for [`vtimezone`].
pub fn years(from: NaiveDate, to: NaiveDate) -> (i32, i32) {
    (from.year(), to.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_on_character_boundaries() {
        let mut ics = Ics::default();
        ics.text("SUMMARY", &"群主工作台，每周三 20:00 嘉宾分享".repeat(6));
        let out = ics.finish();
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(
            unfolded.starts_with("SUMMARY:群主工作台\\，")
                || unfolded.starts_with("SUMMARY:群主工作台，")
        );
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn new_york_gets_its_daylight_saving_changes() {
        let mut ics = Ics::default();
        vtimezone(&mut ics, chrono_tz::America::New_York, 2026, 2026);
        let out = ics.finish();
        assert!(out.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT"), "{out}");
        assert!(out.contains("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST"), "{out}");
        let mut sh = Ics::default();
        vtimezone(&mut sh, chrono_tz::Asia::Shanghai, 2026, 2026);
        assert!(sh
            .finish()
            .contains("TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST"));
    }
}
