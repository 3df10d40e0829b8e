"""`sanjeh analyze`: JSON and JSON Lines, the Persian summary, bidi switch, one-line errors."""

import json
from pathlib import Path

from typer.testing import CliRunner

from sanjeh.cli.analyze import terminal_does_bidi
from sanjeh.cli.main import app

SEED = Path(__file__).resolve().parents[2] / "src" / "sanjeh" / "data" / "lorestan-telecom-pr.txt"
RUNNER = CliRunner()


def test_json_for_one_file() -> None:
    result = RUNNER.invoke(app, ["analyze", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == str(SEED)
    assert data["outlet"] == "زرک"
    assert data["kicker"] == "مدیر مخابرات منطقه لرستان"
    assert data["boilerplate"] == ["مقاله", "یادداشت", "گزارش", "گفتگو"]
    for key in ("title", "lead", "byline_author", "genre", "persons", "organizations", "quotes", "dates",
                "end_marker", "body"):  # fmt: skip
        assert key in data


def test_json_lines_for_several_files(tmp_path: Path) -> None:
    other = tmp_path / "page.html"
    other.write_text("<html><body><article><h1>عنوان صفحه آزمایشی</h1><p>متن.</p></article></body></html>")
    result = RUNNER.invoke(app, ["analyze", str(SEED), str(other), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["file"] for line in lines] == [str(SEED), str(other)]
    assert json.loads(lines[1])["title"] == "عنوان صفحه آزمایشی"


def test_persian_summary_with_and_without_bidi() -> None:
    plain = RUNNER.invoke(app, ["analyze", str(SEED), "--no-bidi"])
    assert plain.exit_code == 0, plain.output
    assert "زرک" in plain.stdout and "رسانه" in plain.stdout and "خبر" in plain.stdout
    reordered = RUNNER.invoke(app, ["analyze", str(SEED), "--bidi"])
    assert reordered.exit_code == 0
    # Reordered for display: the visual (reversed) form of a label appears instead.
    assert "هناسر" in reordered.stdout


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    result = RUNNER.invoke(
        app, ["analyze", str(tmp_path / "missing.txt"), str(tmp_path / "x.pdf"), str(SEED)]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("sanjeh: error:")]
    assert len(errors) == 3  # two files and the summary line
    assert "missing.txt" in errors[0] and ".pdf" in errors[1]
    assert "زرک" in result.stdout  # the readable file was still analysed


def test_terminal_bidi_detection() -> None:
    assert terminal_does_bidi({"KONSOLE_VERSION": "230804"})
    assert terminal_does_bidi({"VTE_VERSION": "7200"})
    assert not terminal_does_bidi({"VTE_VERSION": "5200"})
    assert not terminal_does_bidi({})
