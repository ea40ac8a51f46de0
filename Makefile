# Staff and developer shortcuts. The README's two commands (scripts/run.sh, scripts/test.sh)
# need no make; these targets are for the installer bundle (docs/deploy.md).
#
#   make bundle         build the one-folder bundle dist/kiosk/ (runs setup first if needed)
#   make bundle-smoke   smoke-test the built bundle (builds it first if there is none)

PYTHON := .venv/bin/python
SETUP_STAMP := .venv/.kiosk-installed

.PHONY: bundle bundle-smoke

# scripts/setup.sh installs system packages, creates .venv and installs the kiosk with
# its pinned dependencies (PyInstaller included); its stamp is newer than pyproject.toml
# once that is done.
$(SETUP_STAMP): pyproject.toml
	./scripts/setup.sh

# PyInstaller needs binutils on Linux (objdump to read libraries, strip to shrink them).
bundle: $(SETUP_STAMP)
	@if [ "$$(uname -s)" = Linux ] && ! command -v objdump >/dev/null; then \
	  echo "make bundle: installing binutils (PyInstaller needs objdump and strip)"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends binutils; \
	fi
	$(PYTHON) -m PyInstaller --noconfirm --log-level WARN \
	  --distpath dist --workpath build build_installer.spec
	@echo "make bundle: dist/kiosk/ ($$(du -sh dist/kiosk | cut -f1)); copy this folder to the kiosk (docs/deploy.md)"

dist/kiosk/kiosk:
	$(MAKE) bundle

bundle-smoke: dist/kiosk/kiosk
	./scripts/bundle_smoke.sh dist/kiosk
