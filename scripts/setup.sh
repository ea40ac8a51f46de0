#!/usr/bin/env bash
# Set up everything the kiosk needs on a fresh Debian/Ubuntu machine:
# system packages (Qt's libraries, fonts, the espeak-ng speech engine, test tools),
# a virtual environment in .venv, and the kiosk itself with pinned dependencies.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt offscreen and on a real screen (xcb)
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0 libfreetype6
  libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  # speech: pyttsx3 drives libespeak-ng; Qt Multimedia's QAudioSink plays it (PulseAudio client)
  espeak-ng libespeak-ng1 libpulse0 libasound2
  # tests: PDF text extraction, a virtual screen, a private sound server to record
  # what the kiosk plays (tests/sound.py)
  poppler-utils xvfb xauth pulseaudio pulseaudio-utils
  # sign-language video: kiosk check reads videos with ffprobe; the tests make videos
  # with ffmpeg (the kiosk plays them through Qt's own FFmpeg, from PySide6-Addons)
  ffmpeg
  # deployment checks: systemd-analyze verify of deploy/*.service, the cage compositor
  systemd cage xwayland libwayland-cursor0 libwayland-egl1
  # the installer bundle: PyInstaller reads and strips libraries with binutils
  binutils
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Package names differ a little between releases (e.g. libasound2t64 on newer
  # Ubuntu); install one by one so that one renamed package does not stop the rest.
  if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    for package in "${missing[@]}"; do
      $SUDO apt-get install -y -qq --no-install-recommends "$package" \
        || echo "setup: warning: could not install $package"
    done
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.kiosk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the kiosk and its Python dependencies"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
# Bytecode for the kiosk's own modules, as an installed kiosk has it: Python reads it even
# where PYTHONDONTWRITEBYTECODE keeps it from writing any (start-up: ~130 ms less).
.venv/bin/python -m compileall -q kiosk >/dev/null || echo "setup: warning: could not byte-compile kiosk/"
echo "setup: ready"
