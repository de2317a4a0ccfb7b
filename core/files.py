"""Files only the site's own user may read: folders 0700, files 0600.

What the app writes under var/ holds people's data or tokens (the email
outbox with confirm links, delivery packets with signers' names, the SQLite
database), so its modes must not depend on the process umask (022 on most
machines, which would make them readable by every local user).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

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


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_STORAGE_ROOT/<folder>, 0700 folders and 0600
    files, never under a public URL.

    The root is read from the settings on each use (tests point it elsewhere).
    `url()` is the address the site serves the file from itself, through a
    view that decides who may see it (`url_name`, reversed without arguments).
    """

    def __init__(self, folder, *, url_name=None):
        super().__init__(
            file_permissions_mode=FILE_MODE, directory_permissions_mode=DIR_MODE
        )
        self.folder = folder
        self.url_name = url_name

    @property
    def base_location(self):
        return str(Path(settings.PRIVATE_STORAGE_ROOT) / self.folder)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def _save(self, name, content):
        private_dir(self.location)  # missing parents 0700 too, whatever made them
        return super()._save(name, content)

    def url(self, name):
        if not self.url_name:
            raise ValueError("private files have no public URL")
        return reverse(self.url_name)


def organization_storage():
    """Where the organization's logo is kept (served by /about/logo.png)."""
    return PrivateStorage("organization", url_name="about-logo")
