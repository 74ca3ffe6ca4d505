"""Attachments' bytes in Django's storage (``STORAGES["default"]``: a folder, or an S3-compatible
bucket), under a name made from their SHA-256: the same file stored twice is one object, and a
name never changes meaning. Files are written before the rows that name them (no storage call
holds a database transaction) and deleted once no row names them any more."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from guichet.faq.files import CheckedFile
from guichet.faq.models import Attachment

logger = logging.getLogger("guichet.faq")
FOLDER = "pieces-jointes"


@dataclass(frozen=True)
class StoredFile:
    checked: CheckedFile
    storage_name: str
    sha256: str


def store(checked: CheckedFile) -> StoredFile:
    digest = hashlib.sha256(checked.data).hexdigest()
    name = f"{FOLDER}/{digest[:2]}/{digest}.{checked.extension}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(checked.data))
    return StoredFile(checked, name, digest)


def forget(names: Iterable[str]) -> None:
    """Delete the files no attachment names (call after the commit that removed the rows)."""
    for name in set(names):
        if name and not Attachment.objects.filter(file=name).exists():
            try:
                default_storage.delete(name)
            except OSError:  # left behind: harmless, and the row that named it is gone
                logger.warning("Could not delete the attachment file %s", name)
