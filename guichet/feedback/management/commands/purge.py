from django.core.management.base import BaseCommand

from guichet.feedback.retention import purge


class Command(BaseCommand):
    help = """Delete what is kept about visitors no longer: questions (and askers' emails) past the retention period.

    Example: guichet purge   (app servers do it every hour; for cron where none runs)"""

    def handle(self, *args, **options):
        purged = purge()
        self.stdout.write(f"{purged.questions} visitor questions deleted, {purged.vote_addresses} vote address hashes erased.")
