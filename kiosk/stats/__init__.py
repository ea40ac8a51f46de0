"""Anonymous use statistics for the office's ISO 9001 reviews (no widgets).

:mod:`.events` is the vocabulary and the privacy rules (what may be stored at all),
:mod:`.store` the SQLite database (schema, migrations, retention), :mod:`.recorder` the
queue the UI thread appends to and the writer thread that commits it, :mod:`.visit` the
per-visit object the controller calls, :mod:`.report` the numbers for ``kiosk stats``,
:mod:`.merge` the combining of several kiosks' databases and :mod:`.pdf` the quarterly
report drawn with Qt Charts.
"""
