#!/usr/bin/env bash
# Set everything up (first time only) and start the kiosk on the bundled content.
# Extra arguments go to the kiosk, e.g. ./scripts/run.sh --windowed
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/kiosk "$@"
