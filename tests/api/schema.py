"""The API's OpenAPI document, generated as /api/v1/schema/ serves it, and a check of an answer
against one of its component schemas (openapi-schema-validator, OpenAPI 3.1 dialect). The check
is strict: an object may hold only the properties the document names, so a field the API adds
without describing it fails."""

import copy
import functools

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS31Validator, oas31_format_checker


def closed(schema):
    if isinstance(schema, dict):
        if "properties" in schema and schema.get("type") in ("object", ["object", "null"]):
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            closed(value)
    elif isinstance(schema, list):
        for value in schema:
            closed(value)
    return schema


@functools.cache
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


@functools.cache
def components():
    return closed(copy.deepcopy(document()["components"]))


def assert_valid(instance, component):
    schema = {**components()["schemas"][component], "components": components()}
    OAS31Validator(schema, format_checker=oas31_format_checker).validate(instance)
