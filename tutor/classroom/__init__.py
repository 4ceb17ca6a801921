"""A live classroom: the instructor's server (`class serve`) and the learner's client (`class join`).

Server side: `app` (Starlette routes), `storage` (SQLite), `board` (what the page shows),
`page` (HTML). Learner side: `client` (the one `emit()` the rest of the tutor calls, a local
queue sent in the background) and `membership` (which class this learner joined).
Nothing here is imported unless a class is joined or served: `emit()` is a cheap no-op otherwise.
"""
