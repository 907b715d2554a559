//! CSV (comma, tab or semicolon separated) read as a stream: the bytes are decoded piece by
//! piece ([`super::decode`]) and split by `csv-core`, whose fixed output buffer lets a cell be
//! refused the moment it passes [`MAX_CELL_BYTES`] instead of after it filled the memory.
//!
//! The separator is the one the first non-blank line uses most, outside quotes; a tie (a
//! one-column file has none of them) goes to the comma. Row numbers are the ones a
//! spreadsheet shows: blank lines count, a quoted cell spanning lines is one row.
use super::decode::{choose, decode_stream, mixed_line, sniff};
use super::import::RowProblem;
use super::limits::{Limit, MAX_CELL_BYTES};
use super::table::{Builder, Table};
use super::{TextEncoding, TransferError};
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};
use std::fs::File;

/// Reads the file `open` opens (twice: one pass to choose the encoding, one to read).
pub fn read_csv(
    open: impl Fn() -> Result<File, TransferError>,
    enc: TextEncoding,
) -> Result<Table, TransferError> {
    let found = sniff(std::io::BufReader::new(open()?))?;
    let (used, skip) = choose(&found, enc);
    let mut parser = Parser::new(used.name());
    let mixed = mixed_line(&found, used);
    if let Some(line) = mixed {
        parser.builder.notes.push(RowProblem {
            row: line,
            column: String::new(),
            key: "import.mixed_encoding".into(),
            value: used.name().into(),
        });
    }
    match decode_stream(open()?, used, skip, |text| parser.feed(text.as_bytes())) {
        // Not even readable as one encoding: say why, and where.
        Err(TransferError::Encoding(_)) if mixed.is_some() => {
            return Err(TransferError::MixedEncoding {
                line: mixed.unwrap_or(0),
            })
        }
        r => r?,
    }
    parser.finish()
}

/// Reads CSV text already in memory (tests, and the fuzz corpus).
pub fn read_csv_text(text: &str) -> Result<Table, TransferError> {
    let mut parser = Parser::new("UTF-8");
    parser.feed(text.as_bytes())?;
    parser.finish()
}

/// Bytes kept before the separator is known: the first line, up to this much.
const HEAD_MAX: usize = 64 * 1024;

struct Parser {
    /// Text seen before the separator was chosen.
    head: Vec<u8>,
    reader: Option<Reader>,
    out: Vec<u8>,
    field: Vec<u8>,
    record: Vec<String>,
    /// Between two records: only line breaks so far (blank lines, counted as rows).
    between: bool,
    prev_cr: bool,
    blank_lines: u32,
    records: u32,
    builder: Builder,
}

impl Parser {
    fn new(encoding: &str) -> Self {
        Parser {
            head: Vec::new(),
            reader: None,
            out: vec![0; 16 * 1024],
            field: Vec::new(),
            record: Vec::new(),
            between: true,
            prev_cr: false,
            blank_lines: 0,
            records: 0,
            builder: Builder::new(encoding, true),
        }
    }

    /// The row number of the record being read.
    fn row(&self) -> u32 {
        self.records + self.blank_lines + 1
    }

    fn feed(&mut self, input: &[u8]) -> Result<(), TransferError> {
        if self.reader.is_none() {
            self.head.extend_from_slice(input);
            if !first_line_done(&self.head) && self.head.len() < HEAD_MAX {
                return Ok(());
            }
            self.start();
            let head = std::mem::take(&mut self.head);
            return self.parse(&head, false);
        }
        self.parse(input, false)
    }

    fn start(&mut self) {
        let delimiter = delimiter(&self.head);
        self.reader = Some(ReaderBuilder::new().delimiter(delimiter).build());
    }

    fn finish(mut self) -> Result<Table, TransferError> {
        if self.reader.is_none() {
            self.start();
            let head = std::mem::take(&mut self.head);
            self.parse(&head, false)?;
        }
        self.parse(&[], true)?;
        self.builder.finish()
    }

    fn parse(&mut self, mut input: &[u8], eof: bool) -> Result<(), TransferError> {
        loop {
            // csv-core takes an empty input as the end of the file: only say so at the end.
            if input.is_empty() && !eof {
                return Ok(());
            }
            let Some(reader) = self.reader.as_mut() else {
                return Err(TransferError::Format("the reader was not started".into()));
            };
            let (result, nin, nout) = reader.read_field(input, &mut self.out);
            self.count_lines(&input[..nin]);
            input = &input[nin..];
            if (self.field.len() + nout) as u64 > MAX_CELL_BYTES {
                return Err(TransferError::Limit {
                    limit: Limit::CellBytes,
                    row: Some(self.row()),
                });
            }
            self.field.extend_from_slice(&self.out[..nout]);
            match result {
                ReadFieldResult::InputEmpty if !eof => return Ok(()),
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    let bytes = std::mem::take(&mut self.field);
                    let cell = String::from_utf8(bytes)
                        .map_err(|_| TransferError::Format("not text".into()))?;
                    self.record.push(cell);
                    if self.record.len() > 100_000 {
                        return Err(TransferError::Limit {
                            limit: Limit::Columns,
                            row: Some(self.row()),
                        });
                    }
                    if record_end {
                        let row = self.row();
                        let cells = std::mem::take(&mut self.record);
                        self.builder.push(row, cells)?;
                        self.records += 1;
                        self.between = true;
                    }
                }
                ReadFieldResult::End => return Ok(()),
            }
        }
    }

    /// Counts blank lines between records (`\r\n`, `\r` and `\n` each end one line).
    fn count_lines(&mut self, consumed: &[u8]) {
        if !self.between {
            // The last byte of a record is its line break when the record ended there.
            self.prev_cr = consumed.last() == Some(&b'\r');
            return;
        }
        for (i, &b) in consumed.iter().enumerate() {
            match b {
                b'\r' => {
                    self.blank_lines += 1;
                    self.prev_cr = true;
                }
                b'\n' => {
                    if !self.prev_cr {
                        self.blank_lines += 1;
                    }
                    self.prev_cr = false;
                }
                _ => {
                    self.between = false;
                    self.prev_cr = consumed[i..].last() == Some(&b'\r');
                    return;
                }
            }
        }
    }
}

/// Whether `head` holds a whole non-blank line (the one the separator is read from: a line
/// of spaces does not count, as [`delimiter`] skips it too).
fn first_line_done(head: &[u8]) -> bool {
    let mut seen_text = false;
    for &b in head {
        match b {
            b'\n' | b'\r' if seen_text => return true,
            b'\n' | b'\r' => {}
            b if b.is_ascii_whitespace() => {}
            _ => seen_text = true,
        }
    }
    false
}

/// The separator the first non-blank line uses most outside quotes; `,` wins a tie.
fn delimiter(head: &[u8]) -> u8 {
    let line = head
        .split(|b| *b == b'\n' || *b == b'\r')
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or(&[]);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    [b',', b'\t', b';'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(t: &Table) -> Vec<u32> {
        t.rows.iter().map(|r| r.number).collect()
    }

    #[test]
    fn rows_keep_the_numbers_a_spreadsheet_shows() {
        for nl in ["\n", "\r\n", "\r"] {
            let text = [
                "昵称", "", "张三", "", "", "李四", "\"多行", "备注\"", "王五",
            ]
            .join(nl);
            let t = read_csv_text(&text).unwrap();
            assert_eq!(t.headers, ["昵称"]);
            let names: Vec<&str> = t.rows.iter().map(|r| r.get(0)).collect();
            assert_eq!(names, ["张三", "李四", &format!("多行{nl}备注"), "王五"]);
            // A spreadsheet: the header is row 1, blank lines are rows, a quoted cell over two
            // lines is one row.
            assert_eq!(numbers(&t), [3, 6, 7, 8], "line breaks {nl:?}");
        }
        let t = read_csv_text("\n\n昵称\n张三\n").unwrap();
        assert_eq!(numbers(&t), [4]);
    }

    #[test]
    fn the_comma_wins_a_tie() {
        let t = read_csv_text("昵称\nTom;Jerry\n").unwrap();
        assert_eq!(t.rows[0].get(0), "Tom;Jerry");
        let t = read_csv_text("昵称;手机\nTom;138\n").unwrap();
        assert_eq!(t.rows[0].get(1), "138");
        let t = read_csv_text("\"a;b\",c\nx,y\n").unwrap();
        assert_eq!(t.headers, ["a;b", "c"]);
        let t = read_csv_text("a\tb\nx\ty\n").unwrap();
        assert_eq!(t.headers, ["a", "b"]);
    }

    #[test]
    fn a_long_cell_is_refused_at_the_limit() {
        let text = format!(
            "昵称,备注\n张三,{}\n",
            "x".repeat(MAX_CELL_BYTES as usize + 1)
        );
        match read_csv_text(&text) {
            Err(TransferError::Limit {
                limit: Limit::CellBytes,
                row: Some(2),
            }) => {}
            other => panic!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod pieces {
    //! The decoder hands text over in pieces of any size: the table must not depend on where
    //! they are cut (an empty piece once read as the end of the file, splitting records).
    use super::*;
    use proptest::prelude::*;

    fn in_pieces(text: &str, size: usize) -> Table {
        let mut p = Parser::new("UTF-8");
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = size.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            p.feed(&rest.as_bytes()[..cut]).unwrap();
            rest = &rest[cut..];
        }
        p.finish().unwrap()
    }

    #[test]
    fn text_fed_in_pieces_reads_as_a_whole() {
        let mut text = String::from("昵称,手机号,标签,备注\n");
        for i in 0..3000 {
            text.push_str(&format!("会员{i},1{i:010},\"读书会,宝妈\",第{i}位成员\r\n"));
        }
        let whole = read_csv_text(&text).unwrap();
        assert_eq!(whole.rows.len(), 3000);
        for size in [1usize, 2, 7, 100, 4096, 65536] {
            assert_eq!(in_pieces(&text, size), whole, "pieces of {size}");
        }
    }

    proptest! {
        #[test]
        fn any_cut_gives_the_same_table(text in "[a-z张,;\"\r\n\t ]{1,300}", size in 1usize..40) {
            if let Ok(whole) = read_csv_text(&text) {
                prop_assert_eq!(in_pieces(&text, size), whole);
            }
        }
    }
}
