"""``sherloc-draw``: the JSON contract, redraws, verify, and one-line errors."""

import json
import subprocess
import sys

import pytest

from sherloc_review.draw.cli import main
from sherloc_review.draw.population import Population
from sherloc_review.draw.record import make_record
from sherloc_review.draw.result import Draw

from .conftest import VECTORS

SMALL = str(VECTORS / "small.csv")


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_draw_prints_the_contract_json(capsys):
    status, out, err = _run(capsys, "--population", SMALL, "--seed", "cli")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["seed", "groups", "reviews"]
    assert data["seed"] == "cli" and sorted(data["groups"]) == ["1", "2", "3"]
    reviewer = data["reviews"][0]["reviewers"][0]
    assert list(reviewer) == ["state", "instruments", "regional_group_role"]
    assert reviewer["regional_group_role"] in ("same", "other", "additional")


def test_redraw_then_verify(capsys, tmp_path):
    population = VECTORS / "states-2026-11.csv"
    _, out, _ = _run(capsys, "--population", str(population), "--seed", "s")
    previous = tmp_path / "previous.json"
    previous.write_text(out)
    status, out, err = _run(
        capsys,
        "--redraw",
        str(previous),
        "--under-review",
        "PER",
        "--requested-by",
        "PER",
        "--reason",
        "language",
        "--population",
        str(population),
        "--seed",
        "again",
    )
    assert status == 0, err
    data = json.loads(out)
    assert data["redraws"][0]["requested_by"] == "PER"
    pop = Population.from_csv(population.read_text("utf-8"))
    record = tmp_path / "record.json"
    record.write_text(json.dumps(make_record(pop, Draw.from_json(data))))
    status, out, _ = _run(capsys, "verify", str(record))
    assert status == 0 and out.startswith("OK")
    data["reviews"][1], data["reviews"][2] = data["reviews"][2], data["reviews"][1]
    record.write_text(
        json.dumps(make_record(pop, Draw.from_json(data)) | {"draw": data})
    )
    status, out, _ = _run(capsys, "verify", str(record))
    assert status == 1 and "MISMATCH" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--seed", "x"], "required: --population"),
        (["--population", "/nonexistent.csv", "--seed", "x"], "cannot read"),
        (
            ["--population", SMALL, "--seed", "x", "--reason", "language"],
            "need --redraw",
        ),
        (
            [
                "--population",
                SMALL,
                "--seed",
                "x",
                "--redraw",
                SMALL,
                "--under-review",
                "XYZ",
                "--requested-by",
                "AAA",
                "--reason",
                "language",
            ],
            "unknown State XYZ",
        ),
        (
            [
                "--population",
                SMALL,
                "--seed",
                "x",
                "--redraw",
                SMALL,
                "--under-review",
                "AAA",
                "--requested-by",
                "AAA",
                "--reason",
                "language",
            ],
            "not valid JSON",
        ),
        (["verify", SMALL], "not valid JSON"),
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys, argv, words):
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("sherloc-draw: error: ")
    assert words in err


def test_unknown_column_from_a_file(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text((VECTORS / "small.csv").read_text().replace("volunteer", "volunter"))
    status, _, err = _run(capsys, "--population", str(bad), "--seed", "x")
    assert status == 2 and "Unknown column 'volunter'" in err


def test_console_script_is_installed():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sherloc_review.draw.cli",
            "--population",
            SMALL,
            "--seed",
            "cli",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["seed"] == "cli"
