#!/usr/bin/env bash
# Translation catalogs, managed with Babel.
#   ./scripts/i18n.sh extract   collect source strings into kiosk/data/locale/kiosk.pot
#   ./scripts/i18n.sh update    extract, then merge new strings into every .po
#   ./scripts/i18n.sh compile   build the .mo files the kiosk reads
#   ./scripts/i18n.sh init LANG start a catalog for a new language
# Translators edit kiosk/data/locale/<lang>/LC_MESSAGES/kiosk.po, then run "update" and "compile".
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
POT=kiosk/data/locale/kiosk.pot
extract() {
  "$PYBABEL" -q extract -F babel.cfg --no-location --sort-output \
    -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k translate:2 \
    --add-comments=Translators: --project=mszczonow-kiosk --copyright-holder="Mszczonów kiosk" \
    --msgid-bugs-address="" -o "$POT" kiosk
}
case "${1:-}" in
  extract) extract ;;
  update) extract; "$PYBABEL" -q update --no-fuzzy-matching -i "$POT" -d kiosk/data/locale -D kiosk ;;
  compile) "$PYBABEL" compile --statistics -d kiosk/data/locale -D kiosk ;;
  init) "$PYBABEL" init -i "$POT" -d kiosk/data/locale -D kiosk -l "${2:?language code}" ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
