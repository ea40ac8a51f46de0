# Shortcuts for the installer bundle (docs/deploy.md). The README's two commands
# (scripts/run.sh, scripts/test.sh) and scripts/bundle.sh need no make.
#
#   make bundle         build the one-folder bundle dist/kiosk/ (= ./scripts/bundle.sh)
#   make bundle-smoke   smoke-test the built bundle (builds it first if there is none)

.PHONY: bundle bundle-smoke

bundle:
	./scripts/bundle.sh

dist/kiosk/kiosk:
	./scripts/bundle.sh

bundle-smoke: dist/kiosk/kiosk
	./scripts/bundle_smoke.sh dist/kiosk
