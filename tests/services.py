"""Services some tests need (Chromium, axe-core, Redis): missing on a laptop, a test skips with the
reason; where ``GUICHET_TESTS_REQUIRE`` names the service (CI sets it), the test fails instead, so
that a broken set-up cannot turn a red suite green by skipping."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

REQUIRED = frozenset(name.strip() for name in os.environ.get("GUICHET_TESTS_REQUIRE", "").split(",") if name.strip())


def missing(service: str, reason: str) -> NoReturn:
    if service in REQUIRED:
        pytest.fail(f"{reason} — and GUICHET_TESTS_REQUIRE says {service} must be here")
    pytest.skip(reason)
