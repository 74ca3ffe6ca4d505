"""Read the text scrape of an FAQ page such as the agency's "FAQ des industriels".

The page's facet questions come first (lines ending with "?"), then answers, each closed by the
feedback question. Question titles are lost in such a scrape: entries get none, and the site
shows the answer's first sentence until an editor writes one.
"""

from __future__ import annotations

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from guichet.faq.errors import ImportFileError, ImportProblem
from guichet.faq.models import Entry
from guichet.faq.schemas import FacetContent
from guichet.faq.services.json_format import EntryData, FacetData, FaqData
from guichet.limits import MAX_FACET_QUESTION_LENGTH

FEEDBACK_QUESTION = "Cette réponse vous a-t-elle été utile ?"
# Only the fixed start is a pattern; the rest is read with string methods, so that no line,
# however long or spaced, can make the pattern backtrack (100 KB of spaces once took 22 s).
_FACET_QUESTION_START = re.compile(r"Votre question concerne (?:quel|quelle|quels|quelles) ")


def facet_name(line: str) -> str | None:
    """"quel type d'offre" in "Votre question concerne quel type d'offre ?", else None."""
    line = line.strip()
    if len(line) > MAX_FACET_QUESTION_LENGTH or not line.endswith("?"):
        return None
    start = _FACET_QUESTION_START.match(line)
    name = line[start.end():-1].strip() if start else ""
    return name or None


def parse_scrape(text: str, path: str, existing_facets: dict[str, str] | None = None) -> FaqData:
    """``existing_facets`` maps facet questions already known to their keys, so they are reused."""
    existing_facets = existing_facets or {}
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    facets = []
    while lines and (name := facet_name(lines[0])) is not None:
        question = lines.pop(0).strip()
        key = existing_facets.get(question) or slugify(name)[:50]
        facet = {"key": key, "label": name[:1].upper() + name[1:], "question": question, "order": len(facets) + 1}
        problems = FacetContent.problems(facet)
        if problems:
            raise ImportFileError(path, [ImportProblem(_("question de facette %(n)d") % {"n": len(facets) + 1}, p.field, p.message)
                                         for p in problems])
        facets.append(FacetData(FacetContent.checked(facet)))

    blocks, current = [], []
    for line in lines:
        if line.strip() == FEEDBACK_QUESTION:
            blocks.append(current)
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        blocks.append(current)

    entries, problems = [], []
    for number, block in enumerate(blocks, start=1):
        answer = _to_markdown(block)
        where = _("réponse %(n)d") % {"n": number}
        if not answer:
            problems.append(ImportProblem(where, "answer", _("réponse vide entre deux questions « utile ? »")))
            continue
        entries.append(EntryData(slug=f"reponse-{number}-{slugify(answer[:50])}"[:110].strip("-"), question="",
                                 answer=answer, status=Entry.Status.PUBLISHED, keywords="", facets={},
                                 location=where))
    if not entries:
        message = _("aucune réponse trouvée (chacune finit par « %(end)s »)") % {"end": FEEDBACK_QUESTION}
        problems.append(ImportProblem("file", "-", message))
    if problems:
        raise ImportFileError(path, problems)
    return FaqData(facets=[f for f in facets if f.content.question not in existing_facets], synonyms=[], entries=entries)


def _to_markdown(block: list[str]) -> str:
    """Keep paragraphs and "- " lists; Markdown needs a blank line between a paragraph and a list."""
    out: list[str] = []
    for line in (line.strip() for line in block):
        if not line:
            continue
        is_item = line.startswith("- ")
        if out and not (is_item and out[-1].startswith("- ")):
            out.append("")
        out.append(line)
    return "\n".join(out).strip()
