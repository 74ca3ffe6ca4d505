from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "guichet.exchange"
    verbose_name = "Import et export"
