"""Information kiosk for Urząd Miejski w Mszczonowie."""

__version__ = "0.1.0"
