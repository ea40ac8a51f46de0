"""Widgets of the kiosk: one screen per module, bars, and the shared look."""
