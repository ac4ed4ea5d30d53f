"""Strict parsing of the environment variables that configure the portal.

A wrong value stops the start-up with an error that names the variable, rather than
letting a typo such as DEBUG=flase quietly run a production site in debug mode.
"""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name, environ):
    value = (environ if environ is not None else os.environ).get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name, default=None, *, required=False, environ=None):
    value = _raw(name, environ)
    if value is None:
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name, default, *, environ=None):
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} must be one of true/false, yes/no, on/off, 1/0; got {value!r}."
    )


def env_int(name, default, *, minimum=None, maximum=None, environ=None):
    value = _raw(name, environ)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number; got {value!r}."
        ) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(
            f"The environment variable {name} must be between {minimum} and {maximum}; got {number}."
        )
    return number


def env_list(name, default, *, environ=None):
    value = _raw(name, environ)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a comma-separated list without empty "
            f"items; got {value!r}."
        )
    return items


def env_url(name, *, schemes, environ=None):
    """A URL whose scheme is one of `schemes`, or None when the variable is unset."""
    value = _raw(name, environ)
    if value is None:
        return None
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in schemes or not rest:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a URL starting with "
            f"{' or '.join(s + '://' for s in schemes)}; got {value!r}."
        )
    return value


def env_networks(name, *, environ=None):
    """A comma-separated list of IP addresses or networks (10.0.0.1, 10.0.0.0/24, ::1), as
    normalised network strings; [] when the variable is unset."""
    items = env_list(name, [], environ=environ)
    try:
        return [str(ipaddress.ip_network(item, strict=False)) for item in items]
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a comma-separated list of IP addresses or "
            f"networks; got {_raw(name, environ)!r}."
        ) from None
