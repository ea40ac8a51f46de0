"""Fail a test that logs an unexpected warning or error (after qutebrowser's logfail).

Every record of level WARNING or above from the kiosk's own loggers is collected while a
test runs. A test that expects such records says so: by using ``caplog`` (it then
examines the log itself) or with ``@pytest.mark.allow_log_warnings``.
"""

from __future__ import annotations

import logging

import pytest


class LogFailHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "kiosk" or record.name.startswith("kiosk."):
            self.records.append(record)


_handler = LogFailHandler()


def install() -> None:
    root = logging.getLogger()
    if _handler not in root.handlers:
        root.addHandler(_handler)


@pytest.fixture(autouse=True)
def fail_on_unexpected_log(request: pytest.FixtureRequest) -> object:
    _handler.records.clear()
    yield
    records, _handler.records = list(_handler.records), []
    if not records or "caplog" in request.fixturenames:
        return
    if request.node.get_closest_marker("allow_log_warnings") is not None:
        return
    lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in records)
    pytest.fail(f"unexpected warnings or errors in the log:\n{lines}", pytrace=False)
