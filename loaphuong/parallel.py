"""Independent work (drawing cards, generating Q&A) spread over the machine's cores.

Worker processes are spawned, not forked: `mkdocs serve` runs threads, and a forked child of a threaded
process can deadlock. Small batches stay in-process, where starting workers would cost more than it saves.
LOAPHUONG_JOBS=1 keeps everything in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_BATCH = 40  # below this, spawning workers (~0.3 s each) costs more than it saves


def jobs() -> int:
    try:
        return max(1, int(os.environ["LOAPHUONG_JOBS"]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


def map_all(fn: Callable[[T], R], items: Iterable[T], min_batch: int = MIN_BATCH) -> list[R]:
    """[fn(item) for item in items], in order; on several processes when the batch is large enough.

    `fn` must be a module-level function and items picklable.
    """
    items = list(items)
    workers = min(jobs(), len(items) // max(1, min_batch // 2) or 1)
    if workers < 2 or len(items) < min_batch:
        return [fn(item) for item in items]
    chunk = max(1, len(items) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(fn, items, chunksize=chunk))
