"""Querysets compiled to SQL once per process, then run with other values.

For the reads a page makes on every request, or afresh for every object a crawler asks for:
there Django building the query (resolving lookups and joins, compiling) costs several times
what PostgreSQL takes to run it. The queryset stays the one place that says what is read (its
rules, such as a manager's published(), included); only its compilation is kept.

    ROWS = prepared.Query(lambda pk: Pledge.objects.filter(pk=pk).values_list("id", "title"), int)
    rows = ROWS(42)  # [(42, "...")], as list(the queryset) would give

The queryset is built with a placeholder for each argument (an int below any id, or a string
with a NUL, which no column holds) and compiled once per database and language
(django-modeltranslation names the language's columns as the queryset is built); a call runs
the SQL with the arguments in the placeholders' places and converts the rows with the fields'
own converters, as the queryset's iteration does. Only a values_list() queryset: rows as tuples.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation


class Query:
    def __init__(self, build, *kinds):
        """`build(*placeholders)` returns the values_list() queryset; `kinds`: each argument's
        type (int or str)."""
        self.build = build
        self.kinds = kinds
        self._compiled = {}

    def _placeholders(self):
        return tuple(
            -2_000_000_000 - position if kind is int else f"\x00placeholder {position}\x00"
            for position, kind in enumerate(self.kinds)
        )

    def _compile(self, connection):
        placeholders = self._placeholders()
        compiler = self.build(*placeholders).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        positions = [
            placeholders.index(param) if type(param) in (int, str) and param in placeholders else None
            for param in params
        ]
        if {position for position in positions if position is not None} != set(range(len(placeholders))):
            raise ValueError("Each argument of a prepared query must be a parameter of its SQL.")
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        return sql, tuple(params), positions, compiler, converters, compiler.col_count

    def __call__(self, *args, using=DEFAULT_DB_ALIAS):
        connection = connections[using]
        # By alias, not by connection: a threaded server makes a connection per thread, and the
        # SQL is the same for all of them.
        key = (using, connection.vendor, translation.get_language())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(connection)
        sql, params, positions, compiler, converters, width = compiled
        values = [param if position is None else args[position] for param, position in zip(params, positions, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        if converters:
            return [tuple(row[:width]) for row in compiler.apply_converters(rows, converters)]
        return [row[:width] if len(row) > width else row for row in rows]
