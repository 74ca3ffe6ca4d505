import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from guichet.faq.permissions import CONSOLE
from guichet.faq.services.accounts import AccountError, create_account


class Command(BaseCommand):
    help = """Create an administrator account for the back-office (/gestion/).

    Example: guichet createadmin --username marie --email marie@example.org
    The password is asked for, or read from the GUICHET_ADMIN_PASSWORD environment variable."""

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get("GUICHET_ADMIN_PASSWORD") or self._ask_password()
        try:
            create_account(CONSOLE, username=username, email=email, password=password, role="admin")
        except AccountError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(f"Administrator '{username}' created: sign in at /gestion/.")

    def _ask_password(self) -> str:
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt) as err:
            raise CommandError("no password given (set GUICHET_ADMIN_PASSWORD to run without a terminal)") from err
        if first != second:
            raise CommandError("the two passwords differ")
        return first
