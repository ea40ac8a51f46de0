"""The office's content: site.toml, pages, their loading, checking and rendering.

Nothing in this package imports Qt; it is plain data and rules.
"""
