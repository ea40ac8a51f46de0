"""The layout says what it holds: logic packages import no widgets, test doubles never
ship, the window holds no logic of the kiosk's own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", ["content", "search", "today", "floors"])
def test_logic_packages_import_no_widgets(package: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in (PACKAGE / package).rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(("PySide6.QtWidgets", "kiosk.ui"))
    ]
    assert offenders == []


def test_i18n_and_the_controller_import_no_widgets() -> None:
    for name in ("i18n.py", "controller.py", "languages.py", "vocabulary.py", "session.py"):
        modules = imported_modules(PACKAGE / name)
        assert not [m for m in modules if m.startswith(("PySide6.QtWidgets", "kiosk.ui"))], name


def test_no_test_double_ships_in_the_package() -> None:
    names = {"RecordingEngine", "FakeView", "FakeClock", "write_tone", "write_silence"}
    offenders = [
        f"{path.relative_to(PACKAGE)}: {node.name}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name in names
    ]
    assert offenders == []
