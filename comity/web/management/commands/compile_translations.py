"""Compile gettext catalogues (.po) into .mo files with Babel, so no GNU gettext is needed."""

from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comity.core.config import BASE_DIR


def project_locale_dirs() -> list[Path]:
    """Every locale folder of the project: LOCALE_PATHS and any comity/<app>/locale."""
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    dirs += sorted((BASE_DIR / "comity").glob("*/locale"))
    seen: list[Path] = []
    for path in dirs:
        resolved = path.resolve()
        if resolved.is_dir() and resolved not in seen:
            seen.append(resolved)
    return seen


def _is_translated(message) -> bool:
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        # A plural entry counts only when every form is filled in; an empty form would show as "".
        return bool(message.string) and all(message.string)
    return bool(message.string)


def compile_po(po_path: Path, *, force: bool = False) -> tuple[bool, int, int]:
    """Write the .mo beside po_path. Returns (written, translated, total)."""
    mo_path = po_path.with_suffix(".mo")
    locale_name = po_path.parent.parent.name
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False, -1, -1
    with po_path.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=locale_name)
        except (UnknownLocaleError, ValueError):
            handle.seek(0)
            catalog = read_po(handle)
    messages = [message for message in catalog if message.id]
    # Fuzzy entries are guesses made by makemessages: treat them as untranslated (as msgfmt does).
    for message in messages:
        if not _is_translated(message):
            catalog.delete(message.id, context=message.context)
    translated = len(list(catalog)) - 1  # minus the header entry
    tmp_path = mo_path.with_suffix(".mo.tmp")
    with tmp_path.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    tmp_path.replace(mo_path)
    return True, translated, len(messages)


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) into .mo files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            action="append",
            dest="locale_dirs",
            help="Compile this locale folder instead of the project's (may be repeated).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Recompile even when the .mo is up to date."
        )

    def handle(self, *args, locale_dirs=None, force=False, **options):
        roots = [Path(path) for path in locale_dirs] if locale_dirs else project_locale_dirs()
        po_files = sorted(po for root in roots for po in root.glob("*/LC_MESSAGES/*.po"))
        if not po_files:
            if options["verbosity"] >= 1:
                self.stdout.write("No translation catalogues (.po) found; nothing to compile.")
            return
        written = 0
        for po_path in po_files:
            try:
                done, translated, total = compile_po(po_path, force=force)
            except Exception as exc:  # a broken .po must name itself, not fail anonymously
                raise CommandError(f"{po_path}: cannot compile: {exc}") from exc
            if done:
                written += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(f"{po_path}: {translated} of {total} messages translated")
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Compiled {written} catalogue(s); {len(po_files) - written} already up to date."
            )
