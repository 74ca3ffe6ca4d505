"""PostgreSQL's driver, Redis's client and the S3 storage are optional packages: a setting that needs a missing one
stops the start with the command that installs it."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _start_without(module: str, **environ: str) -> subprocess.CompletedProcess:
    code = f"import sys; sys.modules[{module!r}] = None; import django; django.setup()"  # as if not installed
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guichet.settings", **environ}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("module", "extra", "environ"), [
    ("psycopg", "postgres", {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/guichet"}),
    ("redis", "redis", {"REDIS_URL": "redis://127.0.0.1:6379/0"}),
    ("storages", "s3", {"GUICHET_S3_BUCKET": "guichet-fichiers"}),
])
def test_a_setting_whose_package_is_missing_stops_the_start_and_names_the_extra(module, extra, environ):
    result = _start_without(module, **environ)
    assert result.returncode != 0
    assert f"needs the '{module}' package" in result.stderr and f"pip install 'guichet[{extra}]'" in result.stderr


def test_without_those_settings_neither_package_is_needed():
    result = _start_without("redis", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    assert _start_without("psycopg", DATABASE_URL="sqlite:///:memory:").returncode == 0


def test_the_guichet_command_says_which_package_is_missing_without_a_traceback():
    code = "import sys; sys.modules['redis'] = None; from guichet.cli.main import main; main(['guichet', 'search', 'e-cps'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guichet.settings", "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: REDIS_URL needs the 'redis' package") and "guichet[redis]" in result.stderr
