#!/usr/bin/env bash
# Turn a fresh Debian machine into a locked town-hall kiosk (see docs/deploy.md).
#
#   sudo ./deploy/install.sh BUNDLE_DIR            # the folder with the kiosk executable
#   sudo CONTENT_REPO=https://… ./deploy/install.sh BUNDLE_DIR
#   echo 2580 | sudo ./deploy/install.sh --pin-from-stdin BUNDLE_DIR   # for automation
#
# Installs cage and the libraries the kiosk needs, creates the user "kiosk", copies the
# bundle to /opt/mszczonow-kiosk, writes /etc/mszczonow-kiosk/kiosk.toml if it is
# missing (never overwrites it), clones the content repository if CONTENT_REPO is
# given, and installs and enables the systemd units. Safe to run again, e.g. to install
# a new bundle: it only changes what is not as it should be. Reboot afterwards.
#
# The staff PIN: there is no default PIN, and the staff panel does not open until one
# is set. When kiosk.toml has no usable PIN yet, the installer asks for one on the
# terminal (kiosk set-pin, the PIN twice, hidden); with --pin-from-stdin it reads the
# PIN from the first line of standard input instead (and sets it even when one is set).
# With neither a terminal nor --pin-from-stdin it says that no PIN is set and goes on.
set -euo pipefail

APP=mszczonow-kiosk
KIOSK_USER=kiosk
PREFIX=/opt/$APP
CONFIG_DIR=/etc/$APP
CONFIG=$CONFIG_DIR/kiosk.toml
STATE_DIR=/var/lib/$APP
CONTENT_DIR=$STATE_DIR/content
UNIT_DIR=/etc/systemd/system
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { echo "install: $*"; }
die() { echo "install: error: $*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  die "run me as root: sudo $0 $*"
fi
PIN_FROM_STDIN=no
if [ "${1:-}" = "--pin-from-stdin" ]; then
  PIN_FROM_STDIN=yes
  shift
fi
if [ $# -ne 1 ]; then
  die "usage: sudo $0 [--pin-from-stdin] BUNDLE_DIR   (the folder that holds the 'kiosk' executable)"
fi
# Read the PIN now, before anything changes: a script that forgot it fails at once.
PIN=""
if [ "$PIN_FROM_STDIN" = yes ]; then
  IFS= read -r PIN || true
  PIN="${PIN%$'\r'}"
  [[ "$PIN" =~ ^[0-9]{4,8}$ ]] || die "--pin-from-stdin: the first line of standard input must be a PIN of 4 to 8 digits"
fi
BUNDLE="$(cd "$1" && pwd)" || die "no such folder: $1"
[ -x "$BUNDLE/kiosk" ] || die "$BUNDLE/kiosk is missing or not executable: give the bundle folder"
command -v apt-get >/dev/null || die "this installer is for Debian (apt-get not found)"

# --- packages -----------------------------------------------------------------------
# cage and its session (logind over D-Bus, pam_systemd; Debian 12's cage 0.1.4 refuses
# to start without Xwayland); the system libraries the bundle takes from the machine
# (tests/bundle/test_bundle.py checks this list against the bundle); speech and a sound
# server in the kiosk user's session (PipeWire, started with it by systemd); printing;
# git for content updates. A name in "new|old" form is tried in that order (Debian 13
# renamed some libraries).
PACKAGES=(
  cage xwayland dbus libpam-systemd
  libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0 libxcb1
  libegl1 libgl1 libopengl0 libdrm2 libfontconfig1 libfreetype6 "libglib2.0-0t64|libglib2.0-0"
  libdbus-1-3 "libssl3t64|libssl3" libgssapi-krb5-2 fonts-dejavu-core
  espeak-ng "libespeak-ng1" libpulse0 "libasound2t64|libasound2" pipewire-pulse wireplumber
  "libcups2t64|libcups2"
  git ca-certificates
)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
export DEBIAN_FRONTEND=noninteractive
updated=no
for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r -a choices <<<"$entry"
  done_one=no
  for package in "${choices[@]}"; do
    if installed "$package"; then done_one=yes; break; fi
  done
  [ "$done_one" = yes ] && continue
  if [ "$updated" = no ]; then apt-get update -qq; updated=yes; fi
  for package in "${choices[@]}"; do
    if apt-cache show "$package" >/dev/null 2>&1; then
      say "installing $package"
      apt-get install -y -qq --no-install-recommends "$package"
      done_one=yes
      break
    fi
  done
  [ "$done_one" = yes ] || die "no package found for: $entry"
done

# --- the user -----------------------------------------------------------------------
# An ordinary user with no password (nobody can log in as it; the service starts its
# session) and no login shell.
if ! id "$KIOSK_USER" >/dev/null 2>&1; then
  say "creating the user $KIOSK_USER"
  useradd --create-home --shell /usr/sbin/nologin --comment "Town-hall kiosk" "$KIOSK_USER"
fi
for group in audio video render; do
  if getent group "$group" >/dev/null && ! id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group"; then
    usermod -aG "$group" "$KIOSK_USER"
  fi
done

# --- the bundle ---------------------------------------------------------------------
if [ "$BUNDLE" != "$PREFIX" ]; then
  say "copying the bundle to $PREFIX"
  rm -rf "$PREFIX.new"
  cp -a "$BUNDLE" "$PREFIX.new"
  chown -R root:root "$PREFIX.new"
  chmod -R go-w "$PREFIX.new"
  rm -rf "$PREFIX.old"
  if [ -e "$PREFIX" ]; then mv "$PREFIX" "$PREFIX.old"; fi
  mv "$PREFIX.new" "$PREFIX"
  rm -rf "$PREFIX.old"
fi
# 'kiosk' on the PATH for staff (sudo kiosk set-pin, kiosk check …).
printf '#!/bin/sh\nexec %s/kiosk "$@"\n' "$PREFIX" >/usr/local/bin/kiosk
chmod 0755 /usr/local/bin/kiosk

# --- content ------------------------------------------------------------------------
install -d -o "$KIOSK_USER" -g "$KIOSK_USER" -m 0755 "$STATE_DIR"
if [ -n "${CONTENT_REPO:-}" ] && [ ! -d "$CONTENT_DIR/.git" ]; then
  say "cloning the content from $CONTENT_REPO"
  runuser -u "$KIOSK_USER" -- git clone --quiet "$CONTENT_REPO" "$CONTENT_DIR"
fi

# --- configuration ------------------------------------------------------------------
install -d -o root -g "$KIOSK_USER" -m 0750 "$CONFIG_DIR"
if [ ! -e "$CONFIG" ]; then
  say "writing $CONFIG"
  content=""
  if [ -d "$CONTENT_DIR/.git" ]; then content="$CONTENT_DIR"; fi
  cat >"$CONFIG" <<EOF
# Configuration of this kiosk. 'kiosk config show --config $CONFIG' lists every
# setting with its default; check your edits with 'kiosk config check $CONFIG'.
version = 1

# Content folder (empty: the sample content bundled with the kiosk).
content = "$content"

# Where this kiosk stands, for the map ("You are here").
kiosk_position = ""

# staff_pin_hash is written by 'sudo kiosk set-pin'. There is no default PIN: until
# it is set, the staff panel does not open.
EOF
fi
chown root:"$KIOSK_USER" "$CONFIG"
chmod 0640 "$CONFIG"

# --- the staff PIN ------------------------------------------------------------------
# set-pin writes the file root:kiosk 0640 (the kiosk reads it, nobody else does). The
# PIN never appears on a command line: printf is a shell builtin.
set_pin() { "$PREFIX/kiosk" set-pin --config "$CONFIG" --user "$KIOSK_USER" "$@"; }
PIN_SET=no
if [ "$PIN_FROM_STDIN" = yes ]; then
  printf '%s\n%s\n' "$PIN" "$PIN" | set_pin >/dev/null || die "the staff PIN was not set (see above); run: sudo kiosk set-pin"
  PIN=""
  say "staff PIN set"
  PIN_SET=yes
elif set_pin --check >/dev/null 2>&1; then
  say "a staff PIN is already set (change it with: sudo kiosk set-pin)"
  PIN_SET=yes
elif [ -t 0 ]; then
  say "choose the staff PIN (4 to 8 digits; it opens the staff panel on the kiosk)"
  for _attempt in 1 2 3; do
    if set_pin; then PIN_SET=yes; break; fi
  done
  [ "$PIN_SET" = yes ] || say "warning: no staff PIN set; the staff panel stays closed until: sudo kiosk set-pin"
else
  say "warning: no terminal and no --pin-from-stdin: no staff PIN set; the staff panel stays closed until: sudo kiosk set-pin"
fi
# 'kiosk config show' and 'kiosk set-pin' find the file without --config.
install -d -m 0755 "/etc/xdg/$APP"
ln -sfn "$CONFIG" "/etc/xdg/$APP/kiosk.toml"

# --- the services -------------------------------------------------------------------
install -m 0644 "$HERE/pam-mszczonow-kiosk" /etc/pam.d/$APP
for unit in kiosk.service content-update.service content-update.timer; do
  install -m 0644 "$HERE/$unit" "$UNIT_DIR/$unit"
done
systemctl daemon-reload
systemctl set-default graphical.target
systemctl enable kiosk.service content-update.timer
# No getty on tty1 (the kiosk takes it), no suspend, no Ctrl+Alt+Del reboot.
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl mask sleep.target suspend.target hibernate.target hybrid-sleep.target ctrl-alt-del.target

# --- lockdown of the console --------------------------------------------------------
# No magic SysRq keys from a visitor's keyboard.
echo "kernel.sysrq = 0" >/etc/sysctl.d/90-$APP.conf
# The text console never blanks (cage itself has no blanking); takes effect on reboot.
if [ -f /etc/default/grub ] && ! grep -q 'consoleblank=0' /etc/default/grub; then
  say "adding consoleblank=0 to the kernel command line"
  sed -i -E 's/^(GRUB_CMDLINE_LINUX_DEFAULT=")/\1consoleblank=0 /' /etc/default/grub
  if command -v update-grub >/dev/null; then update-grub; fi
fi

# A kiosk already running (a re-run with a new bundle) switches to the new one now.
systemctl try-restart kiosk.service || true

if [ "$PIN_SET" = yes ]; then
  say "done. Reboot."
else
  say "done. Set the staff PIN with 'sudo kiosk set-pin', then reboot."
fi
