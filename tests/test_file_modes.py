"""The data directory, the database, the secret key and uploaded files are the instance user's only:
directories 0700, files 0600, whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from sanjeh.config import ensure_secret_key, private_dir, private_file


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)  # the usual default: group and others could read what is created
    yield
    os.umask(previous)


def test_helpers_create_private_directories_and_files(tmp_path: Path, open_umask) -> None:
    home = private_dir(tmp_path / "a" / "b")
    assert mode(home) == 0o700 and mode(tmp_path / "a") == 0o755  # a parent such as ~/.local/share
    database = private_file(home / "db" / "sanjeh.sqlite3")
    assert mode(database) == 0o600 and mode(database.parent) == 0o700
    ensure_secret_key(home)
    assert mode(home / "secret_key") == 0o600
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    assert mode(private_dir(existing)) == 0o755  # a directory someone made on purpose keeps its mode


@pytest.mark.slow
def test_a_new_instance_is_private(tmp_path: Path, open_umask) -> None:
    home = tmp_path / "instance"
    env = {**os.environ, "SANJEH_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    for name in ("DATABASE_URL", "SANJEH_DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'sanjeh.project.settings'\n"
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('createcachetable', verbosity=0)\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    database = home / "sanjeh.sqlite3"
    assert mode(home) == 0o700 and mode(home / "secret_key") == 0o600 and mode(database) == 0o600
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'sanjeh_cache'").fetchone()
    for sidecar in (home / "sanjeh.sqlite3-wal", home / "sanjeh.sqlite3-shm"):
        assert not sidecar.exists() or mode(sidecar) == 0o600


@pytest.mark.django_db
def test_uploaded_evidence_is_private(tmp_path: Path, open_umask) -> None:
    from sanjeh.evaluation import workflow
    from sanjeh.evaluation.models import Submission
    from sanjeh.evaluation.services import create_period
    from sanjeh.registry.models import Agency, PeerGroup

    agency = Agency.objects.create(code="a", name="نمونه", peer_group=PeerGroup.objects.first())
    period = create_period(name="1403-spring")
    submission = Submission.objects.create(period=period, agency=agency, indicator="P3")
    uploads = tmp_path / "uploads"
    with override_settings(MEDIA_ROOT=uploads):
        stored = workflow.attach_file(
            upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"),
            submission=submission,
            actor=None,
            today=period.start,
        )
        path = Path(stored.file.path)
    assert mode(path) == 0o600
    for directory in (path.parent, path.parent.parent, uploads):
        assert mode(directory) == 0o700, directory
