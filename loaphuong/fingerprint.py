"""A stable hash of the data a page is rendered from, so `make serve` rebuilds only the pages whose data
changed. A plan counts by its digest (its file's path and text), a topic by its slug (chuyen-muc.yml is
watched as a whole); everything else by value."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from enum import Enum

from .plan import Plan
from .topic import Topic


def fingerprint(*values, memo: dict | None = None) -> str:
    """`memo` (a dict kept over several calls on the same live objects) hashes each shared object once."""
    h = hashlib.sha256()
    for value in values:
        _feed(h.update, value, set(), memo)
    return h.hexdigest()


def _feed(out, value, seen: set, memo: dict | None = None) -> None:
    if value is None or isinstance(value, (bool, int, float, str, dt.date, Enum)):
        out(f"{type(value).__name__}:{value!r}\0".encode("utf-8", "surrogatepass"))
    elif isinstance(value, (bytes, bytearray)):  # a file's content (mkdocs.yml, chuyen-muc.yml)
        out(b"bytes:" + hashlib.sha256(value).digest())
    elif isinstance(value, Plan):
        out(f"Plan:{value.digest or id(value)}\0".encode())
    elif isinstance(value, Topic):  # topics change only with plans/chuyen-muc.yml, which rebuilds everything
        out(f"Topic:{value.loai}/{value.slug}\0".encode())
    elif isinstance(value, dict):
        out(b"{")
        for key in sorted(value, key=repr):
            _feed(out, key, seen, memo)
            _feed(out, value[key], seen, memo)
        out(b"}")
    elif isinstance(value, (list, tuple)):
        out(b"[")
        for item in value:
            _feed(out, item, seen, memo)
        out(b"]")
    elif isinstance(value, (set, frozenset)):
        out(b"<")
        for item in sorted(value, key=repr):
            _feed(out, item, seen, memo)
        out(b">")
    elif callable(value) and not dataclasses.is_dataclass(value):
        out(f"fn:{getattr(value, '__qualname__', '')}\0".encode())
    else:
        if id(value) in seen:  # a cycle: the object is already counted
            out(b"^")
            return
        if memo is not None:
            if id(value) not in memo:
                sub = hashlib.sha256()
                _feed_object(sub.update, value, seen, memo)
                memo[id(value)] = (value, sub.digest())  # the value is held so its id is not reused
            out(memo[id(value)][1])
            return
        _feed_object(out, value, seen, memo)


def _feed_object(out, value, seen: set, memo: dict | None) -> None:
    seen.add(id(value))
    out(f"{type(value).__qualname__}(".encode())
    if dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    elif hasattr(value, "__dict__"):
        fields = dict(vars(value))
    else:  # slots along the whole class hierarchy; an object with no fields at all (a Path) by its repr
        names = [n for cls in type(value).__mro__ for n in _slots(cls)]
        fields = {name: getattr(value, name, None) for name in names} or {"repr": repr(value)}
    for key in sorted(fields):
        if not key.startswith("__"):
            _feed(out, key, seen, memo)
            _feed(out, fields[key], seen, memo)
    out(b")")


def _slots(cls) -> tuple[str, ...]:
    slots = cls.__dict__.get("__slots__", ())
    return (slots,) if isinstance(slots, str) else tuple(slots)
