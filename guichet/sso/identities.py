"""From a provider's verified claims to a Guichet account: the one write of a sign-in with an
identity provider.

An identity (issuer, ``sub``) is linked to one account for good. A first sign-in links to the
account an administrator prepared for that email address without a password, or creates one;
never to an account that signs in with a password (an address claimed at some provider must not
open an existing password account). Roles come from the claims when the provider is configured to
decide them, else from an administrator."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.faq.errors import FaqError
from guichet.faq.permissions import role_of, set_role
from guichet.faq.services import audit
from guichet.faq.services.accounts import account_key, end_sessions
from guichet.limits import MAX_EMAIL_LENGTH, MAX_NAME_LENGTH
from guichet.sso.config import OidcConfig
from guichet.sso.models import Identity


class SignInRefused(FaqError):
    """The provider vouched for this person, but Guichet does not let them in; the message says why."""


def _email(claims: Mapping[str, object]) -> str:
    email = claims.get("email")
    if not isinstance(email, str) or claims.get("email_verified") is False:
        return ""
    return unicodedata.normalize("NFKC", email).strip()[:MAX_EMAIL_LENGTH]


def _free_username(wanted: str) -> str:
    taken = {account_key(name) for name in get_user_model().objects.values_list("username", flat=True)}
    wanted = wanted[:MAX_NAME_LENGTH - 4]  # room for a "-n" suffix
    candidate, number = wanted, 1
    while account_key(candidate) in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _prepared_account(email: str) -> AbstractBaseUser | None:
    """The account an administrator created for this address to sign in with the provider."""
    if not email:
        return None
    candidates = [user for user in get_user_model().objects.filter(email__iexact=email, identities__isnull=True)
                  if not user.has_usable_password()]
    return candidates[0] if len(candidates) == 1 else None


def _names(user: AbstractBaseUser, claims: Mapping[str, object], email: str) -> list[str]:
    """Copy what the provider says of the person (its directory is the reference); the fields changed."""
    wanted = {
        "first_name": claims.get("given_name"),
        "last_name": claims.get("usual_name") or claims.get("family_name"),
        "email": email or None,
    }
    changed = []
    for name, value in wanted.items():
        if isinstance(value, str) and value.strip() and getattr(user, name) != value.strip()[:MAX_NAME_LENGTH]:
            setattr(user, name, value.strip()[:MAX_NAME_LENGTH])
            changed.append(name)
    return changed


def _link(config: OidcConfig, issuer: str, subject: str, email: str, role: str | None) -> AbstractBaseUser:
    user = _prepared_account(email)
    if user is None:
        if role == "":
            raise SignInRefused(_("Votre compte %(provider)s ne donne accès à aucun rôle dans cette gestion.")
                                % {"provider": config.provider_name})
        user = get_user_model()(username=_free_username(email or f"{config.provider_name}-{subject}"))
        user.set_unusable_password()
        user.save()
    Identity.objects.create(user=user, issuer=issuer, subject=subject)
    audit.record(user, "link_identity", user, {"issuer": issuer})
    return user


def _apply_role(user: AbstractBaseUser, role: str | None) -> None:
    """A provider that decides roles is followed at every sign-in, losing one included."""
    if role is None or role_of(user) == role or user.is_superuser:
        return
    set_role(user, role)
    if not role:
        end_sessions(user)
    audit.record(user, "change_role", user, {"role": role or None, "by": "provider"})


def account_for(config: OidcConfig, issuer: str, claims: Mapping[str, object]) -> AbstractBaseUser:
    """The account of the person these verified claims describe, linked or created as needed."""
    user, role = _account_and_role(config, issuer, claims)
    if role == "":  # raised once the roles taken away are stored, not rolled back with them
        raise SignInRefused(_("Votre compte %(provider)s ne donne plus accès à cette gestion.")
                            % {"provider": config.provider_name})
    return user


@transaction.atomic
def _account_and_role(config: OidcConfig, issuer: str, claims: Mapping[str, object]) -> tuple[AbstractBaseUser, str | None]:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefused(_("Le fournisseur d’identité n’a pas indiqué qui vous êtes."))
    email = _email(claims)
    if not config.admits_email(email):
        raise SignInRefused(_("Les adresses de ce domaine ne sont pas admises dans cette gestion."))
    role = config.role_from(claims)
    identity = Identity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is None:
        try:
            with transaction.atomic():
                user = _link(config, issuer, subject, email, role)
        except IntegrityError:  # the same person's other tab linked it a moment ago
            identity = Identity.objects.select_related("user").get(issuer=issuer, subject=subject)
            user = identity.user
    else:
        user = identity.user
    if not user.is_active:
        raise SignInRefused(_("Ce compte est désactivé : adressez-vous à un administrateur."))
    changed = _names(user, claims, email)
    if changed:
        user.save(update_fields=changed)
    _apply_role(user, role)
    Identity.objects.filter(user=user, issuer=issuer, subject=subject).update(last_used_at=timezone.now())
    return user, role
