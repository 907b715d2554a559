//! Startup timings for the benchmark: with `GROUPDESK_STARTUP_PROBE` set, each stage of the
//! start prints `probe: <stage> <ms since launch>` to stderr, so a slow start can be traced to
//! the store, Tauri's set-up, the first IPC call or the UI's first render.
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
