from django.core.management.base import BaseCommand, CommandError

from guichet.cli.progress import progress_bars
from guichet.exchange.importing import import_file
from guichet.faq.errors import FaqError


class Command(BaseCommand):
    help = """Import facets, synonyms and entries from a Guichet JSON file or a scraped FAQ page (.txt).

    Example: guichet import guichet/faq/data/demo.json
    The import is atomic: a file with any problem changes nothing, and every problem is listed."""

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with progress_bars("Import", "Vectors") as (update, vectors_update):
                report = import_file(file, progress=update, vector_progress=vectors_update)
        except FaqError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"Imported {file}: {report.created} entries created, {report.updated} updated, "
                          f"{report.facets} facets, {report.values} values, {report.synonyms} synonym groups.")
