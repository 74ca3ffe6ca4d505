from django.apps import AppConfig


class IndexingConfig(AppConfig):
    name = "guichet.indexing"
    verbose_name = "Indexation"

    def ready(self) -> None:
        from guichet.indexing import checks  # noqa: F401  (registers the system checks)
