"""The suite's fixtures come from ``sherloc_portal.testing``.

Loaded here rather than through a ``pytest11`` entry point: pytest rewrites
every package of a distribution that declares one, and pkg_resources (used by
Chameleon and static views) cannot read templates through pytest's loader.
An add-on's own test suite declares the same line in its conftest.
"""

pytest_plugins = ["sherloc_portal.testing"]
