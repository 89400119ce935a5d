"""A BTree folder: the container every growing collection is built on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$")


class FolderKeyError(KeyError):
    """The name is taken, malformed, or missing."""


class Resource(Persistent):
    """Base of every node: ``__name__``, ``__parent__`` and a schema version.

    ``schema_version`` is a class attribute that upgrade steps bump; an
    instance written by an older version keeps the old number in its state.
    """

    __name__: str | None = None
    __parent__ = None
    schema_version = 1

    def __init__(self) -> None:
        super().__init__()
        self.schema_version = type(self).schema_version


class Folder(Resource):
    """Items in an ``OOBTree`` with a conflict-free ``Length`` counter."""

    def __init__(self) -> None:
        super().__init__()
        self.data = OOBTree()
        self._num_objects = Length()

    @staticmethod
    def check_name(name: str) -> str:
        if not isinstance(name, str) or not _NAME.match(name):
            raise FolderKeyError(f"invalid name {name!r}")
        return name

    def __getitem__(self, name: str):
        return self.data[name]

    def get(self, name: str, default=None):
        return self.data.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self.data

    def __len__(self) -> int:
        return self._num_objects()

    def __iter__(self) -> Iterator[str]:
        return iter(self.data.keys())

    def keys(self):
        return self.data.keys()

    def values(self):
        return self.data.values()

    def items(self):
        return self.data.items()

    def add(self, name: str, obj, replace: bool = False):
        """Add ``obj`` under ``name`` and set its ``__name__``/``__parent__``."""
        self.check_name(name)
        if name in self.data and not replace:
            raise FolderKeyError(f"{name!r} already exists")
        if name not in self.data:
            self._num_objects.change(1)
        obj.__name__ = name
        obj.__parent__ = self
        self.data[name] = obj
        return obj

    __setitem__ = add

    def remove(self, name: str):
        obj = self.data.pop(name)
        self._num_objects.change(-1)
        return obj

    __delitem__ = remove

    def page(self, start: int = 0, size: int = 50) -> list:
        """One page of values in key order, without loading the rest."""
        return list(self.data.values()[start : start + size])
