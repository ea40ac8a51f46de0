#!/usr/bin/env bash
# Chromium for benchmarks/bench_vs_browser.py only (the kiosk itself never needs it).
set -euo pipefail
if ! command -v chromium >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q chromium
fi
chromium --version
