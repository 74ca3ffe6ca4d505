from django.apps import AppConfig


class IndexingConfig(AppConfig):
    name = "guichet.indexing"
    verbose_name = "Indexation"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from guichet.faq.models import Entry, EntryTranslation
        from guichet.feedback.models import VisitorQuestion
        from guichet.indexing import checks  # noqa: F401  (registers the system checks)
        from guichet.indexing.vectors import entry_written, question_written

        # Vectors are computed when texts are written, never when they are read.
        post_save.connect(lambda sender, instance, **kwargs: entry_written(instance.pk), sender=Entry,
                          weak=False, dispatch_uid="guichet.indexing.entry_vectors")
        post_save.connect(lambda sender, instance, **kwargs: entry_written(instance.entry_id), sender=EntryTranslation,
                          weak=False, dispatch_uid="guichet.indexing.translation_vectors")
        post_save.connect(lambda sender, instance, created, **kwargs: created and question_written(instance.text),
                          sender=VisitorQuestion, weak=False, dispatch_uid="guichet.indexing.question_vectors")
