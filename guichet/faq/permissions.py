"""Roles: editors write and publish; administrators also manage accounts, facets and synonyms.

Roles are Django groups (created by a migration); superusers are administrators. Services check
them, so a missing button in a template is never the only protection.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.utils.translation import gettext as _

from guichet.faq.errors import FaqError

EDITORS = "Éditeurs"
ADMINISTRATORS = "Administrateurs"
ROLES = {"editor": EDITORS, "admin": ADMINISTRATORS}


class NotAllowed(FaqError):
    """The user lacks the role this action needs."""


class _Console:
    """Whoever runs ``guichet`` commands on the server: they hold its files, hence every right."""

    is_authenticated = is_active = is_superuser = True
    pk = None

    def get_username(self) -> str:
        return "console"


CONSOLE = _Console()


class _Scheduler(_Console):
    """The app servers' scheduled work (publication and withdrawal at the dates editors set)."""

    def get_username(self) -> str:
        return "planification"


SCHEDULER = _Scheduler()


def is_console(user) -> bool:
    """The console or the scheduler: the server's own work, not a person signed in."""
    return isinstance(user, _Console)


def _groups(user) -> set[str]:
    if isinstance(user, _Console) or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_guichet_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._guichet_groups = cached
    return cached


def is_admin(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user and getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or ADMINISTRATORS in _groups(user)))


def is_editor(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return is_admin(user) or EDITORS in _groups(user)


def require_editor(user) -> None:
    if not is_editor(user):
        raise NotAllowed(_("Cette action est réservée aux éditeurs."))


def require_admin(user) -> None:
    if not is_admin(user):
        raise NotAllowed(_("Cette action est réservée aux administrateurs."))


def role_of(user) -> str:
    return "admin" if is_admin(user) else "editor" if is_editor(user) else ""


def set_role(user, role: str) -> None:
    """Give ``user`` one role, or none with ""."""
    if role and role not in ROLES:
        raise ValueError(f"unknown role '{role}': {', '.join(ROLES)}")
    user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
    if role:
        user.groups.add(Group.objects.get_or_create(name=ROLES[role])[0])
    user._guichet_groups = None
