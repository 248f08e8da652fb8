"""Hỏi và đáp: question/answer pairs generated from a plan's front-matter and section structure."""

from .model import QA, Source

__all__ = ["QA", "QASet", "Source", "generate"]


def __getattr__(name: str):
    # The generator (and its question templates) is imported when questions are made, not by every build:
    # a warm build reads them back from the cache.
    if name in ("QASet", "generate"):
        from . import generator

        return getattr(generator, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
