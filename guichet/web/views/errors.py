"""Error pages: always a page in French with a way back, never a bare server error."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def bad_request(request, exception=None):
    return render(request, "web/error.html", {"status": 400, "title": _("Requête invalide"),
              "message": _("Votre envoi n'a pas pu être lu : il est mal formé ou trop volumineux.")}, status=400)


def not_found(request, exception=None):
    return render(request, "web/error.html", {"status": 404, "title": _("Page non trouvée"),
              "message": _("La page que vous cherchez n'existe pas ou a été déplacée.")}, status=404)


def server_error(request):
    return render(request, "web/error.html", {"status": 500, "title": _("Erreur inattendue"),
              "message": _("Une erreur est survenue de notre côté. Réessayez dans quelques instants.")}, status=500)


def csrf_failure(request, reason=""):
    return render(request, "web/error.html", {"status": 403, "title": _("Envoi refusé"),
              "message": _("Votre envoi n'a pas été accepté (jeton de sécurité manquant ou expiré). "
                           "Rechargez la page puis réessayez.")}, status=403)
