"""Rate limits shared by several app servers through Redis (REDIS_URL)."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from guichet.throttling.limits import RateLimit, RateLimited
from tests.services import missing

REDIS = ("127.0.0.1", 6379)


def _redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def redis_server() -> None:
    if not _redis_up():
        missing("redis", f"no Redis server at {REDIS[0]}:{REDIS[1]}")


@pytest.mark.usefixtures("redis_server")
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/15"}})
def test_the_limit_holds_across_processes_sharing_redis():
    assert type(caches["default"]).__name__ == "RedisCache"
    caches["default"].clear()
    limit = RateLimit(2, 60)
    limit.check("client-a", "vote")
    caches["default"].close()  # a second process would have its own connection
    limit.check("client-a", "vote")
    with pytest.raises(RateLimited):
        limit.check("client-a", "vote")
    limit.check("client-b", "vote")  # another client is not affected
    caches["default"].clear()
