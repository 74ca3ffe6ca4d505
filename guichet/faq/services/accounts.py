"""Back-office accounts: created and (de)activated by administrators, or from the console."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guichet.faq.errors import FaqError
from guichet.faq.permissions import ROLES, require_admin, set_role
from guichet.faq.services import audit


class AccountError(FaqError):
    """An account cannot be created or changed as asked; the message says why, in French."""


@transaction.atomic
def create_account(actor, *, username: str, password: str, role: str, email: str = "") -> AbstractBaseUser:
    """A new back-office account with ``role`` ("editor" or "admin")."""
    require_admin(actor)
    User = get_user_model()
    username = username.strip()
    if not username:
        raise AccountError(_("Indiquez un identifiant."))
    if role not in ROLES:
        raise AccountError(_("Rôle inconnu : choisissez parmi %(roles)s.") % {"roles": ", ".join(ROLES)})
    if User.objects.filter(username=username).exists():
        raise AccountError(_("Le compte « %(name)s » existe déjà.") % {"name": username})
    user = User(username=username, email=email, is_staff=True)
    try:
        validate_password(password, user)
    except ValidationError as err:
        raise AccountError(_("Mot de passe refusé : %(why)s") % {"why": " ".join(err.messages)}) from err
    user.set_password(password)
    user.save()
    set_role(user, role)
    audit.record(actor, "create_account", user, {"role": role})
    return user


@transaction.atomic
def set_account_active(actor, user: AbstractBaseUser, active: bool) -> AbstractBaseUser:
    require_admin(actor)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise AccountError(_("Vous ne pouvez pas désactiver votre propre compte."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit.record(actor, "activate" if active else "deactivate", user)
    return user
