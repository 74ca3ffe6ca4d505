"""Editors add images and documents to an entry, and remove them (plain forms: no script needed)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import editor_required, error_message
from guichet.faq.errors import FieldError
from guichet.faq.models import Attachment, Entry
from guichet.faq.services.attachments import attach, detach
from guichet.parsing import parse_id


def _back_to(entry_id: int):
    return redirect(reverse("backoffice:entry_edit", args=[entry_id]) + "#pieces-jointes")


@require_POST
@editor_required
def attachment_add(request):
    entry = get_object_or_404(Entry, pk=parse_id(request.POST.get("entry")) or 0)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choisissez un fichier à ajouter."))
        return _back_to(entry.pk)
    try:
        added = attach(request.user, entry, file_name=upload.name, data=upload.read(),
                       description=request.POST.get("description", ""))
    except FieldError as err:
        messages.error(request, error_message(err))
    else:
        messages.success(request, _("Fichier ajouté à votre proposition : il sera en ligne une fois approuvée.")
                         if added.proposal_id else _("Fichier « %(name)s » ajouté.") % {"name": added.name})
    return _back_to(entry.pk)


@require_POST
@editor_required
def attachment_remove(request, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk)
    try:
        detach(request.user, attachment)
    except FieldError as err:
        messages.error(request, error_message(err))
    else:
        messages.success(request, _("Fichier « %(name)s » retiré, ou son retrait proposé.") % {"name": attachment.name})
    return _back_to(attachment.entry_id)
