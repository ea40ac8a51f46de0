"""`kiosk config check|show` and `kiosk set-pin` as staff use them: messages and exit codes."""

from __future__ import annotations

import io
import os
import stat
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.config import load_config
from kiosk.staff.pin import NO_PIN, hash_pin, verify_pin


@pytest.fixture(autouse=True)
def _commands_registered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Register the two commands whether or not COMMAND_MODULES lists them yet, and
    never let a test read or write the machine's real kiosk.toml."""
    modules = tuple(dict.fromkeys((*cli.COMMAND_MODULES, "config_cmd", "set_pin")))
    monkeypatch.setattr(cli, "COMMAND_MODULES", modules)
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "default-location" / "kiosk.toml"))


OLD_HASH = hash_pin("8080", iterations=1000)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


# --- kiosk config check ----------------------------------------------------------------


def test_check_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('version = 1\nidle_timeout = 60\ndefault_theme = "black-on-yellow"\n')
    status, out, _ = run(["config", "check", str(path)], capsys)
    assert status == 0
    assert out == f"OK: 0 errors, 0 warnings in {path}\n"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: None, "does not exist"),
        (lambda folder: folder.write_text("not a folder"), "is not a folder"),
        (lambda folder: folder.mkdir(), "is not a content folder: it has no site.toml"),
    ],
    ids=["missing", "a-file", "no-site-toml"],
)
def test_check_reports_a_content_path_that_is_no_content_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], object], reason: str
) -> None:
    folder = tmp_path / "tresc"
    make(folder)
    path = tmp_path / "kiosk.toml"
    path.write_text('version = 1\n# pages of the office\ncontent = "tresc"\nidle_timeout = 60\n')
    status, out, _ = run(["config", "check", str(path)], capsys)
    assert status == 1
    assert out.splitlines() == [
        f"{path}:3: error: content folder {folder} {reason}",
        f"FAILED: 1 error, 0 warnings in {path}",
    ]


def test_check_accepts_a_content_folder_with_its_site_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tresc").mkdir()
    (tmp_path / "tresc" / "site.toml").write_text('languages = ["pl"]\n')
    path = tmp_path / "kiosk.toml"
    path.write_text('content = "tresc"\n')
    status, out, _ = run(["config", "check", str(path)], capsys)
    assert (status, out) == (0, f"OK: 0 errors, 0 warnings in {path}\n")


def test_check_lists_every_problem_as_file_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('version = 1\nidle_timeout = 10\nidel_warning = 30\nhide_pointer = "no"\n')
    status, out, _ = run(["config", "check", str(path)], capsys)
    assert status == 1
    assert out.splitlines() == [
        f"{path}:2: error: idle_timeout 10 is out of range: allowed 30 to 3600 (seconds); "
        "using the default 90",
        f"{path}:3: error: unknown setting 'idel_warning' is ignored (did you mean 'idle_warning'?)",
        f'{path}:4: error: hide_pointer must be true or false, got "no" (text); using the default true',
        f"FAILED: 3 errors, 0 warnings in {path}",
    ]


def test_check_malformed_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("version = 1\n\nidle_timeout 90\n")
    status, out, _ = run(["config", "check", str(path)], capsys)
    assert status == 1
    assert out.startswith(f"{path}:3: error: malformed TOML: ")
    assert out.splitlines()[-1] == f"FAILED: 1 error, 0 warnings in {path}"


def test_check_a_missing_named_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["config", "check", str(tmp_path / "nope.toml")], capsys)
    assert status == 2
    assert out == ""
    assert err == f"kiosk: error: no such file: {tmp_path / 'nope.toml'}\n"


def test_check_without_a_file_uses_the_default_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["config", "check"], capsys)
    assert status == 0
    assert "No configuration file at" in out and "defaults" in out
    default = tmp_path / "default-location" / "kiosk.toml"
    default.parent.mkdir()
    default.write_text("idle_timeout = 1\n")
    status, out, _ = run(["config", "check"], capsys)
    assert status == 1
    assert out.startswith(f"{default}:1: error: idle_timeout 1 is out of range")


def test_config_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["config"], capsys)
    assert status == 2
    assert err.startswith("kiosk: error: ")


# --- kiosk config show ---------------------------------------------------------------


def test_show_prints_the_effective_configuration_and_problems_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('idle_timeout = 120\nlog_level = "LOUD"\n')
    status, out, err = run(["config", "show", "--config", str(path)], capsys)
    assert status == 0
    assert err.startswith(f'{path}:2: error: log_level "LOUD" is not one of')
    data = tomllib.loads(out)
    assert data["idle_timeout"] == 120
    assert data["log_level"] == "INFO"
    assert data["version"] == 1
    assert "the staff panel stays closed: no PIN configured" in out


def test_show_with_no_file_prints_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["config", "show"], capsys)
    assert (status, err) == (0, "")
    assert "no file read: all defaults" in out
    assert tomllib.loads(out)["staff_pin_hash"] == NO_PIN


def test_show_a_missing_named_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["config", "show", "--config", str(tmp_path / "x.toml")], capsys)
    assert status == 2 and "no such file" in err


# --- kiosk set-pin ---------------------------------------------------------------------


def test_set_pin_creates_the_file_and_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "etc" / "kiosk" / "kiosk.toml"
    stdin(monkeypatch, "2580\n2580\n")
    status, out, err = run(["set-pin", "--config", str(path)], capsys)
    assert status == 0
    assert str(path) in out
    assert "2580" not in out + err
    config, problems = load_config(path)
    assert problems == []
    assert verify_pin("2580", config.staff_pin_hash)
    assert "2580" not in path.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_set_pin_updates_the_line_and_keeps_the_rest_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "# Hall kiosk, set up by Ania\nversion = 1\n"
        f'staff_pin_hash = "{OLD_HASH}"  # set by Ania\n'
        'kiosk_position = "Hall"  # by the door\n'
    )
    if os.name == "posix":
        path.chmod(0o600)
    stdin(monkeypatch, "13579\n13579\n")
    status, _, _ = run(["set-pin", "--config", str(path)], capsys)
    assert status == 0
    lines = path.read_text().splitlines()
    assert lines[0:2] == ["# Hall kiosk, set up by Ania", "version = 1"]
    assert lines[2].startswith('staff_pin_hash = "pbkdf2_sha256$') and lines[2].endswith("  # set by Ania")
    assert OLD_HASH not in lines[2]
    assert lines[3] == 'kiosk_position = "Hall"  # by the door'
    assert len(lines) == 4
    config, problems = load_config(path)
    assert problems == [] and verify_pin("13579", config.staff_pin_hash)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the kiosk's group reads it, others never
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]  # no temporary left


def test_set_pin_adds_the_setting_when_the_file_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_timeout = 120\n")
    stdin(monkeypatch, "86420\n86420\n")
    assert run(["set-pin", "--config", str(path)], capsys)[0] == 0
    config, _ = load_config(path)
    assert config.idle_timeout == 120
    assert verify_pin("86420", config.staff_pin_hash)


def test_set_pin_writes_through_a_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real.toml"
    real.write_text("idle_timeout = 100\n")
    link = tmp_path / "link.toml"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("no symlinks here")
    stdin(monkeypatch, "97531\n97531\n")
    assert run(["set-pin", "--config", str(link)], capsys)[0] == 0
    assert link.is_symlink()
    assert verify_pin("97531", load_config(real)[0].staff_pin_hash)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1234\n1234\n", "too easy to guess"),
        ("7777\n7777\n", "too easy to guess"),
        ("2580\n2581\n", "the two PINs differ"),
        ("25a0\n25a0\n", "a PIN is 4 to 8 digits"),
        ("123\n123\n", "a PIN is 4 to 8 digits"),
        ("123456789\n123456789\n", "a PIN is 4 to 8 digits"),
        ("2580\n", "give the new PIN twice"),
        ("", "give the new PIN twice"),
    ],
)
def test_set_pin_refuses_bad_entries_and_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    message: str,
) -> None:
    path = tmp_path / "kiosk.toml"
    before = f'staff_pin_hash = "{OLD_HASH}"\n'
    path.write_text(before)
    stdin(monkeypatch, typed)
    status, out, err = run(["set-pin", "--config", str(path)], capsys)
    assert status == 2
    assert message in err
    assert path.read_text() == before
    for digits in {line for line in typed.splitlines() if line}:
        assert digits not in out + err  # the PIN is never repeated


def test_set_pin_refuses_a_malformed_file_before_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_timeout = = 3\n")
    stdin(monkeypatch, "2580\n2580\n")
    status, _, err = run(["set-pin", "--config", str(path)], capsys)
    assert status == 1
    assert "kiosk config check" in err
    assert path.read_text() == "idle_timeout = = 3\n"


def test_set_pin_reads_a_terminal_with_getpass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["4826", "4826"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    path = tmp_path / "kiosk.toml"
    assert run(["set-pin", "--config", str(path)], capsys)[0] == 0
    assert len(prompts) == 2
    assert verify_pin("4826", load_config(path)[0].staff_pin_hash)


def test_set_pin_without_config_uses_the_default_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin(monkeypatch, "7391\n7391\n")
    assert run(["set-pin"], capsys)[0] == 0
    default = tmp_path / "default-location" / "kiosk.toml"
    assert verify_pin("7391", load_config(default)[0].staff_pin_hash)


# --- who can read what set-pin writes -----------------------------------------------------

posix_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="changing a file's group needs root on POSIX"
)


def other_user() -> tuple[str, int]:
    """An existing unprivileged user (and its group) to stand for the kiosk user."""
    import pwd

    for name in ("nobody", "daemon"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if entry.pw_gid != 0:
            return name, entry.pw_gid
    pytest.skip("no unprivileged user on this machine")


@posix_root
def test_set_pin_as_root_gives_the_kiosk_users_group_read_access_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name, gid = other_user()
    path = tmp_path / "etc" / "kiosk.toml"
    stdin(monkeypatch, "2580\n2580\n")
    status, out, err = run(["set-pin", "--config", str(path), "--user", name], capsys)
    assert (status, err) == (0, "")
    assert f"readable by the group of the user '{name}'" in out
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (0, gid, 0o640)


@posix_root
def test_set_pin_keeps_the_group_the_file_had_and_takes_reading_away_from_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _name, gid = other_user()
    path = tmp_path / "kiosk.toml"
    path.write_text("# by Ania\nidle_timeout = 120\n")
    os.chown(path, 0, gid)
    path.chmod(0o644)  # readable by everybody: set-pin must not keep that
    stdin(monkeypatch, "2580\n2580\n")
    assert run(["set-pin", "--config", str(path)], capsys)[0] == 0
    info = path.stat()
    assert (info.st_gid, stat.S_IMODE(info.st_mode)) == (gid, 0o640)
    assert path.read_text().startswith("# by Ania\nidle_timeout = 120\n")


@posix_root
def test_set_pin_takes_the_group_of_the_folder_for_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _name, gid = other_user()
    folder = tmp_path / "etc"
    folder.mkdir()
    os.chown(folder, 0, gid)  # as the installer makes /etc/mszczonow-kiosk root:kiosk
    stdin(monkeypatch, "2580\n2580\n")
    assert run(["set-pin", "--config", str(folder / "kiosk.toml")], capsys)[0] == 0
    info = (folder / "kiosk.toml").stat()
    assert (info.st_gid, stat.S_IMODE(info.st_mode)) == (gid, 0o640)


@posix_root
def test_set_pin_as_root_warns_when_no_kiosk_group_can_be_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chown(tmp_path, 0, 0)
    stdin(monkeypatch, "2580\n2580\n")
    status, _out, err = run(["set-pin", "--config", str(tmp_path / "kiosk.toml")], capsys)
    assert status == 0
    assert "--user NAME" in err


def test_set_pin_refuses_an_unknown_user_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name != "posix":
        pytest.skip("users and groups are POSIX here")
    path = tmp_path / "kiosk.toml"
    stdin(monkeypatch, "2580\n2580\n")
    status, _out, err = run(["set-pin", "--config", str(path), "--user", "no-such-user-xyz"], capsys)
    assert status == 2 and "no user 'no-such-user-xyz'" in err
    assert not path.exists()


def test_set_pin_check_says_whether_a_pin_is_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kiosk.toml"
    status, out, _ = run(["set-pin", "--config", str(path), "--check"], capsys)
    assert status == 1 and "no PIN configured" in out
    path.write_text('staff_pin_hash = "not a hash"\n')
    status, out, _ = run(["set-pin", "--config", str(path), "--check"], capsys)
    assert status == 1 and "not a PIN hash" in out
    stdin(monkeypatch, "2580\n2580\n")
    assert run(["set-pin", "--config", str(path)], capsys)[0] == 0
    status, out, _ = run(["set-pin", "--config", str(path), "--check"], capsys)
    assert status == 0 and "A staff PIN is set" in out
