from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "guichet.feedback"
    verbose_name = _("Retours des visiteurs")
