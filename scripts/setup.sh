#!/usr/bin/env bash
# Installs what GroupDesk needs on Debian/Ubuntu, skipping whatever is already there.
# (xclip: the window tests read the clipboard a "copy" button filled; the colour emoji font:
# welcome scripts use emoji, and the screenshots should show them as a desktop does; procps:
# pgrep/pkill find the window the sample-data test reopens outside WebDriver; dbus: a private
# session bus on which a test plays the desktop's notification service.)
#   scripts/setup.sh          what building and running the app needs
#   scripts/setup.sh --test   plus what the tests need (Xvfb, WebKitWebDriver, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
  librsvg2-dev libsoup-3.0-dev libssl-dev fonts-noto-cjk)
[ $want_test = 1 ] && packages+=(webkit2gtk-driver xvfb xauth xclip fonts-noto-color-emoji procps python3-venv dbus)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    echo "==> Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "==> GroupDesk's UI build needs Node.js 20 or newer (and npm); install it, then run this again." >&2
  exit 1
fi

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> Installing the UI's npm packages"
  # `npm install` (not `ci`): it honours the lock file, and tolerates the optional
  # other-platform binaries of @tauri-apps/cli that some registries do not list.
  npm --prefix ui install --no-audit --no-fund --loglevel=error
fi

if [ $want_test = 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> Installing tauri-driver (2.x)"
  cargo install tauri-driver --version "^2" --locked
fi

if [ $want_test = 1 ] && ! target/pyenv/bin/python -c "import icalendar, recurring_ical_events" 2>/dev/null; then
  # The ICS exports are read back in the tests by independent parsers (Python's icalendar and
  # recurring-ical-events), in a virtual environment of their own (PEP 668 systems refuse
  # installing into the system Python).
  echo "==> Installing the ICS checkers (Python icalendar, recurring-ical-events)"
  mkdir -p target
  python3 -m venv target/pyenv
  target/pyenv/bin/pip install --quiet --disable-pip-version-check "icalendar>=6,<8" "recurring-ical-events>=3,<4"
fi
