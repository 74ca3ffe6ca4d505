"""The versioned REST API (``/api/v1/``), built with django-ninja: typed operations, OpenAPI 3
generated from the code at ``/api/v1/openapi.json``, interactive docs at ``/api/v1/docs``."""

from __future__ import annotations

from ninja import NinjaAPI

from guichet.api import editors, errors, public  # noqa: F401  (they register their operations)
from guichet.api.router import router

api = NinjaAPI(
    title="Guichet API", version="1", urls_namespace="api-v1",
    description=("Read, search and vote on the published FAQ (public, rate-limited); write entries with an "
                 "editor's token (`Authorization: Bearer gch_…`, created in the back-office under "
                 "« Jetons d’API »). Errors are JSON: `{\"message\": …, \"field\": …}`."),
    openapi_extra={"tags": [
        {"name": "public", "description": "Anyone, rate-limited per client: read, search, vote."},
        {"name": "editors", "description": "With an editor's token: write entries (scope write), export (scope read)."},
    ]},
)
errors.install(api)
api.add_router("/", router)
