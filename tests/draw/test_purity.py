"""The engine stays pure Python: no Pyramid, no ZODB, no ``random``."""

import ast
from pathlib import Path

import sherloc_review.draw

FORBIDDEN = ("pyramid", "ZODB", "persistent", "BTrees", "transaction", "random")


def test_engine_imports_nothing_of_the_portal():
    package = Path(sherloc_review.draw.__file__).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, (module.name, name)
                assert not name.startswith("sherloc_"), (module.name, name)
