"""The question form's signed time: people take a few seconds to type, most robots do not."""

from __future__ import annotations

import time

from django.core.signing import BadSignature, TimestampSigner

ASK_SALT = "guichet.ask"
ASK_MAX_AGE = 24 * 3600


class ExpiredToken(Exception):
    """The question form's token is missing, forged or older than a day."""


def ask_token() -> str:
    return TimestampSigner(salt=ASK_SALT).sign(str(int(time.time())))


def ask_token_age(token: str) -> float:
    """Seconds since the form holding ``token`` was served."""
    try:
        issued = int(TimestampSigner(salt=ASK_SALT).unsign(token, max_age=ASK_MAX_AGE))
    except (BadSignature, ValueError) as err:
        raise ExpiredToken from err
    return time.time() - issued
