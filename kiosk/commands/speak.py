"""``kiosk speak PAGE -o FILE.wav`` — a page read aloud into one WAV, for staff to preview;
``kiosk speak PAGE --play`` — read aloud through the sound device, as the kiosk does;
``kiosk speak PAGE --text`` — the text the engine is given, one utterance per line, after
the reading rules and ``pronunciation.toml``: a check of a page without listening."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.commands import UsageError, add_easy_read_option, add_kiosk_options, unknown_page

if TYPE_CHECKING:
    from kiosk.speech.engine import SpeechEngine
    from kiosk.speech.reading import Utterance

SENTENCE_PAUSE_MS = 250
BLOCK_PAUSE_MS = 600


def register(sub: Any) -> None:
    # The rates from the vocabulary: the speech engine (and all it imports) loads only
    # when this command runs, not for every command's parser (``kiosk check``).
    from kiosk.vocabulary import SpeechRate

    rates = tuple(rate.value for rate in SpeechRate)
    parser = sub.add_parser("speak", help="read a page aloud into a WAV file, or through the speakers")
    parser.add_argument("page", help="a page id (see 'kiosk check')")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, help="WAV file to write")
    where.add_argument("--play", action="store_true",
                       help="play through the sound device as the kiosk does (a test of the speakers)")
    where.add_argument("--text", action="store_true",
                       help="print the text given to the speech engine, one utterance per line")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N sentences")
    add_kiosk_options(parser)
    add_easy_read_option(parser)
    parser.add_argument("--rate", choices=rates, default="normal", help="speech rate")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import load
    from kiosk.speech import engine as speech
    from kiosk.speech.reading import variant_utterances

    output: Path | None = getattr(args, "output", None)
    if output is not None and output.suffix.lower() != ".wav":
        raise UsageError("the output file must end in .wav")
    limit = getattr(args, "limit", 0) or 0
    if limit < 0:
        raise UsageError("--limit must be a number of sentences")
    rate = getattr(args, "rate", None) or speech.DEFAULT_RATE
    if rate not in speech.RATE_STEPS:
        raise UsageError(f"--rate must be one of {', '.join(speech.RATE_STEPS)}")
    loaded = load(args)
    content, lang = loaded.content, loaded.lang
    site = content.site
    variant = site.page_variant(args.page, lang, bool(getattr(args, "easy_read", False)))
    if variant is None:
        raise unknown_page(site, args.page)
    if variant.lang != lang:
        sys.stderr.write(
            f"kiosk: note: '{args.page}' has no {lang} version; reading the {variant.lang} one\n"
        )
    # ``lang`` is the screen's language: the room line's label follows it, as on screen.
    utterances = variant_utterances(content, variant, lang)
    if limit:
        utterances = utterances[:limit]
    if getattr(args, "text", False):
        sys.stdout.write("".join(f"{utterance.text}\n" for utterance in utterances))
        return 0

    engine = speech.select_engine(quiet=True)  # the reason is reported below
    if not engine.available:
        sys.stderr.write(f"kiosk: error: no speech engine: {engine.unavailable_reason}\n")
        return 1
    if output is None:
        return play(engine, utterances, variant.lang, rate, args.page)
    with tempfile.TemporaryDirectory(prefix="kiosk-speak-") as folder:
        pieces: list[tuple[Path, int]] = []
        for number, utterance in enumerate(utterances):
            try:
                path = engine.synthesize(
                    utterance.text, variant.lang, rate, Path(folder) / f"{number:05d}.wav"
                )
            except speech.SpeechError as exc:
                sys.stderr.write(f"kiosk: error: {exc}\n")
                return 1
            if path is None:
                continue
            following = utterances[number + 1] if number + 1 < len(utterances) else None
            same_block = following is not None and following.block == utterance.block
            pieces.append((path, SENTENCE_PAUSE_MS if same_block else BLOCK_PAUSE_MS))
        if not pieces:
            sys.stderr.write(f"kiosk: error: the speech engine produced no audio for '{args.page}'\n")
            return 1
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            seconds = join_wavs(pieces, output)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    sys.stdout.write(f"{output}: '{args.page}' ({variant.lang}), {len(pieces)} sentences, {seconds:.1f} s\n")
    return 0


def play(engine: SpeechEngine, utterances: Sequence[Utterance], lang: str, rate: str, page: str) -> int:
    """Read ``utterances`` through the kiosk's own player and sound output; 1 if not heard."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.speech.player import SpeechPlayer

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    player = SpeechPlayer(engine)
    player.set_rate(rate)
    heard: list[int] = []
    player.utterance_started.connect(heard.append)
    player.finished.connect(app.quit)
    previous_handler = signal.signal(signal.SIGINT, lambda *_: app.exit(130))
    wake = QTimer()  # lets Python see Ctrl+C while Qt waits
    wake.timeout.connect(lambda: None)
    wake.start(200)
    started = time.monotonic()
    QTimer.singleShot(0, lambda: player.speak(utterances, lang))
    status = app.exec()
    seconds = time.monotonic() - started
    signal.signal(signal.SIGINT, previous_handler)
    problem, device = player.audio_problem, player.audio_device
    player.close()
    if status:
        sys.stderr.write("kiosk: stopped\n")
        return status
    if problem:
        sys.stderr.write(f"kiosk: error: speech was not heard: {problem}\n")
        return 1
    sys.stdout.write(f"played '{page}' ({lang}), {len(heard)} sentences, {seconds:.1f} s on {device}\n")
    return 0


def join_wavs(pieces: Sequence[tuple[Path, int]], output: Path) -> float:
    """Concatenate WAVs of one format, each followed by a pause in ms (not the last)."""
    params: Any = None
    frames_written = 0
    with wave.open(str(output), "wb") as out:
        for number, (path, pause_ms) in enumerate(pieces):
            with wave.open(str(path), "rb") as wav:
                shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
                if params is None:
                    params = shape
                    out.setnchannels(shape[0])
                    out.setsampwidth(shape[1])
                    out.setframerate(shape[2])
                elif shape != params:
                    raise ValueError(f"{path.name}: WAV format {shape} differs from {params}")
                frames = wav.readframes(wav.getnframes())
            out.writeframes(frames)
            frames_written += len(frames) // (shape[0] * shape[1])
            if number + 1 < len(pieces):
                silence = shape[2] * pause_ms // 1000
                out.writeframes(b"\x00" * silence * shape[0] * shape[1])
                frames_written += silence
    return frames_written / params[2] if params else 0.0
