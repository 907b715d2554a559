//! Startup timings for the benchmark: with `GROUPDESK_STARTUP_PROBE` set, each stage of the
//! start prints `probe: <stage> <ms since launch>` to stderr, so a slow start can be traced to
//! the store, Tauri's set-up, the first IPC call or the UI's first render. The value names a
//! scenario for the UI to play before it reports ready (`members`: open the member list, scroll
//! and search), and at ready the process's memory is printed for the benchmark.
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

pub fn enabled() -> bool {
    std::env::var_os("GROUPDESK_STARTUP_PROBE").is_some()
}

/// Marks the launch; call first thing.
pub fn start() {
    START.get_or_init(Instant::now);
}

pub fn mark(stage: &str) {
    if enabled() {
        let ms = START
            .get()
            .map(|s| s.elapsed().as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        eprintln!("probe: {stage} {ms:.1}");
    }
}

/// The scenario the benchmark asked for (any value other than `1`).
pub fn scenario() -> Option<String> {
    std::env::var("GROUPDESK_STARTUP_PROBE")
        .ok()
        .filter(|v| !v.is_empty() && v != "1")
}

/// Resident memory in KiB of this process and of its child processes (WebKit's web and
/// network processes), from /proc. `None` off Linux.
pub fn rss_kib() -> Option<(u64, u64)> {
    fn rss(pid: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }
    let me = std::process::id().to_string();
    let own = rss(&me)?;
    let mut children = 0;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // Fields after the command name (which may contain spaces): state, ppid, …
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1));
        if ppid == Some(me.as_str()) {
            let kib = rss(&pid).unwrap_or(0);
            if enabled() {
                let name = stat
                    .split_once('(')
                    .and_then(|(_, r)| r.split_once(')'))
                    .map(|(n, _)| n)
                    .unwrap_or("?");
                eprintln!("probe: child {name} {kib} KiB");
            }
            children += kib;
        }
    }
    Some((own, children))
}
