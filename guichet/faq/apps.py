from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "guichet.faq"
    verbose_name = "FAQ"
