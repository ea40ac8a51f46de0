"""``pronunciation.toml``: the staff's lexicon, read and checked with file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.content import load_content
from kiosk.content.pronunciation import FILE_NAME, LexiconEntry, load_pronunciation
from tests.conftest import ContentBuilder

Make = Callable[[str], ContentBuilder]
LANGUAGES = ("pl", "en")


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    return tmp_path


def problems(root: Path) -> list[str]:
    return [p.format(root) for p in load_pronunciation(root, LANGUAGES).problems]


def test_entries_by_language_with_their_lines(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        '# staff entries\n[pl]\n"USC" = "u es ce"\nePUAP = "e pe u a pe"\n\n'
        '[en]\n"ePUAP" = "e-pew-up"\n"pok." = { say = "room", ignore_case = true }\n',
    )
    lexicon = load_pronunciation(root, LANGUAGES)
    assert lexicon.problems == []
    assert lexicon.lexicon("pl") == (LexiconEntry("USC", "u es ce"), LexiconEntry("ePUAP", "e pe u a pe"))
    assert [e.line for e in lexicon.lexicon("pl")] == [3, 4]
    assert lexicon.lexicon("en")[1] == LexiconEntry("pok.", "room", ignore_case=True)
    assert lexicon.lexicon("pl_PL") == lexicon.lexicon("pl")
    assert lexicon.lexicon("uk") == ()


def test_no_file_is_no_entries_and_no_problems(tmp_path: Path) -> None:
    lexicon = load_pronunciation(tmp_path, LANGUAGES)
    assert lexicon.entries == {} and lexicon.problems == []


def test_every_problem_has_file_and_line_and_the_good_entries_stay(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "[pl]\n"  # 1
        '"USC" = "u es ce"\n'  # 2
        '"" = "nic"\n'  # 3
        '"ZUS" = 5\n'  # 4
        '"USC" = "usc"\n'  # 5
        '"BIP" = ""\n'  # 6
        '"PSZOK" = { say = "pe szok", ignore_case = "yes" }\n'  # 7
        '"MGOPS" = "em gops"\n'  # 8
        "\n"  # 9
        "[de]\n"  # 10
        '"Rathaus" = "rat haus"\n'  # 11
        "[pl]\n"  # 12
        '"PFRON" = "pe fron"\n'  # 13
        '"MGOPS" = "mgops"\n',  # 14
    )
    assert problems(root) == [
        "pronunciation.toml:3: error: the word is empty; write the word to replace in the quotes",
        "pronunciation.toml:4: error: the spoken form of 'ZUS' must be text in quotes: "
        '"ZUS" = "…" (or { say = "…", ignore_case = true })',
        "pronunciation.toml:5: error: 'USC' is given twice in [pl] (first at line 2); this one is ignored",
        "pronunciation.toml:6: error: the spoken form of 'BIP' is empty; the word would not be read",
        "pronunciation.toml:7: error: ignore_case for 'PSZOK' must be true or false",
        "pronunciation.toml:10: warning: [de] is not one of the site's languages ['pl', 'en']; "
        "its entries are not used",
        "pronunciation.toml:12: error: [pl] is written twice (first at line 1); its entries are joined",
        "pronunciation.toml:14: error: 'MGOPS' is given twice in [pl] (first at line 8); this one is ignored",
    ]
    lexicon = load_pronunciation(root, LANGUAGES)
    assert {e.word: e.spoken for e in lexicon.lexicon("pl")} == {
        "USC": "u es ce",
        "MGOPS": "em gops",
        "PFRON": "pe fron",
    }
    assert "de" not in lexicon.entries


def test_malformed_toml_is_one_error_with_its_line(tmp_path: Path) -> None:
    root = write(tmp_path, '[pl]\n"USC" = "u es ce"\n"ZUS" = zet u es\n')
    [problem] = problems(root)
    assert problem.startswith("pronunciation.toml:3: error: malformed TOML:")


def test_a_word_outside_a_language_table(tmp_path: Path) -> None:
    root = write(tmp_path, '"USC" = "u es ce"\n[pl]\n"ZUS" = "zus"\n')
    assert problems(root) == [
        "pronunciation.toml:1: error: 'USC' is not under a language: put a line such as [pl] above it"
    ]
    assert load_pronunciation(root, LANGUAGES).lexicon("pl") == (LexiconEntry("ZUS", "zus"),)


def test_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes('[pl]\n"ZUS" = "zus"\n"Łódź" = "łudź"\n'.encode("cp1250"))
    [problem] = problems(tmp_path)
    assert problem.startswith("pronunciation.toml:3: error: file is not valid UTF-8")


def test_content_carries_the_lexicon_and_check_reports_its_problems(
    make_content: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    c = make_content("lexicon")
    c.simple("hours", "Godziny", "Hours")
    write(c.root, '[pl]\n"USC" = "u es ce"\n"ZUS" = 1\n[de]\n"A" = "a"\n')
    content = load_content(c.root)
    assert content.pronunciation.lexicon("pl") == (LexiconEntry("USC", "u es ce"),)
    assert [(p.line, p.severity) for p in content.problems if p.path.name == FILE_NAME] == [
        (3, "error"),
        (4, "warning"),
    ]
    assert main(["check", str(c.root)]) == 1
    out = capsys.readouterr().out
    assert "pronunciation.toml:3: error: the spoken form of 'ZUS' must be text in quotes" in out
    assert "pronunciation.toml:4: warning: [de] is not one of the site's languages" in out


def test_bundled_sample_lexicon_is_clean(bundled_content_dir: Path) -> None:
    content = load_content(bundled_content_dir)
    assert not [p for p in content.problems if p.path.name == FILE_NAME]
    for lang in content.site.languages:
        assert content.pronunciation.lexicon(lang), lang


def test_a_dotted_table_is_not_a_repeated_language(tmp_path: Path) -> None:
    root = write(tmp_path, '[pl.skroty]\n"a" = "b"\n[pl]\n"ZUS" = "zus"\n')
    found = problems(root)
    assert not any("written twice" in p for p in found)
    assert found == [
        "pronunciation.toml:1: warning: unknown setting 'a' in the entry for 'skroty' is ignored",
        "pronunciation.toml:1: error: the spoken form of 'skroty' must be text in quotes: "
        '"skroty" = "…" (or { say = "…", ignore_case = true })'
    ]
    assert load_pronunciation(root, LANGUAGES).lexicon("pl") == (LexiconEntry("ZUS", "zus"),)
