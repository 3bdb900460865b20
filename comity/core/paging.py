"""Paging of list answers (API.md): ?limit= (default 50, at most 500) and ?offset=."""

from ninja import Field, Schema

MAX_LIMIT = 500
# Far beyond any list comity holds, and well inside every database's integer range.
MAX_OFFSET = 1_000_000_000


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"1 to {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"0 to {MAX_OFFSET:,}")
