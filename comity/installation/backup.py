"""Backup and restore of a whole installation: `comity backup FILE`, `comity restore FILE`.

A backup is one gzip-compressed tar archive:

    manifest.json        what is in it: comity version, database kind, the migrations applied,
                         the rows of every table, each member's size and SHA-256, and where the
                         keys that are not in it live
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API, or
    database.pgdump      PostgreSQL: pg_dump's custom format, from one snapshot
    uploads/...          the uploaded files (MEDIA_ROOT)
    audit-checkpoints.jsonl   a copy of the audit checkpoints, the newest written by the backup

It is made while comity runs: the database copy is one consistent snapshot, so every write that
was acknowledged before the backup started is in it. Sign-in sessions are left out (after a restore
everyone signs in again). The secret key and the audit key are never in a backup: the manifest says
where they are, and a restored installation needs the same ones. The manifest is sealed with the
audit key, so an archive changed after it was made is refused.

Restoring checks the seal and every member against the manifest before writing anything, refuses
a home or a database that is not empty, and checks the rows of every table and the audit chain
afterwards.
"""

import datetime
import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

from comity import __version__
from comity.audit import seal
from comity.audit.services import checkpoint, verify_chain
from comity.core import generations
from comity.library import indexing as library_indexing

FORMAT = "comity-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
UPLOADS = "uploads"
# The storages of settings.STORAGES whose files are part of a backup (when kept on this machine).
FILE_STORAGES = ("casework", "library", "liaison")
CHECKPOINTS = "audit-checkpoints.jsonl"
# Tables whose rows stay out of a backup: a session key in a stolen archive would open the session.
LEFT_OUT = ("django_session",)


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


@dataclass
class Result:
    path: Path
    manifest: dict
    notes: list[str] = field(default_factory=list)
    audit_intact: bool = True


# --- Making a backup -------------------------------------------------------------------------------
def create_backup(path: Path) -> Result:
    """Write a backup of the database, the uploads and the audit checkpoints into `path`."""
    path = Path(path).resolve()
    if path.exists():
        raise BackupError(f"{path} exists already. Choose a new file name (e.g. with the date).")
    try:
        point = checkpoint()
    except ValueError as exc:
        raise BackupError(
            f"The audit chain is broken; no backup was made. {exc} "
            "Run `comity audit verify` and investigate first."
        ) from exc
    with tempfile.TemporaryDirectory(prefix="comity-backup-") as work:
        work = Path(work)
        members: dict[str, Path] = {}
        if connection.vendor == "sqlite":
            members[SQLITE_MEMBER] = work / SQLITE_MEMBER
            rows = _sqlite_snapshot(members[SQLITE_MEMBER])
        elif connection.vendor == "postgresql":
            members[POSTGRES_MEMBER] = work / POSTGRES_MEMBER
            rows = _postgres_snapshot(members[POSTGRES_MEMBER])
        else:
            raise BackupError(f"Backing up a {connection.vendor} database is not supported.")
        for prefix, root in file_folders().items():
            for file in _files_under(root):
                members[f"{prefix}/{file.relative_to(root).as_posix()}"] = file
        checkpoints = seal.checkpoint_file()
        if checkpoints.exists():
            members[CHECKPOINTS] = checkpoints
        manifest = _sealed(_manifest(members, rows, point))
        partial = path.with_name(path.name + ".partial")
        # Readable by its owner only from the first byte, and never left half-written.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                _add_bytes(
                    archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode()
                )
                for name, source in members.items():
                    archive.add(source, arcname=name, recursive=False)
            partial.replace(path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return Result(path, manifest, _key_notes())


def _sqlite_snapshot(target: Path) -> dict[str, int]:
    """A consistent copy of the live SQLite database, and the rows of each table in that copy."""
    source = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    copy = sqlite3.connect(str(target))
    try:
        # One step (pages=-1): a single read transaction, so the copy is one moment of the database
        # while writers go on in WAL mode.
        source.backup(copy, pages=-1)
        for table in LEFT_OUT:
            copy.execute(f'DELETE FROM "{table}"')  # noqa: S608 - a fixed table name
        copy.commit()
        copy.execute("VACUUM")  # so that the deleted rows are gone from the file too
        tables = [
            name
            for (name,) in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        copy.close()
        source.close()


def _pg_program(name: str) -> str:
    configured = os.environ.get("PG_BINDIR")
    candidates = [Path(configured) / name] if configured else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates += [Path(p) for p in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]]
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    raise BackupError(
        f"{name} was not found. Install the PostgreSQL client programs of the server's version "
        "(e.g. apt-get install postgresql-client-15), or set PG_BINDIR to their folder."
    )


_PG_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "sslnegotiation": "PGSSLNEGOTIATION",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def _run_pg(program: str, *options: str, file: str = "") -> None:
    """Run a PostgreSQL program against this installation's database (`file`, if any, last);
    BackupError with the program's message if it fails."""
    args, env = _pg_environment(connection.settings_dict)
    command = [_pg_program(program), *options, *args, *([file] if file else [])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()}")


def _pg_environment(settings_dict: dict) -> tuple[list[str], dict]:
    """Connection arguments for the PostgreSQL programs; the password goes in the environment,
    never on the command line where other users of the machine could see it."""
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "30"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    # The connection's TLS settings (DATABASE_URL's ?sslmode=verify-full&sslrootcert=...) hold
    # for the dump too.
    for option, variable in _PG_OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return args, env


def _postgres_snapshot(target: Path) -> dict[str, int]:
    """pg_dump of one exported snapshot, and the rows of each table counted in that snapshot."""
    conn = connections.create_connection("default")
    try:
        conn.ensure_connection()
        raw = conn.connection
        raw.autocommit = True  # so that BEGIN below starts the snapshot's own transaction
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            tables = [name for (name,) in cursor.fetchall()]
            rows = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
                rows[table] = 0 if table in LEFT_OUT else cursor.fetchone()[0]
            try:
                _run_pg(
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_id}",
                    f"--file={target}",
                    *(f"--exclude-table-data={table}" for table in LEFT_OUT),
                )
            finally:
                cursor.execute("COMMIT")
        return rows
    finally:
        conn.close()


def file_folders() -> dict[str, Path]:
    """The folders on this machine that hold uploaded files, by their name in the archive: the
    uploads (MEDIA_ROOT), and each storage of settings.STORAGES kept on this machine's disk (the
    case register's files, the library's originals). A storage elsewhere (S3) is backed up there."""
    folders = {UPLOADS: Path(settings.MEDIA_ROOT)}
    for name, storage in settings.STORAGES.items():
        location = storage.get("OPTIONS", {}).get("location")
        if name not in FILE_STORAGES or not storage["BACKEND"].endswith("FileSystemStorage"):
            continue
        if location:
            folders[name] = Path(location)
    return folders


def _files_under(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name").order_by("id"):
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _key_notes() -> list[str]:
    secret = (
        "the SECRET_KEY environment variable"
        if os.environ.get("SECRET_KEY")
        else f"the file {Path(settings.COMITY_HOME) / 'secret_key'}"
    )
    audit = (
        "the COMITY_AUDIT_KEY environment variable"
        if settings.COMITY_AUDIT_KEY
        else "derived from SECRET_KEY"
    )
    return [
        f"The secret key is not in the backup: it is in {secret}.",
        f"The audit key is not in the backup: it is {audit}.",
        "A restored installation needs both, or sessions end and the audit seals do not verify.",
    ]


def _manifest(members: dict[str, Path], rows: dict[str, int], point) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "comity_version": __version__,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "migrations": _migrations(),
        "rows": rows,
        "audit_head": {"sequence": point.sequence, "hash": point.hash, "count": point.count},
        "members": {
            name: {"sha256": _sha256(source), "size": source.stat().st_size}
            for name, source in members.items()
        },
        "keys": _key_notes(),
    }


def _canonical(manifest: dict) -> str:
    unsealed = {key: value for key, value in manifest.items() if key != "seal"}
    return json.dumps(unsealed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sealed(manifest: dict) -> dict:
    """The manifest with its seal: an HMAC under the audit key (audit/seal.py) of everything else
    in it, so that a changed archive, checksums and all, is refused on restore."""
    return {**manifest, "seal": seal.seal(_canonical(manifest))}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


# --- Restoring -------------------------------------------------------------------------------------
def restore_backup(path: Path, *, accept_unsealed: bool = False) -> Result:
    """Restore `path` into this installation's (empty) database and upload folder.

    `accept_unsealed` restores an archive whose seal does not match this installation's audit key
    (a lost key): the checksums are then only as trustworthy as the archive itself.
    """
    path = Path(path).resolve()
    if not path.exists():
        raise BackupError(f"{path} does not exist.")
    notes = []
    with tempfile.TemporaryDirectory(prefix="comity-restore-") as work:
        work = Path(work)
        manifest = _unpack_and_check(path, work)
        if not seal.sealed(_canonical(manifest), manifest.get("seal", "")):
            if not accept_unsealed:
                raise BackupError(
                    "The archive's seal does not match: it was changed after it was made, or this "
                    "installation has another audit key (COMITY_AUDIT_KEY, or SECRET_KEY when that "
                    "is not set). Give this installation the keys of the one that made the backup."
                )
            notes.append("The archive's seal was NOT checked (--accept-unsealed).")
        _refuse_unless_empty()
        _check_database_kind(manifest)
        _check_migrations(manifest)
        placed: list[Path] = []
        try:
            if manifest["database"] == "sqlite":
                _restore_sqlite(work / SQLITE_MEMBER)
            else:
                _restore_postgres(work / POSTGRES_MEMBER)
            _restore_files(work, manifest, placed)
            connections["default"].close()
            _check_rows(manifest)
            # The library's embedded index is not in the archive: it is rebuilt from the rows.
            library_indexing.reindex(postgresql=False)
            # Processes that answered from the empty database must not keep those answers.
            generations.renew(*generations.SCOPES)
        except BaseException:
            _empty_again(placed)
            raise
    notes += list(manifest.get("keys", []))
    report = verify_chain()
    if report.intact:
        notes.append(f"Audit chain intact: {report.checked} entries.")
    else:
        notes.append(
            f"Audit chain NOT intact at entry #{report.broken_at}: {report.problem} "
            "(is the audit key the one of the installation that made the backup?)"
        )
    return Result(path, manifest, notes, audit_intact=report.intact)


def _refuse_unless_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            "The database is not empty (it has tables). Restore into a new, empty database: for "
            "SQLite a new COMITY_HOME, for PostgreSQL a new database in DATABASE_URL."
        )
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(media.iterdir()):
        raise BackupError(
            f"The upload folder {media} is not empty. Restore into a new COMITY_HOME."
        )


def _unpack_and_check(path: Path, work: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            names = archive.getnames()
            if MANIFEST not in names:
                raise BackupError(f"{path} is not a comity backup: it has no {MANIFEST}.")
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or any(part in ("", ".", "..") for part in parts):
                    raise BackupError(f"The archive holds a member with an unsafe name: {name!r}.")
            # The "data" filter also refuses links out of the folder and devices.
            archive.extractall(work, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path} cannot be read as a comity backup: {exc}") from exc
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or manifest.get("format_version") != FORMAT_VERSION
        or not isinstance(manifest.get("members"), dict)
    ):
        raise BackupError(f"{path} is not a comity backup of a format this comity reads.")
    listed = set(manifest["members"])
    present = {n for n in names if n != MANIFEST and (work / n).is_file()}
    if listed != present:
        raise BackupError(
            "The archive does not hold exactly the files its manifest lists "
            f"(missing: {sorted(listed - present)}, extra: {sorted(present - listed)})."
        )
    for name, expected in manifest["members"].items():
        if _sha256(work / name) != expected["sha256"]:
            raise BackupError(f"{name} in the backup is damaged: its checksum does not match.")
    return manifest


def _check_database_kind(manifest: dict) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"This backup holds a {manifest['database']} database; this installation uses "
            f"{connection.vendor}. Restore it into an installation of the same kind."
        )


def _check_migrations(manifest: dict) -> None:
    from django.db.migrations.loader import MigrationLoader

    known = {(app, name) for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(
        f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "This backup was made by a newer comity (its database has migrations this one does "
            f"not know: {', '.join(unknown)}). Install that version or a newer one first."
        )


def _restore_sqlite(source: Path) -> None:
    check = sqlite3.connect(str(source))
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The database in the backup fails SQLite's integrity check.")
    finally:
        check.close()
    connection.close()
    target = Path(connection.settings_dict["NAME"])
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    source_db, target_db = sqlite3.connect(str(source)), sqlite3.connect(str(target))
    try:
        source_db.backup(target_db, pages=-1)
    finally:
        target_db.close()
        source_db.close()


def _restore_postgres(source: Path) -> None:
    connection.close()
    _run_pg(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        file=str(source),
    )


def _restore_files(work: Path, manifest: dict, placed: list[Path]) -> None:
    """The files into their folders (file_folders(), and nowhere else), the checkpoints unless
    the installation has its own; every file written is noted in `placed`."""
    folders = {prefix: root.resolve() for prefix, root in file_folders().items()}
    for name in manifest["members"]:
        prefix, _, rest = name.partition("/")
        if prefix not in folders or not rest:
            continue
        root = folders[prefix]
        target = (root / rest).resolve()
        if not target.is_relative_to(root):
            raise BackupError(f"The archive's {name!r} would land outside its folder.")
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(work / name, target)
        placed.append(target)
    checkpoints = seal.checkpoint_file()
    if CHECKPOINTS in manifest["members"] and not checkpoints.exists():
        checkpoints.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(work / CHECKPOINTS, checkpoints)
        checkpoints.chmod(0o600)
        placed.append(checkpoints)


def _empty_again(placed: list[Path]) -> None:
    """After a failed restore, leave the installation as empty as it was found: the files it
    placed removed, the tables it created dropped (grants and extensions of the database stay)."""
    for file in placed:
        file.unlink(missing_ok=True)
    connection.close()
    if connection.vendor == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        return
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'DROP TABLE IF EXISTS "{table}" CASCADE')


def _check_rows(manifest: dict) -> None:
    tables = connection.introspection.table_names()
    differing = []
    with connection.cursor() as cursor:
        for table, expected in manifest["rows"].items():
            if table not in tables:
                differing.append(f"{table} (missing)")
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            found = cursor.fetchone()[0]
            if found != expected:
                differing.append(f"{table} ({found} rows, the backup says {expected})")
    if differing:
        raise BackupError("The restored database differs from the backup: " + ", ".join(differing))
