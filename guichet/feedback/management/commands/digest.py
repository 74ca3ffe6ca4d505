"""guichet digest: email the weekly digest to the editors who asked for it (for cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Email the weekly digest (demand, new gaps, answers to fix) to subscribed editors. "
            "Example, every Monday at 8: 0 8 * * 1 /srv/guichet/.venv/bin/guichet digest")

    def handle(self, *args, **options):
        from guichet.feedback.digest import send_digests

        sent = send_digests()
        self.stdout.write(f"Digest sent to {sent} editor(s).")
