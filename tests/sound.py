"""A private PulseAudio server with a null sink, so tests hear what the kiosk plays.

The test run starts one (``tests/conftest.py``) and points ``PULSE_SERVER`` at it before
Qt looks for sound devices: Qt then finds a real output ("Null Output") and no test ever
plays through a developer's speakers. ``record()`` captures the sink's monitor.

A null sink with no stream renders in blocks of up to 2 s, so a new stream would start
that late; a silent low-latency stream kept running makes it render every 20 ms, as a
sound card does.
"""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RATE = 22050
SINK = "kiosk_test"
HEADSET = "kiosk_headphones"  # the sink plug_headset() adds
CONFIG = f"""\
load-module module-native-protocol-unix auth-anonymous=1 socket={{socket}}
load-module module-null-sink sink_name={SINK} rate={RATE} channels=1
set-default-sink {SINK}
"""


class Recording:
    """Samples captured from the sink's monitor (mono, 16-bit, 22,050 Hz)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.samples = array.array("h")

    def load(self) -> None:
        data = self.path.read_bytes()
        self.samples = array.array("h", data[: len(data) // 2 * 2])

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE

    def peak(self) -> int:
        return max((abs(s) for s in self.samples), default=0)

    def loud_seconds(self, threshold: int = 500) -> float:
        """How long the sound was above ``threshold``, in 10 ms windows."""
        window = RATE // 100
        loud = sum(
            1
            for start in range(0, len(self.samples), window)
            if max((abs(s) for s in self.samples[start : start + window]), default=0) > threshold
        )
        return loud / 100


class SoundServer:
    """``pulseaudio`` on a socket of its own in ``folder``; ``start()`` says why not."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.address = f"unix:{self.socket}"
        self._server: subprocess.Popen[bytes] | None = None
        self._keepalive: subprocess.Popen[bytes] | None = None
        self._headset: tuple[str, subprocess.Popen[bytes]] | None = None  # module index, keep-alive
        self._env = {
            **os.environ,
            "PULSE_SERVER": self.address,
            "HOME": str(folder / "home"),
            "XDG_RUNTIME_DIR": str(folder / "xdg"),
            "PULSE_RUNTIME_PATH": str(folder / "run"),
        }

    def start(self) -> str:
        """"" once the server answers, else why it could not start."""
        for tool in ("pulseaudio", "pacat", "parec", "pactl"):
            if shutil.which(tool) is None:
                return f"{tool} is not installed (Debian: pulseaudio, pulseaudio-utils)"
        for name in ("home", "xdg", "run"):
            (self.folder / name).mkdir(mode=0o700, parents=True, exist_ok=True)
        config = self.folder / "default.pa"
        config.write_text(CONFIG.format(socket=self.socket), encoding="utf-8")
        self._server = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "-n", "-F", str(config), "--exit-idle-time=-1",
             "--use-pid-file=no", "--disallow-module-loading=no", f"--log-target=file:{self.folder / 'log'}"],
            env=self._env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                return f"pulseaudio exited with status {self._server.returncode}: {self.log_tail()}"
            if self.socket.exists() and self._pactl("info").returncode == 0:
                break
            time.sleep(0.05)
        else:
            self.stop()
            return "pulseaudio did not answer within 10 s"
        self._keepalive = self._keep_alive(SINK)
        return ""

    def _keep_alive(self, sink: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            ["pacat", "--playback", "--raw", f"--rate={RATE}", "--channels=1", "--format=s16le",
             "--latency-msec=20", "--client-name=keep-alive", f"--device={sink}", "/dev/zero"],
            env=self._env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def plug_headset(self) -> None:
        """Headphones in: a sink of its own that says it is headphones, as a USB or
        Bluetooth headset is when it connects. (A null sink has no ports, so the analog
        jack's port availability cannot be flipped on this server; the kiosk's reading
        of ports is tested on port data, ``tests/unit/speech/test_jack.py``.)"""
        if self._headset is not None:
            return
        result = self._pactl(
            "load-module", "module-null-sink", f"sink_name={HEADSET}", f"rate={RATE}", "channels=1",
            "sink_properties=device.form_factor=headphone",
        )
        if result.returncode != 0:
            raise RuntimeError(f"cannot add the headphones sink: {result.stderr}")
        self._headset = (result.stdout.strip(), self._keep_alive(HEADSET))

    def unplug_headset(self) -> None:
        """Headphones out: their sink goes away."""
        if self._headset is None:
            return
        module, keepalive = self._headset
        self._headset = None
        keepalive.terminate()
        keepalive.wait(timeout=5)
        self._pactl("unload-module", module)

    @property
    def is_running(self) -> bool:
        return self._server is not None and self._server.poll() is None

    def log_tail(self) -> str:
        log = self.folder / "log"
        return log.read_text(errors="replace")[-500:] if log.exists() else ""

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self._env, capture_output=True, text=True,
                              timeout=10, check=False)

    def suspend(self, is_suspended: bool) -> None:
        """Freeze the sink (it takes no samples), as a stuck sound card would."""
        self._pactl("suspend-sink", SINK, "1" if is_suspended else "0")

    @contextmanager
    def record(self, sink: str = SINK) -> Iterator[Recording]:
        """Capture what ``sink`` (the loudspeaker's, or ``HEADSET``) plays until the block ends."""
        path = self.folder / f"recording-{time.monotonic_ns()}.raw"
        recording = Recording(path)
        with path.open("wb") as out:
            recorder = subprocess.Popen(
                ["parec", "-d", f"{sink}.monitor", "--raw", f"--rate={RATE}", "--channels=1",
                 "--format=s16le", "--latency-msec=10"],
                env=self._env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.DEVNULL,
            )
            try:
                deadline = time.monotonic() + 5  # recording once the first samples arrive
                while path.stat().st_size == 0 and time.monotonic() < deadline:
                    time.sleep(0.005)
                yield recording
            finally:
                recorder.terminate()
                recorder.wait(timeout=5)
        recording.load()
        path.unlink(missing_ok=True)

    def stop(self) -> None:
        if self._headset is not None:
            self._headset[1].terminate()
            self._headset[1].wait(timeout=5)
            self._headset = None
        for process in (self._keepalive, self._server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
        self._keepalive = self._server = None
