"""Subcommands of the ``kiosk`` command, one module each.

Each module has ``register(subparsers)`` that adds its parser and sets ``func`` to a
``run(args) -> int``. Modules import heavy things (Qt, engines) inside ``run`` only.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "render",
    "today",
    "search",
    "speak",
    "print_cmd",
    "config_cmd",
    "set_pin",
)
