"""A page's front matter (the YAML between the ``---`` lines), read defensively.

YAML turns ``room: 2026-02-30`` into a date (and fails), ``!!int abc`` into a number (and
fails), a number of thousands of digits into an error from Python, and silently keeps the
last of two equal keys. So the document is composed first (syntax errors keep their
line), then each key and value is constructed on its own: a value that cannot be built is
one error at its own line, and the page's other keys still count. Nesting beyond
:data:`~kiosk.problems.MAX_NESTING` is refused before the C parser sees it (it recurses
on the C stack and crashes the process on a few thousand levels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.problems import MAX_NESTING, Collector, shorten

try:  # the C parser is several times faster; fall back where libyaml is missing
    _BaseLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

_FLOW_TOKEN_RE = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:^|(?<=\s))\#.*|[\[\]{}]""")
_BLOCK_ENTRY_RE = re.compile(r"(?:[-?:][ \t]+)*")
_CLOSE_RE = re.compile(r"^[ \t]*(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# YAML can only nest deeper than MAX_NESTING with that many brackets or a line with at
# least half that many characters of indentation and entry marks in front of it.
_DEEP_PREFIX_RE = re.compile(rf"^[ \t?:-]{{{MAX_NESTING // 2},}}", re.MULTILINE)


@dataclass
class FrontMatter:
    """The values of a page's front matter, the line of each key, and where the body starts."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, key: str) -> int:
        return self.lines.get(key, 2)


def yaml_hazard(raw: str) -> tuple[int, str] | None:
    """(0-based line, reason) where the YAML nests deeper than MAX_NESTING, by indentation,
    sequence dashes or brackets; None when it does not."""
    if raw.count("[") + raw.count("{") <= MAX_NESTING // 2 and not _DEEP_PREFIX_RE.search(raw):
        return None
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(raw.split("\n")):
        stripped = line.lstrip(" \t")
        block = 0
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            entry = _BLOCK_ENTRY_RE.match(stripped)
            block = len(indents) + (entry.group(0).count("-") + entry.group(0).count("?") if entry else 0)
            if block > MAX_NESTING:
                return number, f"nested deeper than {MAX_NESTING} levels"
        for match in _FLOW_TOKEN_RE.finditer(line):
            token = match.group(0)
            if token in "[{":
                flow += 1
                if block + flow > MAX_NESTING:
                    return number, f"brackets nested deeper than {MAX_NESTING} levels"
            elif token in "]}":
                flow = max(0, flow - 1)
    return None


def _value_problem(key: str, node: yaml.Node, exc: Exception) -> str:
    written = shorten(str(node.value), 40) if isinstance(node, yaml.ScalarNode) else ""
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "timestamp":
        return (
            f"{key}: '{written}' is not a real date or time ({shorten(str(exc), 60)}); "
            "put it in quotes if it is meant as text"
        )
    if tag == "int":
        return f"{key}: '{written}' is not a whole number that can be read; put it in quotes if it is text"
    if tag == "float":
        return f"{key}: '{written}' is not a number that can be read; put it in quotes if it is text"
    reason = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    return f"{key}: the value cannot be read ({shorten(str(reason), 80)})"


def read_front_matter(text: str, path: Path, collector: Collector) -> FrontMatter | None:
    """The front matter and body of a page's text; None when the page has no usable front
    matter (the problem is recorded). Never raises."""
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else None].strip() != "---":
        collector.error(path, 1, "page must start with front matter between '---' lines")
        return None
    close = _CLOSE_RE.search(text, first_end + 1) if first_end >= 0 else None
    if close is None:
        collector.error(path, 1, "front matter is not closed with a '---' line")
        return None
    raw = text[first_end + 1 : close.start()]
    body_start = text.find("\n", close.start())
    body_line = text.count("\n", 0, close.start()) + 2
    hazard = yaml_hazard(raw)
    if hazard is not None:
        collector.error(path, hazard[0] + 2, f"malformed front matter: {hazard[1]}")
        return None
    found = FrontMatter(body=text[body_start + 1 :] if body_start >= 0 else "", body_line=body_line)
    loader = _BaseLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return found
        if not isinstance(node, yaml.MappingNode):
            collector.error(path, 2, "front matter must be 'key: value' lines")
            return None
        for key_node, value_node in node.value:
            _read_entry(loader, key_node, value_node, found, path, collector)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        collector.error(path, line, f"malformed front matter: {problem}")
        return None
    except (ValueError, RecursionError, MemoryError) as exc:  # whatever the parser did not foresee
        collector.error(path, 2, f"malformed front matter: {type(exc).__name__}: {shorten(str(exc), 80)}")
        return None
    finally:
        loader.dispose()
    return found


def _read_entry(
    loader: Any,
    key_node: yaml.Node,
    value_node: yaml.Node,
    found: FrontMatter,
    path: Path,
    collector: Collector,
) -> None:
    line = key_node.start_mark.line + 2
    if not isinstance(key_node, yaml.ScalarNode):
        collector.error(path, line, "a front matter key must be a word such as title")
        return
    try:
        key = loader.construct_object(key_node, deep=True)
    except Exception as exc:  # noqa: BLE001 - any construction failure is the writer's
        collector.error(path, line, _value_problem("key", key_node, exc))
        return
    key = str(key)
    if key in found.lines:
        collector.error(
            path,
            line,
            f"'{shorten(key, 40)}' is given twice (first on line {found.lines[key]}); "
            "this one is ignored",
        )
        return
    found.lines[key] = line
    try:
        found.values[key] = loader.construct_object(value_node, deep=True)
    except Exception as exc:  # noqa: BLE001 - any construction failure is the writer's
        message = _value_problem(shorten(key, 40), value_node, exc)
        collector.error(path, value_node.start_mark.line + 2, message)
