"""The login throttle on the real Redis cache (production setting), shared across clients.

Database 15 and a key prefix of this run's own (tests/redis_support.py): the keys expire after 60 s and
nothing else in the shared Redis is touched — no FLUSHDB.
"""

from tests.redis_support import REDIS_TEST_URL, needs_redis, private_cache

from sanjeh.web.services import LoginThrottle


@needs_redis
def test_throttle_counts_in_redis() -> None:
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_TEST_URL}
    with private_cache(redis):
        throttle = LoginThrottle(limit=3, address_limit=3, seconds=60)
        for _ in range(3):
            assert not throttle.is_locked(username="ali", address="10.0.0.1")
            throttle.record_failure(username="ali", address="10.0.0.1")
        assert throttle.is_locked(username="ali", address="10.0.0.9")  # the account, from anywhere
        assert throttle.is_locked(username="reza", address="10.0.0.1")  # and the address, for any account
        throttle.reset(username="ali")
        assert not throttle.is_locked(username="ali", address="10.0.0.9")
        assert throttle.is_locked(username="ali", address="10.0.0.1")  # the address stays counted
