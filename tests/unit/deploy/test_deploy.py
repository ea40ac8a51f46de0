"""The OS side in deploy/: systemd units, the installer, the Windows profile, the docs."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import settings_table

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
UNITS = ("kiosk.service", "content-update.service", "content-update.timer")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def repeated(name: str, section: str, key: str) -> list[str]:
    """Every value of a key systemd lets repeat (configparser keeps only the last)."""
    found, current = [], ""
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]")
        elif current == section and stripped.startswith(f"{key}="):
            found.append(stripped.partition("=")[2])
    return found


@pytest.fixture
def kiosk_unit() -> configparser.ConfigParser:
    return unit("kiosk.service")


def test_units_parse(kiosk_unit: configparser.ConfigParser) -> None:
    for name in UNITS:
        parser = unit(name)
        assert parser.sections(), name
    assert kiosk_unit.sections() == ["Unit", "Service", "Install"]


def test_kiosk_service_runs_cage_as_the_kiosk_user_and_always_restarts(
    kiosk_unit: configparser.ConfigParser,
) -> None:
    service = kiosk_unit["Service"]
    assert service["User"] == "kiosk"
    assert service["Restart"] == "always"
    assert service["RestartSec"] == "2"
    assert kiosk_unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
    argv = shlex.split(service["ExecStart"])
    assert argv[0] == "/usr/bin/cage"
    assert "-s" not in argv[: argv.index("--")]  # no switching to a text console
    app = argv[argv.index("--") + 1 :]
    assert app[0] == "/opt/mszczonow-kiosk/kiosk"
    assert app[app.index("--config") + 1] == "/etc/mszczonow-kiosk/kiosk.toml"
    assert "QT_QPA_PLATFORM=wayland" in repeated("kiosk.service", "Service", "Environment")


def test_kiosk_service_logs_in_on_tty1_as_cage_documents(kiosk_unit: configparser.ConfigParser) -> None:
    service = kiosk_unit["Service"]
    assert service["PAMName"] == "mszczonow-kiosk"
    assert service["TTYPath"] == "/dev/tty1"
    assert service["StandardInput"] == "tty-fail"
    assert service["TTYVTDisallocate"] == "yes"
    assert service["UtmpIdentifier"] == "tty1"
    assert "getty@tty1.service" in kiosk_unit["Unit"]["Conflicts"]
    wants = " ".join(repeated("kiosk.service", "Unit", "Wants"))
    assert "systemd-logind.service" in wants
    assert kiosk_unit["Install"]["WantedBy"] == "graphical.target"
    pam = (DEPLOY / "pam-mszczonow-kiosk").read_text()
    assert "pam_systemd.so" in pam
    assert "75" in service["RestartPreventExitStatus"].split()


def test_content_update_pulls_as_kiosk_every_five_minutes() -> None:
    service = unit("content-update.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["User"] == "kiosk"
    assert shlex.split(service["ExecStart"]) == [
        "/usr/bin/git",
        "-C",
        "/var/lib/mszczonow-kiosk/content",
        "pull",
        "--ff-only",
        "--quiet",
    ]
    # A complete pull publishes (for folders that require publishing: docs/content.md).
    assert shlex.split(service["ExecStartPost"]) == [
        "/usr/bin/touch",
        "/var/lib/mszczonow-kiosk/content/.publish",
    ]
    timer = unit("content-update.timer")
    assert timer["Timer"]["OnUnitActiveSec"] == "5min"
    assert timer["Timer"]["OnBootSec"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_installer_installs_what_the_units_name() -> None:
    script = (DEPLOY / "install.sh").read_text()
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    assert 'if [ "$(id -u)" -ne 0 ]' in script
    for name in (*UNITS, "pam-mszczonow-kiosk"):
        assert name in script, name
    assert "/etc/pam.d/$APP" in script and "APP=mszczonow-kiosk" in script
    for package in ("cage", "xwayland", "libpam-systemd", "libwayland-cursor0", "git"):
        assert f" {package} " in script or f" {package}\n" in script, package
    assert os.access(DEPLOY / "install.sh", os.X_OK)


def test_install_sh_passes_bash_n() -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    result = subprocess.run([bash, "-n", str(DEPLOY / "install.sh")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_install_sh_refuses_to_run_as_an_ordinary_user(tmp_path: Path) -> None:
    """Run as an ordinary user (nobody, when the tests run as root), so that the
    installer can change nothing on this machine whatever it does."""
    bash = shutil.which("bash")
    if bash is None or os.name != "posix":
        pytest.skip("needs bash on a POSIX system")
    command = [bash, str(DEPLOY / "install.sh"), str(tmp_path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop to an ordinary user")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "run me as root" in result.stderr


@pytest.fixture
def systemd_root() -> Iterator[Path]:
    """A scratch root with the system's units and the programs the units start."""
    analyze = shutil.which("systemd-analyze")
    system_units = next(
        (p for p in (Path("/usr/lib/systemd/system"), Path("/lib/systemd/system")) if p.is_dir()), None
    )
    if analyze is None or system_units is None:
        pytest.skip("systemd-analyze is not installed (Debian package 'systemd')")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(system_units, root / "usr/lib/systemd/system", symlinks=True)
        for name in UNITS:
            commands = repeated(name, "Service", "ExecStart") + repeated(name, "Service", "ExecStartPost")
            for program in {shlex.split(line)[0] for line in commands}:
                fake = root / program.lstrip("/")
                fake.parent.mkdir(parents=True, exist_ok=True)
                fake.write_text("#!/bin/sh\n")
                fake.chmod(0o755)
        target = root / "etc/systemd/system"
        target.mkdir(parents=True)
        for name in UNITS:
            shutil.copy(DEPLOY / name, target / name)
        yield root


def test_units_pass_systemd_analyze_verify(systemd_root: Path) -> None:
    units = [str(systemd_root / "etc/systemd/system" / name) for name in UNITS]
    result = subprocess.run(
        ["systemd-analyze", "verify", f"--root={systemd_root}", "--man=no", *units],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, output
    assert output == "", output  # warnings (unknown keys, bad values) count as failures


def test_systemd_analyze_verify_catches_a_broken_unit(systemd_root: Path) -> None:
    """The check above can fail: a misspelt key is reported."""
    broken = systemd_root / "etc/systemd/system/kiosk.service"
    broken.write_text(broken.read_text().replace("Restart=always", "Restart=allways"))
    result = subprocess.run(
        ["systemd-analyze", "verify", f"--root={systemd_root}", "--man=no", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "allways" in result.stdout + result.stderr


def test_windows_shell_launcher_profile_restarts_the_kiosk() -> None:
    ns = {"sl": "http://schemas.microsoft.com/ShellLauncher/2018/Configuration"}
    tree = ElementTree.parse(DEPLOY / "windows" / "shell-launcher.xml")
    profiles = tree.getroot().findall("sl:Profiles/sl:Profile", ns)
    assert len(profiles) == 1
    shell = profiles[0].find("sl:Shell", ns)
    assert shell is not None and shell.get("Shell", "").endswith("\\kiosk.exe")
    default = shell.find("sl:DefaultAction", ns)
    assert default is not None and default.get("Action") == "RestartShell"
    actions = {a.get("ReturnCode"): a.get("Action") for a in shell.iterfind(".//sl:ReturnCodeAction", ns)}
    assert actions == {"75": "DoNothing"}
    config = tree.getroot().find("sl:Configs/sl:Config", ns)
    assert config is not None and config.find("sl:AutoLogonAccount", ns) is not None
    assert config.find("sl:Profile", ns).get("Id") == profiles[0].get("Id")  # type: ignore[union-attr]


def test_docs_hold_the_current_settings_table() -> None:
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert settings_table() in doc, "run: .venv/bin/python scripts/config_doc.py --write docs/deploy.md"


def test_docs_have_the_sections_staff_need() -> None:
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for heading in (
        "## Turning a Debian machine into a kiosk",
        "## Configuration",
        "## Updating content on many kiosks",
        "## Staff panel",
        "## Logs",
        "## Windows",
    ):
        assert f"\n{heading}\n" in doc, heading
    assert "/home/kiosk/.local/state/mszczonow-kiosk/log/kiosk.log" in doc


def test_the_documented_log_folder_is_where_the_kiosk_user_logs() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the documented path is the Linux one")
    script = "import platformdirs; print(platformdirs.user_log_dir('mszczonow-kiosk', appauthor=False))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = "/home/kiosk"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "/home/kiosk/.local/state/mszczonow-kiosk/log"


def test_config_doc_script_rewrites_the_table(tmp_path: Path) -> None:
    doc = tmp_path / "deploy.md"
    original = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    start = "<!-- config-table: generated by scripts/config_doc.py, do not edit by hand -->"
    stale = original.replace(settings_table(), "| stale |\n")
    assert start in stale and settings_table() not in stale
    doc.write_text(stale, encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "config_doc.py"), "--write", str(doc)], check=True)
    assert doc.read_text(encoding="utf-8") == original


QT_PROBE = """\
import sys
from pathlib import Path
out = Path(sys.argv[1])
out.write_text("started\\n")
try:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication(sys.argv[:1])
    label = QLabel("kiosk")
    label.showFullScreen()
    def report():
        size, screen = label.size(), app.primaryScreen().size()
        with out.open("a") as stream:
            stream.write(
                f"{app.platformName()} {label.isVisible()} {size.width()}x{size.height()}"
                f" {screen.width()}x{screen.height()}\\n"
            )
        app.exit(0)
    QTimer.singleShot(1000, report)
    app.exec()
except BaseException as exc:
    with out.open("a") as stream:
        stream.write(f"failed: {exc!r}\\n")
    raise
"""


def test_qt_shows_a_full_screen_window_under_cage(tmp_path: Path) -> None:
    """The kiosk's stack on a real kiosk: PySide6 on Wayland inside cage (headless here).
    Catches missing system libraries (the Qt Wayland plugin needs libwayland-cursor0)."""
    cage = shutil.which("cage")
    if cage is None or os.name != "posix":
        pytest.skip("cage is not installed (Debian packages cage and, for cage 0.1.4, xwayland)")
    import PySide6

    user: list[str] = []
    if os.geteuid() == 0:  # cage refuses to run as root
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop to an ordinary user")
        user = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    site_packages = str(Path(PySide6.__file__).resolve().parent.parent)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": site_packages,
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_RENDERER": "pixman",
        "QT_QPA_PLATFORM": "wayland",
    }
    wanted = f"{sys.version_info[0]}.{sys.version_info[1]}"
    check = "import sys, PySide6; print('%d.%d' % sys.version_info[:2])"
    python = next(
        (
            candidate
            for candidate in (sys.executable, "/usr/bin/python3")
            # through a shell, as cage starts it: setpriv itself may still reach a
            # file that the ordinary user cannot (a Python under /root)
            if subprocess.run(
                [*user, "/bin/sh", "-c", 'exec "$0" -c "$1"', candidate, check],
                capture_output=True,
                text=True,
                env=env,
            ).stdout.strip()
            == wanted
        ),
        None,
    )
    if python is None:
        pytest.skip(f"no Python {wanted} with PySide6 that an ordinary user can run")
    runtime = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        if user:
            os.chown(runtime, 65534, 65534)
        runtime.chmod(0o700)
        probe, out = runtime / "probe.py", runtime / "probe.out"
        probe.write_text(QT_PROBE)
        probe.chmod(0o644)
        result = subprocess.run(
            [*user, cage, "-d", "--", python, str(probe), str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**env, "XDG_RUNTIME_DIR": str(runtime)},
        )
        report = out.read_text() if out.exists() else ""
        if not report.startswith("started"):
            pytest.skip(f"cage cannot start here: {result.stderr.strip()[-300:]}")
        lines = report.splitlines()
        assert len(lines) == 2, report
        platform, is_visible, size, screen = lines[1].split()
        assert (platform, is_visible) == ("wayland", "True"), report
        assert size == screen, report  # the window covers the whole screen
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_installer_sets_a_pin_and_knows_no_default() -> None:
    script = (DEPLOY / "install.sh").read_text()
    assert "1234" not in script
    assert 'set-pin --config "$CONFIG" --user "$KIOSK_USER"' in script
    assert "--pin-from-stdin" in script and "--check" in script
    assert "echo $PIN" not in script and "echo \"$PIN\"" not in script  # printf is a builtin: no ps


@pytest.mark.parametrize("typed", ["", "abc\n", "123\n", "123456789\n"])
def test_install_sh_refuses_a_bad_pin_from_stdin_before_changing_anything(tmp_path: Path, typed: str) -> None:
    """As an ordinary user, with an 'id' that claims root: the PIN check comes before
    anything is installed, so a script that forgot the PIN fails at once."""
    bash = shutil.which("bash")
    if bash is None or os.name != "posix":
        pytest.skip("needs bash on a POSIX system")
    command = [bash, str(DEPLOY / "install.sh"), "--pin-from-stdin", str(tmp_path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop to an ordinary user")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    with tempfile.TemporaryDirectory(prefix="kiosk-fake-id-") as folder:
        fake = Path(folder)  # outside tmp_path, which the ordinary user cannot enter
        fake.chmod(0o755)
        (fake / "id").write_text("#!/bin/sh\necho 0\n")
        (fake / "id").chmod(0o755)
        env = {**os.environ, "PATH": f"{fake}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
        result = subprocess.run(command, input=typed, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert "--pin-from-stdin: the first line of standard input must be a PIN" in result.stderr
