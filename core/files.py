"""Files only the site's own user may read: folders 0700, files 0600.

What the app writes under var/ holds people's data or tokens (the email
outbox with confirm links, delivery packets with signers' names, the SQLite
database), so its modes must not depend on the process umask (022 on most
machines, which would make them readable by every local user).
"""

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path):
    """Make `path` a folder only this user may open, creating missing parents so.

    Folders that already existed above the first missing one keep their mode
    (they may be /srv or /tmp); `path` itself is always set to 0700.
    """
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode goes through the umask
    os.chmod(path, DIR_MODE)
    return path


def private_open(path, mode="ab"):
    """`open(path, mode)` for writing, the file created (or left) 0600."""
    flags = os.O_WRONLY | os.O_CREAT
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode otherwise
        return os.fdopen(fd, mode)
    except BaseException:
        os.close(fd)
        raise


def sqlite_file_private(sender, connection, **kwargs):
    """`connection_created` receiver: the SQLite database file 0600.

    SQLite creates the file with the umask's mode and gives its journal and
    WAL files the database file's mode, so setting the database is enough.
    In-memory databases (tests) have no file.
    """
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    try:
        if os.stat(name).st_mode & 0o077:
            os.chmod(name, FILE_MODE)
    except FileNotFoundError:
        pass
