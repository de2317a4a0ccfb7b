"""Celery beat's schedule file (var/celerybeat-schedule), kept 0600.

beat's default scheduler stores its last-run times with `shelve`, whose dbm
files are created 0666 less the umask; this one opens the same kind of
shelf with mode 0600 (dbm applies it to every file it makes, some only on
the first write), and tightens files an older version left open, like
everything else the site writes under var/ (core/files.py). Chosen by
settings.CELERY_BEAT_SCHEDULER.
"""

import dbm
import os
import shelve

from celery.beat import PersistentScheduler

from .files import FILE_MODE


class PrivatePersistentScheduler(PersistentScheduler):
    def _open_schedule(self):
        for suffix in self.known_suffixes:
            path = self.schedule_filename + suffix
            if os.path.exists(path):
                os.chmod(path, FILE_MODE)
        store = dbm.open(self.schedule_filename, "c", FILE_MODE)
        return shelve.Shelf(store, writeback=True)
