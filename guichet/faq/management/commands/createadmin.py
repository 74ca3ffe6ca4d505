import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guichet.faq.permissions import set_role


class Command(BaseCommand):
    help = """Create an administrator account for the back-office (/gestion/).

    Example: guichet createadmin --username marie --email marie@example.org
    The password is asked for, or read from the GUICHET_ADMIN_PASSWORD environment variable."""

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"the account '{username}' already exists")
        password = os.environ.get("GUICHET_ADMIN_PASSWORD") or self._ask_password()
        user = User(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as err:
            raise CommandError("password refused: " + " ".join(err.messages)) from err
        with transaction.atomic():
            user.set_password(password)
            user.is_staff = True
            user.save()
            set_role(user, "admin")
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
