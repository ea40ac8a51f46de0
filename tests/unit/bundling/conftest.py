"""The installer spec's own declarations, read without running PyInstaller."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from packaging_rules import pruning

SPEC = Path(__file__).resolve().parents[3] / "build_installer.spec"
RULE_NAMES = ("BABEL_KEEP", "QT_TRANSLATION", "QT_PLUGINS_KEEP", "QT_LIBS_UNWANTED", "SYSTEM_ONLY",
              "DROPPED_BINARIES", "DROPPED_DATA")


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def spec_declarations(names: tuple[str, ...] = RULE_NAMES) -> dict[str, Any]:
    """The values the spec assigns to ``names`` (literals, sets and ``re.compile`` calls)."""
    found: dict[str, Any] = {}
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in names:
                code = compile(ast.Expression(node.value), str(SPEC), "eval")
                found[target.id] = eval(code, {"__builtins__": {"frozenset": frozenset}, "re": re})
    missing = set(names) - set(found)
    assert not missing, f"build_installer.spec no longer declares {sorted(missing)}"
    return found


@pytest.fixture(scope="session")
def spec_rules() -> pruning.Rules:
    """The pruning rules exactly as build_installer.spec declares them."""
    declared = spec_declarations()
    return pruning.Rules(
        babel_keep=declared["BABEL_KEEP"],
        qt_translation=declared["QT_TRANSLATION"],
        qt_plugins_keep=declared["QT_PLUGINS_KEEP"],
        qt_libs_unwanted=declared["QT_LIBS_UNWANTED"],
        system_only=declared["SYSTEM_ONLY"],
        dropped_binaries=declared["DROPPED_BINARIES"],
        dropped_data=declared["DROPPED_DATA"],
    )
