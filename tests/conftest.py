"""Test-wide setup: an isolated SANJEH_HOME, and Django configured for the apps' tests.

The database is SQLite unless DATABASE_URL points at PostgreSQL (`make test` runs the database tests
a second time that way when a server answers on 127.0.0.1:5432).
"""

import os
import tempfile

os.environ.setdefault("SANJEH_HOME", tempfile.mkdtemp(prefix="sanjeh-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")

import django

django.setup()
