"""Editors write an entry's English version beside its French one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guichet.backoffice.access import editor_required, error_message
from guichet.faq.errors import EntryValidationError
from guichet.faq.models import Entry
from guichet.faq.rendering import render_markdown
from guichet.faq.services.translations import LANGUAGES, is_stale, write_translation


@editor_required
def entry_translation(request, pk: int, language: str):
    if language not in LANGUAGES:
        raise Http404("no such language")
    entry = get_object_or_404(Entry.objects.with_values(), pk=pk)
    translation = next((t for t in entry.translations.all() if t.language == language), None)
    question = request.POST.get("question", translation.question if translation else "")
    answer = request.POST.get("answer", translation.answer if translation else "")
    error = ""
    if request.method == "POST":
        try:
            write_translation(request.user, entry, language, question=question, answer=answer)
        except EntryValidationError as err:
            error = error_message(err)
        else:
            messages.success(request, _("Version anglaise enregistrée."))
            return redirect("backoffice:entry_translation", pk=entry.pk, language=language)
    return render(request, "backoffice/entry_translation.html", {
        "entry": entry, "language": language, "translation": translation, "question": question, "answer": answer,
        "stale": translation is not None and is_stale(translation), "error": error,
        "revisions": list(translation.revisions.all()[:10]) if translation else [],
        "preview": render_markdown(answer) if answer else "",
    }, status=422 if error else 200)
