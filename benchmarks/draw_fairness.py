"""Fairness and speed of the drawing of lots on the real population.

Run by hand (not part of the tests)::

    .venv/bin/python benchmarks/draw_fairness.py [--seeds 1000] [--population FILE]

Prints, over ``--seeds`` seeds (``fairness-0`` … ``fairness-N``): the
highest probability of any ordered pair (reviewer, reviewed), the spread of
each State's expected load, how many reviewing States a review gets, how
often a review has a reviewer sharing a working language or a legal-system
family, and the time of a draw and of a redraw.  Copy the output into
``benchmarks/RESULTS.md`` with the machine and the date.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from sherloc_review.draw import Population, draw
from sherloc_review.draw.redraw import redraw

DEFAULT = Path(__file__).resolve().parent.parent / "profiles/default/states.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--population", type=Path, default=DEFAULT)
    args = parser.parse_args()
    population = Population.from_csv(args.population.read_text(encoding="utf-8"))
    pairs: Counter[tuple[str, str]] = Counter()
    loads: Counter[str] = Counter()
    sizes: Counter[int] = Counter()
    language = legal = language_possible = legal_possible = 0
    timings = []
    for n in range(args.seeds):
        started = time.perf_counter()
        result = draw(population, f"fairness-{n}")
        timings.append(time.perf_counter() - started)
        for review in result.reviews:
            s = population[review.under_review]
            sizes[len(review.reviewers)] += 1
            reviewers = [population[a.state] for a in review.reviewers]
            for r in reviewers:
                pairs[(r.iso3, s.iso3)] += 1
                loads[r.iso3] += 1
            if s.languages:
                language_possible += 1
                language += any(set(r.languages) & set(s.languages) for r in reviewers)
            if s.legal_system:
                legal_possible += 1
                legal += any(r.legal_system == s.legal_system for r in reviewers)
    seeds = args.seeds
    top = pairs.most_common(5)
    expected = {e.iso3: loads[e.iso3] / seeds for e in population.reviewers}
    reviews = sum(sizes.values())
    print(
        f"population: {args.population.name}, {len(population.under_review)} "
        f"under review, {len(population.reviewers)} reviewers; {seeds} seeds"
    )
    print(
        f"highest ordered-pair probability: {top[0][1] / seeds:.3f} "
        f"({', '.join(f'{r}->{s} {c / seeds:.3f}' for (r, s), c in top)})"
    )
    print(f"ordered pairs ever drawn: {len(pairs)}")
    print(
        f"expected load per State: min {min(expected.values()):.2f}, "
        f"max {max(expected.values()):.2f}, "
        f"mean {statistics.fmean(expected.values()):.2f}"
    )
    print(
        "reviewing States per review: "
        + ", ".join(f"{k}: {v / reviews:.1%}" for k, v in sorted(sizes.items()))
    )
    print(
        f"reviews with a reviewer sharing a UN working language: "
        f"{language / language_possible:.1%} (of reviews of States with one)"
    )
    print(
        f"reviews with a reviewer of the same legal-system family: "
        f"{legal / legal_possible:.1%}"
    )
    print(
        f"draw time: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms"
    )
    _time_redraws(population)


def _time_redraws(population: Population) -> None:
    result = draw(population, "fairness-redraw")
    timings = []
    for n, review in enumerate(result.reviews[:50]):
        started = time.perf_counter()
        redraw(
            population,
            result,
            review.under_review,
            review.under_review,
            "exceptional",
            f"redraw-{n}",
        )
        timings.append(time.perf_counter() - started)
    print(
        f"redraw time: median {statistics.median(timings) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms (50 redraws)"
    )


if __name__ == "__main__":
    main()
