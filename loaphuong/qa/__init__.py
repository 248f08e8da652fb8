"""Hỏi và đáp: question/answer pairs generated from a plan's front-matter and section structure."""

from .generator import QASet, generate
from .model import QA, Source

__all__ = ["QA", "QASet", "Source", "generate"]
