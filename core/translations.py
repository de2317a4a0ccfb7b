"""The Spanish catalogue (locale/<lang>/LC_MESSAGES/django.po) compiled to .mo
with Babel, so a bare machine with only Python builds it (no GNU gettext).

`manage.py compile_translations` runs this; `make run`, `make test`,
`make serve-prod` (deploy/serve_prod.py) run the command, and the test
session compiles a stale catalogue too (tests/conftest.py). The .mo files are
build output and not committed (.gitignore).
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def locale_folders():
    """settings.LOCALE_PATHS, then the `locale/` folder of each of the
    project's own apps (Django reads those too): each app may keep the
    translations of its own templates and messages."""
    from django.apps import apps

    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "locale"
        own = folder.is_relative_to(base) and "site-packages" not in folder.parts
        if own and folder.is_dir() and folder not in folders:
            folders.append(folder)
    return folders


def catalogue_paths():
    """Every django.po under the locale folders (locale_folders)."""
    paths = []
    for folder in locale_folders():
        paths.extend(sorted(Path(folder).glob("*/LC_MESSAGES/django.po")))
    return paths


def read_catalogue(path):
    with open(path, "rb") as handle:
        return read_po(handle, abort_invalid=True)


def is_stale(po_path):
    mo_path = Path(po_path).with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogues(*, only_stale=False):
    """Write django.mo beside each django.po (all, or only those older than
    their .po); return the .po paths compiled. Fuzzy entries are left out,
    as msgfmt does. Raises babel's errors for a .po that does not parse."""
    compiled = []
    for po_path in catalogue_paths():
        if only_stale and not is_stale(po_path):
            continue
        catalogue = read_catalogue(po_path)
        mo_path = po_path.with_suffix(".mo")
        tmp_path = mo_path.with_suffix(".mo.tmp")
        with open(tmp_path, "wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        tmp_path.replace(mo_path)
        compiled.append(po_path)
    return compiled
