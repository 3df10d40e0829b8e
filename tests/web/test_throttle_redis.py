"""The login throttle on the real Redis cache (production setting), shared across clients."""

import uuid

from django.test import override_settings
from tests.redis_support import needs_redis

from sanjeh.web.services import LoginThrottle


@needs_redis
def test_throttle_counts_in_redis() -> None:
    location = "redis://127.0.0.1:6379/15"
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            # a prefix of its own and a 60 s lock: the keys expire, nothing else in the shared Redis
            # is touched (no FLUSHDB)
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=redis_cache):
        throttle = LoginThrottle(limit=3, address_limit=3, seconds=60)
        for _ in range(3):
            assert not throttle.is_locked(username="ali", address="10.0.0.1")
            throttle.record_failure(username="ali", address="10.0.0.1")
        assert throttle.is_locked(username="ali", address="10.0.0.9")  # the account, from anywhere
        assert throttle.is_locked(username="reza", address="10.0.0.1")  # and the address, for any account
        throttle.reset(username="ali")
        assert not throttle.is_locked(username="ali", address="10.0.0.9")
        assert throttle.is_locked(username="ali", address="10.0.0.1")  # the address stays counted
