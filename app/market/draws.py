"""Keyed draws: every random outcome of the market is a hash of its key, never a global RNG.

``unit(*parts)`` hashes a canonical encoding of the parts with BLAKE2b (8-byte digest) and
maps it to a float in [0, 1). The same parts give the same number on every machine, in every
process, whatever the order in which requests arrive: a draw keyed by (exercise seed, run,
record, action kind, action ordinal, what is drawn) is a pure function of that key.

The encoding is a concatenation, part by part, of ``tag length ":" payload`` (``i`` for an
integer written in decimal, ``s`` for UTF-8 text): unambiguous (``("ab", "c")`` and
``("a", "bc")`` differ, so do ``1`` and ``"1"``) and prefix-friendly, so a batch of keys that
share their first parts hashes the prefix once (``unit_batch``).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

T = TypeVar("T")
Part = int | str

#: A draw is 53 bits (a float's mantissa): uniform on the grid k / 2**53.
_BITS = 53
_SCALE = 1.0 / float(1 << _BITS)
#: Weights may miss 1 by this much (float sums); more is a caller's mistake.
WEIGHT_TOLERANCE = 1e-9


def encode(parts: Iterable[Part]) -> bytes:
    """The canonical bytes of a key (see the module's docstring)."""
    out = bytearray()
    for part in parts:
        if isinstance(part, str):
            payload = part.encode("utf-8")
            out += b"s"
        elif isinstance(part, int):  # bool is an int: True is 1, False is 0
            payload = str(int(part)).encode("ascii")
            out += b"i"
        else:
            raise TypeError(f"a key part is an int or a str, not {type(part).__name__}")
        out += str(len(payload)).encode("ascii") + b":" + payload
    return bytes(out)


def _digest(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def unit(*parts: Part) -> float:
    """A number in [0, 1) drawn from the key ``parts``: the same parts, the same number."""
    return (_digest(encode(parts)) >> (64 - _BITS)) * _SCALE


def derive(*parts: Part) -> int:
    """A 63-bit seed derived from the key ``parts`` (a run's seed from the exercise's, a
    person's generator from the population's)."""
    return _digest(encode(parts)) >> 1


def unit_batch(
    prefix: Sequence[Part], varying: Iterable[Part], suffix: Sequence[Part] = ()
) -> npt.NDArray[np.float64]:
    """``[unit(*prefix, v, *suffix) for v in varying]`` as an array, hashing the prefix once:
    the vectorised path of the simulations and the statistical test."""
    head = hashlib.blake2b(encode(prefix), digest_size=8)
    tail = encode(suffix)
    digests: list[bytes] = []
    append = digests.append
    copy = head.copy
    for value in varying:
        if type(value) is str:  # the common cases, inlined: encode((value,)) + tail
            text = value.encode("utf-8")
            piece = b"s%d:%s%s" % (len(text), text, tail)
        elif type(value) is int:
            text = b"%d" % value
            piece = b"i%d:%s%s" % (len(text), text, tail)
        else:
            piece = encode((value,)) + tail
        h = copy()
        h.update(piece)
        append(h.digest())
    words = np.frombuffer(b"".join(digests), dtype=">u8") >> np.uint64(64 - _BITS)
    return words.astype(np.float64) * _SCALE


def _checked(weights: Sequence[float]) -> None:
    if not weights:
        raise ValueError("nothing to choose from")
    if any(not math.isfinite(w) or w < 0 for w in weights):
        raise ValueError("weights are finite and non-negative")
    total = math.fsum(weights)
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise ValueError(f"weights sum to {total!r}, not 1")


def choose(u: float, weights: Sequence[tuple[T, float]]) -> T:
    """The item whose cumulative bucket holds ``u`` (in [0, 1)). Weights sum to 1 within
    1e-9; an item of weight 0 is never chosen; a ``u`` beyond the last cumulative sum (a
    float rounding) falls in the last bucket of positive weight."""
    _checked([w for _, w in weights])
    cumulative = 0.0
    last: T | None = None
    for item, weight in weights:
        if weight <= 0:
            continue
        cumulative += weight
        last = item
        if u < cumulative:
            return item
    assert last is not None  # at least one weight is positive since they sum to 1
    return last


def choose_batch(us: npt.NDArray[np.float64], weights: Sequence[float]) -> npt.NDArray[np.intp]:
    """``choose`` for an array of draws: the index of each draw's bucket (the same as the
    scalar ``choose`` gives for each, zero-width buckets skipped likewise)."""
    _checked(weights)
    cumulative = np.cumsum(np.asarray(weights, dtype=np.float64))
    indices = np.searchsorted(cumulative, us, side="right")
    last_positive = max(i for i, w in enumerate(weights) if w > 0)
    return np.minimum(indices, last_positive).astype(np.intp)
