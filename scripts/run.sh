#!/usr/bin/env bash
# Installs what is missing, builds GroupDesk (release) and opens it. Extra arguments go to the
# app, e.g. `scripts/run.sh --data-dir ~/groupdesk-test` or `scripts/run.sh demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
npm --prefix ui run build
cargo run --release --bin groupdesk -- "$@"
