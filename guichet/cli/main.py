"""The ``guichet`` console command: Django's management commands, with Guichet's own first.

    guichet init                 create or migrate the database, load the demo content if empty
    guichet import FILE          import a Guichet JSON file or a scraped FAQ page (.txt)
    guichet search "texte"       search the site's content from the terminal
    guichet search-eval --corpus C.jsonl --queries Q.jsonl [--out R.jsonl]
    guichet index                compute the missing entry vectors
    guichet mcp [--http]         serve the FAQ to AI assistants (Model Context Protocol)
    guichet demo-activity        log realistic searches, votes and questions for a demo
    guichet digest               email the weekly digest to the editors who asked for it
    guichet schedules            publish and withdraw the entries whose scheduled date has come
    guichet purge                delete visitor questions and askers' emails past their retention
    guichet runserver            serve the site (development server)
"""

from __future__ import annotations

import os
import sys

# Command names as typed -> Django command modules (Python module names cannot hold "-" or be "import").
ALIASES = {"import": "import_faq", "search-eval": "search_eval", "demo-activity": "demo_activity"}
OUR_COMMANDS = ["init", "import", "export", "createadmin", "search", "search-eval", "index", "mcp", "demo-activity", "digest",
                "schedules", "purge", "runserver", "migrate"]


def print_help() -> None:
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    print("Usage: guichet <command> [options]\n\nGuichet's commands:")
    for name in OUR_COMMANDS:
        module = ALIASES.get(name, name)
        if module not in commands:
            continue
        help_text = load_command_class(commands[module], module).help.strip().splitlines()[0]
        print(f"  {name:<14} {help_text}")
    print("\n'guichet <command> --help' details one command; 'guichet help' lists every Django command.")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        if len(argv) < 2 or argv[1] in ("-h", "--help"):
            django.setup()
            print_help()
            return
        argv[1] = ALIASES.get(argv[1], argv[1])
        execute_from_command_line(argv)
    except ImproperlyConfigured as err:  # a setting the environment got wrong: say which, no traceback
        sys.exit(f"Error: {err}")


if __name__ == "__main__":
    main()
