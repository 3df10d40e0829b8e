"""The suite really runs on the database DATABASE_URL names (SQLite by default, PostgreSQL in make test)."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_backend_matches_configuration() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    if expected == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in {"wal", "memory"}  # tests use an in-memory database
