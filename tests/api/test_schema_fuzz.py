"""schemathesis, the schema-based fuzzer, against the API served by gunicorn: no server error,
no status code, content type or body outside the OpenAPI document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from guichet.api.tokens import create_token
from tests.live_server import app_server

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
UNLIMITED = {"GUICHET_API_RATE": "1000000/60", "GUICHET_VOTE_RATE": "1000000/60"}


@pytest.fixture
def live_api(transactional_db, editor):
    token = create_token(editor, "fuzz", "write").secret
    with app_server(extra_env=UNLIMITED) as base:
        yield base, token


def test_the_api_keeps_to_its_schema_whatever_it_is_sent(live_api):
    base, token = live_api
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def keeps_to_the_schema(case):
            case.call_and_validate(base_url=base, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        keeps_to_the_schema()
