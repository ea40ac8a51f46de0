"""Reading the sound server's sinks and ports: when are headphones in, and where does
speech go. The ports here are data as ``pulsectl`` reports them for a sound card with
jack detection (the test sound server's null sinks have no ports to flip)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.speech.jack import JackWatcher, Output, find_headphones


@dataclass
class Port:
    name: str
    description: str
    available: str = "unknown"


@dataclass
class Sink:
    name: str
    port_list: list[Port] = field(default_factory=list)
    port_active: Port | None = None
    proplist: dict[str, str] = field(default_factory=dict)


def card(headphones: str = "no", active: str = "speaker") -> Sink:
    """An onboard sound card with a loudspeaker port and a headphone jack."""
    speaker = Port("analog-output-speaker", "Speakers", "unknown")
    jack = Port("analog-output-headphones", "Headphones", headphones)
    return Sink("alsa_output.pci-0000_00_1f.3.analog-stereo", [speaker, jack],
                speaker if active == "speaker" else jack)


def test_the_jack_port_turning_available_means_headphones_in() -> None:
    assert find_headphones([card("no")]) is None
    assert find_headphones([card("unknown")]) is None  # no jack detection: not a plug
    assert find_headphones([card("yes")]) == Output(card().name, "analog-output-headphones")


def test_a_headset_sink_means_headphones_in_and_a_plain_sink_does_not() -> None:
    hdmi = Sink("alsa_output.hdmi", proplist={"device.form_factor": "tv"})
    usb = Sink("alsa_output.usb-headset", proplist={"device.form_factor": "headset"})
    assert find_headphones([hdmi]) is None
    assert find_headphones([hdmi, usb]) == Output("alsa_output.usb-headset")
    assert find_headphones([card("yes"), usb]) == Output(card().name, "analog-output-headphones")


def test_ucm_and_bluetooth_port_names_count_as_headphones() -> None:
    ucm = Sink("alsa_output.ucm", [Port("[Out] Headphones", "Headphones", "yes")])
    bluetooth = Sink("bluez_sink.x", [Port("headset-output", "Headset", "yes")])
    assert find_headphones([ucm]) == Output("alsa_output.ucm", "[Out] Headphones")
    assert find_headphones([bluetooth]) == Output("bluez_sink.x", "headset-output")


class FakePulse:
    def __init__(self, sinks: list[Sink]) -> None:
        self.sinks = sinks
        self.port_sets: list[tuple[str, str]] = []

    def sink_list(self) -> list[Sink]:
        return self.sinks

    def port_set(self, sink: Sink, port: Port | str) -> None:
        name = port if isinstance(port, str) else port.name
        self.port_sets.append((sink.name, name))
        sink.port_active = next(p for p in sink.port_list if p.name == name)


def test_the_card_is_switched_to_the_headphones_and_back_when_the_server_does_not() -> None:
    reported: list[Output | None] = []
    watcher = JackWatcher(reported.append)
    sink = card("no")
    pulse = FakePulse([sink])
    watcher._check(pulse)
    assert reported == [] and pulse.port_sets == []  # nothing to say: no headphones at start
    sink.port_list[1].available = "yes"  # plugged in
    watcher._check(pulse)
    assert reported == [Output(sink.name, "analog-output-headphones")]
    assert pulse.port_sets == [(sink.name, "analog-output-headphones")]
    sink.port_list[1].available = "no"  # taken out; the server left the port as it was
    watcher._check(pulse)
    assert reported[-1] is None
    assert pulse.port_sets[-1] == (sink.name, "analog-output-speaker")


def test_a_server_that_switches_ports_itself_is_left_alone() -> None:
    reported: list[Output | None] = []
    watcher = JackWatcher(reported.append)
    pulse = FakePulse([card("yes", active="headphones")])  # module-switch-on-port-available
    watcher._check(pulse)
    assert reported == [Output(card().name, "analog-output-headphones")] and pulse.port_sets == []
    pulse.sinks = [card("no", active="speaker")]
    watcher._check(pulse)
    assert reported[-1] is None and pulse.port_sets == []
