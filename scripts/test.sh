#!/usr/bin/env bash
# Set everything up (first time only), then lint, type-check and run the test suite
# offscreen. Extra arguments go to pytest, e.g. ./scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check kiosk packaging_rules tests benchmarks build_installer.spec
.venv/bin/mypy
.venv/bin/kiosk check
.venv/bin/python -m pytest "$@"
