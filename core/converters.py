from django.urls import register_converter
from django.urls.converters import get_converters


class YearConverter:
    """Four digits only: a longer number would overflow the database's integer column."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class ObjectiveNumberConverter:
    regex = "[0-9]{1,2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


def register():
    """Register the converters once, whichever URLconf imports them first."""
    if "year" not in get_converters():
        register_converter(YearConverter, "year")
        register_converter(ObjectiveNumberConverter, "objective")
