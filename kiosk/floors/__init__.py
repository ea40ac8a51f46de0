"""The building plan: floors, rooms and the route graph of ``floors/floors.toml``.

No widgets here: loading and checking (:mod:`.loader`), routes (:mod:`.routing`),
directions in words (:mod:`.directions`) and finding rooms (:mod:`.rooms`).
"""
