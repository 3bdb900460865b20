"""How a signed-in user is read on every request.

Every page and API call with a session reads the user and their authority. The ORM spends several
times longer composing that query than the database spends answering it, so the statement is
written out once per process and the rows become model instances with `Model.from_db()`, with the
same conversions the ORM applies (dates, UUIDs, JSON).
"""

from functools import lru_cache

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from comity.accounts.models import User

# The authority's stored search text and search result: long, and no page reads them from the
# user. They stay deferred: read from the database if something asks for them.
_NOT_NEEDED = ("search_text", "listing")


class UserWithAuthority(ModelBackend):
    """Django's model backend, reading the user's authority in the same query: every page needs
    it (the two-factor rule, the time zone, what the user may see)."""

    def get_user(self, user_id):
        user = user_with_authority(user_id)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None


def user_with_authority(user_id):
    """The user with this primary key, their authority read in the same query (None without
    one), or None when there is no such user."""
    alias = router.db_for_read(User)
    connection = connections[alias]
    statement = _statement(alias, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [
        _converted(value, column, connection)
        for value, column in zip(row, statement.columns, strict=True)
    ]
    split = len(statement.user_names)
    user = User.from_db(alias, statement.user_names, values[:split])
    authority = None
    if user.authority_id is not None:
        authority = _authority_model().from_db(alias, statement.authority_names, values[split:])
    User.authority.field.set_cached_value(user, authority)
    return user


def _converted(value, column, connection):
    expression, converters = column
    for convert in converters:
        value = convert(value, expression, connection)
    return value


def _authority_model():
    """The directory's Authority, reached through the user's foreign key: accounts sits below
    the directory and does not import it."""
    return User._meta.get_field("authority").related_model


class _Statement:
    def __init__(self, alias: str):
        Authority = _authority_model()
        connection = connections[alias]
        quote = connection.ops.quote_name
        user_fields = list(User._meta.concrete_fields)
        authority_fields = [f for f in Authority._meta.concrete_fields if f.name not in _NOT_NEEDED]
        user_table, authority_table = User._meta.db_table, Authority._meta.db_table
        selected = [(user_table, f) for f in user_fields] + [
            (authority_table, f) for f in authority_fields
        ]
        self.sql = (
            "SELECT "  # noqa: S608 (names from the models; the only value is a parameter)
            + ", ".join(f"{quote(table)}.{quote(f.column)}" for table, f in selected)
            + f" FROM {quote(user_table)} LEFT OUTER JOIN {quote(authority_table)}"
            f" ON {quote(user_table)}.{quote(User.authority.field.column)}"
            f" = {quote(authority_table)}.{quote(Authority._meta.pk.column)}"
            f" WHERE {quote(user_table)}.{quote(User._meta.pk.column)} = %s"
        )
        self.user_names = [f.attname for f in user_fields]
        self.authority_names = [f.attname for f in authority_fields]
        self.columns = []
        for table, field in selected:
            expression = field.get_col(table)
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            self.columns.append((expression, converters))


@lru_cache(maxsize=8)
def _statement(alias: str, vendor: str) -> _Statement:
    """Per database alias (the vendor in the key: a test may point an alias elsewhere)."""
    return _Statement(alias)
