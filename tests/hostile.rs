//! Hostile files and damaged workspaces, tried on the real binary and real files: crafted
//! spreadsheets (a sparse grid reaching XFD1048576, a zip bomb, a truncated file, broken XML),
//! a NUL-prefixed nickname, a 50 MB cell and `/dev/zero` are each refused with the limit named,
//! the process alive (an exit code, not a signal), its memory bounded and the workspace
//! unchanged; an export onto the workspace is refused; a damaged index page is refused by
//! backup and by restore and the older backups are kept; files are private.
mod common;

use chrono::Duration;
use common::{at, damage_index, dump, now};
use groupdesk::store::backup::{self, BackupKind, BackupKindTag, Tiers};
use groupdesk::store::{Store, StoreError, DB_FILE};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn groupdesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_groupdesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run groupdesk")
}

/// Runs the binary, polling its peak memory (VmHWM) until it exits; the peak in MB.
fn groupdesk_peak_mb(dir: &Path, args: &[&str]) -> (Output, f64) {
    let child = Command::new(env!("CARGO_BIN_EXE_groupdesk"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run groupdesk");
    let status = format!("/proc/{}/status", child.id());
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let watch = {
        let peak = peak.clone();
        std::thread::spawn(move || {
            while let Ok(s) = std::fs::read_to_string(&status) {
                if let Some(kb) = s
                    .lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    peak.fetch_max(kb, std::sync::atomic::Ordering::Relaxed);
                }
                if s.contains("State:\tZ") {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        })
    };
    let out = child.wait_with_output().unwrap();
    let _ = watch.join();
    let kb = peak.load(std::sync::atomic::Ordering::Relaxed);
    (out, kb as f64 / 1024.0)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A workspace with three members, and the dump to compare against after each attempt.
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let ok = groupdesk(dir.path(), &["demo", "--groups", "1", "--members", "3"]);
    assert!(ok.status.success(), "{}", text(&ok));
    let d = snapshot(dir.path());
    (dir, d)
}

fn snapshot(dir: &Path) -> String {
    let c = rusqlite::Connection::open_with_flags(
        dir.join(DB_FILE),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    // Query-planner statistics (refreshed by any open) are not the user's data.
    let mut out = String::new();
    let mut stats = false;
    for line in dump(&c).lines() {
        if line.starts_with("CREATE ") {
            stats = line.starts_with("CREATE TABLE sqlite_stat");
        }
        if !stats {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The attempt failed cleanly: exit code 1 (no signal), the workspace sound and unchanged.
fn refused(dir: &Path, before: &str, out: &Output, says: &str) {
    assert_eq!(out.status.code(), Some(1), "exit code: {}", text(out));
    assert!(
        text(out).contains(says),
        "expected {says:?} in: {}",
        text(out)
    );
    let check = groupdesk(dir, &["check"]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(snapshot(dir) == before, "the workspace is unchanged");
}

/// A minimal XLSX with `sheet` as its first sheet's XML and `strings` as shared strings.
fn xlsx(path: &Path, sheet: &str, strings: Option<&[u8]>) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let mut part = |name: &str, body: &[u8]| {
        z.start_file(name, opts).unwrap();
        z.write_all(body).unwrap();
    };
    part(
        "[Content_Types].xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let rels = if strings.is_some() {
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
    } else {
        ""
    };
    part(
        "xl/_rels/workbook.xml.rels",
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{rels}</Relationships>"#).as_bytes(),
    );
    if let Some(s) = strings {
        part("xl/sharedStrings.xml", s);
    }
    part("xl/worksheets/sheet1.xml", sheet.as_bytes());
    z.finish().unwrap();
}

fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

fn cell(r: &str, v: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#)
}

#[test]
fn a_good_xlsx_still_imports_and_a_sparse_one_is_refused_at_the_column_limit() {
    let (dir, before) = workspace();
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("名单.xlsx");
    xlsx(
        &good,
        &sheet(&format!(
            r#"<row r="1">{}{}</row><row r="3">{}{}</row>"#,
            cell("A1", "昵称"),
            cell("B1", "手机"),
            cell("A3", "表格新人"),
            r#"<c r="B3"><v>13800138000</v></c>"#
        )),
        None,
    );
    let dry = groupdesk(
        dir.path(),
        &["import", "members", good.to_str().unwrap(), "--dry-run"],
    );
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(text(&dry).contains("1 new"), "{}", text(&dry));

    // One cell in A1, one in XFD1048576: 1.6 KB that once asked for a 512 GB grid.
    let sparse = files.path().join("sparse.xlsx");
    xlsx(
        &sparse,
        &sheet(&format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            cell("A1", "昵称"),
            cell("XFD1048576", "x")
        )),
        None,
    );
    assert!(std::fs::metadata(&sparse).unwrap().len() < 4096);
    let (out, peak) =
        groupdesk_peak_mb(dir.path(), &["import", "members", sparse.to_str().unwrap()]);
    refused(
        dir.path(),
        &before,
        &out,
        "more than 200 columns (the limit GroupDesk reads), at row 1048576",
    );
    assert!(peak < 300.0, "peak memory {peak:.0} MB");
}

#[test]
fn a_zip_bomb_a_truncated_file_and_broken_xml_are_refused() {
    let (dir, before) = workspace();
    let files = tempfile::tempdir().unwrap();
    // 80 MB of shared strings (a part read whole into memory) in well under a megabyte.
    let bomb = files.path().join("bomb.xlsx");
    let mut strings = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#.to_vec();
    strings.resize(strings.len() + 80 * 1024 * 1024, b'A');
    strings.extend_from_slice(b"</t></si></sst>");
    xlsx(
        &bomb,
        &sheet(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
        Some(&strings),
    );
    drop(strings);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1024 * 1024);
    let (out, peak) = groupdesk_peak_mb(dir.path(), &["import", "members", bomb.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "unpacks to more than");
    assert!(peak < 300.0, "peak memory {peak:.0} MB");

    // A good file cut in half.
    let good = files.path().join("good.xlsx");
    let rows: String = (1..=2000)
        .map(|i| {
            format!(
                r#"<row r="{i}">{}</row>"#,
                cell(&format!("A{i}"), &format!("成员{i}"))
            )
        })
        .collect();
    xlsx(&good, &sheet(&rows), None);
    let bytes = std::fs::read(&good).unwrap();
    let cut = files.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = groupdesk(dir.path(), &["import", "members", cut.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "not a CSV or spreadsheet");

    // XML that stops in the middle of a cell.
    let broken = files.path().join("broken.xlsx");
    xlsx(
        &broken,
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>昵称"#,
        None,
    );
    let out = groupdesk(dir.path(), &["import", "members", broken.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "not a CSV or spreadsheet");

    // Old formats are refused with the way out, not read into a dense grid.
    let xls = files.path().join("old.xls");
    std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    let out = groupdesk(dir.path(), &["import", "members", xls.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "save the sheet as .xlsx");
}

#[test]
fn a_nul_nickname_a_50_mb_cell_and_dev_zero_are_refused() {
    let (dir, before) = workspace();
    let files = tempfile::tempdir().unwrap();

    let nul = files.path().join("nul.csv");
    std::fs::write(&nul, "昵称,备注\n\0张三,新人\n李四,老客户\n").unwrap();
    let out = groupdesk(dir.path(), &["import", "members", nul.to_str().unwrap()]);
    refused(
        dir.path(),
        &before,
        &out,
        "row 2 [昵称]: holds a control character",
    );
    assert!(
        text(&out).contains("␀张三"),
        "shown, not printed raw: {}",
        text(&out)
    );
    // With --skip-invalid the good row goes in and the bad one is left out.
    let out = groupdesk(
        dir.path(),
        &["import", "members", nul.to_str().unwrap(), "--skip-invalid"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 new"), "{}", text(&out));
    let (dir, before) = workspace();

    let big = files.path().join("big-cell.csv");
    {
        let mut f = std::fs::File::create(&big).unwrap();
        f.write_all("昵称,备注\n张三,".as_bytes()).unwrap();
        let chunk = vec![b'x'; 1024 * 1024];
        for _ in 0..50 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\n").unwrap();
    }
    let (out, peak) = groupdesk_peak_mb(dir.path(), &["import", "members", big.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "a cell is longer than 128 KB");
    assert!(text(&out).contains("at row 2"), "{}", text(&out));
    assert!(peak < 300.0, "peak memory {peak:.0} MB");

    let (out, peak) = groupdesk_peak_mb(dir.path(), &["import", "members", "/dev/zero"]);
    refused(dir.path(), &before, &out, "(the limit GroupDesk reads)");
    assert!(peak < 300.0, "peak memory {peak:.0} MB");
}

#[test]
fn row_numbers_delimiters_encodings_and_apostrophes() {
    let (dir, before) = workspace();
    let files = tempfile::tempdir().unwrap();
    // A bad birthday on line 6, after blank lines: reported as row 6.
    let blank = files.path().join("blank.csv");
    std::fs::write(
        &blank,
        "昵称,生日\n张一,1990-01-01\n\n\n张二,no-date\n张三,13-45\n",
    )
    .unwrap();
    let out = groupdesk(dir.path(), &["import", "members", blank.to_str().unwrap()]);
    refused(dir.path(), &before, &out, "row 5 [生日]");
    assert!(text(&out).contains("row 6 [生日]"), "{}", text(&out));

    // One column: "Tom;Jerry" stays whole.
    let one = files.path().join("one.csv");
    std::fs::write(&one, "昵称\nTom;Jerry\n").unwrap();
    assert!(
        groupdesk(dir.path(), &["import", "members", one.to_str().unwrap()])
            .status
            .success()
    );
    let found = groupdesk(dir.path(), &["search", "Jerry", "--json"]);
    assert!(text(&found).contains("\"Tom;Jerry\""), "{}", text(&found));

    // A UTF-8 byte-order mark in front of GBK text: read as GBK when the user says so.
    let bom = files.path().join("bom-gbk.csv");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(&encoding_rs::GB18030.encode("昵称\n国标张\n").0);
    std::fs::write(&bom, &bytes).unwrap();
    let auto = groupdesk(dir.path(), &["import", "members", bom.to_str().unwrap()]);
    assert_eq!(auto.status.code(), Some(1), "{}", text(&auto));
    let gbk = groupdesk(
        dir.path(),
        &[
            "import",
            "members",
            bom.to_str().unwrap(),
            "--encoding",
            "gbk",
        ],
    );
    assert!(gbk.status.success(), "{}", text(&gbk));
    assert!(text(&groupdesk(dir.path(), &["search", "国标张"])).contains("国标张"));

    // Two encodings pasted together: imported with a warning naming the line.
    let mixed = files.path().join("mixed.csv");
    let mut bytes = encoding_rs::GB18030.encode("昵称\n混合甲\n").0.into_owned();
    // (Two characters: their six UTF-8 bytes also read as three GBK ones, as mojibake.)
    bytes.extend_from_slice("混合\n".as_bytes());
    std::fs::write(&mixed, &bytes).unwrap();
    let out = groupdesk(dir.path(), &["import", "members", mixed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("row 3: this line reads as UTF-8"),
        "{}",
        text(&out)
    );
    // Three characters are not GBK at all: refused, saying why and where.
    let mut bytes = encoding_rs::GB18030.encode("昵称\n混合甲\n").0.into_owned();
    bytes.extend_from_slice("混合乙\n".as_bytes());
    std::fs::write(&mixed, &bytes).unwrap();
    let out = groupdesk(dir.path(), &["import", "members", mixed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("mixes two encodings (line 3"),
        "{}",
        text(&out)
    );

    // Someone else's apostrophe stays; the one our export adds comes off again.
    let theirs = files.path().join("theirs.csv");
    std::fs::write(&theirs, "昵称,地区\n撇号君,'-北京\n").unwrap();
    assert!(
        groupdesk(dir.path(), &["import", "members", theirs.to_str().unwrap()])
            .status
            .success()
    );
    let found = groupdesk(dir.path(), &["search", "撇号君", "--json"]);
    assert!(text(&found).contains("\"'-北京\""), "{}", text(&found));
    let ours = files.path().join("ours.csv");
    let export = groupdesk(
        dir.path(),
        &[
            "export",
            "members",
            "--query",
            "撇号君",
            "-o",
            ours.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", text(&export));
    let again = tempfile::tempdir().unwrap();
    let out = groupdesk(again.path(), &["import", "members", ours.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let found = groupdesk(again.path(), &["search", "撇号君", "--json"]);
    assert!(
        text(&found).contains("\"'-北京\""),
        "round trip unchanged: {}",
        text(&found)
    );
}

#[test]
fn exports_never_write_into_the_workspace_and_files_are_private() {
    let (dir, before) = workspace();
    let db = dir.path().join(DB_FILE);
    let out = groupdesk(
        dir.path(),
        &["export", "members", "-o", db.to_str().unwrap()],
    );
    refused(dir.path(), &before, &out, "inside the workspace folder");
    let into_backups = dir.path().join("backups").join("x.csv");
    std::fs::create_dir_all(into_backups.parent().unwrap()).unwrap();
    let out = groupdesk(
        dir.path(),
        &["export", "members", "-o", into_backups.to_str().unwrap()],
    );
    refused(dir.path(), &before, &out, "inside the workspace folder");

    let elsewhere = tempfile::tempdir().unwrap();
    let csv = elsewhere.path().join("members.csv");
    std::fs::write(
        elsewhere.path().join(".members.csv.partial"),
        "someone's file",
    )
    .unwrap();
    assert!(groupdesk(
        dir.path(),
        &["export", "members", "-o", csv.to_str().unwrap()]
    )
    .status
    .success());
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join(".members.csv.partial")).unwrap(),
        "someone's file",
        "a file with the old fixed temporary name is left alone"
    );
    let names: Vec<String> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    assert!(groupdesk(dir.path(), &["backup"]).status.success());

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o700, "workspace folder");
        assert_eq!(mode(&db), 0o600, "workspace file");
        let backups = dir.path().join("backups");
        assert_eq!(mode(&backups), 0o700, "backups folder");
        for b in backup::list(dir.path()).unwrap() {
            assert_eq!(mode(&backups.join(&b.name)), 0o600, "{}", b.name);
        }
        assert_eq!(mode(&csv), 0o600, "export");
        // A workspace from before: opened, it is made private.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(groupdesk(dir.path(), &["demo", "--groups", "1"])
            .status
            .success());
        assert_eq!((mode(dir.path()), mode(&db)), (0o700, 0o600));
        for suffix in ["-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                assert_eq!(mode(&p), 0o600, "{suffix}");
            }
        }
    }
}

#[test]
fn reads_never_create_a_workspace() {
    let parent = tempfile::tempdir().unwrap();
    let typo = parent.path().join("GroupDsk");
    for args in [
        &["search", "张"][..],
        &["today"][..],
        &["today", "--json"][..],
        &["export", "members", "-o", "/tmp/never.csv"][..],
    ] {
        let out = groupdesk(&typo, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("there is no workspace"),
            "{}",
            text(&out)
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
}

#[test]
fn terminal_output_shows_control_characters_instead_of_obeying_them() {
    let (dir, _) = workspace();
    // Text stored by an older version, before control characters were refused.
    let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    c.execute(
        "UPDATE members SET real_name = 'evil' || char(27) || '[2J' WHERE id = (SELECT min(id) FROM members)",
        [],
    )
    .unwrap();
    let name: String = c
        .query_row(
            "SELECT nickname FROM members ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let out = groupdesk(dir.path(), &["search", &name]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "an escape reached the terminal");
    assert!(stdout.contains("evil␛[2J"), "{stdout}");
}

#[test]
fn a_damaged_workspace_is_never_backed_up_as_sound_and_good_copies_stay() {
    let (dir, _) = workspace();
    // Two good automatic copies from earlier days.
    {
        let s = Store::open_dir(dir.path(), now()).unwrap();
        let tiers = Tiers::default();
        backup::auto_backup_if_due(s.conn(), dir.path(), at(2026, 11, 1, 9), tiers).unwrap();
        backup::auto_backup_if_due(s.conn(), dir.path(), at(2026, 11, 2, 9), tiers).unwrap();
    }
    let good: Vec<String> = backup::list(dir.path())
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(good.len(), 2);
    let db = dir.path().join(DB_FILE);
    damage_index(&db, "members_by_sort");

    let check = groupdesk(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    let out = groupdesk(dir.path(), &["backup"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("damaged"), "{}", text(&out));
    let outside = tempfile::tempdir().unwrap();
    let out = groupdesk(dir.path(), &["backup", outside.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "no copy, no temporary"
    );

    // The daily backup refuses too, and the rotation does not run.
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tight = Tiers {
        daily: 1,
        weekly: 0,
        monthly: 0,
    };
    let r = backup::auto_backup_if_due(&conn, dir.path(), at(2026, 11, 20, 9), tight);
    assert!(matches!(r, Err(StoreError::Damaged { .. })), "{r:?}");
    drop(conn);
    let after: Vec<String> = backup::list(dir.path())
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(after, good, "the good copies are all kept");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Writing commands refuse to build on the damage.
    let out = groupdesk(dir.path(), &["demo", "--groups", "1"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("damaged"), "{}", text(&out));
}

#[test]
fn a_damaged_backup_is_refused_by_restore() {
    let (dir, before) = workspace();
    let mut s = Store::open_dir(dir.path(), now()).unwrap();
    let copy = backup::write_from(s.conn(), dir.path(), &BackupKind::Manual, now()).unwrap();
    // The copy is sound when taken; damage it afterwards (a failing disk).
    damage_index(&copy, "members_by_sort");
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    let r = backup::restore(&mut s, &name, now() + Duration::minutes(1));
    assert!(matches!(r, Err(StoreError::Damaged { .. })), "{r:?}");
    drop(s);
    assert!(snapshot(dir.path()) == before, "the workspace is untouched");
    assert!(
        !backup::list(dir.path())
            .unwrap()
            .iter()
            .any(|b| b.kind == BackupKindTag::PreRestore),
        "no restore was started"
    );
    let r = backup::recover_from_backup(dir.path(), &name, now());
    assert!(
        matches!(r, Err(StoreError::Damaged { .. })),
        "{:?}",
        r.err()
    );
    assert!(
        dir.path().join(DB_FILE).exists(),
        "the workspace was not set aside"
    );
}

#[test]
fn rotation_keeps_days_then_weeks_then_months() {
    // A copy every day for 400 days, newest first.
    let newest = at(2026, 12, 3, 9);
    let times: Vec<_> = (0..400).map(|d| newest - Duration::days(d)).collect();
    let kept = backup::kept(&times, Tiers::default());
    let days: Vec<i64> = (0..400).filter(|i| kept[*i as usize]).collect();
    assert_eq!(
        &days[..12],
        &(0..12).collect::<Vec<_>>()[..],
        "the last 12 days"
    );
    assert_eq!(days.len(), 12 + 10 + 9, "{days:?}");
    let weekly = &days[12..22];
    assert!(weekly.windows(2).all(|w| w[1] - w[0] == 7), "{weekly:?}");
    let oldest = *days.last().unwrap();
    assert!(oldest > 200, "a copy from months ago is kept: {days:?}");
    // However few copies there are, the newest stays.
    assert_eq!(
        backup::kept(
            &times[..1],
            Tiers {
                daily: 1,
                weekly: 0,
                monthly: 0
            }
        ),
        [true]
    );
}

#[test]
fn start_at_login_keeps_the_workspace_folder() {
    let args = groupdesk::desktop::login_args(Path::new("/home/u/工作区"));
    assert_eq!(args, ["--hidden", "--data-dir", "/home/u/工作区"]);
}
