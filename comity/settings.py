"""Django settings, read from the environment. See docs/CONFIGURATION.md for every variable."""

import os

import dj_database_url

from comity.core import languages
from comity.core.config import (
    BASE_DIR,
    comity_home,
    env_bool,
    env_list,
    env_str,
    secret_key,
)

# --- Deployment -------------------------------------------------------------------------------
COMITY_ENV = env_str("COMITY_ENV", "local")  # local | production
PRODUCTION = COMITY_ENV == "production"
COMITY_HOME = comity_home()
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(COMITY_HOME, production=PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("COMITY_HTTPS", PRODUCTION)

# --- Applications -----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "comity.core",
    "comity.geo",
    "comity.accounts",
    "comity.audit",
    "comity.directory",
    "comity.treaties",
    "comity.drafting",
    "comity.casework",
    "comity.library",
    "comity.networks",
    "comity.assessments",
    "comity.assistance",
    "comity.liaison",
    "comity.installation",
    "comity.api",
    "comity.web",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "comity.web.middleware.ContentSecurityPolicyMiddleware",
    "comity.web.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "comity.web.middleware.BodyLimitMiddleware",
    "comity.web.middleware.RefuseControlCharactersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "comity.accounts.middleware.RequireTwoFactorMiddleware",
    "comity.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "comity.urls"
WSGI_APPLICATION = "comity.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comity.web.context.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite in WAL mode by default; PostgreSQL with DATABASE_URL=postgres://user:pass@host:port/name.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if env_bool("COMITY_DB_PREPARED", True):
        # Parameters bound by the server, and a statement run five times on a connection kept
        # prepared there: PostgreSQL then skips parsing and planning the queries every request
        # makes (session, user, generations). Off for a pooler in transaction mode that cannot
        # keep prepared statements (PgBouncer before 1.21).
        DATABASES["default"]["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            "server_side_binding": True,
            "prepare_threshold": 5,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(COMITY_HOME / "comity.sqlite3"),
            # Keep the connection between requests: opening one and setting its pragmas costs
            # more than a typical directory query.
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            # The tests use a file too, not shared memory: concurrent writers then behave as in
            # an installation (WAL, busy timeout) instead of failing on shared-cache table locks.
            # One file per test run, so that two runs on one checkout do not share it.
            "TEST": {"NAME": str(COMITY_HOME / f"test-{os.getpid()}.sqlite3")},
        }
    }

# --- Authentication and security --------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "comity.accounts.backends.UserWithAuthority",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

AXES_FAILURE_LIMIT = int(env_str("COMITY_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out user may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_ENGINE = "comity.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS and env_bool("COMITY_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
OTP_TOTP_ISSUER = "comity"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = languages.django_languages()
LANGUAGES_BIDI = [language.django for language in languages.LANGUAGES if language.rtl]
LOCALE_PATHS = [BASE_DIR / "comity" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files, uploads, e-mail ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = COMITY_HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names (served for a year) unless DEBUG; tests use plain names.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = COMITY_HOME / "uploads"
# The files of the case register (docs/CONFIGURATION.md, "Case register files"): on this machine,
# readable by comity's user only, or in an S3 bucket (needs django-storages, not installed).
COMITY_CASE_STORAGE_S3_BUCKET = env_str("COMITY_CASE_STORAGE_S3_BUCKET")
if COMITY_CASE_STORAGE_S3_BUCKET:
    STORAGES["casework"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": COMITY_CASE_STORAGE_S3_BUCKET,
            "endpoint_url": env_str("COMITY_CASE_STORAGE_S3_ENDPOINT") or None,
            "region_name": env_str("COMITY_CASE_STORAGE_S3_REGION") or None,
            # Unset: boto3 looks further (its configuration files, an instance role).
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    STORAGES["casework"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(COMITY_HOME / "casework"),
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    }
# The files of the legal library (originals of uploaded documents), on this machine.
STORAGES["library"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": str(COMITY_HOME / "library-files"),
        "directory_permissions_mode": 0o700,
        "file_permissions_mode": 0o600,
    },
}
# The informal channel's attachments, encrypted (comity/liaison/vault.py), on this machine.
STORAGES["liaison"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": str(COMITY_HOME / "liaison-files"),
        "directory_permissions_mode": 0o700,
        "file_permissions_mode": 0o600,
    },
}
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "comity@localhost")

# --- comity ---------------------------------------------------------------------------------
# Whether visitors who are not signed in may read the directory (practitioners expect: no).
COMITY_DIRECTORY_PUBLIC = env_bool("COMITY_DIRECTORY_PUBLIC", False)
# The public address of this installation, for links in e-mails sent from the command line.
COMITY_SITE_URL = env_str("COMITY_SITE_URL", "http://127.0.0.1:8000")
# Keep finished answers (directory searches, legal bases) per process until the data they were
# computed from changes (comity/core/answers.py, comity/core/generations.py). Off only to
# measure the uncached path.
COMITY_ANSWER_CACHE = env_bool("COMITY_ANSWER_CACHE", True)
# Limits that protect the server (docs/CONFIGURATION.md, "Limits"). A request body (form or JSON)
# may be at most COMITY_MAX_BODY_BYTES; the directory imports, which carry a whole State's
# entries, COMITY_MAX_IMPORT_BYTES. Rendering a document stops after COMITY_RENDER_TIMEOUT seconds
# (keep it below the web server's worker timeout, 30 s for `comity run`).
COMITY_MAX_BODY_BYTES = int(env_str("COMITY_MAX_BODY_BYTES", str(1024 * 1024)))
COMITY_MAX_IMPORT_BYTES = int(env_str("COMITY_MAX_IMPORT_BYTES", str(10 * 1024 * 1024)))
COMITY_RENDER_TIMEOUT = float(env_str("COMITY_RENDER_TIMEOUT", "20"))
# Documents rendered at once on one machine; keep it below the number of web workers.
COMITY_RENDER_SLOTS = int(env_str("COMITY_RENDER_SLOTS", "2"))
# Django's own ceilings sit at the largest limit; comity.web.middleware.BodyLimitMiddleware
# applies the limit of each address before any of the body is read. DATA_UPLOAD_MAX_MEMORY_SIZE
# counts the fields of a form, not its files: a file (a case's, up to
# COMITY_CASE_UPLOAD_MAX_BYTES) larger than FILE_UPLOAD_MAX_MEMORY_SIZE goes to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(COMITY_MAX_BODY_BYTES, COMITY_MAX_IMPORT_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# The audit trail's seals and checkpoints (docs/OPERATIONS.md): the key never goes into the
# database; by default it is derived from SECRET_KEY. Keep the checkpoint file on other storage.
COMITY_AUDIT_KEY = env_str("COMITY_AUDIT_KEY")
COMITY_AUDIT_CHECKPOINTS = env_str(
    "COMITY_AUDIT_CHECKPOINTS", str(COMITY_HOME / "audit-checkpoints.jsonl")
)
# An entry whose verified_on is older than this many days is flagged as stale.
COMITY_STALE_AFTER_DAYS = int(env_str("COMITY_STALE_AFTER_DAYS", "365"))
# The case register (docs/CONFIGURATION.md, "Case register"): internal targets per kind of
# request ("incoming.mla=60,outgoing.preservation=5"), and the largest file that may be attached.
COMITY_CASE_TARGETS = env_list("COMITY_CASE_TARGETS", [])
COMITY_CASE_UPLOAD_MAX_BYTES = int(env_str("COMITY_CASE_UPLOAD_MAX_BYTES", str(25 * 1024 * 1024)))
# The informal channel (docs/LIAISON.md): the largest attachment, and how long messages are kept
# before `comity purge` removes their bodies, by kind in days ("request=1825,protection=3650").
COMITY_LIAISON_UPLOAD_MAX_BYTES = int(
    env_str("COMITY_LIAISON_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
)
COMITY_LIAISON_RETENTION = env_list("COMITY_LIAISON_RETENTION", [])
# The legal library (docs/LIBRARY.md): the search engine, "embedded" (Tantivy, one machine) or
# "postgresql" (several application servers); empty: embedded with SQLite, postgresql with
# PostgreSQL. The embedded engine's index folder, and the largest file a document may have.
COMITY_LIBRARY_ENGINE = env_str("COMITY_LIBRARY_ENGINE")
# Whether visitors who are not signed in may search the library's public documents.
COMITY_LIBRARY_PUBLIC = env_bool("COMITY_LIBRARY_PUBLIC", True)
if COMITY_LIBRARY_ENGINE not in ("", "embedded", "postgresql"):
    raise ValueError("COMITY_LIBRARY_ENGINE must be embedded or postgresql")
# Facet counts are exact up to this many results, estimated from a sample beyond (docs/LIBRARY.md).
COMITY_LIBRARY_FACET_EXACT_LIMIT = int(env_str("COMITY_LIBRARY_FACET_EXACT_LIMIT", "20000"))
COMITY_LIBRARY_INDEX = env_str("COMITY_LIBRARY_INDEX", str(COMITY_HOME / "library-index"))
COMITY_LIBRARY_UPLOAD_MAX_BYTES = int(
    env_str("COMITY_LIBRARY_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024))
)
# Needs assessments (docs/ASSESSMENTS.md): the folder of questionnaires, one JSON file each.
COMITY_QUESTIONNAIRES_DIR = env_str(
    "COMITY_QUESTIONNAIRES_DIR", str(BASE_DIR / "data" / "assessments")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
