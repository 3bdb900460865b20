"""The OpenAPI document, as committed in docs/openapi.json and served at /api/v1/openapi.json."""

import json
from pathlib import Path

from django.conf import settings

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def current_document() -> str:
    from comity.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
