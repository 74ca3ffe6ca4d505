import getpass
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guichet.faq.permissions import CONSOLE
from guichet.faq.services.accounts import AccountError, create_account


class Command(BaseCommand):
    help = """Create an administrator account for the back-office (/gestion/).

    Example: guichet createadmin --username marie --email marie@example.org
    The password is asked for, or read from the GUICHET_ADMIN_PASSWORD environment variable.
    With an identity provider configured (GUICHET_OIDC_*), --provider creates the account without a
    password: it is linked to the person who first signs in there with that email address.
    Example: guichet createadmin --username marie --email marie.dupont@sante.gouv.fr --provider"""

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--provider", action="store_true",
                            help="no password: the account signs in with the identity provider, linked by --email")

    def handle(self, *args, username, email, provider, **options):
        password = "" if provider else os.environ.get("GUICHET_ADMIN_PASSWORD") or self._ask_password()
        try:
            create_account(CONSOLE, username=username, email=email, password=password, role="admin")
        except AccountError as err:
            raise CommandError(str(err)) from err
        how = f" with {settings.GUICHET_OIDC.provider_name} as {email}" if provider else ""
        self.stdout.write(f"Administrator '{username}' created: sign in at /gestion/{how}.")

    def _ask_password(self) -> str:
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt) as err:
            raise CommandError("no password given (set GUICHET_ADMIN_PASSWORD to run without a terminal)") from err
        if first != second:
            raise CommandError("the two passwords differ")
        return first
