from django.core.management.base import BaseCommand

from guichet.cli.progress import progress_bar
from guichet.indexing.background import announce_if_stored
from guichet.indexing.vectors import store_missing_vectors


class Command(BaseCommand):
    help = """Compute and store the vectors of published entries that have none yet.

    Example: guichet index
    Vectors are stored per entry text, so a restart or another app process never recomputes them."""

    def handle(self, *args, **options):
        with progress_bar("Vectors") as update:
            count = store_missing_vectors(progress=update)
        announce_if_stored(count)
        self.stdout.write(f"Index ready: {count} entry texts embedded, the others already were.")
