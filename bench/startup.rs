//! Startup benchmark: the median time from launching the release binary to its first screen
//! showing workspace data, over several launches, for
//! - a bare Tauri 2 window (`examples/empty_window`, same dependencies and profile),
//! - GroupDesk on an empty workspace,
//! - GroupDesk on a workspace with 200 groups.
//!
//! Each binary prints `groupdesk-ready` when its page has rendered (GroupDesk: after the group
//! list from the database is on screen) and exits; we time spawn → that line. Runs are
//! interleaved so drift in machine load affects all three alike; one warm-up run each is
//! discarded. Needs an X display (run under `xvfb-run`) and release builds of both binaries:
//! `cargo build --release --bin groupdesk --example empty_window`.
//! Results are printed and written to `target/bench/startup.md`.
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

fn launch(bin: &Path, args: &[&str]) -> Result<Duration, String> {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .env("GROUPDESK_STARTUP_PROBE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.trim() == "groupdesk-ready" {
                let _ = tx.send(start.elapsed());
                return;
            }
        }
    });
    let result = rx.recv_timeout(TIMEOUT);
    if result.is_err() {
        let _ = child.kill();
    }
    let _ = child.wait();
    result.map_err(|_| format!("{} never reported ready", bin.display()))
}

/// Bytes of `path` compressed with `gzip -9` (as a `.deb`'s data archive compresses it).
fn gzipped(path: &Path) -> Option<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

/// The package size table: both binaries as shipped (stripped) and compressed, and GroupDesk's
/// `.deb` when the README's bundle command has made one. The bare window has no package of its
/// own, so its `.deb` is estimated as GroupDesk's with the binary swapped (the same icons,
/// desktop file and control files). Two bare windows: built like GroupDesk (`empty`, like for
/// like) and with the release profile (`default_empty`: no LTO, as a new Tauri app's `tauri
/// build` makes it, but stripped; the reference, 3.84 MiB, kept its symbols too).
fn sizes(
    app: &Path,
    empty: &Path,
    default_empty: Option<&Path>,
    profile_dir: &Path,
    profile: &str,
) -> String {
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let (a, e) = (size(app), size(empty));
    let (Some(az), Some(ez)) = (gzipped(app), gzipped(empty)) else {
        return String::new();
    };
    let deb = std::fs::read_dir(profile_dir.join("bundle/deb"))
        .ok()
        .and_then(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "deb"))
        })
        .map(|d| size(&d));
    let mut out = String::from(
        "\n| package | binary (MiB) | binary gzip -9 (MiB) | .deb (MiB) |\n|---|---|---|---|\n",
    );
    // A bare window's package: GroupDesk's with the bare binary in place of its own.
    let bare = |gz: u64| deb.map(|d| d.saturating_sub(az) + gz);
    let row = |name: &str, bin: u64, gz: u64, deb: Option<u64>, estimated: bool| {
        let deb = match deb {
            Some(d) if estimated => format!("{:.2} (estimated)", mib(d)),
            Some(d) => format!("{:.2}", mib(d)),
            None => "(no bundle: see README)".to_string(),
        };
        format!("| {name} | {:.2} | {:.2} | {deb} |\n", mib(bin), mib(gz))
    };
    out.push_str(&row(
        &format!("bare Tauri 2 window, {profile}"),
        e,
        ez,
        bare(ez),
        true,
    ));
    let default_gz = default_empty.and_then(|p| Some((size(p), gzipped(p)?)));
    if let Some((d, dz)) = default_gz {
        out.push_str(&row(
            "bare Tauri 2 window, release profile (no LTO, stripped)",
            d,
            dz,
            bare(dz),
            true,
        ));
    }
    out.push_str(&row(&format!("GroupDesk, {profile}"), a, az, deb, false));
    let ratio = |base: u64| match (deb, bare(base)) {
        (Some(d), Some(b)) => format!("{:.2}x", d as f64 / b as f64),
        _ => format!("{:.2}x (compressed binaries)", az as f64 / base as f64),
    };
    out.push_str(&format!(
        "\nGroupDesk's package against the bare window's (aim ≤ 2x): {} built alike ({profile})",
        ratio(ez)
    ));
    if let Some((_, dz)) = default_gz {
        out.push_str(&format!(
            ", {} against the bare window built with the release profile",
            ratio(dz)
        ));
    }
    out.push_str(".\n");
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; nothing to run here.
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let app = target.join("release/groupdesk");
    let empty = target.join("release/examples/empty_window");
    for bin in [&app, &empty] {
        if !bin.exists() {
            eprintln!(
                "missing {}: run `cargo build --release --bin groupdesk --example empty_window` first",
                bin.display()
            );
            std::process::exit(1);
        }
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("no display: run under xvfb-run");
        std::process::exit(1);
    }
    let runs: usize = std::env::var("GROUPDESK_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);

    let work = std::env::temp_dir().join(format!("groupdesk-bench-{}", std::process::id()));
    let ws_empty = work.join("empty");
    let ws_200 = work.join("groups200");
    std::fs::create_dir_all(&work).expect("temp dir");
    let demo = Command::new(&app)
        .args([
            "--data-dir",
            ws_200.to_str().unwrap_or_default(),
            "demo",
            "--groups",
            "200",
        ])
        .status()
        .expect("run demo");
    assert!(demo.success(), "demo data could not be generated");

    let e_args: [&str; 0] = [];
    let a_empty = ["--data-dir", ws_empty.to_str().unwrap_or_default()];
    let a_200 = ["--data-dir", ws_200.to_str().unwrap_or_default()];
    let cases: [(&str, &Path, &[&str]); 3] = [
        ("empty Tauri 2 window", &empty, &e_args),
        ("GroupDesk, empty workspace", &app, &a_empty),
        ("GroupDesk, 200 groups", &app, &a_200),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    for round in 0..=runs {
        for (i, (name, bin, args)) in cases.iter().enumerate() {
            match launch(bin, args) {
                Ok(d) if round > 0 => times[i].push(d),
                Ok(_) => {}
                Err(e) => {
                    eprintln!("{name}: {e}");
                    std::process::exit(1);
                }
            }
        }
    }
    let base = ms(median(times[0].clone()));
    let mut report = String::from(
        "| case | median (ms) | min (ms) | max (ms) | vs empty window |\n|---|---|---|---|---|\n",
    );
    for (i, (name, _, _)) in cases.iter().enumerate() {
        let m = ms(median(times[i].clone()));
        let min = times[i].iter().min().map(|d| ms(*d)).unwrap_or(0.0);
        let max = times[i].iter().max().map(|d| ms(*d)).unwrap_or(0.0);
        report.push_str(&format!(
            "| {name} | {m:.0} | {min:.0} | {max:.0} | {:.2}x |\n",
            m / base
        ));
    }
    // Sizes of what ships: the `dist` profile's build when the README's bundle command has
    // made one, else the release build's (larger: no LTO).
    let dist = target.join("dist");
    if dist.join("groupdesk").exists() && dist.join("examples/empty_window").exists() {
        report.push_str(&sizes(
            &dist.join("groupdesk"),
            &dist.join("examples/empty_window"),
            Some(&empty),
            &dist,
            "dist profile",
        ));
    } else {
        report.push_str(&sizes(
            &app,
            &empty,
            None,
            &target.join("release"),
            "release profile",
        ));
    }
    println!("Startup to first data on screen, {runs} launches each (after one warm-up):\n");
    println!("{report}");
    let out = target.join("bench");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("startup.md"), &report);
    let _ = std::fs::remove_dir_all(&work);
}
