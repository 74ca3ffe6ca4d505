"""The files attached to answers, served from Django's storage (a folder or a bucket alike).

A file is public when its entry is published and no pending proposal adds it; editors see the
others. Images are shown inline, documents are downloaded; neither may be read as another type
(``nosniff``) nor run anything (a sandboxing policy)."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from guichet.faq.models import Attachment
from guichet.faq.permissions import is_editor

logger = logging.getLogger("guichet.web")
PUBLIC_MAX_AGE = 3600


@login_not_required
@require_safe
def attachment(request: HttpRequest, pk: int, name: str) -> FileResponse:
    found = Attachment.objects.select_related("entry").filter(pk=pk).first()
    public = found is not None and found.proposal_id is None and found.entry.is_published
    if found is None or not (public or is_editor(request.user)):
        raise Http404("no such file")
    try:
        handle = default_storage.open(found.file.name, "rb")
    except OSError as err:
        logger.error("Attachment %s: its file %s cannot be read (%s)", found.pk, found.file.name, err)
        raise Http404("the file is missing") from err
    response = FileResponse(handle, content_type=found.content_type, as_attachment=not found.is_image,
                            filename=found.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response
