from django.core.management.base import BaseCommand

from guichet.cli.progress import progress_bar
from guichet.indexing.current import build_engine


class Command(BaseCommand):
    help = """Compute and store the vectors of published entries that have none yet.

    Example: guichet index
    Vectors are stored per entry text, so a restart or another app process never recomputes them."""

    def handle(self, *args, **options):
        with progress_bar("Vectors") as update:
            engine = build_engine(progress=update)
        self.stdout.write(f"Index ready: {len(engine)} published entries.")
