"""Create, revoke and check API tokens.

A token is ``gch_`` followed by 43 random URL-safe characters (256 bits): it is shown once, when
created, and only its SHA-256 is stored. A random secret of that length needs no slow hash: no
dictionary holds it. A token acts as the editor who created it, with the rights of its scope, and
stops working when it is revoked or when its editor loses the role or is deactivated.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.api.models import ApiToken
from guichet.faq.errors import FieldError
from guichet.faq.permissions import NotAllowed, is_admin, is_editor, require_editor
from guichet.faq.services import audit
from guichet.limits import MAX_TOKEN_NAME_LENGTH
from guichet.parsing import clean_line

PREFIX = "gch_"
LAST_USED_PRECISION = timedelta(minutes=1)  # a busy token is not written on every request


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, to show once


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(actor, name: str, scope: str) -> IssuedToken:
    require_editor(actor)
    name = clean_line(name)
    if not name or len(name) > MAX_TOKEN_NAME_LENGTH:
        raise FieldError("name", _("Donnez au jeton un nom de 1 à %(n)d caractères.") % {"n": MAX_TOKEN_NAME_LENGTH})
    if scope not in ApiToken.Scope.values:
        raise FieldError("scope", _("Droits inconnus : choisissez « read » ou « write »."))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, scope=scope, prefix=secret[:12], key_hash=_digest(secret))
    audit.record(actor, "create_token", token, {"scope": scope})
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> ApiToken:
    """Its owner, or an administrator, revokes a token; revoking twice changes nothing."""
    require_editor(actor)
    if token.user_id != actor.pk and not is_admin(actor):
        raise NotAllowed(_("Seul l’auteur du jeton ou un administrateur peut le révoquer."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "revoke_token", token)
    return token


def tokens_visible_to(actor):
    """An editor sees their tokens, an administrator everyone's."""
    tokens = ApiToken.objects.select_related("user")
    return tokens if is_admin(actor) else tokens.filter(user=actor)


def authenticate(secret: str) -> ApiToken | None:
    """The live token written ``secret``, its editor still an editor; None otherwise."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (ApiToken.objects.select_related("user").filter(key_hash=_digest(secret), revoked_at__isnull=True)
             .first())
    if token is None or not is_editor(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
