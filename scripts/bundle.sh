#!/usr/bin/env bash
# Build the installer bundle dist/kiosk/ (docs/deploy.md), on a fresh Debian machine too:
#   ./scripts/bundle.sh            (or: make bundle)
# Runs scripts/setup.sh first (system packages, .venv with PyInstaller; binutils, which
# PyInstaller needs to read and strip libraries, is among them), then PyInstaller on
# build_installer.spec. Extra arguments go to PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build "$@" build_installer.spec
echo "bundle: dist/kiosk/ ($(du -sh dist/kiosk | cut -f1)); copy this folder to the kiosk (docs/deploy.md)"
