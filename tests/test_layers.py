"""The layers hold: HTML views never write the database themselves nor reach the engine or the
feedback models directly, and the search engine never imports Django."""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "guichet"
WEB_LAYERS = [PACKAGE / "web", PACKAGE / "backoffice"]
WRITES = re.compile(r"\.objects\.create\(|\.save\(|\.delete\(|\.update\(|create_user\(")
SIDE_DOORS = re.compile(r"^\s*(from|import) guichet\.(search|feedback\.models)\b", re.M)


def _modules(folders):
    return [p for folder in folders for p in folder.rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("module", _modules(WEB_LAYERS), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_web_modules_write_only_through_services_and_read_through_one_door(module):
    source = module.read_text()
    assert not WRITES.search(source), f"{module.name} writes the database itself: call a service"
    assert not SIDE_DOORS.search(source), f"{module.name} imports the engine or feedback models directly"


def test_the_search_engine_is_plain_python():
    for module in _modules([PACKAGE / "search"]):
        assert "django" not in module.read_text(), module.name
