"""The files the bot keeps about children are private to the account that runs it, whatever the umask.

A default umask (022) would leave the data directory 0755 and the SQLite database 0644: readable by every
local user. SQLite creates its -wal and -shm files with the mode of the database file, so a database
created 0600 keeps all three private.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm")


def private_directory(path: Path) -> None:
    """Create `path` (and its parents) if missing; the directory the bot creates is 0700.

    A directory that already exists is the operator's: its mode is left as it is.
    """
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(PRIVATE_DIR)  # mkdir's mode is masked by the umask; chmod is not


def private_sqlite_file(database: Path) -> None:
    """Create the database file 0600 before SQLite does (SQLite would make it 0644 less the umask).

    An existing file is left as it is: `readable_by_others` lets the `iepbot db` commands warn about it.
    """
    private_directory(database.parent)
    try:
        descriptor = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(descriptor)
    database.chmod(PRIVATE_FILE)


def private_file(path: Path) -> Path:
    """`path`, created (or emptied) 0600 whatever the umask, for a document about a child (an export):
    a shell's `> file` would make it 0644, readable by every local user."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.close(descriptor)
    path.chmod(PRIVATE_FILE)  # an existing file keeps its mode through O_CREAT: an export is private anyway
    return path


def readable_by_others(database: Path) -> str | None:
    """One line of warning when the database or its -wal/-shm can be read by group or others, else None."""
    exposed = []
    for path in (database, *(Path(f"{database}{suffix}") for suffix in SQLITE_COMPANIONS)):
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            exposed.append(f"{path} ({mode:04o})")
    if not exposed:
        return None
    return (
        f"Warning: the database can be read by other local users: {', '.join(exposed)}. "
        f"It holds children's plans; run `chmod 600` on it (and its -wal and -shm files).\n"
    )
