"""The pure cores never import Django (house style: cores know nothing of the web layer).

Every module of each core, found with pkgutil.walk_packages, is imported one by one in a fresh
interpreter; after each import sys.modules is checked, so a failure names the first module that pulled
Django in (directly or through another module). The walked list is compared with the .py files on disk,
so a module the walk missed cannot pass unchecked.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
CORES = ["sanjeh.text", "sanjeh.news", "sanjeh.ingest", "sanjeh.scoring"]

PROBE = """
import importlib, json, pkgutil, sys

def django_modules():
    return sorted(m for m in sys.modules if m.partition(".")[0].startswith("django"))

core = importlib.import_module(sys.argv[1])
report = {"modules": [core.__name__], "offender": None, "django": django_modules()}
if report["django"]:
    report["offender"] = core.__name__
else:
    for info in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
        importlib.import_module(info.name)
        report["modules"].append(info.name)
        if django_modules():
            report["offender"], report["django"] = info.name, django_modules()
            break
print(json.dumps(report))
"""


def modules_on_disk(core: str) -> set[str]:
    root = SRC.joinpath(*core.split("."))
    names = set()
    for path in root.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.parametrize("core", CORES)
def test_no_module_of_the_core_imports_django(core: str) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, core], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["offender"] is None, f"importing {report['offender']} imported {report['django'][:5]}"
    assert set(report["modules"]) == modules_on_disk(core)  # every module was imported
