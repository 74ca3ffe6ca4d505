from django.core.management.base import BaseCommand, CommandError

from guichet.faq.models import Entry
from guichet.indexing.current import current_engine


class Command(BaseCommand):
    help = """Search the site's published entries from the terminal.

    Example: guichet search "activer ma e-CPS" --limit 5"""

    def add_arguments(self, parser):
        parser.add_argument("text")
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, text, limit, **options):
        if not text.strip():
            raise CommandError("the search text is empty")
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        response = current_engine().search(text, limit=limit)
        entries = Entry.objects.in_bulk([int(h.id) for h in response.hits])
        confidence = f"{response.confidence:.2f}" if response.confidence is not None else "-"
        if not response.answered:
            self.stdout.write(f"No answer in the content (confidence {confidence}).")
            return
        if not response.hits:
            self.stdout.write("No result.")
            return
        self.stdout.write(f"{response.total} result(s); confidence {confidence}"
                          f"{'; one clear answer' if response.clear else ''}")
        for rank, hit in enumerate(response.hits, start=1):
            dense = f"{hit.dense:.3f}" if hit.dense is not None else "-"
            self.stdout.write(f"{rank:>2}. {hit.score:.3f}  (lexical {hit.lexical:.2f}, dense {dense})  "
                              f"{entries[int(hit.id)].title}  [/questions/{entries[int(hit.id)].slug}/]")
