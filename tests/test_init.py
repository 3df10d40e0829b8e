"""`sanjeh init` makes a working instance from nothing, and running it again is safe."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # two fresh processes, each migrating a new SQLite database


def _init(home: Path) -> dict:
    env = {**os.environ, "SANJEH_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    sanjeh = Path(sys.executable).with_name("sanjeh")
    done = subprocess.run([sanjeh, "init", "--json"], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_init_creates_database_secret_and_static_files(tmp_path: Path) -> None:
    home = tmp_path / "instance"
    info = _init(home)
    assert info["home"] == str(home) and info["database"] == "sqlite3"
    database = Path(info["database_name"])
    assert database.is_file() and stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    with sqlite3.connect(database) as db:  # the cache that login throttling shares without Redis
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'sanjeh_cache'").fetchone()
    secret = home / "secret_key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    static = Path(info["static_root"])
    assert list(static.rglob("Vazirmatn*.woff2")) and list(static.rglob("htmx*.js"))
    key = secret.read_text()
    assert _init(home) == info and secret.read_text() == key  # again: same instance, same key
