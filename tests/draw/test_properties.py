"""Property tests: every draw the engine returns keeps every rule.

Random populations and seeds come from hypothesis; a draw either keeps all
the rules (checked by ``checks.assert_valid``, not by the engine's own
checker) or says, with a message, that the population cannot be drawn.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sherloc_review.draw import Entity, InfeasibleDraw, Population, draw
from sherloc_review.draw.rules import violations

from .checks import assert_valid

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
STATUS = st.sampled_from(["party", "party", "party", "none", "signatory"])


@st.composite
def populations(draw_, comfortable: bool = False):
    # Comfortable: no regional group larger than the others can serve.
    regions = draw_(st.integers(3 if comfortable else 2, 5))
    entities = []
    for region in range(regions):
        # Mostly groups the rules can serve; now and then one too small.
        sizes = st.integers(3, 14) | st.integers(3, 14) | st.integers(1, 2)
        size = draw_(st.integers(5, 10) if comfortable else sizes)
        for k in range(size):
            entities.append(
                _entity(draw_, f"R{region}", f"{chr(65 + region)}{k:02d}", comfortable)
            )
    for k in range(draw_(st.integers(0, 3))):
        entities.append(_entity(draw_, "", f"Z{k:02d}", comfortable))
    return Population(entities)


def _entity(draw_, region, code, comfortable):
    iso3 = code[0] + chr(65 + int(code[1])) + chr(65 + int(code[2]))
    if comfortable:
        statuses = ("party",) * 4
        volunteer, cap = False, None
    else:
        convention = draw_(st.sampled_from(["party"] * 6 + ["signatory", "none"]))
        protocols = tuple(
            draw_(STATUS)
            if convention == "party"
            else draw_(st.sampled_from(["signatory", "none"]))
            for _ in range(3)
        )
        statuses = (convention, *protocols)
        volunteer = draw_(st.booleans()) if draw_(st.integers(0, 9)) == 0 else False
        cap = draw_(st.sampled_from([None, None, None, 2, 3]))
        if volunteer and convention == "party":
            cap = draw_(st.sampled_from([None, 3, 4, 5]))
    return Entity(
        iso3=iso3,
        regional_group=region,
        statuses=statuses,
        languages=tuple(draw_(st.sets(st.sampled_from(["en", "fr", "es"])))),
        legal_system=draw_(st.sampled_from(["civil", "common", "mixed", ""])),
        volunteer=volunteer,
        max_reviews=cap,
    )


SEEDS = st.text(min_size=1, max_size=20).filter(lambda s: s.strip())


@SETTINGS
@given(populations(), SEEDS)
def test_any_population_is_drawn_validly_or_refused_with_a_reason(population, seed):
    try:
        result = draw(population, seed)
    except InfeasibleDraw as refusal:
        text = str(refusal)
        assert len(text) > 40 and "${" not in text, text  # a reason, fully worded
        return
    assert_valid(population, result)
    assert violations(population, result) == []
    assert draw(population, seed) == result


@SETTINGS
@given(populations(comfortable=True), SEEDS)
def test_comfortable_populations_are_always_drawn(population, seed):
    assert_valid(population, draw(population, seed))


@settings(max_examples=15, deadline=None)
@given(SEEDS)
def test_real_population_any_seed(real_population, seed):
    assert_valid(real_population, draw(real_population, seed))
