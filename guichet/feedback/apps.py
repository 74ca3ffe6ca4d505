from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "guichet.feedback"
    verbose_name = _("Retours des visiteurs")

    def ready(self) -> None:
        from guichet.faq.changes import on_event
        from guichet.feedback.notify import tell_askers_when_published
        from guichet.feedback.retention import purge
        from guichet.feedback.visitor_questions import pending_texts
        from guichet.indexing.background import add_periodic
        from guichet.indexing.vectors import add_query_source

        # Pending questions are grouped by meaning for editors: their vectors are kept up to date.
        add_query_source(pending_texts)
        add_periodic(purge, every_seconds=3600)  # app servers erase what is kept no longer
        on_event(tell_askers_when_published)  # an answer published after the question was answered
