//! Fuzzing the readers of files from outside, in the normal test run: CSV bytes in any
//! encoding, CSV structure, column guessing, date parsing and XLSX archives (valid ones
//! mutated byte by byte and cut short, and sheets with cells anywhere). Each must answer with a
//! table or an error — never a panic, never a table over the limits — and what it reads back
//! must be what was written.
//!
//! `PROPTEST_CASES` bounds the time (CI runs the default 256 cases per property, a few
//! seconds). A failing input is saved by proptest under `proptest-regressions/` and
//! replayed first on every later run: commit that file with the fix.
use groupdesk::dates::parse_date;
use groupdesk::transfer::{self, guess_columns, limits, read_csv_text, TextEncoding};
use proptest::prelude::*;
use std::io::Write as _;
use std::path::Path;

fn encodings() -> impl Strategy<Value = TextEncoding> {
    prop_oneof![
        Just(TextEncoding::Auto),
        Just(TextEncoding::Utf8),
        Just(TextEncoding::Gbk),
        Just(TextEncoding::Utf16le),
        Just(TextEncoding::Utf16be),
    ]
}

/// Bytes that look like CSV more often than noise does: separators, quotes, line breaks,
/// byte-order marks, GBK and UTF-8 pieces, NULs.
fn csvish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0]),
        Just("昵称".as_bytes().to_vec()),
        Just(encoding_rs::GB18030.encode("张三").0.into_owned()),
        Just(b"'=1+1".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..64).prop_map(|p| p.concat())
}

fn check_table(t: &transfer::Table) {
    assert!(t.rows.len() as u64 <= limits::MAX_ROWS);
    assert!(t.headers.len() as u64 <= limits::MAX_COLUMNS);
    let mut last = 0;
    for r in &t.rows {
        assert!(r.len() as u64 <= limits::MAX_COLUMNS);
        assert!(r.cells().all(|c| c.len() as u64 <= limits::MAX_CELL_BYTES));
        assert!(r.number > last, "row numbers increase");
        last = r.number;
    }
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

/// A small real XLSX written by rust_xlsxwriter (the library the export uses).
fn sample_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["昵称", "手机", "生日", "备注"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..40u32 {
        sheet.write_string(r, 0, format!("成员{r}")).unwrap();
        sheet
            .write_number(r, 1, 13_800_000_000.0 + r as f64)
            .unwrap();
        sheet.write_string(r, 3, "老客户, \"VIP\"").unwrap();
    }
    book.save_to_buffer().unwrap()
}

proptest! {
    #[test]
    fn csv_bytes_in_any_encoding_never_panic(bytes in csvish_bytes(), enc in encodings()) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(dir.path(), "x.csv", &bytes);
        if let Ok(t) = transfer::read_file(&path, enc) {
            check_table(&t);
        }
        let _ = transfer::decode(&bytes, enc);
    }

    #[test]
    fn csv_reads_back_what_was_written(
        rows in proptest::collection::vec(
            proptest::collection::vec("[a-z张三,;\"\\n\\t ]{0,6}", 1..5), 1..12),
        crlf in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .flexible(true)
            .from_writer(Vec::new());
        let mut header = vec!["昵称".to_string()];
        header.extend(rows[0].iter().skip(1).enumerate().map(|(i, _)| format!("c{i}")));
        w.write_record(&header).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let t = read_csv_text(&text).unwrap();
        check_table(&t);
        // Each non-blank row comes back with its cells (trimmed, trailing empty ones dropped)
        // and its record number (the header is row 1).
        let expect: Vec<(u32, Vec<String>)> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut cells: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
                while cells.last().is_some_and(|c| c.is_empty()) {
                    cells.pop();
                }
                (i as u32 + 2, cells)
            })
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let got: Vec<(u32, Vec<String>)> = t
            .rows
            .iter()
            .map(|r| (r.number, r.cells().map(String::from).collect()))
            .collect();
        prop_assert_eq!(got, expect);
    }

    #[test]
    fn column_guessing_takes_any_header(headers in proptest::collection::vec(".{0,20}", 0..30)) {
        let mapping = guess_columns(&headers);
        prop_assert_eq!(mapping.len(), headers.len());
    }

    #[test]
    fn dates_parse_every_way_they_are_written(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28, s in ".{0,24}") {
        let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for text in [
            format!("{y}-{m:02}-{d:02}"),
            format!("{y}/{m}/{d}"),
            format!("{y}.{m}.{d}"),
            format!("{y}年{m}月{d}日"),
            format!("{y}{m:02}{d:02}"),
            format!("{y}-{m:02}-{d:02} 14:30"),
        ] {
            prop_assert_eq!(parse_date(&text), Some(date), "{}", text);
        }
        let _ = parse_date(&s);
        let _ = groupdesk::dates::parse_month_day(&s);
    }
}

proptest! {
    // Each case writes and reads a whole workbook: fewer cases keep the run to seconds.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn damaged_xlsx_files_are_refused_not_crashed_on(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = sample_xlsx();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(dir.path(), "x.xlsx", &bytes);
        if let Ok(t) = transfer::read_file(&path, TextEncoding::Auto) {
            check_table(&t);
        }
    }

    #[test]
    fn sheets_with_cells_anywhere_stay_in_bounds(
        cells in proptest::collection::vec((0u32..1_048_576, 0u16..16_384, "[a-z0-9 ]{0,5}"), 1..40),
    ) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, c, v) in &cells {
            sheet.write_string(*r, *c, v).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = write_temp(dir.path(), "x.xlsx", &book.save_to_buffer().unwrap());
        match transfer::read_file(&path, TextEncoding::Auto) {
            Ok(t) => check_table(&t),
            Err(e) => prop_assert!(
                matches!(e, transfer::TransferError::Limit { .. } | transfer::TransferError::Empty),
                "{e}"
            ),
        }
    }
}
