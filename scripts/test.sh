#!/usr/bin/env bash
# Installs what is missing, then runs every check and test GroupDesk has:
# UI type check and unit tests, rustfmt, clippy, the Rust unit and integration tests, the
# end-to-end tests in the real window under Xvfb, and the benchmarks (startup; the member book at
# 100,000 members and 1,000,000 notes). Set GROUPDESK_SKIP_BENCH=1 to leave them out (they need
# a release build; the member benchmark generates a 350 MB workspace once, about 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
# One-shot builds gain nothing from incremental caches, which take a gigabyte of disk.
export CARGO_INCREMENTAL=0

echo "==> UI: type check, unit tests, build"
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run build

echo "==> Rust: format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings

echo "==> Rust: unit and integration tests (real SQLite files)"
cargo test --locked

echo "==> End-to-end: the real app window (tauri-driver + WebKitWebDriver under Xvfb)"
xvfb-run -a -s "-screen 0 1440x900x24" \
  cargo test --locked --test e2e --test e2e_members --test e2e_followups --test e2e_calendar --test e2e_scripts --test e2e_campaigns --test e2e_notify -- --ignored --test-threads=1
echo "Screenshots: target/e2e-screenshots/"

if [ "${GROUPDESK_SKIP_BENCH:-0}" != 1 ]; then
  echo "==> Startup benchmark (release build)"
  cargo build --release --locked --bin groupdesk --example empty_window
  xvfb-run -a -s "-screen 0 1440x900x24" cargo bench --locked --bench startup
  echo "==> Member book benchmark (100,000 members, 1,000,000 notes)"
  xvfb-run -a -s "-screen 0 1440x900x24" cargo bench --locked --bench members
  echo "==> Follow-ups benchmark (100,000 members, 200,000 follow-ups)"
  cargo bench --locked --bench followups
  echo "==> Content calendar benchmark (50 slots, 5,000 items, a year; the month view in the window)"
  xvfb-run -a -s "-screen 0 1440x900x24" cargo bench --locked --bench calendar
  echo "==> Script library benchmark (a welcome filled for 10,000 members)"
  cargo bench --locked --bench scripts
  echo "==> Campaign benchmark (20,000 attributed members; the results page in the window)"
  xvfb-run -a -s "-screen 0 1440x900x24" cargo bench --locked --bench campaigns
  echo "Results: target/bench/startup.md, target/bench/members.md, target/bench/followups.md, target/bench/calendar.md, target/bench/scripts.md, target/bench/campaigns.md"
fi
