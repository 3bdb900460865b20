"""The `comity` command: a thin front to Django's management commands.

    comity run                       migrate, load reference data, collect static files, serve
    comity load-reference            -> manage.py load_reference
    comity token create USER         -> manage.py token_create USER, or manage.py token create USER
    comity audit verify              -> manage.py audit_verify, or manage.py audit verify
    comity directory import FILE     -> manage.py directory_import FILE, or ... directory import FILE

Dashes in command names become underscores. Any other Django command works too (comity migrate,
comity createsuperuser, comity shell).
"""

import os
import sys

SETTINGS_MODULE = "comity.settings"
PROGRAM = "comity"

# Commands the `comity` front adds itself, with their one-line description.
OWN_COMMANDS = {
    "run": "Migrate, load reference data, collect static files and serve with gunicorn.",
}


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


def _available_commands() -> dict[str, str]:
    """Every management command name -> the app (module path) that provides it."""
    from django.core.management import get_commands

    return get_commands()


def resolve(argv: list[str], commands: dict[str, str]) -> tuple[str, list[str]] | None:
    """Map `comity` arguments to (management command, its arguments), or None if unknown.

    The longest match wins: `comity token create USER` prefers a `token_create` command, then a
    `token` command with `create USER` as arguments.
    """
    words = []
    for word in argv:
        if word.startswith("-"):
            break
        words.append(word.replace("-", "_"))
    for length in range(min(len(words), 3), 0, -1):
        name = "_".join(words[:length])
        if name in commands:
            return name, list(argv[length:])
    return None


def _first_line(text: str | None) -> str:
    for line in (text or "").strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def comity_commands() -> list[tuple[str, str]]:
    """(dashed name, one-line help) for every command provided by a comity app, plus `run`."""
    from django.core.management import load_command_class

    rows = list(OWN_COMMANDS.items())
    for name, app in sorted(_available_commands().items()):
        if not (app == "comity" or app.startswith("comity.")):
            continue
        try:
            help_text = _first_line(load_command_class(app, name).help)
        except Exception as exc:  # a broken command must not hide the others
            help_text = f"(cannot load: {exc})"
        rows.append((name.replace("_", "-"), help_text))
    return rows


def print_help(out=None) -> None:
    out = out or sys.stdout
    try:
        _setup_django()
        rows = comity_commands()
    except Exception as exc:  # e.g. production settings without SECRET_KEY: still show the usage
        rows = list(OWN_COMMANDS.items())
        out.write(f"(cannot list the management commands: {exc})\n\n")
    width = max(len(name) for name, _ in rows) + 2
    out.write(f"usage: {PROGRAM} COMMAND [ARGS...]\n\ncomity commands:\n")
    for name, help_text in rows:
        out.write(f"  {name.ljust(width)}{help_text}\n")
    out.write(
        "\nDashes in names are read as underscores (load-reference = load_reference).\n"
        f"Every Django management command works too, e.g. `{PROGRAM} migrate`, "
        f"`{PROGRAM} createsuperuser`.\n"
        f"`{PROGRAM} COMMAND --help` describes one command.\n"
    )


def run(argv: list[str]) -> int:
    """Prepare the database and static files, then replace this process with gunicorn."""
    import argparse

    from django.core.management import call_command

    parser = argparse.ArgumentParser(prog=f"{PROGRAM} run", description=OWN_COMMANDS["run"])
    parser.add_argument(
        "--bind",
        default=f"127.0.0.1:{os.environ.get('PORT') or '8000'}",
        help="address to listen on (default 127.0.0.1:$PORT, PORT defaulting to 8000)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument(
        "--skip-setup",
        action="store_true",
        help="serve at once, without migrate / load_reference / collectstatic",
    )
    options = parser.parse_args(argv)

    if not options.skip_setup:
        call_command("migrate", interactive=False, verbosity=1)
        call_command("load_reference")
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("library_reindex", if_needed=True)

    print(f"\n  comity is serving on http://{options.bind}/  (Ctrl-C stops it)\n", flush=True)
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        options.bind,
        "--workers",
        str(options.workers),
        "--access-logfile",
        "-",
        "comity.wsgi",
    ]
    # exec: gunicorn takes over this process, so signals from a service manager reach it directly.
    os.execv(sys.executable, args)  # noqa: S606 - fixed argument list, no shell
    return 0  # not reached


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print_help()
        return 0 if argv else 2
    if argv[0] in {"--version", "version"}:
        from comity import __version__

        print(f"{PROGRAM} {__version__}")
        return 0

    _setup_django()
    if argv[0] == "run":
        return run(argv[1:])

    resolved = resolve(argv, _available_commands())
    if resolved is None:
        sys.stderr.write(
            f"{PROGRAM}: unknown command {' '.join(argv[:1])!r}. "
            f"`{PROGRAM} --help` lists the commands.\n"
        )
        return 2
    name, rest = resolved

    from django.core.management import execute_from_command_line

    # Django prints "manage.py" in usage lines; name ourselves instead.
    execute_from_command_line([PROGRAM, name, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
