"""The layers hold: HTML views never write the database themselves nor reach the engine or the
feedback models directly (that the search engine imports neither Django nor the rest of Guichet is
tests/search/test_layering.py's)."""

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


def test_every_content_change_goes_through_one_door():
    """``ContentState.bump`` is called by ``guichet.faq.changes`` alone, and no model signal stands in
    for a service."""
    for module in _modules([PACKAGE]):
        source = module.read_text()
        if module.relative_to(PACKAGE).as_posix() not in ("faq/changes.py", "faq/models.py"):
            assert ".bump(" not in source, f"{module.name} bumps the content version itself: call content_changed"
        assert "post_save" not in source and "pre_save" not in source, f"{module.name} listens to model signals"


def test_indexing_never_imports_feedback():
    pattern = re.compile(r"^\s*(from|import) guichet\.feedback\b", re.M)
    offenders = [m.name for m in _modules([PACKAGE / "indexing"]) if pattern.search(m.read_text())]
    assert not offenders, f"indexing takes what it embeds as arguments, yet {offenders} import feedback"
