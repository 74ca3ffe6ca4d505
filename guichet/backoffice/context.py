from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from guichet.faq.permissions import is_admin, is_editor
from guichet.faq.services.review import four_eyes

# The back-office menu: (URL name, label, for whom: False for every editor, True for administrators,
# "four_eyes" for every editor when four-eyes publishing is on).
MENU = [
    ("backoffice:dashboard", _("Tableau de bord"), False),
    ("backoffice:insights", _("Statistiques"), False),
    ("backoffice:entries", _("Entrées"), False),
    ("backoffice:entry_new", _("Nouvelle entrée"), False),
    ("backoffice:proposals", _("Propositions à relire"), "four_eyes"),
    ("backoffice:visitor_questions", _("Questions des visiteurs"), False),
    ("backoffice:feedback", _("Avis des visiteurs"), False),
    ("backoffice:duplicates", _("Doublons probables"), False),
    ("backoffice:exchange", _("Import et export"), False),
    ("backoffice:audit", _("Journal"), False),
    ("backoffice:api_tokens", _("Jetons d’API"), False),
    ("backoffice:facets", _("Facettes"), True),
    ("backoffice:synonyms", _("Synonymes"), True),
    ("backoffice:pages", _("Pages du site"), True),
    ("backoffice:accounts", _("Comptes"), True),
    ("backoffice:webhooks", _("Webhooks"), True),
]


def roles(request):
    """``is_editor`` and ``is_admin`` for templates, computed only when a template asks, and the
    back-office menu the user may see."""
    user = getattr(request, "user", None)
    return {"is_editor": SimpleLazyObject(lambda: is_editor(user)),
            "is_admin": SimpleLazyObject(lambda: is_admin(user)),
            "backoffice_menu": SimpleLazyObject(lambda: [(name, label) for name, label, who in MENU
                                                         if _may_see(who, user)])}


def _may_see(who, user) -> bool:
    if who == "four_eyes":
        return four_eyes()
    return not who or is_admin(user)
