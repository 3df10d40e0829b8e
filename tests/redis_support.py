"""The real Redis the production settings use (127.0.0.1:6379): tests that need it skip where none runs.

Why a skip and not a failure: Redis is a service of the machine, not something `make test` can install;
every machine this project runs on has one, and the skip names what is missing.

The Redis is shared (the deployment's own data may be in database 0), so tests keep to database 15 and,
within it, to keys of their own — a fresh key prefix or queue name per test — and delete or let expire
only those. Nothing in tests/ may FLUSHDB, FLUSHALL or `cache.clear()` (which on Redis is FLUSHDB);
tests/test_no_shared_flush.py enforces it.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_available(), reason="no Redis server on 127.0.0.1:6379")


def private_prefix() -> str:
    """A key prefix no other test run uses."""
    return f"sanjeh-test-{uuid.uuid4().hex}"


@contextmanager
def private_cache(config: dict[str, str] | None = None) -> Iterator[None]:
    """Django's default cache (as configured, or `config` instead) under a private key prefix: a test
    starts with no keys and needs no clearing, whatever the backend (on Redis a `cache.clear()` would
    flush a database shared with everything else)."""
    from django.conf import settings
    from django.test import override_settings

    private = {**(config or settings.CACHES["default"]), "KEY_PREFIX": private_prefix()}
    with override_settings(CACHES={**settings.CACHES, "default": private}):
        yield
