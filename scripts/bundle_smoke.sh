#!/usr/bin/env bash
# Smoke test of the built one-folder bundle (issue 9):
#   ./scripts/bundle_smoke.sh [BUNDLE_DIR]        (default: dist/kiosk, built by ./scripts/bundle.sh)
#
# Runs dist/kiosk/kiosk with a clean environment (env -i: PATH=/usr/bin:/bin, a fresh
# HOME, QT_QPA_PLATFORM=offscreen) from another working directory, so that it cannot lean
# on the venv, and checks: --help; check (exit 0); render (two PNGs); a few seconds of the
# kiosk itself; and, when the bundle has them, today, search, speak (also --play, to the
# sound server in PULSE_SERVER when one is named), print; as root, check, today and render
# again with every Python installation hidden. The text output
# of check, today and search must be identical to the same command run from source
# (.venv/bin/kiosk, same clean environment), with no warning the source run does not
# give. Exit status 0 when everything passed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/kiosk}" 2>/dev/null && pwd)" || { echo "bundle_smoke: no bundle folder ${1:-dist/kiosk}; run ./scripts/bundle.sh" >&2; exit 2; }
BIN="$BUNDLE/kiosk"
SOURCE_BIN="$ROOT/.venv/bin/kiosk"
[ -x "$BIN" ] || { echo "bundle_smoke: $BIN is missing" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bundle-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/run" "$WORK/out"
cd "$WORK/run" || exit 2

failures=0
pass() { printf 'ok    %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; failures=$((failures + 1)); }

clean_env=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" QT_QPA_PLATFORM=offscreen)
# A sound server named by the caller (the test suite's private one, tests/sound.py) is
# passed on, so that speech can be played through it.
if [ -n "${PULSE_SERVER:-}" ]; then
  clean_env+=(PULSE_SERVER="$PULSE_SERVER" QT_AUDIO_BACKEND="${QT_AUDIO_BACKEND:-pulseaudio}")
fi
bundle() { "${clean_env[@]}" "$BIN" "$@"; }
source_kiosk() { "${clean_env[@]}" "$SOURCE_BIN" "$@"; }

# file_ok FILE MAGIC MIN_BYTES: exists, starts with MAGIC, at least MIN_BYTES long
file_ok() {
  [ -f "$1" ] && [ "$(head -c "${#2}" "$1")" = "$2" ] && [ "$(wc -c <"$1")" -ge "$3" ]
}

# problems FILE: the warning and error lines of a log, without their time stamps
problems() { sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ //' "$1" | grep -E 'WARNING|ERROR|CRITICAL|Traceback|[Ee]rror' | sort -u; }

# same_as_source NAME ARGS…: run in the bundle and from source; exit status and stdout equal
same_as_source() {
  local name="$1"; shift
  bundle "$@" >"$WORK/out/$name.bundle" 2>"$WORK/out/$name.bundle.err"
  local status_bundle=$?
  if [ ! -x "$SOURCE_BIN" ]; then
    if [ $status_bundle -eq 0 ]; then pass "kiosk $* (no .venv: not compared with source)"
    else fail "kiosk $* exited $status_bundle"; sed 's/^/      /' "$WORK/out/$name.bundle.err"; fi
    return
  fi
  source_kiosk "$@" >"$WORK/out/$name.source" 2>"$WORK/out/$name.source.err"
  local status_source=$?
  if [ $status_bundle -ne 0 ]; then
    fail "kiosk $* exited $status_bundle in the bundle"; sed 's/^/      /' "$WORK/out/$name.bundle.err"
  elif [ $status_source -ne $status_bundle ]; then
    fail "kiosk $* exited $status_bundle in the bundle, $status_source from source"
  elif ! diff -u "$WORK/out/$name.source" "$WORK/out/$name.bundle" >"$WORK/out/$name.diff"; then
    fail "kiosk $*: output differs from source (- source, + bundle)"; sed 's/^/      /' "$WORK/out/$name.diff"
  elif [ ! -s "$WORK/out/$name.bundle" ]; then
    fail "kiosk $*: no output"
  elif extra="$(comm -13 <(problems "$WORK/out/$name.source.err") <(problems "$WORK/out/$name.bundle.err"))" \
       && [ -n "$extra" ]; then
    # e.g. a data file missing from the bundle that the command works around with a warning
    fail "kiosk $*: warnings only in the bundle:"
    while IFS= read -r line; do printf '      %s\n' "$line"; done <<<"$extra"
  else
    pass "kiosk $* (same as source, $(wc -l <"$WORK/out/$name.bundle") lines)"
  fi
}

echo "bundle_smoke: $BIN (run from $WORK/run, clean environment)"

if bundle --help >"$WORK/out/help" 2>&1; then pass "kiosk --help"
else fail "kiosk --help"; sed 's/^/      /' "$WORK/out/help"; fi
# Subcommands of this build, from the "commands:" section of --help.
commands="$(sed -n '/^commands:/,$p' "$WORK/out/help" | awk 'NF && $1 !~ /:$/ && $1 != "COMMAND" {print $1}')"
has_command() { grep -qx "$1" <<<"$commands"; }

# Every bundled library loads: a damaged one fails only when Qt tries its plugin, and
# silently (Qt Multimedia then just has no backend). Needs some Python to call dlopen.
PY="$ROOT/.venv/bin/python"; [ -x "$PY" ] || PY="$(command -v python3 || true)"
if [ -n "$PY" ] && [ "$(uname -s)" = Linux ]; then
  if (cd "$BUNDLE/_internal" && LD_LIBRARY_PATH="$PWD:$PWD/PySide6/Qt/lib" "$PY" - >"$WORK/out/dlopen" 2>&1 <<'PYTHON'
import ctypes, os, pathlib, sys
bad = []
for path in sorted(pathlib.Path(".").rglob("*.so*")):
    if path.is_symlink() or not path.is_file():
        continue
    try:
        ctypes.CDLL(str(path.resolve()), mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:  # extension modules need the interpreter's symbols: not an error
        if "undefined symbol" not in str(exc):
            bad.append(f"{path}: {exc}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYTHON
  ); then pass "every bundled library loads"
  else fail "bundled libraries that do not load:"; grep -v '^qt\.' "$WORK/out/dlopen" | sed 's/^/      /'; fi
fi

same_as_source check check

render() {
  local out="$WORK/out/$1"; shift
  if bundle render "$@" -o "$out" >"$out.log" 2>&1 && file_ok "$out" $'\x89PNG' 20000; then
    pass "kiosk render $* ($(wc -c <"$out") bytes)"
  else
    fail "kiosk render $*"; sed 's/^/      /' "$out.log"
  fi
}
render home.png home
render iso-9001-en.png iso-9001 --lang en

# The kiosk itself: still running after a few seconds (offscreen), no traceback.
# Started directly, not through bundle(): $! must be the kiosk itself, not a subshell.
"${clean_env[@]}" "$BIN" --windowed >"$WORK/out/kiosk.log" 2>&1 &
kiosk_pid=$!
sleep 5
if kill -0 "$kiosk_pid" 2>/dev/null; then
  kill "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null
  if grep -q "Traceback" "$WORK/out/kiosk.log"; then fail "kiosk (traceback in its log)"; sed 's/^/      /' "$WORK/out/kiosk.log"
  else pass "kiosk --windowed (running after 5 s)"; fi
else
  wait "$kiosk_pid"; fail "kiosk --windowed stopped with status $?"; sed 's/^/      /' "$WORK/out/kiosk.log"
fi

if has_command today; then same_as_source today today --date 2026-06-26 --time 10:00
else echo "skip  today (not in this build)"; fi

if has_command search; then same_as_source search search podatek
else echo "skip  search (not in this build)"; fi

if has_command speak; then
  out="$WORK/out/iso-9001.wav"
  if bundle speak iso-9001 -o "$out" >"$out.log" 2>&1 && file_ok "$out" RIFF 10000; then
    pass "kiosk speak iso-9001 ($(wc -c <"$out") bytes)"
  else
    fail "kiosk speak iso-9001 (needs libespeak-ng1 and espeak-ng-data)"; sed 's/^/      /' "$out.log"
  fi
  # Through the kiosk's own player and Qt Multimedia to a sound device, when the caller
  # named a sound server (without one there is nothing to play to).
  if [ -n "${PULSE_SERVER:-}" ]; then
    if bundle speak iso-9001 --play --limit 2 >"$WORK/out/play.log" 2>&1 \
       && grep -q "2 sentences, .* on " "$WORK/out/play.log"; then
      pass "kiosk speak iso-9001 --play ($(sed -n 's/.* s on //p' "$WORK/out/play.log"))"
    else
      fail "kiosk speak iso-9001 --play"; sed 's/^/      /' "$WORK/out/play.log"
    fi
  else echo "skip  speak --play (no PULSE_SERVER named)"; fi
else echo "skip  speak (not in this build)"; fi

if has_command print; then
  out="$WORK/out/iso-9001.pdf"
  if bundle print iso-9001 -o "$out" >"$out.log" 2>&1 && file_ok "$out" %PDF 1000; then
    detail="$(wc -c <"$out") bytes"
    if command -v pdftotext >/dev/null && [ -x "$SOURCE_BIN" ]; then
      # The printout carries the time of printing: lines with a clock time are not compared.
      pdf_text() { pdftotext -layout "$1" - 2>/dev/null | grep -Ev '[0-9]{1,2}:[0-9]{2}'; }
      source_kiosk print iso-9001 -o "$WORK/out/source.pdf" >/dev/null 2>&1
      if [ "$(pdf_text "$out")" = "$(pdf_text "$WORK/out/source.pdf")" ]; then
        detail="$detail, same text as source"
      else
        detail="TEXT DIFFERS FROM SOURCE"
      fi
    fi
    if [ "$detail" = "TEXT DIFFERS FROM SOURCE" ]; then fail "kiosk print iso-9001: PDF text differs from source"
    else pass "kiosk print iso-9001 ($detail)"; fi
  else
    fail "kiosk print iso-9001"; sed 's/^/      /' "$out.log"
  fi
else echo "skip  print (not in this build)"; fi

# With no Python on the machine: as root, in a mount namespace of its own, every Python
# installation is hidden under an empty folder, and check, today and render still work.
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
  hide=()
  base="$("$PY" -c 'import sys; print(sys.base_prefix)' 2>/dev/null || true)"
  for folder in "$ROOT/.venv" "$base" /usr/lib/python3* /usr/local/lib/python3* /root/.pyenv; do
    if [ -n "$folder" ] && [ -d "$folder" ] && [[ "$BUNDLE/" != "$folder/"* ]]; then hide+=("$folder"); fi
  done
  # shellcheck disable=SC2016 # expanded by the inner shell
  inner='for folder in "$@"; do mount -t tmpfs none "$folder" || exit 3; done
if python3 -c "import encodings" 2>/dev/null; then echo "a Python is still usable"; exit 4; fi
"$KIOSK" check && "$KIOSK" today --date 2026-06-26 --time 10:00 && "$KIOSK" render home -o "$OUT"'
  if unshare --mount --propagation private "${clean_env[@]}" KIOSK="$BIN" OUT="$WORK/out/no-python.png" \
       sh -c "$inner" sh "${hide[@]}" >"$WORK/out/no-python.log" 2>&1 \
     && file_ok "$WORK/out/no-python.png" $'\x89PNG' 20000; then
    pass "with every Python hidden (${#hide[@]} folders): check, today, render"
  else
    fail "with every Python hidden: check, today, render"; sed 's/^/      /' "$WORK/out/no-python.log"
  fi
else echo "skip  no-Python run (needs root and unshare)"; fi

if ((failures)); then
  echo "bundle_smoke: $failures check(s) failed"
  exit 1
fi
echo "bundle_smoke: all passed ($(du -sh "$BUNDLE" | cut -f1) in $BUNDLE)"
