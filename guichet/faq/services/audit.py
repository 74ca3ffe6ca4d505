"""The audit trail: one row per change made to the content."""

from __future__ import annotations

from guichet.faq.models import AuditEvent


def actor_name(user) -> str:
    if user is None:
        return "système"
    if isinstance(user, str):
        return user
    return user.get_username() if getattr(user, "is_authenticated", False) else "anonyme"


def record(user, action: str, target, details: dict | None = None) -> AuditEvent:
    """``target`` is a model instance, or a word naming what changed (e.g. "synonymes")."""
    if isinstance(target, str):
        return AuditEvent.objects.create(actor=actor_name(user), action=action, target_type=target,
                                         target_label=target, details=details or {})
    return AuditEvent.objects.create(
        actor=actor_name(user), action=action, target_type=type(target).__name__.lower(),
        target_id=str(getattr(target, "pk", "") or ""), target_label=str(target)[:300], details=details or {})
