"""Error pages: always a page in French with a way back (JSON under /api/), never a bare server error."""

import sys

from django.utils.translation import gettext as _

from guichet.web.unavailable import error_response as _error
from guichet.web.unavailable import is_outage, unavailable


def bad_request(request, exception=None):
    return _error(request, 400, _("Requête invalide"),
                  _("Votre envoi n'a pas pu être lu : il est mal formé ou trop volumineux."))


def not_found(request, exception=None):
    return _error(request, 404, _("Page non trouvée"), _("La page que vous cherchez n'existe pas ou a été déplacée."))


def server_error(request):
    # Called while the exception is being handled: a database that cannot answer is a 503.
    if is_outage(sys.exc_info()[1]):
        return unavailable(request)
    return _error(request, 500, _("Erreur inattendue"),
                  _("Une erreur est survenue de notre côté. Réessayez dans quelques instants."))


def csrf_failure(request, reason=""):
    return _error(request, 403, _("Envoi refusé"), _("Votre envoi n'a pas été accepté (jeton de sécurité manquant ou "
                                                     "expiré). Rechargez la page puis réessayez."))
