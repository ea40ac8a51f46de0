"""Shared fixtures. Qt runs offscreen; sound goes to a private sound server (a null sink
that tests can record, ``tests/sound.py``); every test gets its own content folders."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # Offscreen, with a screen large enough for the kiosk's windows (1080x1920, 1920x1080):
    # the default one is 800x800, and a tap beyond it would be lost, since QScroller delays
    # the press on a scrollable list and then hands it to the widget at that place on screen.
    _screen = Path(__file__).with_name("offscreen_screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from kiosk import i18n, paths  # noqa: E402
from tests import logfail  # noqa: E402
from tests.logfail import fail_on_unexpected_log  # noqa: E402, F401 - an autouse fixture
from tests.sound import SoundServer  # noqa: E402

_sound: dict[str, object] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Start the test sound server before Qt looks for sound devices (once per process).

    Qt is told to use PulseAudio (not a PipeWire it might find) at this server's socket,
    so no test plays through the machine's own speakers. Without the server the tests
    run with no sound device, and the tests that listen are skipped, except on CI.
    """
    logfail.install()
    config.addinivalue_line(
        "markers", "allow_log_warnings: the test expects warnings or errors in the kiosk's log"
    )
    folder = Path(tempfile.mkdtemp(prefix="kiosk-test-sound-"))
    # No test reads the machine's own kiosk.toml: commands and kiosks get the defaults
    # unless a test gives a file.
    os.environ["KIOSK_CONFIG"] = str(folder / "no-kiosk.toml")
    # Nor its cache: what a test run caches (the holidays the package named, snapshots)
    # starts empty, so the code behind each cache is reached in every run.
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    server = SoundServer(folder)
    reason = server.start()
    os.environ["QT_AUDIO_BACKEND"] = "pulseaudio"
    if reason:
        if os.environ.get("CI"):
            shutil.rmtree(folder, ignore_errors=True)
            raise pytest.UsageError(f"the test sound server did not start: {reason}")
        os.environ["PULSE_SERVER"] = f"unix:{folder / 'no-server'}"
        _sound.update(reason=reason, folder=folder)
    else:
        os.environ["PULSE_SERVER"] = server.address
        _sound.update(server=server, folder=folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    server = _sound.pop("server", None)
    if isinstance(server, SoundServer):
        server.stop()
    folder = _sound.pop("folder", None)
    if isinstance(folder, Path):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def sound_server() -> SoundServer:
    """The running test sound server (the test is skipped without one, except on CI)."""
    server = _sound.get("server")
    if not isinstance(server, SoundServer):
        pytest.skip(f"no test sound server: {_sound.get('reason')}")
    return server

SITE_TOML = """\
default_language = "pl"
languages = ["pl", "en"]

[office]
name = { pl = "Urząd Testowy", en = "Test Office" }
address = "ul. Próbna 1"
phone = "+48 000 000 000"
email = "urzad@example.org"

[hours]
mon = "08:00-16:00"
tue = "07:30-15:30"

[[sections]]
id = "office"
title = { pl = "Urząd", en = "Office" }
order = 1

[[sections]]
id = "errands"
title = { pl = "Sprawy", en = "Errands" }
order = 2
"""


def page_text(title: str, section: str, body: str, **extra: str) -> str:
    lines = ["---", f"title: {title}", f"section: {section}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    lines += ["---", textwrap.dedent(body).strip("\n"), ""]
    return "\n".join(lines)


class ContentBuilder:
    """Writes a small content folder that tests then break on purpose."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
        (root / "pages").mkdir(exist_ok=True)

    def page(self, page_id: str, lang: str, text: str | bytes) -> Path:
        folder = self.root / "pages" / page_id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{lang}.md"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def simple(
        self,
        page_id: str,
        title_pl: str,
        title_en: str,
        section: str = "office",
        body_pl: str = "Treść strony.",
        body_en: str = "Page text.",
    ) -> None:
        self.page(page_id, "pl", page_text(title_pl, section, body_pl))
        self.page(page_id, "en", page_text(title_en, section, body_en))


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[[str], ContentBuilder]:
    def make(name: str = "content") -> ContentBuilder:
        return ContentBuilder(tmp_path / name)

    return make


@pytest.fixture
def bundled_content_dir() -> Path:
    return paths.bundled_content_dir()


@pytest.fixture(autouse=True)
def _english_source_strings() -> Iterator[None]:
    """Each test starts with the source language active and leaves it so."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["kiosk-tests"]


@pytest.fixture(scope="session")
def kiosk_fonts(qapp: object) -> None:
    from kiosk.app import make_application

    make_application()


def open_kiosk_window(
    content: object = None,
    language: str | None = "pl",
    speech_engine: object = None,
    size: tuple[int, int] = (1080, 1920),
    config: object = None,
    clock: object = None,
    visit: object = None,
    recorder: object = None,
) -> object:
    """A kiosk window composed as the kiosk composes it (``kiosk.compose``), shown.

    ``content`` is a loaded Content, a folder, or None for the bundled content; ``config``
    a Config (default: the defaults)."""
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.content.content import Content, load_content

    if content is None:
        content = paths.bundled_content_dir()
    if not isinstance(content, Content):
        content = load_content(Path(str(content)))
    kiosk = build_kiosk(
        config if isinstance(config, Config) else Config.defaults(),
        content,
        language,
        clock=clock,  # type: ignore[arg-type]
        speech_engine=speech_engine,  # type: ignore[arg-type]
        visit=visit,  # type: ignore[arg-type]
        recorder=recorder,  # statistics: a Recorder on a test database (default: off)
    )
    return open_window(kiosk, *size)


@pytest.fixture
def kiosk_window(qtbot: object, kiosk_fonts: None) -> Callable[..., object]:
    """Opens kiosk windows (see :func:`open_kiosk_window`); closed after the test."""

    def make(*args: object, **kwargs: object) -> object:
        window = open_kiosk_window(*args, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        return window

    return make


@pytest.fixture
def bundled_window(kiosk_window: Callable[..., object]) -> object:
    """A kiosk window on the bundled content, portrait, shown; closed after the test."""
    return kiosk_window()


@pytest.fixture(scope="session")
def test_videos(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Short PJM test videos and captions made with ffmpeg, once per run (tests/videos.py);
    the test is skipped without ffmpeg, except on CI."""
    from tests.videos import ffmpeg_reason, make_test_videos

    reason = ffmpeg_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return make_test_videos(tmp_path_factory.mktemp("pjm-videos"))
