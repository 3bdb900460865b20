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


def secret_key(home: Path, *, production: bool) -> str:
    """SECRET_KEY from the environment; outside production a generated key kept in COMITY_HOME."""
    from_env = env_str("SECRET_KEY")
    if from_env:
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
