"""A bounded least-recently-used cache: the turn cache and the components' per-sentence memos."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from typing import Any, Hashable


class LRU:
    """At most ``size`` entries: reading one marks it recently used, and adding one past the
    bound drops the least recently used. ``None`` is not a value (``get`` returns it for a miss).

    Threads of a Dask worker share a pipeline, and so its caches: an entry another thread
    drops between being read and being marked, or before being evicted, is ignored.
    """

    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any:
        value = self._data.get(key)
        if value is not None:
            with contextlib.suppress(KeyError):
                self._data.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._data[key] = value
        if len(self._data) > self.size:
            with contextlib.suppress(KeyError):
                self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
