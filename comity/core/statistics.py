"""The statistics the database's query planner chooses its indexes by.

PostgreSQL keeps them itself (autovacuum analyses a table whose rows changed enough). SQLite
keeps none until told: without them it may read a whole table where an index would read a few
rows. `refresh` analyses every table (SQLite reads at most `SAMPLE` rows of each index, so it
takes well under a second even on a large register); comity calls it after a bulk import and
from its daily cron command (`comity remind`), and `comity migrate` leaves fresh statistics too.
"""

from django.db import connections

SAMPLE = 2_000


def refresh(using: str = "default") -> None:
    """Bring the planner's statistics up to date."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SAMPLE}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
