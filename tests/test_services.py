"""A missing service skips a test on a laptop and fails it where the set-up promises it."""

import pytest

from tests import services


def test_a_missing_service_skips_unless_required(monkeypatch):
    monkeypatch.setattr(services, "REQUIRED", frozenset())
    with pytest.raises(pytest.skip.Exception):
        services.missing("redis", "no Redis")
    monkeypatch.setattr(services, "REQUIRED", frozenset({"redis"}))
    with pytest.raises(pytest.fail.Exception, match="GUICHET_TESTS_REQUIRE"):
        services.missing("redis", "no Redis")
