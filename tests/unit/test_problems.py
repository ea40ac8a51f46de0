"""The one reader for files staff write: text, TOML, lines and how problems are printed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.problems import (
    Collector,
    LineFinder,
    Problem,
    parse_toml,
    printable,
    read_text,
    read_toml,
)

ROOT = Path(__file__).resolve().parents[2]


def read(tmp_path: Path, data: bytes, max_bytes: int = 1000) -> tuple[str | None, list[Problem]]:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    collector = Collector()
    return read_text(path, collector, max_bytes), collector.problems


def test_text_drops_the_bom_and_turns_every_line_ending_into_lf(tmp_path: Path) -> None:
    text, problems = read(tmp_path, "\ufeffa\r\nb\rc\nd".encode())
    assert (text, problems) == ("a\nb\nc\nd", [])


def test_bad_utf8_names_its_line(tmp_path: Path) -> None:
    text, problems = read(tmp_path, b"a\nb\n\xff\n")
    assert text is None
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "not valid UTF-8 (byte 0xff)" in problems[0].message


@pytest.mark.parametrize(("data", "name"), [(b"a\n\x00", "U+0000"), (b"a\n\n\x1b[2J", "U+001B;")])
def test_control_characters_name_their_line(tmp_path: Path, data: bytes, name: str) -> None:
    text, problems = read(tmp_path, data)
    assert text is None
    assert problems[0].line == data.count(b"\n") + 1
    assert name in problems[0].message


def test_a_file_over_the_limit_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    text, problems = read(tmp_path, b"x" * 5000, max_bytes=1000)
    assert text is None
    assert problems[0].line == 1
    assert "too large (5 KB; the limit is 1 KB)" in problems[0].message


def test_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    collector = Collector()
    assert read_text(tmp_path, collector) is None  # a folder
    assert "cannot read the file" in collector.problems[0].message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('a = 1\nb = "x\n', 2, "malformed TOML: "),
        ("a = 1\n\nb = " + "9" * 5000, 3, "a number of 5000 digits"),
        ("a = 1\nb = " + "[" * 50_000 + "]" * 50_000, 2, "nested deeper than 20 levels"),
        ("x = 1\n[t]\ny = {a = {b = {c = " + "[" * 30 + "]" * 30 + "}}}", 3, "nested deeper"),
    ],
)
def test_toml_errors_keep_their_exact_line(text: str, line: int, message: str) -> None:
    collector = Collector()
    assert parse_toml(text, Path("x.toml"), collector) is None
    [problem] = collector.problems
    assert problem.line == line
    assert message in problem.message
    assert "(at line" not in problem.message


def test_long_numbers_and_brackets_inside_strings_and_comments_are_fine() -> None:
    text = f'a = "{"9" * 500}"\nb = \'[[[[[[[[[[[[[[[[[[[[[[[[[\'\n# {"[" * 100}\nc = """\n{"{" * 50}\n"""\n'
    collector = Collector()
    data = parse_toml(text, Path("x.toml"), collector)
    assert collector.problems == []
    assert data is not None and data["c"] == "{" * 50 + "\n"


def test_read_toml_gives_the_data_and_its_line_finder(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("# name = 'in a comment'\n[office]\nname = 'x'\n", encoding="utf-8")
    parsed = read_toml(path, Collector())
    assert parsed is not None
    data, finder = parsed
    assert data == {"office": {"name": "x"}}
    assert (finder.key("office"), finder.key("name"), finder.find("name")) == (2, 3, 3)


def test_the_line_finder_skips_comments_and_counts_from_the_first_line() -> None:
    text = "# tip here\ntip = 1\n  # [[tip]]\n[[tip]]\n"
    finder = LineFinder(text)
    assert finder.find("tip") == 2
    assert finder.find("[[tip]]") == 4
    assert finder.key("tip") == 2
    assert finder.key("tip", start_line=3) == 4
    assert finder.find("tip", end_line=2) is None
    body = LineFinder("# Heading [x](page:a)\ntext\n", comment_prefix=None, first_line=10)
    assert body.find("page:a") == 10  # a Markdown heading is not a comment
    assert body.line_at(len("# Heading [x](page:a)\nte")) == 11


def test_the_line_finder_is_linear_in_the_number_of_lookups() -> None:
    text = "\n".join(f"[{n}](page:missing-{n})" for n in range(20_000))
    finder = LineFinder(text, None)
    line = 1
    for n in range(20_000):  # each search starts from the previous line, as the renderer does
        found = finder.find(f"page:missing-{n})", line)
        assert found == n + 1
        line = found


def test_problems_never_print_control_characters() -> None:
    problem = Problem(Path("/c/pages/tax\n\x1b[31m"), None, "error", "bad \u202eexe.txt\x00")
    shown = problem.format(Path("/c"))
    assert shown == "pages/tax\\n\\x1b[31m: error: bad \\u202eexe.txt\\x00"
    assert printable("zażółć\tgęślą") == "zażółć\\tgęślą"


def test_no_other_module_parses_toml_positions_or_finds_lines_itself() -> None:
    """One reader: nothing in the package but kiosk/problems.py matches the parser's
    "(at line N" or defines a line finder of its own."""
    offenders = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        if path.name == "problems.py" and path.parent.name == "kiosk":
            continue
        source = path.read_text(encoding="utf-8")
        if "at line (" in source:
            offenders.append(f"{path}: TOML position regex")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name in ("line_of", "_line_of", "_key_lines"):
                offenders.append(f"{path}: {node.name}")
    assert offenders == []


def test_the_problems_module_imports_nothing_of_the_kiosk() -> None:
    tree = ast.parse((ROOT / "kiosk" / "problems.py").read_text(encoding="utf-8"))
    imported = [
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    ] + [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [name for name in imported if name.startswith("kiosk")]
