//! One table row made ready for the import: its cells parsed into a profile, join details and
//! a note; every problem found with its row and column; and for a good row, the rows it will
//! store, the keys a duplicate would share and its search document. Pure (no database), so
//! the import runs it on a second thread ahead of the one that writes.
use super::columns::{parse_category, parse_status, Target};
use super::import::RowProblem;
use super::table::Row;
use crate::dates::parse_date;
use crate::members::search::{self, Doc};
use crate::members::stored::ProfileRows;
use crate::members::{validate, Category, FieldValue, Handle, MemberInput, MemberStatus, NOTE_MAX};
use crate::validate::has_control;
use crate::validate::Rule;
use std::collections::HashMap;

/// A cell as the table holds it (trimmed; the apostrophe of our own exports already off).
fn cell(row: &Row, col: usize) -> &str {
    row.get(col)
}

pub(super) struct Parsed {
    pub(super) input: MemberInput,
    pub(super) joined_on: Option<String>,
    pub(super) category: Option<Category>,
    pub(super) status: Option<MemberStatus>,
    pub(super) role: String,
    pub(super) note: String,
    pub(super) inviter: String,
}

fn split_tags(s: &str) -> Vec<String> {
    s.split([',', '，', '、', ';', '；', '|', ' '])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn parse_row(
    row: &Row,
    rownum: u32,
    headers: &[String],
    mapping: &[Option<Target>],
    problems: &mut Vec<RowProblem>,
) -> Parsed {
    let mut p = Parsed {
        input: MemberInput::default(),
        joined_on: None,
        category: None,
        status: None,
        role: String::new(),
        note: String::new(),
        inviter: String::new(),
    };
    let mut problem = |col: usize, key: &str, value: &str| {
        problems.push(RowProblem {
            row: rownum,
            column: headers.get(col).cloned().unwrap_or_default(),
            key: key.into(),
            value: crate::validate::visible(&value.chars().take(100).collect::<String>())
                .into_owned(),
        })
    };
    let mut column_of: HashMap<&'static str, usize> = HashMap::new();
    for (col, target) in mapping.iter().enumerate() {
        let Some(target) = target else { continue };
        // Which column a profile field came from, to name it in a problem.
        let field = match target {
            Target::Nickname => "nickname",
            Target::DisplayName => "display_name",
            Target::RealName => "real_name",
            Target::Region => "region",
            Target::Occupation => "occupation",
            Target::Phone => "phone",
            Target::Source => "source",
            Target::Birthday => "birthday",
            Target::Handle { .. } => "handles",
            Target::Tags => "tags",
            _ => "",
        };
        column_of.entry(field).or_insert(col);
        let v = cell(row, col);
        if v.is_empty() {
            continue;
        }
        // NULs, escape sequences and other control characters never enter the book (a
        // note keeps its line breaks and tabs).
        if has_control(v, matches!(target, Target::Note)) {
            problem(col, "import.control_chars", v);
            continue;
        }
        let i = &mut p.input;
        match *target {
            Target::Nickname => i.nickname = v.into(),
            Target::DisplayName => i.display_name = v.into(),
            Target::RealName => i.real_name = v.into(),
            Target::Region => i.region = v.into(),
            Target::Occupation => i.occupation = v.into(),
            Target::Phone => i.phone = v.into(),
            Target::Source => i.source = v.into(),
            Target::Birthday => i.birthday = v.into(),
            Target::Handle { handle } => i.handles.push(Handle {
                kind: handle,
                value: v.into(),
            }),
            Target::Field { field_id } => i.fields.push(FieldValue {
                field_id,
                value: v.into(),
            }),
            Target::Tags => i.tags.extend(split_tags(v)),
            Target::InvitedBy => p.inviter = v.into(),
            Target::Note if v.chars().count() > NOTE_MAX as usize => {
                problem(col, "import.too_long", v)
            }
            Target::Note => p.note = v.into(),
            Target::Role => p.role = v.into(),
            Target::JoinedOn => match parse_date(v) {
                Some(d) => p.joined_on = Some(d.to_string()),
                None => problem(col, "import.bad_date", v),
            },
            Target::Category => match parse_category(v) {
                Some(c) => p.category = Some(c),
                None => problem(col, "import.bad_category", v),
            },
            Target::Status => match parse_status(v) {
                Some(s) => p.status = Some(s),
                None => problem(col, "import.bad_status", v),
            },
        }
    }
    for e in validate(&p.input) {
        let top = e.field.split('.').next().unwrap_or("");
        let col = column_of.get(top).copied().unwrap_or(usize::MAX);
        let value = match col {
            usize::MAX => String::new(),
            c => cell(row, c).to_string(),
        };
        let key = match (top, &e.rule) {
            (_, Rule::ControlChars) => "import.control_chars",
            ("nickname", Rule::Required) => "import.no_nickname",
            ("birthday", _) => "import.bad_birthday",
            ("phone", Rule::Invalid) => "import.bad_phone",
            (_, Rule::TooMany { .. }) => "import.too_many",
            _ => "import.too_long",
        };
        problem(col, key, &value);
    }
    p
}

/// A row made ready on the preparing thread: parsed, checked, and for a good row its stored
/// form, duplicate keys and search document.
pub(super) struct Ready {
    pub(super) rownum: u32,
    pub(super) parsed: Parsed,
    pub(super) problems: Vec<RowProblem>,
    pub(super) stored: Option<(ProfileRows, Vec<String>, Doc)>,
}

pub(super) fn prepare(
    row: &Row,
    rownum: u32,
    headers: &[String],
    mapping: &[Option<Target>],
) -> Ready {
    let mut problems = Vec::new();
    let parsed = parse_row(row, rownum, headers, mapping, &mut problems);
    let stored = problems.is_empty().then(|| {
        let rows = ProfileRows::new(&parsed.input);
        let keys = rows.duplicate_keys();
        let i = &parsed.input;
        let doc = Doc::build(&search::DocSource {
            names: [&i.nickname, &i.display_name, &i.real_name],
            plain: [&i.region, &i.occupation, &i.source],
            phone: &i.phone,
            handles: i.handles.iter().map(|h| h.value.clone()).collect(),
            texts: i
                .fields
                .iter()
                .map(|f| f.value.clone())
                .chain((!parsed.note.is_empty()).then(|| parsed.note.clone()))
                .collect(),
        });
        (rows, keys, doc)
    });
    Ready {
        rownum,
        parsed,
        problems,
        stored,
    }
}
