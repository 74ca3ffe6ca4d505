from django.apps import AppConfig


class IndexingConfig(AppConfig):
    name = "guichet.indexing"
    verbose_name = "Indexation"

    def ready(self) -> None:
        from guichet.faq.changes import on_entries_written
        from guichet.indexing import checks  # noqa: F401  (registers the system checks)
        from guichet.indexing.vectors import entries_written

        # Vectors are computed when texts are written, never when they are read.
        on_entries_written(entries_written)
