from django.utils.functional import SimpleLazyObject

from guichet.faq.permissions import is_admin, is_editor


def roles(request):
    """``is_editor`` and ``is_admin`` for templates, computed only when a template asks."""
    user = getattr(request, "user", None)
    return {"is_editor": SimpleLazyObject(lambda: is_editor(user)),
            "is_admin": SimpleLazyObject(lambda: is_admin(user))}
