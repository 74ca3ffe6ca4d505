from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "guichet.feedback"
    verbose_name = "Retours des visiteurs"
