"""The pure cores never import Django (house style: cores know nothing of the web layer)."""

import subprocess
import sys

import pytest

CORES = ["sanjeh.text", "sanjeh.news", "sanjeh.ingest", "sanjeh.scoring"]


@pytest.mark.parametrize("core", CORES)
def test_core_does_not_import_django(core: str) -> None:
    code = f"import sys, {core}; assert not any(m.startswith('django') for m in sys.modules), core"
    subprocess.run([sys.executable, "-c", code], check=True)
