"""Every rule a draw must satisfy, checked independently of how it was made.

The engine runs :func:`violations` on each result before returning it, the
tests run it on thousands of random populations, and ``sherloc-draw
verify`` reports it.  Messages are diagnostics in English; a non-empty list
from the engine itself means a defect, never a draw to publish.

The rule for entities in no regional group (the European Union, the Holy
See, Cook Islands, Niue): no State shares their group, so they are reviewed
by two ``other`` reviewers from two different regional groups; as
reviewers they count as "another regional group" for every State.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .population import Population
from .result import Draw


def _balanced(counts) -> bool:
    counts = list(counts)
    return max(counts) - min(counts) <= 1


def group_violations(population: Population, draw: Draw) -> list[str]:
    """¶17: three groups of one third each, regional groups spread evenly."""
    found = []
    expected = {e.iso3 for e in population.under_review}
    members = [s for group in draw.groups for s in group]
    if len(draw.groups) != 3:
        found.append("there must be three groups (¶17)")
    if sorted(members) != sorted(expected):
        found.append("the groups must hold every State under review exactly once")
    if not _balanced(len(g) for g in draw.groups):
        found.append("the groups must be of one third each (¶17)")
    regions: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for index, group in enumerate(draw.groups):
        for iso3 in group:
            if iso3 in population:
                regions[population[iso3].regional_group][index] += 1
    for region, counts in sorted(regions.items()):
        if not _balanced(counts):
            found.append(
                f"regional group {region or '(none)'} is not spread evenly over "
                f"the groups: {counts} (¶17)"
            )
    return found


def review_violations(population: Population, draw: Draw) -> list[str]:
    """¶26, ¶28 (a) to (c), ¶29 and the rule for entities in no group."""
    found: list[str] = []
    reviewing: dict[str, set[str]] = defaultdict(set)
    seen = set()
    for review in draw.reviews:
        s = review.under_review
        seen.add(s)
        for a in review.reviewers:
            reviewing[a.state].add(s)
        if s not in population or not population[s].under_review:
            found.append(f"{s} is not a State under review")
            continue
        found.extend(_review_violations(population, review))
    missing = {e.iso3 for e in population.under_review} - seen
    found.extend(f"{s} has no reviewing States" for s in sorted(missing))
    for r, reviewed in sorted(reviewing.items()):
        found.extend(
            f"{r} and {s} review each other (¶28(a))"
            for s in sorted(reviewed)
            if r < s and r in reviewing.get(s, ())
        )
    loads = Counter({r: len(reviewed) for r, reviewed in reviewing.items()})
    for entity in population.by_iso3.values():
        load, cap = loads[entity.iso3], entity.review_cap
        if entity.is_state_party and load < 1:
            found.append(f"{entity.iso3} performs no review (¶29)")
        if load > cap:
            found.append(
                f"{entity.iso3} performs {load} reviews, more than {cap} (¶29)"
            )
    return found


def _review_violations(population: Population, review) -> list[str]:
    s = population[review.under_review]
    found = []
    states = review.states
    roles = Counter(a.role for a in review.reviewers)
    if len(set(states)) != len(states):
        found.append(f"{s.iso3} has the same reviewing State twice")
    if s.iso3 in states:
        found.append(f"{s.iso3} reviews itself")
    if len(states) > s.max_reviewing_states:
        found.append(f"{s.iso3} has {len(states)} reviewing States (¶28(c))")
    base = [a for a in review.reviewers if a.role != "additional"]
    if s.regional_group:
        if roles["same"] != 1 or roles["other"] != 1:
            found.append(f"{s.iso3} needs one 'same' and one 'other' reviewer (¶28)")
    elif roles["same"] or roles["other"] != 2:
        found.append(f"{s.iso3} (no regional group) needs two 'other' reviewers")
    others = [population[a.state].regional_group for a in base if a.role == "other"]
    if not s.regional_group and (not all(others) or len(set(others)) != len(others)):
        found.append(f"{s.iso3} needs its reviewers from two different regional groups")
    coverage: Counter[str] = Counter()
    base_coverage: Counter[str] = Counter()
    for a in review.reviewers:
        r = population.by_iso3.get(a.state)
        if r is None or not r.is_state_party:
            found.append(f"{a.state} reviews {s.iso3} but is not a State party")
            continue
        group = r.regional_group
        if a.role == "same" and (not group or group != s.regional_group):
            found.append(f"{a.state} is not from the regional group of {s.iso3}")
        if a.role == "other" and group and group == s.regional_group:
            found.append(f"{a.state} is from the regional group of {s.iso3}")
        shared = [i for i in s.reviewed_instruments if i in r.parties]
        if a.role != "additional" and list(a.instruments) != shared:
            found.append(
                f"{a.state} should review {s.iso3} for {shared}, not {a.instruments}"
            )
            continue
        if not a.instruments or not set(a.instruments) <= set(shared):
            found.append(f"{a.state} reviews {s.iso3} for {a.instruments} (¶28(b))")
        coverage.update(a.instruments)
        if a.role != "additional":
            base_coverage.update(a.instruments)
    for instrument in s.reviewed_instruments:
        if coverage[instrument] < 2:
            found.append(
                f"{s.iso3} has fewer than two reviewers for {instrument} (¶26)"
            )
    for a in review.reviewers:
        if a.role == "additional":
            extra = [i for i in a.instruments if base_coverage[i] >= 2]
            if extra:
                found.append(
                    f"additional reviewer {a.state} of {s.iso3} covers {extra}, "
                    "which the first two reviewers already cover (¶28(b))"
                )
    return found


def violations(population: Population, draw: Draw) -> list[str]:
    return group_violations(population, draw) + review_violations(population, draw)
