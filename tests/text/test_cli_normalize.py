"""`sanjeh normalize`: one output line per input line, --report, --json, encodings, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanjeh.cli.main import app

ZWNJ = "\u200c"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_line_per_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("علي  ميگفت\n\n  كتاب ها \r\nآخر", encoding="utf-8")
    result = runner.invoke(app, ["normalize", str(source)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"علی می{ZWNJ}گفت\n\nکتاب{ZWNJ}ها\nآخر"


def test_stdin_and_trailing_newline(runner: CliRunner) -> None:
    result = runner.invoke(app, ["normalize", "-"], input="يك\nدو\n")
    assert result.exit_code == 0
    assert result.stdout == "یک\nدو\n"


def test_many_lines_stream_in_batches(runner: CliRunner, tmp_path: Path) -> None:
    lines = [f"سطر {i} ي" for i in range(3000)]
    source = tmp_path / "big.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "--no-zwnj", "--digits", "latin", str(source)])
    assert result.exit_code == 0
    out = result.stdout.split("\n")
    assert len(out) == 3001 and out[2999] == "سطر 2999 ی"


def test_report_goes_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["normalize", "--report", "-"], input="علي  گفت :سلام\n")
    assert result.exit_code == 0
    assert result.stdout == "علی گفت: سلام\n"
    assert "arabic_letters" in result.stderr and "punctuation_spacing" in result.stderr


def test_json_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["normalize", "--json", "--digits", "ar", "-"], input="عدد ۱۲ و 3\n")
    payload = json.loads(result.stdout)
    assert payload["text"] == "عدد ١٢ و ٣\n"
    assert payload["encoding"] == "utf-8" and payload["encoding_assumed"] is False
    assert payload["counts"]["digits"] == 3


def test_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["normalize", "--keep-diacritics", "--no-zwnj", "-"], input="کتابِ ميگفت\n")
    assert result.stdout == "کتابِ میگفت\n"


def test_windows_1256_is_announced(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes("سلام، اين متن قديمي است.\n".encode("cp1256"))
    result = runner.invoke(app, ["normalize", str(source)])
    assert result.exit_code == 0
    assert f"sanjeh: assumed windows-1256 for {source}" in result.stderr
    assert result.stdout == "سلام، این متن قدیمی است.\n"


def test_missing_file_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["normalize", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr


def test_undecodable_file_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "junk.bin"
    source.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["normalize", str(source)])
    assert result.exit_code == 1
    assert result.stderr.startswith("sanjeh: error: ") and result.stderr.count("\n") == 1
    assert "junk.bin" in result.stderr


def test_bad_digit_style(runner: CliRunner) -> None:
    result = runner.invoke(app, ["normalize", "--digits", "roman", "-"], input="x")
    assert result.exit_code == 1
    assert "allowed: fa, ar, latin, keep" in result.stderr
