"""The README cannot fall behind: every setting and every Guichet command is documented."""

import re

from guichet.cli.main import OUR_COMMANDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The modules that read the environment: the settings, and the identity provider's configuration.
SETTINGS = "\n".join((ROOT / "guichet" / name).read_text(encoding="utf-8") for name in ("settings.py", "sso/config.py"))


def test_every_environment_variable_is_documented():
    variables = set(re.findall(r'(?:os\.)?environ(?:\.get)?\(\s*"([A-Z_]+)"', SETTINGS))
    variables |= set(re.findall(r'_env_\w+\("([A-Z_]+)"', SETTINGS))
    assert variables
    missing = {v for v in variables if f"`{v}`" not in README}
    assert not missing


def test_every_guichet_command_is_documented():
    missing = {c for c in OUR_COMMANDS if f"guichet {c}" not in README}
    assert not missing


def test_the_two_commands_are_in_the_readme():
    assert "make run" in README and "make test" in README
