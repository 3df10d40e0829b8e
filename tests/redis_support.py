"""The real Redis the production settings use (127.0.0.1:6379): tests that need it skip where none runs.

Why a skip and not a failure: Redis is a service of the machine, not something `make test` can install;
every machine this project runs on has one, and the skip names what is missing.
"""

from __future__ import annotations

import socket

import pytest


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_available(), reason="no Redis server on 127.0.0.1:6379")
