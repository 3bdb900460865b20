"""Project-level guarantees: the database really in use, safe settings, security headers,
the local secret key, translations compiled without GNU gettext, and the `comity` command."""

import os
import subprocess
import sys
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from comity import cli

BASE_DIR = Path(__file__).resolve().parent.parent


def run_python(code: str, tmp_path: Path, **env_changes: str | None):
    """Run `code` in a fresh interpreter with the project's settings and a throwaway COMITY_HOME."""
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "comity.settings",
            "COMITY_HOME": str(tmp_path / "home"),
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.django_db
def test_tests_run_on_postgresql_when_database_url_says_so():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("DATABASE_URL is not a PostgreSQL URL: this run uses SQLite")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0])


@pytest.mark.django_db
def test_tests_run_on_sqlite_without_database_url():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL is set: this run uses another database")
    assert connection.vendor == "sqlite"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_python(
        "import django; django.setup()", tmp_path, COMITY_ENV="production", SECRET_KEY=None
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert not (tmp_path / "home" / "secret_key").exists()


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("short-key", "characters"),
        ("django-insecure-" + "k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8o9p0z1x2c3v4b5n6m7", "example"),
        ("ab" * 40, "random"),
    ],
)
def test_production_refuses_a_short_or_example_secret_key(tmp_path, key, problem):
    result = run_python(
        "import django; django.setup()", tmp_path, COMITY_ENV="production", SECRET_KEY=key
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not fit for production" in result.stderr and problem in result.stderr


def test_production_starts_with_secret_key(tmp_path):
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        tmp_path,
        COMITY_ENV="production",
        SECRET_KEY="kq3N8vZ1-rT0wE5yU7iO2pA4sD6fG9hJ_lX1cV3bN5mQ7wE9rT2yU4iO6pA8sD0fG",
        ALLOWED_HOSTS="comity.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_postgresql_statements_are_prepared_unless_turned_off(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "o = settings.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    url = "postgres://comity:x@127.0.0.1:5432/comity"
    assert run_python(code, tmp_path, DATABASE_URL=url).stdout.strip() == "True 5"
    off = run_python(code, tmp_path, DATABASE_URL=url, COMITY_DB_PREPARED="0")
    assert off.stdout.strip() == "None None"
    assert run_python(code, tmp_path, DATABASE_URL=None).stdout.strip() == "None None"


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    assert run_python(code, tmp_path).stdout.strip() == "False"
    assert run_python(code, tmp_path, DEBUG="1").stdout.strip() == "True"


def test_local_secret_key_is_generated_into_comity_home_and_kept(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY)"
    )
    first = run_python(code, tmp_path, COMITY_ENV=None)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "home" / "secret_key"
    assert key_file.exists()
    assert key_file.stat().st_mode & 0o077 == 0, "the key file must be readable by its owner only"
    key = key_file.read_text().strip()
    assert len(key) >= 50
    assert first.stdout.strip() == key
    second = run_python(code, tmp_path, COMITY_ENV=None)
    assert second.stdout.strip() == key, "a second start must reuse the same key"


@pytest.mark.django_db
def test_home_page_sends_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


PO_FILE = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Directory"
msgstr "Довідник"

#, fuzzy
msgid "States"
msgstr "Неправильна здогадка"

msgid "Networks"
msgstr ""

msgid "%(n)s authority"
msgid_plural "%(n)s authorities"
msgstr[0] "%(n)s орган"
msgstr[1] "%(n)s органи"
msgstr[2] "%(n)s органів"

msgid "%(n)s entry"
msgid_plural "%(n)s entries"
msgstr[0] "%(n)s запис"
msgstr[1] ""
msgstr[2] ""
"""


def test_compile_translations_without_gettext_skips_fuzzy_and_empty(tmp_path):
    messages_dir = tmp_path / "locale" / "uk" / "LC_MESSAGES"
    messages_dir.mkdir(parents=True)
    (messages_dir / "django.po").write_text(PO_FILE, encoding="utf-8")

    call_command("compile_translations", locale_dirs=[str(tmp_path / "locale")], verbosity=0)

    with (messages_dir / "django.mo").open("rb") as handle:
        catalog = GNUTranslations(handle)
    assert catalog.gettext("Directory") == "Довідник"
    assert catalog.gettext("States") == "States", "fuzzy entries count as untranslated"
    assert catalog.gettext("Networks") == "Networks"
    assert catalog.ngettext("%(n)s authority", "%(n)s authorities", 3) == "%(n)s органи"
    assert catalog.ngettext("%(n)s authority", "%(n)s authorities", 5) == "%(n)s органів"
    assert catalog.ngettext("%(n)s entry", "%(n)s entries", 3) == "%(n)s entries"


def test_compile_translations_without_catalogues_does_nothing(tmp_path, capsys):
    call_command("compile_translations", locale_dirs=[str(tmp_path)])
    assert "nothing to compile" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_cli_reads_dashes_as_underscores_and_prefers_the_longest_command():
    commands = {"load_reference": "comity.geo", "token": "comity.accounts", "migrate": "x"}
    assert cli.resolve(["load-reference"], commands) == ("load_reference", [])
    assert cli.resolve(["token", "create", "alice"], commands) == ("token", ["create", "alice"])
    commands["token_create"] = "comity.accounts"
    assert cli.resolve(["token", "create", "alice"], commands) == ("token_create", ["alice"])
    assert cli.resolve(["migrate", "--plan"], commands) == ("migrate", ["--plan"])
    assert cli.resolve(["no-such-command"], commands) is None


def test_cli_help_lists_comity_commands(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "run " in out
    assert "compile-translations" in out
    assert "migrate" in out  # mentioned as an example of Django's own commands
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert "makemigrations" not in listed, "only comity's own commands are listed"


def test_cli_rejects_an_unknown_command(capsys):
    assert cli.main(["no-such-command"]) == 2
    assert "unknown command" in capsys.readouterr().err
