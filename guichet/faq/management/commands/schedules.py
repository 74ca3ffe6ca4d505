from django.core.management.base import BaseCommand

from guichet.faq.services.schedules import apply_due_schedules


class Command(BaseCommand):
    help = """Publish and withdraw the entries whose scheduled date has come.

    Example: guichet schedules   (app servers do it every minute; run it from cron where none runs)"""

    def handle(self, *args, **options):
        changed = apply_due_schedules()
        self.stdout.write(f"{changed} entries published or withdrawn as scheduled.")
