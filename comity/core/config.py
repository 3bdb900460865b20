"""Reading settings from the environment, and the local home folder (COMITY_HOME)."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[2]

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use one of 1/0, true/false, yes/no, on/off.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def comity_home() -> Path:
    """The folder for the SQLite file, the local secret key and uploads."""
    home = Path(env_str("COMITY_HOME", str(BASE_DIR / "var"))).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home


# Keys copied from documentation, examples and tutorials; whoever has read them knows them.
KNOWN_KEYS = frozenset(
    {"changeme", "change-me", "secret", "secret-key", "your-secret-key", "replace-me", "comity"}
)
MIN_KEY_LENGTH = 50


def weak_key_problem(key: str) -> str:
    """Why `key` must not sign sessions in production, or "" when it is fit."""
    if len(key) < MIN_KEY_LENGTH:
        return f"it has {len(key)} characters; use at least {MIN_KEY_LENGTH}"
    if key.lower() in KNOWN_KEYS or key.startswith("django-insecure"):
        return "it is a well-known example value"
    if len(set(key)) < 10:
        return "it repeats too few characters to be random"
    return ""


def secret_key(home: Path, *, production: bool) -> str:
    """SECRET_KEY from the environment; outside production a generated key kept in COMITY_HOME.

    In production the key must be long and random: a short or example key lets anyone forge
    sessions and password-reset links.
    """
    from_env = env_str("SECRET_KEY")
    if from_env:
        problem = weak_key_problem(from_env) if production else ""
        if problem:
            raise ImproperlyConfigured(
                f"SECRET_KEY is not fit for production: {problem}. Generate one with "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(64))'` and keep it "
                "outside the repository."
            )
        return from_env
    if production:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (COMITY_ENV=production) comity refuses to start "
            "without it: set SECRET_KEY to a long random string kept outside the repository."
        )
    key_file = home / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
