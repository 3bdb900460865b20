"""The statistics SQLite's query planner chooses its indexes by.

SQLite keeps none until told: without them it may read a whole table where an index would read a
few rows. `refresh` analyses every table, reading at most `SAMPLE` rows of each index, so it takes
well under a second even on a large register. comity calls it after `comity migrate`, after a bulk
import and from its daily cron command (`comity remind`).

PostgreSQL keeps its own statistics: autovacuum analyses a table whose rows changed enough. They
are left to it. An ANALYZE run at the wrong moment (a freshly migrated, empty database) would
tell its planner that tables are empty long after they have filled, and its plans would then be
the wrong ones.
"""

from django.db import connections

SAMPLE = 2_000


def refresh(using: str = "default") -> None:
    """Bring SQLite's planner statistics up to date (nothing to do on PostgreSQL)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={SAMPLE}")
        cursor.execute("ANALYZE")
