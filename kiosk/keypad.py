"""The keys of a tactile keypad, as ``kiosk.toml`` maps them to what the kiosk does.

USB keypads for public terminals (EZ Access, Storm Nav-Bar) send ordinary key codes,
but not always the same ones: one sends arrows, another digits or function keys. Staff
write, for each action, the keys their keypad sends (``keypad_next = "Down, 2"``); the
kiosk then treats those keys as the action's own key (:data:`ACTIONS`), which every
screen already understands. The action's own key always works too, so a keyboard
plugged in for maintenance behaves as documented.

Key names are Qt's without the ``Key_`` prefix, any case ("Down", "PageUp", "F1",
"VolumeUp", "Asterisk"), or one character ("2", "+", "*").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Action:
    """One thing a keypad key does; ``key`` is the name of the key the screens handle."""

    name: str
    key: str
    default: str
    help: str


ACTIONS: tuple[Action, ...] = (
    Action("previous", "Up", "Up", "previous item (in speech mode: spoken)"),
    Action("next", "Down", "Down", "next item (in speech mode: spoken)"),
    Action("activate", "Return", "Return, Enter", "use the item (press the button, open the tile)"),
    Action("back", "Escape", "Escape", "back to the previous screen"),
    Action("home", "Home", "Home", "the start screen"),
    Action("help", "F1", "F1, Help", "says where you are, what the item does and which keys do what"),
    Action("louder", "Plus", "+, VolumeUp", "speech louder"),
    Action("quieter", "Minus", "-, VolumeDown", "speech quieter"),
    Action("speech", "Asterisk", "*, F2", "speech mode on or off"),
    Action("previous_paragraph", "PageUp", "PageUp", "while a page is read: the previous paragraph"),
    Action("next_paragraph", "PageDown", "PageDown", "while a page is read: the next paragraph"),
)
ACTIONS_BY_NAME: dict[str, Action] = {a.name: a for a in ACTIONS}


@lru_cache(maxsize=1)
def _qt_keys() -> dict[str, int]:
    """Every Qt key name (without "Key_", case-folded) → its code; made once (~500 keys)."""
    from PySide6.QtCore import Qt

    return {name[4:].casefold(): int(member.value) for name, member in Qt.Key.__members__.items()
            if name.startswith("Key_")}


def key_code(name: str) -> int | None:
    """The Qt key code of a key name, or None when there is no such key."""
    name = name.strip()
    if not name:
        return None
    if len(name) == 1:
        return ord(name.upper()) if name.isprintable() and ord(name) < 0x7F else None
    return _qt_keys().get(name.casefold())


def split_keys(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def keys_problem(text: str) -> str | None:
    """Why ``text`` is not a list of key names, or None when it is (kiosk.toml's check)."""
    names = split_keys(text)
    if not names:
        return 'names no key: give one or more key names, e.g. "Down" or "Down, 2"'
    unknown = [name for name in names if key_code(name) is None]
    if unknown:
        import difflib

        shown = ", ".join(f'"{name}"' for name in unknown)
        close = difflib.get_close_matches(unknown[0].casefold(), list(_qt_keys()), n=1, cutoff=0.7)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return (f"{shown}: no such key{hint}; key names are Qt's, e.g. Down, PageUp, F1, VolumeUp, "
                "or one character")
    return None


class Keypad:
    """Which key code stands for which action's own key (see :data:`ACTIONS`)."""

    def __init__(self, keys: Mapping[str, str] | None = None) -> None:
        """``keys``: action name → key names as in kiosk.toml (missing: the default)."""
        chosen = dict(keys or {})
        self.translation: dict[int, int] = {}
        for action in ACTIONS:
            own = key_code(action.key)
            assert own is not None, action.key
            for name in split_keys(chosen.get(action.name, action.default)):
                code = key_code(name)
                if code is not None and code != own:
                    self.translation[code] = own

    def translate(self, key: int) -> int:
        """The key the screens understand for a key the keypad sent."""
        return self.translation.get(key, key)

    @property
    def is_default(self) -> bool:
        return self.translation == Keypad().translation
