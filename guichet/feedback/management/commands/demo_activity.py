"""guichet demo-activity: log realistic searches, votes and visitor questions for a demo."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Add realistic visitor activity (searches over 90 days, votes, visitor questions) for the insights "
            "page. Example: guichet demo-activity --searches 400")

    def add_arguments(self, parser):
        parser.add_argument("--searches", type=int, default=400, help="searches to log (default 400)")
        parser.add_argument("--seed", type=int, default=7, help="random seed, for the same activity again")

    def handle(self, *args, searches: int, seed: int, **options):
        from guichet.feedback.demo_activity import generate

        if not 1 <= searches <= 1_000_000:
            raise CommandError(f"--searches {searches}: expected 1 to 1000000")
        report = generate(searches=searches, seed=seed)
        self.stdout.write(f"Logged {report.searches} searches, {report.votes} votes, "
                          f"{report.questions} visitor questions.")
