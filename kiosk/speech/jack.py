"""Headphones in the kiosk's audio jack: private listening (EN 301 549 5.1.3.11, 5.2).

A blind visitor plugs headphones in to turn speech on and to keep what is read to
themselves. The sound server knows when that happens:

- an **audio jack** is a port of the sound card's sink ("analog-output-headphones",
  "[Out] Headphones"…) whose availability turns to "yes" when a plug is in (ALSA jack
  detection, reported by PulseAudio and PipeWire's pulse server);
- a **USB or Bluetooth headset** is a sink of its own that appears when it is connected
  and says so in ``device.form_factor`` ("headphone", "headset").

:class:`JackWatcher` listens to the sound server with ``pulsectl`` (libpulse through
ctypes, no compiled module; it speaks to PulseAudio and to PipeWire's pulse server) on a
thread of its own, so the GUI thread never waits for the sound server, and tells
``on_change(output)`` what speech should use now: the :class:`Output` of the headphones,
or None for the loudspeaker. It routes the sound card to its headphone port when the
server has not done so itself, and back when they are unplugged. A sound server that is
not there, or goes away, is waited for: the watcher connects again every few seconds and
reports "no headphones" meanwhile. No Qt here: ``kiosk.speech.headphones`` carries the
news to the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger(__name__)

HEADPHONE_WORDS = ("headphone", "headset")
HEADPHONE_FORM_FACTORS = ("headphone", "headset")
RETRY_SECONDS = 2.0
LISTEN_SECONDS = 1.0  # how long one wait for events lasts (stop() also wakes it)


class PortLike(Protocol):
    name: str
    description: str
    available: object  # "yes", "no" or "unknown" (pulsectl's EnumValue compares as text)


class SinkLike(Protocol):
    name: str
    proplist: Mapping[str, str]
    port_list: list[Any]
    port_active: Any


@dataclass(frozen=True)
class Output:
    """Where private speech goes: a sink, and the port of it that is the headphones
    (``port`` is "" for a headset that is a sink of its own)."""

    sink: str
    port: str = ""


def is_headphone_port(port: PortLike) -> bool:
    words = f"{port.name} {port.description}".casefold()
    return any(word in words for word in HEADPHONE_WORDS)


def is_headphone_sink(sink: SinkLike) -> bool:
    return str(sink.proplist.get("device.form_factor", "")).casefold().startswith(HEADPHONE_FORM_FACTORS)


def find_headphones(sinks: Iterable[SinkLike]) -> Output | None:
    """The headphones plugged in now, if any: a headphone port whose availability is
    "yes", else a sink that is a headset. ``unknown`` is not a plug: a card without
    jack detection says nothing, and speech then stays on the loudspeaker."""
    found: Output | None = None
    for sink in sinks:
        for port in sink.port_list or ():
            if is_headphone_port(port) and port.available == "yes":
                return Output(sink.name, port.name)
        if found is None and is_headphone_sink(sink):
            found = Output(sink.name)
    return found


class JackWatcher:
    """Watches the sound server for headphones on a daemon thread of its own.

    ``on_change(output)`` is called on that thread whenever what speech should use
    changes (an :class:`Output`, or None: the loudspeaker); the first call comes once the
    server has been asked, if headphones are already in. ``server`` is a PulseAudio
    address (None: the usual one, ``$PULSE_SERVER``). ``stop()`` returns within a second.
    """

    def __init__(
        self,
        on_change: Callable[[Output | None], None],
        server: str | None = None,
        retry_seconds: float = RETRY_SECONDS,
        client_name: str = "kiosk-headphones",
    ) -> None:
        self._on_change = on_change
        self._server = server
        self._retry_seconds = retry_seconds
        self._client_name = client_name
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pulse: Any = None
        self._lock = threading.Lock()
        self.output: Output | None = None  # what was reported last
        self.is_connected = False  # to the sound server
        self._replaced_port: dict[str, str] = {}  # sink → the port we switched away from
        self._has_said_absent = False

    # -- life ----------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="headphones", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            pulse = self._pulse
        if pulse is not None:
            try:
                pulse.event_listen_stop()
            except Exception:  # noqa: BLE001 - closing anyway
                pass
        if self._thread is not None:
            # A thread stuck connecting to a server that never answers is left behind
            # (a daemon thread): quitting the kiosk is not held up by it.
            self._thread.join(timeout=LISTEN_SECONDS + 1)
            self._thread = None

    # -- the thread ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            import pulsectl
        except ImportError as exc:  # libpulse missing: no headphones, nothing else changes
            log.info("headphones are not watched: %s", exc)
            return
        while not self._stopping.is_set():
            try:
                self._watch(pulsectl)
            except Exception as exc:  # noqa: BLE001 - the sound server went away, or never came
                if self.is_connected or not self._has_said_absent:
                    log.info("headphones: no sound server (%s); trying again every %g s",
                             exc or type(exc).__name__, self._retry_seconds)
                    self._has_said_absent = True
                self.is_connected = False
                self._report(None)  # speech falls back to the loudspeaker
            with self._lock:
                pulse, self._pulse = self._pulse, None
            if pulse is not None:
                try:
                    pulse.close()
                except Exception:  # noqa: BLE001
                    pass
            self._stopping.wait(self._retry_seconds)

    def _watch(self, pulsectl: Any) -> None:
        pulse = pulsectl.Pulse(self._client_name, server=self._server, connect=False)
        with self._lock:
            self._pulse = pulse
        # No timeout: pulsectl 24.12 then waits out the whole timeout even when the server
        # answers at once. A server that never answers holds only this thread.
        pulse.connect()
        self.is_connected = True
        self._has_said_absent = False
        log.info("headphones: watching the sound server")
        pending = threading.Event()

        def on_event(_event: object) -> None:
            pending.set()
            raise pulsectl.PulseLoopStop  # queries are not allowed inside the callback

        pulse.event_mask_set("sink", "card", "server")
        pulse.event_callback_set(on_event)
        self._check(pulse)
        while not self._stopping.is_set():
            pulse.event_listen(timeout=LISTEN_SECONDS)
            if pending.is_set():
                pending.clear()
                self._check(pulse)

    def _check(self, pulse: Any) -> None:
        sinks = pulse.sink_list()
        output = find_headphones(sinks)
        self._route(pulse, sinks, output)
        self._report(output)

    def _route(self, pulse: Any, sinks: list[Any], output: Output | None) -> None:
        """Make the sound card play on its headphone port while headphones are in (when
        the sound server does not switch ports itself), and back when they are out."""
        by_name = {sink.name: sink for sink in sinks}
        if output is not None and output.port:
            sink = by_name.get(output.sink)
            active = getattr(getattr(sink, "port_active", None), "name", "")
            if sink is not None and active != output.port:
                self._replaced_port[sink.name] = active
                pulse.port_set(sink, output.port)
                log.info("headphones: speech goes to port %s of %s", output.port, sink.name)
            return
        for name, port_name in list(self._replaced_port.items()):
            self._replaced_port.pop(name)
            sink = by_name.get(name)
            active_port = getattr(sink, "port_active", None) if sink is not None else None
            if sink is None or active_port is None or not is_headphone_port(active_port):
                continue  # gone, or the server already switched back
            back = next((p for p in sink.port_list if p.name == port_name and p.available != "no"), None)
            if back is not None:
                pulse.port_set(sink, back)

    def _report(self, output: Output | None) -> None:
        if output == self.output:
            return
        self.output = output
        log.info("headphones %s", f"in: {output.sink}" if output is not None else "out")
        try:
            self._on_change(output)
        except Exception:  # a failing listener must not end the watching
            log.exception("headphones: the listener failed")
