from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "guichet.sso"
    verbose_name = _("Connexion par fournisseur d’identité")
