"""``kiosk search``: what staff get on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.cli import UsageError, _Parser
from kiosk.commands import search as search_command


def run(
    capsys: pytest.CaptureFixture[str], **options: object
) -> tuple[int, list[list[str]], str]:
    status = search_command.run(argparse.Namespace(**options))
    out, err = capsys.readouterr()
    return status, [line.split("\t") for line in out.splitlines()], err


def test_prints_id_title_and_snippet_best_first(
    town_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines, err = run(capsys, query="podatkow", lang="pl", content=town_dir, limit=20)
    assert status == 0
    assert err == ""
    assert all(len(line) == 3 for line in lines)
    # the title page, then the pages saying "podatków" and "podatkowych" in their text
    assert [line[0] for line in lines] == [
        "podatek-od-nieruchomosci", "oplata-skarbowa", "dzialalnosc",
    ]
    assert lines[0][1] == "Podatek od nieruchomości"
    assert "podatków" in lines[1][2]


def test_english_and_limit(town_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, query="stamp duty", lang="en", content=town_dir, limit=1)
    assert status == 0
    assert [line[:2] for line in lines] == [["oplata-skarbowa", "Stamp duty"]]


def test_no_results_exits_zero_with_the_suggestion_on_stderr(
    town_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines, err = run(capsys, query="zaswiadczneie", lang="pl", content=town_dir, limit=5)
    assert status == 0
    assert lines == []
    assert "zaświadczenie" in err


def test_language_defaults_to_the_sites(town_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, query="dowodu", content=town_dir, limit=20)
    assert status == 0
    assert lines[0][0] == "dowod-osobisty"


def test_unknown_language_or_folder_is_a_usage_error(
    town_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError, match="--lang must be one of"):
        run(capsys, query="x", lang="de", content=town_dir, limit=20)
    with pytest.raises(UsageError, match="no such folder"):
        run(capsys, query="x", lang="pl", content=tmp_path / "missing", limit=20)


def test_parser_accepts_the_documented_options(town_dir: Path) -> None:
    parser = _Parser(prog="kiosk")
    sub = parser.add_subparsers(parser_class=_Parser)
    search_command.register(sub)
    args = parser.parse_args(
        ["search", "dowód osobisty", "--lang", "en", "--content", str(town_dir), "--limit", "3"]
    )
    assert (args.query, args.lang, args.content, args.limit) == (
        "dowód osobisty", "en", town_dir, 3,
    )
    assert args.func is search_command.run
    defaults = parser.parse_args(["search", "x"])
    assert not hasattr(defaults, "content") and defaults.limit == 20
    with pytest.raises(UsageError):
        parser.parse_args(["search", "x", "--limit", "0"])
