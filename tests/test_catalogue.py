"""The English catalogue is complete and compiled: no string left untranslated or fuzzy, and the
compiled .mo says what the .po says (a forgotten compilemessages fails here)."""

import ast
import gettext
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "guichet" / "locale" / "en" / "LC_MESSAGES"


def _entries() -> list[dict]:
    """Each entry of the .po as {"flags", "msgid", "msgid_plural", "msgstr", "msgstr[0]"…}."""
    entries, current, key = [], {"flags": ""}, None
    for line in (CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in current:
                entries.append(current)
            current, key = {"flags": ""}, None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"]]


def test_every_interface_string_has_an_english_translation():
    entries = _entries()
    assert len(entries) > 400
    missing = [e["msgid"] for e in entries if "fuzzy" in e["flags"]
               or not (e.get("msgstr") or (e.get("msgstr[0]") and e.get("msgstr[1]")))]
    assert not missing


def test_the_compiled_catalogue_matches_its_source():
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _entries():
        if "msgstr" in entry:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
        else:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
