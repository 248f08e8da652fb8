"""Loa Phường: the domain of ward plans (Kế hoạch), independent of MkDocs.

The plan model, loading and validation live here and import nothing from MkDocs;
`hooks/` and `scripts/` are thin shells around this package.
"""

__version__ = "0.1.0"
