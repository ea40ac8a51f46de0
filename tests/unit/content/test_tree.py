"""Nothing leaves the content folder: links and special files are errors, never copied."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content.content import load_content
from kiosk.content.tree import copy_tree, link_problems, tree_signature
from tests.conftest import ContentBuilder

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def folder(make_content: Make) -> ContentBuilder:
    c = make_content("tresc")
    c.simple("hours", "Godziny", "Hours")
    return c


def test_a_link_to_a_system_file_is_an_error_not_a_copy(folder: ContentBuilder, tmp_path: Path) -> None:
    secret = folder.root / "pages" / "hours" / "secret.png"
    secret.symlink_to("/etc/passwd")
    problems = copy_tree(folder.root, tmp_path / "copy")
    assert [p.format(folder.root) for p in problems] == [
        "pages/hours/secret.png: error: symbolic link (to /etc/passwd) is not allowed: content "
        "must be real files inside the folder; put a copy of the file here instead"
    ]
    copied = tmp_path / "copy" / "pages" / "hours"
    assert sorted(p.name for p in copied.iterdir()) == ["en.md", "pl.md"]


def test_a_link_to_the_folder_itself_does_not_recurse(folder: ContentBuilder, tmp_path: Path) -> None:
    (folder.root / "pages" / "loop").symlink_to(".")
    (folder.root / "all").symlink_to(folder.root)
    problems = copy_tree(folder.root, tmp_path / "copy")
    assert sorted((p.path.name, p.severity) for p in problems) == [("all", "error"), ("loop", "error")]
    assert sorted(str(p.relative_to(tmp_path / "copy")) for p in (tmp_path / "copy").rglob("*")) == [
        "pages",
        "pages/hours",
        "pages/hours/en.md",
        "pages/hours/pl.md",
        "site.toml",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_an_error_and_the_copy_does_not_hang(folder: ContentBuilder, tmp_path: Path) -> None:
    os.mkfifo(folder.root / "pages" / "hours" / "plan.png")
    done: list[list[object]] = []
    worker = threading.Thread(target=lambda: done.append(list(copy_tree(folder.root, tmp_path / "copy"))))
    worker.start()
    worker.join(timeout=10)
    assert done, "copying a folder with a named pipe hung"
    assert [p.message for p in done[0]] == [  # type: ignore[attr-defined]
        "not a regular file or folder (a device, pipe or socket)"
    ]


def test_kiosk_check_reports_every_link(folder: ContentBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    (folder.root / "pages" / "hours" / "secret.png").symlink_to("/etc/passwd")
    (folder.root / "shared").symlink_to("/usr/share")
    status = cli.main(["check", str(folder.root)])
    out = capsys.readouterr().out
    assert status == 1
    assert "pages/hours/secret.png: error: symbolic link (to /etc/passwd) is not allowed" in out
    assert "shared: error: symbolic link (to /usr/share) is not allowed" in out
    assert out.splitlines()[-1].startswith("FAILED: 2 errors")
    content = load_content(folder.root)
    assert sorted(map(str, link_problems(folder.root))) == sorted(
        str(p) for p in content.problems if "symbolic link" in p.message
    )


def test_the_signature_follows_every_file_and_ignores_version_control(folder: ContentBuilder) -> None:
    before = tree_signature(folder.root)
    (folder.root / ".git").mkdir()
    (folder.root / ".git" / "index").write_text("x")
    (folder.root / "notes.tmp").write_text("editor scratch")
    assert tree_signature(folder.root) == before
    page = folder.root / "pages" / "hours" / "pl.md"
    page.write_text(page.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    assert tree_signature(folder.root) != before
