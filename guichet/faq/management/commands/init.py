from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from guichet.faq.models import Entry

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo.json"


class Command(BaseCommand):
    help = """Create or migrate the database, then load the demo content if it has no entries.

    Example: guichet init
    Running it again keeps existing data."""

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        if Entry.objects.exists():
            self.stdout.write(f"{Entry.objects.count()} entries already present: demo content not loaded.")
        else:
            call_command("import_faq", str(DEMO_FILE), stdout=self.stdout, stderr=self.stderr)
