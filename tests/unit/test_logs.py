"""The log file: private to the kiosk user, also after a rollover."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_the_log_folder_and_files_are_private(tmp_path: Path, root_handlers: None) -> None:
    path = logs.setup_logging("INFO", tmp_path / "logs")
    assert path is not None
    logging.getLogger("kiosk.test").info("an event")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "kiosk_file", False))
    assert isinstance(handler, logs.PrivateRotatingFileHandler)
    handler.doRollover()
    logging.getLogger("kiosk.test").info("another event")
    for file in path.parent.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_an_old_readable_log_file_is_made_private(tmp_path: Path, root_handlers: None) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    old = folder / logs.LOG_FILE
    old.write_text("older lines\n")
    old.chmod(0o644)
    logs.setup_logging("INFO", folder)
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert old.read_text().startswith("older lines\n")
