"""No test empties a shared Redis: no FLUSHDB/FLUSHALL and no `cache.clear()` anywhere in tests/.

The Redis on 127.0.0.1:6379 is the machine's (tests/redis_support.py); with SANJEH_REDIS_URL set, Django's
cache is that Redis too and `cache.clear()` is a FLUSHDB. Tests use a key prefix or queue name of their
own instead. Checked on the syntax tree, so comments and strings that merely name the commands pass.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).parent
FLUSHES = {"flushdb", "flushall"}


def offences(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr.lower() in FLUSHES:
            found.append(f"line {node.lineno}: .{func.attr}()")
        elif isinstance(func, ast.Attribute) and func.attr == "clear" and "cache" in ast.unparse(func.value):
            found.append(f"line {node.lineno}: {ast.unparse(func.value)}.clear()")
        for arg in node.args:  # client.execute_command("FLUSHDB"), cursor.execute("flushall …")
            words = arg.value.split() if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else []
            if words and words[0].lower() in FLUSHES:
                found.append(f"line {node.lineno}: {arg.value!r}")
    return found


def test_the_check_sees_each_form() -> None:
    calls = ["r.flushdb()", "r.FLUSHALL()", "cache.clear()", "caches['x'].clear()"]
    calls.append("r.execute_command('FLUSHDB')")
    source = "\n".join(calls)
    assert len(offences(source)) == 5
    assert offences("# no FLUSHDB here\nnames.clear()\nx = 'FLUSHALL is banned'\n") == []


def test_no_test_flushes_or_clears_a_shared_cache() -> None:
    found = {
        str(path.relative_to(TESTS)): hits
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name and (hits := offences(path.read_text(encoding="utf-8")))
    }
    assert found == {}
