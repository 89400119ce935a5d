"""Fixtures of the constructive dialogues' tests (¶53).

After the demo profile, dialogue 1 (trafficking working group, 40 days
ahead) takes applications and dialogue 2 (smuggling, 12 days ahead) has
closed them, with ngo-demo's application circulated.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def folder(portal):
    return portal["review"]["dialogues"]


@pytest.fixture
def states(portal):
    return portal["review"]["states"]
