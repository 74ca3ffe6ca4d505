from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "guichet.webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from guichet.faq.changes import on_event
        from guichet.indexing.background import add_periodic
        from guichet.webhooks.service import deliver_due, queue_event

        on_event(queue_event)  # what the services announce, after their commit
        add_periodic(deliver_due, every_seconds=10)  # app servers deliver and retry in the background
