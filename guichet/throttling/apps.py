from django.apps import AppConfig


class ThrottlingConfig(AppConfig):
    name = "guichet.throttling"
    verbose_name = "Limites d’envois"
