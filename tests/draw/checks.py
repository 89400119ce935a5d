"""A second, independent statement of the rules, for the property tests.

Written apart from ``sherloc_review.draw.rules`` on purpose: the engine
checks its results with that module, so the tests must not trust it.
"""

from collections import Counter


def assert_valid(population, result):
    under_review = {e.iso3 for e in population.by_iso3.values() if e.under_review}
    members = [s for g in result.groups for s in g]
    assert len(result.groups) == 3
    assert Counter(members) == Counter(under_review), "groups must partition"
    sizes = [len(g) for g in result.groups]
    assert max(sizes) - min(sizes) <= 1, sizes
    for region in {population[s].regional_group for s in under_review}:
        per = [
            sum(population[s].regional_group == region for s in g)
            for g in result.groups
        ]
        assert max(per) - min(per) <= 1, (region, per)

    edges = set()
    load = Counter()
    assert {r.under_review for r in result.reviews} == under_review
    for review in result.reviews:
        s = population[review.under_review]
        states = [a.state for a in review.reviewers]
        assert len(states) == len(set(states)) and s.iso3 not in states
        assert len(states) <= s.max_reviewing_states
        roles = Counter(a.role for a in review.reviewers)
        if s.regional_group:
            assert roles["same"] == 1 and roles["other"] == 1, review
        else:
            assert roles["same"] == 0 and roles["other"] == 2, review
            groups = [
                population[a.state].regional_group
                for a in review.reviewers
                if a.role == "other"
            ]
            assert all(groups) and groups[0] != groups[1], review
        covered = Counter()
        base = Counter()
        for a in review.reviewers:
            shared = [
                i for i in s.reviewed_instruments if i in population[a.state].parties
            ]
            if a.role != "additional":
                assert list(a.instruments) == shared, (s.iso3, a)  # all it can
                base.update(a.instruments)
            r = population[a.state]
            assert r.statuses[0] == "party", "reviewers are States parties"
            if a.role == "same":
                assert r.regional_group == s.regional_group != ""
            if a.role == "other":
                assert r.regional_group != s.regional_group or not r.regional_group
            for instrument in a.instruments:
                assert instrument in r.parties
                assert instrument in s.reviewed_instruments
            covered.update(a.instruments)
            edges.add((a.state, s.iso3))
            load[a.state] += 1
        for instrument in s.reviewed_instruments:
            assert covered[instrument] >= 2, (s.iso3, instrument, review)
        for a in review.reviewers:
            if a.role == "additional":  # only for what the first two miss (¶28(b))
                assert all(base[i] < 2 for i in a.instruments), (s.iso3, a)
    for r, s in edges:
        assert (s, r) not in edges, f"mutual review {r} <-> {s}"
    for e in population.by_iso3.values():
        if e.statuses[0] == "party":
            cap = e.max_reviews or 3
            assert load[e.iso3] >= 1, f"{e.iso3} performs no review"
            assert load[e.iso3] <= cap, (e.iso3, load[e.iso3])
        else:
            assert load[e.iso3] == 0
