"""The search engine stays plain Python: no Django, nothing else from Guichet."""

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "guichet" / "search"


def test_the_engine_imports_neither_django_nor_the_rest_of_guichet():
    offenders = []
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.startswith("django") or (name.startswith("guichet.") and not name.startswith("guichet.search")):
                    offenders.append(f"{path.name}: {name}")
    assert not offenders
