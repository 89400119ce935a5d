"""``sherloc-draw``: run, redraw and verify draws from the command line.

::

    sherloc-draw --population FILE.csv --seed SEED
    sherloc-draw --redraw PREVIOUS.json --under-review ISO3 --requested-by ISO3 \\
                 --reason language|legal_system|exceptional|unable \\
                 --population FILE.csv --seed SEED
    sherloc-draw verify RECORD.json

The draw is printed as JSON on standard output.  Bad input (a malformed
file, an unknown column or State, a missing option) is one line on
standard error and exit status 2; a draw the rules make impossible, or a
refused redraw, exit status 1; ``verify`` exits 0 when the record replays
exactly and 1 when it does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import draw
from .errors import InfeasibleDraw, PopulationError, RecordError, RedrawRefused
from .population import Population
from .record import verify
from .redraw import redraw
from .result import REASONS, Draw

PROG = "sherloc-draw"


class BadInput(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise BadInput(message)


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BadInput(f"cannot read the {what} {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise BadInput(f"the {what} {path} is not UTF-8 text") from error


def _read_json(path: Path, what: str):
    try:
        return json.loads(_read_text(path, what))
    except json.JSONDecodeError as error:
        raise BadInput(
            f"the {what} {path} is not valid JSON (line {error.lineno})"
        ) from error


def _draw_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="Draw lots for the review mechanism.")
    parser.add_argument("--population", type=Path, required=True)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--redraw", type=Path, metavar="PREVIOUS.json")
    parser.add_argument("--under-review", metavar="ISO3")
    parser.add_argument("--requested-by", metavar="ISO3")
    parser.add_argument("--reason", choices=REASONS)
    return parser


def _run_draw(argv: list[str]) -> int:
    args = _draw_parser().parse_args(argv)
    population = Population.from_csv(_read_text(args.population, "population file"))
    if args.redraw is None:
        extra = [args.under_review, args.requested_by, args.reason]
        if any(value is not None for value in extra):
            raise BadInput("--under-review, --requested-by and --reason need --redraw")
        result = draw(population, args.seed)
    else:
        for option in ("under_review", "requested_by", "reason"):
            if getattr(args, option) is None:
                raise BadInput(f"--redraw needs --{option.replace('_', '-')}")
        for iso3 in (args.under_review, args.requested_by):
            if iso3 not in population:
                raise BadInput(f"unknown State {iso3}: not in the population")
        previous = Draw.from_json(_read_json(args.redraw, "previous draw"))
        result = redraw(
            population,
            previous,
            args.under_review,
            args.requested_by,
            args.reason,
            args.seed,
        )
    sys.stdout.write(result.dumps())
    return 0


def _run_verify(argv: list[str]) -> int:
    parser = _Parser(prog=f"{PROG} verify", description="Replay a stored draw record.")
    parser.add_argument("record", type=Path, metavar="RECORD.json")
    args = parser.parse_args(argv)
    problems = verify(_read_json(args.record, "draw record"))
    if problems:
        for problem in problems:
            print(f"MISMATCH: {problem}")
        return 1
    print("OK: the seed matches its commitment and the draw replays exactly.")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["verify"]:
            return _run_verify(argv[1:])
        return _run_draw(argv)
    except (BadInput, PopulationError, RecordError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except (InfeasibleDraw, RedrawRefused) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
