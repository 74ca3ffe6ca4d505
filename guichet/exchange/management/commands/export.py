from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guichet.exchange.export import FORMATS, export


class Command(BaseCommand):
    help = """Export the FAQ: JSON (lossless: facets, synonyms, entries with revisions, votes, visitor
    questions) or CSV (entries, for spreadsheets).

    Example: guichet export --format json faq.json
    Exporting, importing into an empty database and exporting again gives the same file."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write; '-' for standard output")
        parser.add_argument("--format", choices=FORMATS, default="json")

    def handle(self, *args, file, format, **options):
        content = export(format)
        if file == "-":
            self.stdout.write(content, ending="")
            return
        try:
            Path(file).write_text(content, encoding="utf-8")
        except OSError as err:
            raise CommandError(f"cannot write {file}: {err.strerror}") from err
        self.stdout.write(f"Exported to {file} ({format}).")
