"""Back-office accounts: created and (de)activated by administrators, or from the console; a
password changed by its owner. Ending an account's access ends it everywhere at once: its
sessions are deleted and its API tokens revoked, so that reactivating it brings neither back."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.errors import FaqError
from guichet.faq.permissions import ROLES, require_admin, role_of, set_role
from guichet.faq.services import audit


class AccountError(FaqError):
    """An account cannot be created or changed as asked; the message says why, in French."""


def account_key(username: str) -> str:
    """The one form of a name that counts: NFKC, as Django's sign-in reads it, and any case, so
    that "ｖｉｃｔｉｍ", "Victim" and "victim" are one account to rate limits and to uniqueness."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


@transaction.atomic
def create_account(actor, *, username: str, password: str, role: str, email: str = "") -> AbstractBaseUser:
    """A new back-office account with ``role`` ("editor" or "admin"). Without a password, where an
    identity provider is configured, the account waits for its owner's first sign-in there with
    this email address (guichet.sso.identities)."""
    require_admin(actor)
    User = get_user_model()
    username = unicodedata.normalize("NFKC", username).strip()
    if not username:
        raise AccountError(_("Indiquez un identifiant."))
    if role not in ROLES:
        raise AccountError(_("Rôle inconnu : choisissez parmi %(roles)s.") % {"roles": ", ".join(ROLES)})
    if any(account_key(name) == account_key(username) for name in User.objects.values_list("username", flat=True)):
        raise AccountError(_("Le compte « %(name)s » existe déjà.") % {"name": username})
    user = User(username=username, email=email)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as err:
            raise AccountError(_("Mot de passe refusé : %(why)s") % {"why": " ".join(err.messages)}) from err
        user.set_password(password)
    elif settings.GUICHET_OIDC is None:
        raise AccountError(_("Indiquez un mot de passe."))
    elif not email:
        raise AccountError(_("Indiquez l’adresse avec laquelle ce compte se connectera par %(provider)s.")
                           % {"provider": settings.GUICHET_OIDC.provider_name})
    else:
        user.set_unusable_password()
    user.save()
    set_role(user, role)
    audit.record(actor, "create_account", user, {"role": role})
    return user


@transaction.atomic
def change_role(actor, user: AbstractBaseUser, role: str) -> None:
    """Give ``user`` the role "editor" or "admin", or none (""): they may sign in and see nothing."""
    require_admin(actor)
    if role and role not in ROLES:
        raise AccountError(_("Rôle inconnu : choisissez parmi %(roles)s.") % {"roles": ", ".join(ROLES)})
    if user.pk == getattr(actor, "pk", None):
        raise AccountError(_("Vous ne pouvez pas changer votre propre rôle."))
    oidc = settings.GUICHET_OIDC
    if oidc is not None and oidc.roles_claim and user.identities.exists():
        raise AccountError(_("Le rôle de ce compte vient de %(provider)s, à chaque connexion : changez-le là-bas.")
                           % {"provider": oidc.provider_name})
    if role_of(user) != role:
        set_role(user, role)
        audit.record(actor, "change_role", user, {"role": role or None})


@transaction.atomic
def set_account_active(actor, user: AbstractBaseUser, active: bool) -> AbstractBaseUser:
    """Deactivating signs the account out everywhere and revokes its API tokens for good."""
    require_admin(actor)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise AccountError(_("Vous ne pouvez pas désactiver votre propre compte."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        details = {}
        if not active:
            details = {"sessions_ended": end_sessions(user), "tokens_revoked": revoke_tokens(user)}
        audit.record(actor, "activate" if active else "deactivate", user, details)
    return user


@transaction.atomic
def change_password(request, user: AbstractBaseUser, new_password: str) -> None:
    """The user's new password (the old one was checked by the caller): every other session of
    the account ends, the one making the change stays signed in."""
    try:
        validate_password(new_password, user)
    except ValidationError as err:
        raise AccountError(" ".join(err.messages)) from err
    user.set_password(new_password)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    ended = end_sessions(user, keep=request.session.session_key)
    audit.record(user, "password_change", user, {"sessions_ended": ended})


def end_sessions(user: AbstractBaseUser, keep: str | None = None) -> int:
    """Delete every live session of ``user`` (but ``keep``); the number deleted. Sessions live in
    the database (settings.SESSION_ENGINE) and only signed-in users have one, so this reads few rows."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep or ""):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


def revoke_tokens(user: AbstractBaseUser) -> int:
    """Revoke the live API tokens of ``user`` (the ``api_tokens`` relation of guichet.api's tokens)."""
    return user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
